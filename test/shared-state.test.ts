// A policy is made from a frozen copy of the rules it is given: what its decisions and traces hand out of the rules
// (a `violations` entry, a trace condition's `value`) cannot be changed by a caller to change later decisions, and
// the caller's own bundle is neither kept nor frozen in place. A server that loads an adapted rules folder, and
// post-processes decisions in place (translating codes, trimming a trace for display), must not change the next
// decision, under a rules hash that no longer describes the rules.
import { describe, expect, it } from 'vitest';
import { bundledRules, createPolicy, type Decision, evaluate, loadPolicy, type Policy } from '../src/index.js';
import { randomQuestions } from './support/random-questions.js';

const RULES = new URL('../rules/', import.meta.url).pathname;

/** Tries to change a value in place; a frozen one refuses (strict mode throws), which is the point. */
function attempt(change: () => void): void {
  try {
    change();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
}

/** Every array or object inside `v` (itself included). */
function* parts(v: unknown, seen = new Set<object>()): Generator<object> {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  yield v;
  for (const x of Object.values(v)) yield* parts(x, seen);
}

/** Changes everything it can inside a decision: every array emptied, every string field overwritten. */
function vandalise(d: unknown): void {
  for (const p of [...parts(d)])
    attempt(() => {
      if (Array.isArray(p)) p.length = 0;
      else
        for (const k of Object.keys(p))
          if (typeof (p as Record<string, unknown>)[k] === 'string') (p as Record<string, unknown>)[k] = 'vandalised';
    });
}

const breachByDpo = {
  question: 'breach',
  raisedBy: 'adviser',
  ground: 'harm',
  steps: [
    { step: 'raised', with: 'advice-lead' },
    { step: 'discussed', recordedInCaseNotes: true },
    { step: 'decided', by: 'dpo', agreed: true, writtenRecord: true },
  ],
};

const policies: [string, () => Policy][] = [
  ['createPolicy(structuredClone(bundledRules))', () => createPolicy(structuredClone(bundledRules))],
  ['loadPolicy(rules/)', () => loadPolicy(RULES)],
];

describe('decisions do not share mutable state with the rules', () => {
  for (const [label, make] of policies) {
    it(`${label}: changing a decision's violations does not change the next decision`, () => {
      const policy = make();
      const first = policy.evaluate(breachByDpo);
      const want = JSON.stringify(first);
      expect(first.violations?.map((v) => v.code)).toContain('decider-may-not-decide');
      for (const v of first.violations ?? [])
        attempt(() => {
          (v as { code: string }).code = 'all-fine';
        });
      expect(JSON.stringify(policy.evaluate(breachByDpo))).toBe(want);
    });

    it(`${label}: changing anything in a decision or its trace does not change later decisions`, () => {
      const policy = make();
      const questions = [
        ...randomQuestions('disclosure', 1500, 3),
        ...randomQuestions('breach', 500, 3),
        ...randomQuestions('statistics-release', 300, 3),
      ].map((q) => ({ asOf: '2026-06-15', ...q }));
      const before = questions.map((q) => JSON.stringify(policy.evaluate(q)));
      for (const q of questions.slice(0, 200)) vandalise(policy.evaluate(q, { explain: true }));
      const after = questions.map((q) => JSON.stringify(policy.evaluate(q)));
      expect(after.filter((a, i) => a !== before[i]).length).toBe(0);
    });
  }

  it('the default policy too (its rules are bundledRules, frozen)', () => {
    const want = JSON.stringify(evaluate(breachByDpo, { explain: true }));
    vandalise(evaluate(breachByDpo, { explain: true }));
    expect(JSON.stringify(evaluate(breachByDpo, { explain: true }))).toBe(want);
  });
});

describe('createPolicy copies the bundle it is given', () => {
  it('freezes nothing of the caller’s bundle', () => {
    const bundle = structuredClone(bundledRules);
    createPolicy(bundle);
    expect([...parts(bundle)].filter((p) => Object.isFrozen(p))).toEqual([]);
    // So the caller can go on editing its copy, say to make another policy from it.
    const rule = bundle.ruleFiles.flatMap((f) => f.rules as { event: { params: { clauses?: string[] } } }[])[0];
    expect(() => rule?.event.params.clauses?.push('P1')).not.toThrow();
  });

  it('changing the bundle afterwards changes no decision, trace or json-rules-engine run', async () => {
    const bundle = structuredClone(bundledRules);
    const policy = createPolicy(bundle);
    const questions = [
      ...randomQuestions('disclosure', 300, 5),
      ...randomQuestions('breach', 200, 5),
      ...randomQuestions('retention', 50, 5),
    ].map((q) => ({ asOf: '2026-06-15', ...q }));
    const before = questions.map((q) => policy.evaluate(q, { explain: true }));
    const clauses = JSON.stringify(policy.clauses);
    // Every rule inverted, every text and clause changed: none of it may reach the policy made before.
    for (const p of [...parts(bundle)])
      if (!Array.isArray(p))
        for (const [k, v] of Object.entries(p))
          if (typeof v === 'boolean') (p as Record<string, unknown>)[k] = !v;
          else if (typeof v === 'string' && k !== 'operator') (p as Record<string, unknown>)[k] = 'changed';
    expect(questions.map((q) => policy.evaluate(q, { explain: true }))).toEqual(before);
    expect(JSON.stringify(policy.clauses)).toBe(clauses);
    // json-rules-engine is built from the rules on first use, after the change: from the policy's own copy.
    const strip = (d: Decision) => ({ ...d, trace: undefined });
    for (let i = 0; i < questions.length; i++)
      expect(strip(await policy.evaluateWithEngine(questions[i]))).toEqual(strip(before[i] as Decision));
  });
});
