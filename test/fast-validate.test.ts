// The fast validation path (src/facts/fast-validate.ts) against zod, the source of truth (given, as on the slow path, the
// input's own enumerable properties only: own-data.ts): on valid questions of
// every kind and on questions broken in one place, the compiled checker accepts exactly what zod accepts and
// returns exactly zod's data (same keys, same order, `undefined` kept where zod keeps it).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isCalendarDate } from '../src/derive/dates.js';
import { QUESTION_KINDS } from '../src/facts/constants.js';
import { describeSchema } from '../src/facts/describe-schema.js';
import { compileChecker, fastChecker, fastDecisionChecker, isCalendarDateFast } from '../src/facts/fast-validate.js';
import { ownData } from '../src/facts/own-data.js';
import { questionSchemas } from '../src/facts/questions.js';
import { validateQuestion } from '../src/facts/validate.js';
import { mutate, randomQuestions, rng } from './support/random-questions.js';

/**
 * Whether every object in `v` has Object.prototype or no prototype (arrays: Array.prototype). The fast checker
 * leaves any other to zod (given the own-data copy, whose answer validateQuestion then gives: checked below).
 */
function plain(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return true;
  const p = Object.getPrototypeOf(v);
  if (Array.isArray(v) ? p !== Array.prototype : p !== Object.prototype && p !== null) return false;
  return Object.values(v).every(plain);
}

const N = Number(process.env.FAST_VALIDATE_N ?? 2000);

