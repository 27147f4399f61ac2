// A decision shape (one set of applied rules) is built the generic way for its first GENERATE_AFTER decisions,
// then by code generated for it. The two must build the same decisions: same fields in the same order, same
// values, fresh arrays every time.
import { describe, expect, it } from 'vitest';
import { GENERATE_AFTER, generatedShapeCount } from '../src/engine/combine.js';
import { bundledRules, createPolicy, type Decision } from '../src/index.js';
import { QUESTION_KINDS, randomQuestions } from './support/random-questions.js';

/**
 * Up to `max` questions of a kind with different outcomes, clauses, reasons or notes: a shape fixes those, so
 * each question's decisions come from a shape of its own.
 */
function onePerShape(policy: ReturnType<typeof createPolicy>, kind: (typeof QUESTION_KINDS)[number], max: number) {
  const seen = new Set<string>();
  const out: Record<string, unknown>[] = [];
  for (const q of randomQuestions(kind, 3000, 11)) {
    const d = policy.evaluate(q as never);
    const key = JSON.stringify([d.outcome, d.clauses, d.reasons, d.obligations, d.remedies, d.advisories]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(q);
    if (out.length === max) break;
  }
  return out;
}

describe('decisions built before and after a shape has code of its own', () => {
  it.each(QUESTION_KINDS)('%s: the same decisions, fields in the same order, fresh arrays', (kind) => {
    // A fresh policy: its shapes have built no decisions yet.
    const policy = createPolicy(bundledRules);
    const questions = onePerShape(createPolicy(bundledRules), kind, 40);
    expect(questions.length).toBeGreaterThan(1);
    const before = generatedShapeCount();
    const first = questions.map((q) => policy.evaluate(q as never));
    const firstText = first.map((d) => JSON.stringify(d));
    // Callers may change what they are given: nothing they do to one decision reaches the next.
    for (const d of first)
      for (const k of ['clauses', 'reasons', 'obligations', 'remedies'] as const) (d[k] as unknown[]).push(null);
    let last: Decision[] = [];
    for (let round = 1; round <= GENERATE_AFTER + 1; round++) last = questions.map((q) => policy.evaluate(q as never));
    expect(generatedShapeCount() - before).toBeGreaterThanOrEqual(questions.length);
    expect(last.map((d) => JSON.stringify(d))).toEqual(firstText);
    const again = questions.map((q) => policy.evaluate(q as never));
    last.forEach((d, i) => {
      const e = again[i] as Decision;
      for (const k of ['clauses', 'reasons', 'obligations', 'remedies', 'advisories', 'missing', 'violations'] as const)
        if (d[k] !== undefined) expect(d[k]).not.toBe(e[k]);
    });
  });
});
