import { describe, expect, it } from 'vitest';
import { evaluate, evaluateWithEngine, PolicyInputError, safeEvaluate } from '../src/index.js';
import { checkExpectation, type Expectation } from '../src/scenarios/check.js';
import examples from './fixtures/contract-examples.json' with { type: 'json' };

// The contract's public examples, copied into the project so it tests without ../shared.
describe('contract examples (CONTRACT.md, examples.json)', () => {
  for (const ex of examples as { id: string; q: unknown; expect: Expectation }[]) {
    it(ex.id, async () => {
      if (ex.expect.invalid) {
        expect(() => evaluate(structuredClone(ex.q))).toThrow(PolicyInputError);
        const r = safeEvaluate(ex.q);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
        await expect(evaluateWithEngine(ex.q)).rejects.toBeInstanceOf(PolicyInputError);
        return;
      }
      const d = evaluate(structuredClone(ex.q));
      expect(checkExpectation({ decision: d }, ex.expect)).toEqual([]);
      expect(d.policy.rulesHash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(d.policy.version).toBeTruthy();
      expect(d.clauses.length).toBeGreaterThan(0);
      const viaEngine = await evaluateWithEngine(structuredClone(ex.q));
      expect(viaEngine).toEqual(d);
    });
  }
});
