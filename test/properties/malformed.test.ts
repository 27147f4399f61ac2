// Arbitrary JSON either decides or throws PolicyInputError with issues: never another error, never a permit
// from a malformed question, never an input value in a message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, PolicyInputError, safeEvaluate } from '../../src/index.js';
import { anyJson, malformedQuestion, params, SECRET, timeout } from '../support/arbitraries.js';

const ISSUE_CODES = [
  'invalid-json',
  'invalid-type',
  'required',
  'unknown-question',
  'unknown-field',
  'invalid-value',
  'invalid-date',
  'too-small',
  'too-big',
  'invalid-format',
  'invalid',
];

function decideOrIssues(v: unknown): PolicyInputError | null {
  try {
    const d = evaluate(v);
    expect(typeof d.outcome).toBe('string');
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyInputError);
    const err = e as PolicyInputError;
    expect(err.issues.length).toBeGreaterThan(0);
    for (const i of err.issues) {
      expect(ISSUE_CODES).toContain(i.code);
      expect(Array.isArray(i.path)).toBe(true);
      for (const p of i.path) expect(['string', 'number']).toContain(typeof p);
      expect(typeof i.message).toBe('string');
    }
    return err;
  }
}

describe('malformed input', () => {
  it(
    'arbitrary JSON decides or throws PolicyInputError with issues, and safeEvaluate agrees without throwing',
    () => {
      fc.assert(
        fc.property(anyJson, (v) => {
          const err = decideOrIssues(v);
          const r = safeEvaluate(v);
          expect(r.ok).toBe(err === null);
          if (!r.ok && err) expect(r.issues).toEqual(err.issues);
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'a malformed question is never decided (so never permitted), and no message repeats a value given',
    () => {
      fc.assert(
        fc.property(malformedQuestion, ({ question }) => {
          const err = decideOrIssues(question);
          expect(err, JSON.stringify(question)).not.toBeNull();
          expect(err?.message).not.toContain(SECRET);
          for (const i of err?.issues ?? []) expect(i.message).not.toContain(SECRET);
          expect(JSON.stringify(err?.issues)).not.toContain(SECRET);
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );

  it('deep nesting, long strings, many keys: issues, not a crash', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    let deepArr: unknown = [];
    for (let i = 0; i < 100_000; i++) deepArr = [deepArr];
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const cases: unknown[] = [
      { question: 'disclosure', actor: deep, recipient: deep, information: deep },
      { question: 'breach', raisedBy: 'adviser', ground: 'harm', steps: deepArr },
      { ...wide, question: 'recording' },
      {
        question: 'statistics-release',
        actor: { role: 'adviser' },
        recipient: { role: 'pms' },
        fields: Array(100_000).fill('x'),
      },
      { question: 'recording', consentToRecord: true, relevant: true, x: 'y'.repeat(10_000_000) },
      { question: 'x'.repeat(1_000_000) },
      deep,
      deepArr,
    ];
    for (const [i, c] of cases.entries()) {
      const err = decideOrIssues(c);
      expect(err, String(i)).not.toBeNull();
      // One issue per unknown key of the wide object; otherwise a handful.
      if (i !== 2) expect(err?.issues.length, String(i)).toBeLessThan(10);
    }
  }, 60_000);
});
