// Only a question's own properties are read. A field it inherits — from an `Object.create(proto)` input, or from
// a polluted Object.prototype — is not given: it never changes a decision and never makes an invalid question
// valid, on the compiled path (`evaluate`, `safeEvaluate`) or the reference interpreter (`evaluateWithEngine`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditCase, evaluate, evaluateWithEngine, PolicyInputError, safeEvaluate } from '../../src/index.js';
import { anyQuestion, malformedQuestion, params, RUNS, timeout } from '../support/arbitraries.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `own` with `donor`'s fields underneath, all the way down: every object of `own` becomes an object whose
 * prototype holds the donor's fields at the same place (a donor's nested objects are inherited whole).
 */
function withInherited(own: unknown, donor: unknown): unknown {
  if (Array.isArray(own)) return own.map((x, i) => withInherited(x, Array.isArray(donor) ? donor[i] : undefined));
  if (!isObj(own)) return own;
  const out = Object.create(isObj(donor) ? structuredClone(donor) : {}) as Obj;
  for (const k of Object.keys(own)) out[k] = withInherited(own[k], isObj(donor) ? donor[k] : undefined);
  return out;
}

/** `q` without its field `k`. */
function without(q: Obj, k: string): Obj {
  const { [k]: _dropped, ...rest } = q;
  return rest;
}

/** What `safeEvaluate` says, as plain data to compare. */
const answer = (q: unknown) => structuredClone(safeEvaluate(q));

/** What `evaluateWithEngine` says: the decision, or the issues it throws. */
async function engineAnswer(q: unknown): Promise<unknown> {
  try {
    return { ok: true, decision: structuredClone(await evaluateWithEngine(q)) };
  } catch (e) {
    if (!(e instanceof PolicyInputError)) throw e;
    return { ok: false, issues: structuredClone(e.issues) };
  }
}

/**
 * Runs `f` with `fields` put on Object.prototype (enumerable or not), and always takes them off again. zod is
 * loaded by then (the tests import it statically), as a library user's would be after its first error report.
 */
async function polluted<T>(fields: Obj, enumerable: boolean, f: () => T | Promise<T>): Promise<T> {
  const keys = Object.keys(fields).filter((k) => !Object.hasOwn(Object.prototype, k));
  try {
    for (const k of keys)
      Object.defineProperty(Object.prototype, k, { value: fields[k], enumerable, configurable: true, writable: true });
    return await f();
  } finally {
    for (const k of keys) delete (Object.prototype as Obj)[k];
  }
}

const ENGINE_RUNS = Math.max(50, Math.min(RUNS, 300));
const RUNS_HERE = Math.min(RUNS, 3000);

describe('inherited fields are not read (Object.create inputs)', () => {
  it(
    'a valid question with another question’s fields inherited at every level: the same decision',
    () => {
      fc.assert(
        fc.property(anyQuestion, anyQuestion, (q, donor) => {
          expect(answer(withInherited(q, donor))).toEqual(answer(q));
        }),
        params(RUNS_HERE),
      );
    },
    timeout(RUNS_HERE),
  );

  it(
    'a field moved to the prototype is absent: the answer is the one without it (an invalid question stays invalid)',
    () => {
      fc.assert(
        fc.property(anyQuestion, fc.nat(), (q, i) => {
          const keys = Object.keys(q);
          const k = keys[i % keys.length] as string;
          const moved = Object.assign(Object.create({ [k]: q[k] }), without(q, k));
          const expected = answer(without(q, k));
          expect(answer(moved)).toEqual(expected);
          // Taking a required field away is never made good by inheriting it.
          if (!expected.ok) expect(() => evaluate(moved)).toThrow(PolicyInputError);
        }),
        params(RUNS_HERE),
      );
    },
    timeout(RUNS_HERE),
  );

  it(
    'a malformed question with a valid one’s fields inherited: the same issues',
    () => {
      fc.assert(
        fc.property(malformedQuestion, anyQuestion, ({ question }, donor) => {
          const expected = answer(question);
          expect(expected.ok).toBe(false);
          expect(answer(withInherited(question, donor))).toEqual(expected);
        }),
        params(RUNS_HERE),
      );
    },
    timeout(RUNS_HERE),
  );

  it(
    'evaluateWithEngine: the same as without the inherited fields',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyQuestion, anyQuestion, fc.nat(), async (q, donor, i) => {
          expect(await engineAnswer(withInherited(q, donor))).toEqual(await engineAnswer(q));
          const keys = Object.keys(q);
          const k = keys[i % keys.length] as string;
          const moved = Object.assign(Object.create({ [k]: q[k] }), without(q, k));
          expect(await engineAnswer(moved)).toEqual(await engineAnswer(without(q, k)));
        }),
        params(ENGINE_RUNS),
      );
    },
    timeout(ENGINE_RUNS * 20),
  );
});

