// evaluate is pure: the same question gets the same decision, and the question is never mutated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, safeEvaluate } from '../../src/index.js';
import { anyJson, anyQuestion, deepFreeze, params, timeout } from '../support/arbitraries.js';

/** A fixed `asOf`, so "today" cannot change between two calls around midnight. */
const dated = anyQuestion.map((q) => ({ asOf: '2026-06-15', ...q }));

describe('evaluate is pure', () => {
  it(
    'same question, same decision; a deep-frozen question can be decided; the question is unchanged',
    () => {
      fc.assert(
        fc.property(dated, fc.boolean(), (q, explain) => {
          const before = structuredClone(q);
          const frozen = deepFreeze(structuredClone(q));
          const a = evaluate(frozen, { explain });
          const b = evaluate(structuredClone(q), { explain });
          expect(b).toEqual(a);
          expect(evaluate(q)).toEqual(evaluate(before));
          expect(q).toEqual(before);
          expect(frozen).toEqual(before);
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'safeEvaluate never mutates arbitrary JSON either',
    () => {
      fc.assert(
        fc.property(anyJson, (v) => {
          const before = structuredClone(v);
          safeEvaluate(v);
          expect(v).toEqual(before);
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );
});
