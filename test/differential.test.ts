// The compiled path (`evaluate`) against the reference interpreter (`evaluateWithEngine`, json-rules-engine):
// on generated valid questions of every kind, both give the same decision — outcome, clauses, reasons,
// obligations, remedies, advisories, every decision field a rule sets, the policy — with the same keys in the
// same order, and their explain traces agree in full (which rules fired and applied, every condition's values). The long run (≥100,000 per kind,
// on the built dist/) is `npm run test:differential`.
import { describe, expect, it } from 'vitest';
import { defaultPolicy, evaluate, evaluateWithEngine, safeEvaluate } from '../src/index.js';
import { QUESTION_KINDS, randomQuestions } from './support/random-questions.js';

const N = Number(process.env.DIFFERENTIAL_N ?? 300);
const TRACED = 60;

describe('compiled evaluate = json-rules-engine (differential)', () => {
  for (const kind of QUESTION_KINDS) {
    it(`${kind}: ${N} generated questions decide alike`, async () => {
      const qs = randomQuestions(kind, N, 2026);
      for (const q of qs) {
        const compiled = evaluate(q);
        const engine = await evaluateWithEngine(q);
        expect(engine, JSON.stringify(q)).toStrictEqual(compiled);
        expect(JSON.stringify(engine)).toBe(JSON.stringify(compiled));
        expect(safeEvaluate(q)).toStrictEqual({ ok: true, decision: compiled });
      }
    });

    it(`${kind}: explain traces agree on which rules fired and applied`, async () => {
      for (const q of randomQuestions(kind, TRACED, 77)) {
        const a = evaluate(q, { explain: true });
        const b = await evaluateWithEngine(q, { explain: true });
        const flags = (d: typeof a) => (d.trace ?? []).map((t) => [t.rule, t.fired, t.applied]);
        expect(flags(b), JSON.stringify(q)).toEqual(flags(a));
        // In full: every condition's fact value and result, and the value compared with where it is a fact's.
        expect(b.trace, JSON.stringify(q)).toStrictEqual(a.trace);
        const { trace: _a, ...restA } = a;
        const { trace: _b, ...restB } = b;
        expect(restB).toStrictEqual(restA);
      }
    });
  }

  it('the generated questions fire every rule of the bundled policy and reach every outcome the rules decide', () => {
    const policy = defaultPolicy();
    const unfired: string[] = [];
    const unreached: string[] = [];
    for (const kind of QUESTION_KINDS) {
      const fired = new Set<string>();
      const outcomes = new Set<string>();
      for (const q of randomQuestions(kind, N, 2026)) {
        const d = evaluate(q, { explain: true });
        outcomes.add(d.outcome);
        for (const t of d.trace ?? []) if (t.fired) fired.add(t.rule);
      }
      const cq = policy.loaded.questions[kind];
      for (const r of [...(cq?.deciding ?? []), ...(cq?.modifiers ?? [])])
        if (!fired.has(r.name)) unfired.push(`${kind}/${r.name}`);
      for (const r of cq?.deciding ?? []) if (!outcomes.has(r.type)) unreached.push(`${kind}/${r.type}`);
    }
    expect(unfired).toEqual([]);
    expect([...new Set(unreached)]).toEqual([]);
  });
});
