// The explain trace (`evaluate(q, { explain: true })` and `evaluateWithEngine`): every rule of the question kind,
// fired or not, in the policy's order, with every condition's fact value; where a rule compares a fact with another
// fact (a date worked out, a setting), the value compared with too. Both paths give the same trace, in full.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FactContext, type FactDefinition } from '../src/derive/context.js';
import type { TraceCondition } from '../src/index.js';
import { defaultPolicy, evaluate, evaluateWithEngine } from '../src/index.js';
import { questionsByKind } from './support/arbitraries.js';
import { QUESTION_KINDS, randomQuestions } from './support/random-questions.js';

/** Every leaf condition of a trace, in order. */
function leaves(c: TraceCondition): Extract<TraceCondition, { fact: string }>[] {
  if ('all' in c) return c.all.flatMap(leaves);
  if ('any' in c) return c.any.flatMap(leaves);
  if ('not' in c) return leaves(c.not);
  return [c];
}

/** The leaf of `rule` comparing `fact` in a decision's trace. */
function leaf(d: ReturnType<typeof evaluate>, rule: string, fact: string) {
  const t = d.trace?.find((x) => x.rule === rule);
  return t ? leaves(t.conditions).find((c) => c.fact === fact) : undefined;
}

describe('explain trace', () => {
  it('a fact compared with another fact shows the value compared with (valueResult), in both paths', async () => {
    const cases: [Record<string, unknown>, string, string, unknown][] = [
      [
        {
          question: 'retention',
          asOf: '2026-09-01',
          client: { degreeStatus: 'completed', degreeCompletedOn: '2025-06-30' },
        },
        'year-after-completion-passed',
        'asOf',
        '2026-06-30',
      ],
      [
        {
          question: 'retention',
          asOf: '2026-01-01',
          client: { degreeStatus: 'completed', degreeCompletedOn: '2025-06-30' },
        },
        'within-year-after-completion',
        'asOf',
        '2026-06-30',
      ],
      [
        {
          question: 'subject-access',
          asOf: '2026-12-20',
          request: {
            inWriting: true,
            addressedTo: 'dpo',
            feePaid: true,
            identityVerified: true,
            receivedOn: '2026-11-02',
          },
        },
        'gdpr-response-overdue',
        'asOf',
        '2026-12-02',
      ],
      [
        {
          question: 'statistics-release',
          actor: { role: 'advice-lead' },
          recipient: { role: 'membership-body' },
          fields: ['month', 'count'],
          smallestCount: 3,
        },
        'small-counts',
        'smallestCount',
        5,
      ],
      [
        { question: 'policy-review', lastReviewedOn: '2025-03-01', agreedBy: [], asOf: '2026-11-24' },
        'review-overdue',
        'asOf',
        '2026-03-01',
      ],
    ];
    for (const [q, rule, fact, compared] of cases) {
      for (const d of [evaluate(q, { explain: true }), await evaluateWithEngine(q, { explain: true })]) {
        const c = leaf(d, rule, fact);
        expect(c, `${rule}.${fact}`).toBeDefined();
        expect(c?.valueResult, `${rule}.${fact}`).toEqual(compared);
      }
    }
    // A constant value is the rule's own, and has no valueResult.
    const d = evaluate(cases[0]?.[0], { explain: true });
    expect(leaf(d, 'still-studying', 'degreeStatus')).not.toHaveProperty('valueResult');
  });

  for (const kind of QUESTION_KINDS)
    it(`${kind}: every rule, fired or not, in order; the same trace in full from json-rules-engine`, async () => {
      const cq = defaultPolicy().loaded.questions[kind];
      const names = [...(cq?.deciding ?? []), ...(cq?.modifiers ?? [])].map((r) => r.name);
      for (const q of randomQuestions(kind, 80, 15)) {
        const a = evaluate(q, { explain: true });
        const b = await evaluateWithEngine(q, { explain: true });
        expect(a.trace?.map((t) => t.rule)).toEqual(names);
        expect(b.trace, JSON.stringify(q)).toStrictEqual(a.trace);
        // A rule of the outcome's type is applied exactly when it gave the decision a reason.
        const given = new Set(a.reasons.map((r) => r.rule));
        for (const t of a.trace ?? []) if (t.type === a.outcome) expect(given.has(t.rule), t.rule).toBe(t.applied);
      }
    });
});