/** Deep equality that also checks key order and own `undefined` keys (what toStrictEqual does not). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

describe('fast validation (checker compiled from the zod schemas)', () => {
  it('compiles every question kind', () => {
    for (const kind of QUESTION_KINDS) expect(fastChecker(kind), kind).not.toBeNull();
  });

  for (const kind of QUESTION_KINDS) {
    it(`${kind}: valid questions give zod's data, as a fresh copy`, () => {
      const check = fastChecker(kind);
      for (const q of randomQuestions(kind, N, 7)) {
        const zr = questionSchemas[kind].safeParse(ownData(q));
        expect(zr.success, JSON.stringify(q)).toBe(true);
        const fast = check?.(q);
        expect(fast).not.toBeNull();
        expect(same(fast, zr.data), JSON.stringify(q)).toBe(true);
        expect(fast).not.toBe(q);
      }
    });

    it(`${kind}: broken questions are refused exactly when zod refuses them`, () => {
      const check = fastChecker(kind);
      const next = rng(99);
      let refused = 0;
      for (const q of randomQuestions(kind, N, 11)) {
        const bad = mutate(q, next);
        const zr = questionSchemas[kind].safeParse(ownData(bad));
        const fast = check?.(bad) ?? null;
        if (!zr.success) refused++;
        expect(fast !== null, `${JSON.stringify(bad)}: zod says ${zr.success}`).toBe(zr.success && plain(bad));
        if (fast !== null) expect(same(fast, zr.data), JSON.stringify(bad)).toBe(true);
      }
      expect(refused).toBeGreaterThan(N / 3);
    });
  }

  it("evaluate's copy (fixed layout) accepts exactly what zod accepts, with zod's values", () => {
    const next = rng(17);
    for (const kind of QUESTION_KINDS) {
      const check = fastDecisionChecker(kind);
      expect(check, kind).not.toBeNull();
      for (const q of randomQuestions(kind, 500, 9)) {
        for (const input of [q, mutate(q, next)]) {
          const zr = questionSchemas[kind].safeParse(ownData(input));
          const copy = check?.(input) ?? null;
          expect(copy !== null, JSON.stringify(input)).toBe(zr.success && plain(input));
          // Same values; keys zod leaves out are present as `undefined` (toEqual treats them alike).
          if (copy !== null) expect(copy).toEqual(zr.data);
        }
      }
    }
    const copy = fastDecisionChecker('disclosure')?.({
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'dpo' },
      information: { kind: 'presence', identifiable: true },
    }) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(Object.keys(questionSchemas.disclosure.shape));
    expect(Object.keys(copy.actor as object)).toEqual(['role', 'name', 'involvedInCase', 'appointedByUpsu']);
  });

  it('validateQuestion gives the same result with and without the fast path', () => {
    const next = rng(5);
    for (const kind of QUESTION_KINDS)
      for (const q of randomQuestions(kind, 300, 3)) {
        const bad = mutate(q, next);
        const r = validateQuestion(bad);
        const zr = questionSchemas[kind].safeParse(ownData(bad));
        expect(r.ok).toBe(zr.success);
        if (r.ok && zr.success) expect(same(r.value, zr.data)).toBe(true);
      }
  });

  it('edge cases: present-but-undefined optional keys, inherited keys, non-objects, astral strings', () => {
    const check = fastChecker('disclosure');
    const base = {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'dpo' },
      information: { kind: 'presence', identifiable: true },
    };
    const cases: unknown[] = [
      { ...base, purpose: undefined },
      { ...base, purpose: null },
      Object.assign(Object.create({ extra: 1 }), base),
      Object.assign(Object.create(null), base),
      { ...base, actor: { role: 'adviser', name: '🙂'.repeat(200) } },
      { ...base, actor: { role: 'adviser', name: '🙂'.repeat(201) } },
      { ...base, actor: { role: 'adviser', name: 'x'.repeat(201) } },
      { ...base, asOf: '2024-02-29' },
      { ...base, asOf: '2023-02-29' },
      JSON.parse(
        '{"question":"disclosure","__proto__":{"x":1},"actor":{"role":"adviser"},"recipient":{"role":"dpo"},"information":{"kind":"presence","identifiable":true}}',
      ),
      [],
      null,
      'disclosure',
      new Map(),
    ];
    for (const c of cases) {
      const zr = questionSchemas.disclosure.safeParse(ownData(c));
      const fast = check?.(c) ?? null;
      expect(fast !== null, String(JSON.stringify(c))).toBe(zr.success && plain(c));
      if (fast !== null) expect(same(fast, zr.data)).toBe(true);
    }
    const statistics = fastChecker('statistics-release');
    for (const n of [0, 3, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3']) {
      const q = {
        question: 'statistics-release',
        actor: { role: 'advice-lead' },
        recipient: { role: 'pms' },
        fields: [],
        smallestCount: n,
      };
      expect(statistics?.(q) !== null, String(n)).toBe(
        questionSchemas['statistics-release'].safeParse(ownData(q)).success,
      );
    }
  });

  it('its calendar-date test agrees with isCalendarDate (the isoDate refinement)', () => {
    const strings: unknown[] = ['', '2024-02-29', '2023-02-29', '0000-01-01', '0001-01-01', '9999-12-31', '2024-1-01'];
    for (let y = 0; y <= 2400; y += y < 30 || (y > 1890 && y < 2110) || y % 100 === 0 ? 1 : 7)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++)
          strings.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const next = rng(42);
    const alphabet = '0123456789-/ 9٣\n';
    for (let i = 0; i < 50_000; i++) {
      const n = Math.floor(next() * 12);
      let s = '';
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(next() * alphabet.length)];
      strings.push(s, `2024-0${s}`.slice(0, 10), `${s}2024-02-28`.slice(-10));
    }
    strings.push('2024-02-28\n', '２０２４-01-01', 20240101, null, undefined, {});
    for (const s of strings) expect(isCalendarDateFast(s), String(s)).toBe(isCalendarDate(s));
  });

  it('does not describe a schema it cannot mirror (zod then validates alone)', () => {
    expect(describeSchema(z.string().transform((s) => s.length))).toBeNull();
    expect(describeSchema(z.string().refine((s) => s.length > 2))).toBeNull();
    expect(describeSchema(z.object({ a: z.string() }).catchall(z.number()))).toBeNull();
    expect(describeSchema(z.number().default(3))).toBeNull();
    expect(compileChecker(null)).toBeNull();
    const plain = compileChecker(describeSchema(z.object({ a: z.string(), b: z.number().int().min(1).optional() })));
    expect(plain?.({ a: 'x', extra: true })).toEqual({ a: 'x' });
    expect(plain?.({ a: 'x', b: 0 })).toBeNull();
  });
});
