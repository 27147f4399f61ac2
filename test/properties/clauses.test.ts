// Every decision cites at least one clause, and only clauses that exist.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledRules, evaluate } from '../../src/index.js';
import { anyQuestion, params, timeout } from '../support/arbitraries.js';

const ids = bundledRules.clauses.clauses.map((c) => c.id);
const order = new Map(ids.map((id, i) => [id, i]));
const outcomes = Object.fromEntries(Object.entries(bundledRules.questions).map(([k, v]) => [k, v]));

describe('clauses cited', () => {
  it(
    'every decision cites at least one clause, each one of the policy, unique and in policy order',
    () => {
      fc.assert(
        fc.property(anyQuestion, (q) => {
          const d = evaluate(q);
          expect(d.clauses.length).toBeGreaterThan(0);
          for (const c of d.clauses) expect(order.has(c), c).toBe(true);
          const idx = d.clauses.map((c) => order.get(c) as number);
          for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1] as number);
          expect(d.reasons.length).toBeGreaterThan(0);
          for (const r of d.reasons) {
            expect(order.has(r.clause), r.clause).toBe(true);
            expect(d.clauses).toContain(r.clause);
          }
          for (const n of [...d.obligations, ...d.remedies, ...d.advisories]) expect(order.has(n.clause)).toBe(true);
          for (const o of d.obligations) expect(d.clauses).toContain(o.clause);
          for (const v of d.violations ?? []) expect(order.has(v.clause), v.clause).toBe(true);
          const meta = outcomes[d.question];
          expect(meta?.outcomes).toContain(d.outcome);
          if (d.reasons.some((r) => r.rule === 'not-covered')) expect(d.outcome).toBe(meta?.cautious);
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );
});