describe('explain trace holds no free text from the question', () => {
  const TAG = 'ZqxPlanted Fakename 07700 900123 fake@example.invalid';
  /** The question with a planted name on every party and planted column names among the statistics fields. */
  function plant(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(plant);
    if (v === null || typeof v !== 'object') return v;
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      o[k] = k === 'fields' && Array.isArray(x) ? [...x, TAG, `${TAG} count`] : plant(x);
    if (typeof o.role === 'string') o.name = TAG;
    return o;
  }
  for (const kind of QUESTION_KINDS)
    it(`${kind}: no party's name or column name in the trace (either path), nor in any fact's value`, async () => {
      const policy = defaultPolicy();
      const cq = policy.loaded.questions[kind];
      let planted = 0;
      for (const q0 of randomQuestions(kind, 60, 3)) {
        const q = plant(q0) as Record<string, unknown>;
        if (JSON.stringify(q).includes('ZqxPlanted')) planted++;
        const a = evaluate(q, { explain: true });
        const b = await evaluateWithEngine(q, { explain: true });
        expect(JSON.stringify(a)).not.toContain('ZqxPlanted');
        expect(JSON.stringify(b)).not.toContain('ZqxPlanted');
        expect(JSON.stringify(a)).not.toContain('07700');
        // Every fact of the kind, read by a bundled rule or not (an adapted rules folder may read any of them).
        const ctx = new FactContext(policy.settings, q.asOf as string | undefined);
        for (const [name, def] of Object.entries(cq?.facts ?? {}))
          expect(JSON.stringify((def as FactDefinition<never>).derive(q as never, ctx)) ?? '', name).not.toContain(
            'ZqxPlanted',
          );
      }
      if (['disclosure', 'access', 'statistics-release', 'staff-readiness'].includes(kind))
        expect(planted).toBeGreaterThan(0);
    });
});

describe('explain trace (fast-check)', () => {
  const RUNS = 300;
  for (const [kind, arb] of Object.entries(questionsByKind))
    it(`${kind}: every rule listed, both paths' traces equal, applied = fired and of the outcome`, async () => {
      const cq = defaultPolicy().loaded.questions[kind as keyof typeof questionsByKind];
      const rules = [...(cq?.deciding ?? []), ...(cq?.modifiers ?? [])];
      await fc.assert(
        fc.asyncProperty(arb as fc.Arbitrary<Record<string, unknown>>, async (q) => {
          const a = evaluate(q, { explain: true });
          const b = await evaluateWithEngine(q, { explain: true });
          expect(b.trace).toStrictEqual(a.trace);
          expect(a.trace?.map((t) => t.rule)).toEqual(rules.map((r) => r.name));
          for (const [i, t] of (a.trace ?? []).entries()) {
            const r = rules[i];
            expect(t.fired).toBe(t.conditions.result);
            expect(t.applied).toBe(
              t.fired && (r?.kind === 'decide' ? r.type === a.outcome : (r?.when.has(a.outcome) ?? false)),
            );
          }
          // The trace's fact values are the ones the decision was taken on: its first fired deciding rule gives the
          // outcome, and its applied deciding rules are the reasons, in order.
          const firstFired = (a.trace ?? []).find((t, i) => t.fired && rules[i]?.kind === 'decide');
          if (firstFired) expect(firstFired.type).toBe(a.outcome);
          expect(a.reasons.map((x) => x.rule).filter((x) => x !== 'not-covered')).toEqual(
            (a.trace ?? []).filter((t, i) => t.applied && rules[i]?.kind === 'decide').map((t) => t.rule),
          );
          // Fail closed: no deciding rule applied is exactly the `not-covered` reason.
          const decided = (a.trace ?? []).some((t, i) => t.applied && rules[i]?.kind === 'decide');
          expect(a.reasons.some((x) => x.rule === 'not-covered')).toBe(!decided);
        }),
        { seed: 15, numRuns: RUNS },
      );
    });
});