describe('a polluted Object.prototype is not read', () => {
  for (const enumerable of [false, true])
    it(
      `another question’s fields on Object.prototype (${enumerable ? 'enumerable' : 'not enumerable'}) change no answer, on either engine`,
      async () => {
        await fc.assert(
          fc.asyncProperty(anyQuestion, anyQuestion, fc.nat(), async (q, donor, i) => {
            const keys = Object.keys(q);
            const k = keys[i % keys.length] as string;
            const short = without(q, k);
            const before = [answer(q), answer(short), await engineAnswer(q), await engineAnswer(short)];
            // The donor's fields, and the very field taken away, on the prototype of every object.
            const after = await polluted({ ...donor, [k]: q[k] }, enumerable, async () => [
              answer(q),
              answer(short),
              await engineAnswer(q),
              await engineAnswer(short),
            ]);
            expect(after).toEqual(before);
          }),
          params(ENGINE_RUNS),
        );
      },
      timeout(ENGINE_RUNS * 20),
    );

  it(
    'a decision’s own field names on Object.prototype (escalateTo, violations…) change no decision, with or without a trace, on either engine',
    async () => {
      // The fields rules set with `params.set`. A decision built field by field once read them through `in` and
      // `??`, so a polluted prototype put an `escalateTo` of its own, or an entry of `violations`, in the decision.
      const decisionFields: Obj = {
        escalateTo: 'polluted',
        destroyAfter: 'polluted',
        nextStep: 'polluted',
        respondBy: 'polluted',
        missing: ['polluted'],
        violations: ['polluted'],
      };
      const traced = (q: unknown) => structuredClone(safeEvaluate(q, { explain: true }));
      const engineTraced = async (q: unknown) => {
        try {
          return structuredClone(await evaluateWithEngine(q, { explain: true }));
        } catch (e) {
          if (!(e instanceof PolicyInputError)) throw e;
          return structuredClone(e.issues);
        }
      };
      await fc.assert(
        fc.asyncProperty(anyQuestion, fc.boolean(), async (q, enumerable) => {
          const all = async () => [answer(q), traced(q), await engineAnswer(q), await engineTraced(q)];
          const before = await all();
          expect(await polluted(decisionFields, enumerable, all)).toEqual(before);
        }),
        params(ENGINE_RUNS),
      );
    },
    timeout(ENGINE_RUNS * 20),
  );

  it(
    'a question given as class instances (checked by zod, not the compiled checker): polluting changes no answer',
    async () => {
      class Box {
        constructor(fields: Obj) {
          Object.assign(this, fields);
        }
      }
      const boxed = (v: unknown): unknown =>
        Array.isArray(v)
          ? v.map(boxed)
          : isObj(v)
            ? new Box(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, boxed(x)])))
            : v;
      await fc.assert(
        fc.asyncProperty(anyQuestion, anyQuestion, async (q, donor) => {
          const before = [answer(q), await engineAnswer(q)];
          expect([answer(boxed(q)), await engineAnswer(boxed(q))]).toEqual(before);
          const after = await polluted(donor, false, async () => [answer(boxed(q)), await engineAnswer(boxed(q))]);
          expect(after).toEqual(before);
        }),
        params(ENGINE_RUNS),
      );
      // The case found: an inherited consent on a class-instance question permitted a disclosure to a third party.
      const disclosure = new Box({
        question: 'disclosure',
        actor: { role: 'adviser' },
        recipient: { role: 'third-party' },
        information: { kind: 'case-record', identifiable: true },
      });
      const consent = { given: true, method: 'consent-to-share', recorded: true };
      expect(await polluted({ consent }, false, () => evaluate(disclosure).outcome)).toBe('deny');
    },
    timeout(ENGINE_RUNS * 20),
  );

  it('a getter on Object.prototype (a new value at every read) is not read as given either', async () => {
    const plain: Obj = {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'third-party', name: 'parent' },
      information: { kind: 'case-record', identifiable: true },
    };
    try {
      Object.defineProperty(Object.prototype, 'consent', {
        configurable: true,
        get: () => ({ given: true, method: 'consent-to-share', recorded: true }),
      });
      expect(evaluate(plain).outcome).toBe('deny');
      expect((await evaluateWithEngine(plain)).outcome).toBe('deny');
      const found = auditCase(
        {
          id: 'C-1',
          client: { degreeStatus: 'studying', consentToRecord: true },
          disclosures: [without(plain, 'question')],
        } as never,
        '2026-09-01',
      );
      expect(found.map((f) => f.code)).toEqual(['third-party-without-consent']);
    } finally {
      delete (Object.prototype as Obj).consent;
    }
  });

  it('the reported repros: an inherited `relevant` is required, an inherited `consent` is not consent', async () => {
    const recording = { question: 'recording', consentToRecord: true };
    const disclosure = {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'third-party' },
      information: { kind: 'case-record', identifiable: true },
    };
    const consent = { given: true, method: 'consent-to-share', recorded: true };
    const [r1, e1] = await polluted({ relevant: true }, true, async () => [
      answer(recording),
      await engineAnswer(recording),
    ]);
    expect(r1).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'required', path: ['relevant'] })] });
    expect(e1).toEqual(r1);
    const [d1, d2] = await polluted({ consent }, false, async () => [
      evaluate(disclosure).outcome,
      (await evaluateWithEngine(disclosure)).outcome,
    ]);
    expect([d1, d2]).toEqual(['deny', 'deny']);
    expect(evaluate(Object.assign(Object.create({ consent }), disclosure)).outcome).toBe('deny');
    const noRecipient = Object.assign(
      Object.create({ recipient: { role: 'adviser' } }),
      without(disclosure, 'recipient'),
    );
    expect(answer(noRecipient)).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: 'required', path: ['recipient'] })],
    });
  });

  it('an inherited `explain` asks for no trace, on either path; an own `true` does', async () => {
    const q = { question: 'recording', relevant: true, consentToRecord: true };
    const inherited = Object.create({ explain: true });
    expect(evaluate(q, inherited).trace).toBeUndefined();
    expect((await evaluateWithEngine(q, inherited)).trace).toBeUndefined();
    const [a, b] = await polluted({ explain: true }, true, async () => [
      evaluate(q, {}).trace,
      (await evaluateWithEngine(q, {})).trace,
    ]);
    expect([a, b]).toEqual([undefined, undefined]);
    // Only `true` is a request for one (the options' type): a string is not.
    expect(evaluate(q, { explain: 'false' } as never).trace).toBeUndefined();
    expect(evaluate(q, { explain: true }).trace).toEqual(expect.any(Array));
    expect((await evaluateWithEngine(q, { explain: true })).trace).toEqual(expect.any(Array));
  });
});
