// The default policy starts fast: the rulesHash of the bundled rules is computed once, by
// scripts/bundle-rules.mjs, and the checks that only find problems (file formats, conditions, always-true
// rules) are made of the bundle here rather than at every start. Both must be exactly what the library would
// otherwise compute, and the skipping must not reach any other bundle.
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/decision/default-policy.js';
import { deepFreeze } from '../src/engine/deep-freeze.js';
import { rulesHash } from '../src/engine/hash.js';
import { loadBundle } from '../src/engine/load.js';
import { bundleForHash, createPolicy } from '../src/engine/policy.js';
import type { RuleBundle } from '../src/engine/rule-schema.js';
import { bundledRules, bundledRulesHash } from '../src/generated/rules.js';
import { QUESTION_KINDS, randomQuestions } from './support/random-questions.js';

describe('precomputed rulesHash of the bundled rules', () => {
  it('equals rulesHash(bundleForHash(bundledRules))', () => {
    expect(bundledRulesHash).toBe(rulesHash(bundleForHash(bundledRules)));
    expect(bundledRulesHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it('is the hash every decision of the default policy carries, as a policy compiled without it would', () => {
    expect(defaultPolicy().ref.rulesHash).toBe(bundledRulesHash);
    expect(createPolicy(bundledRules).ref).toEqual(defaultPolicy().ref);
  });
  it('a precomputed rulesHash is used only for the bundle as given: settings change the hash whatever is passed', () => {
    const settings = { smallCountThreshold: 1 };
    const told = createPolicy(bundledRules, { settings, rulesHash: bundledRulesHash });
    const computed = createPolicy(bundledRules, { settings });
    expect(told.ref.rulesHash).toBe(computed.ref.rulesHash);
    expect(told.ref.rulesHash).not.toBe(bundledRulesHash);
    expect(createPolicy(bundledRules, { rulesHash: bundledRulesHash }).ref.rulesHash).toBe(bundledRulesHash);
  });
  it('the bundled rules pass every check the default policy skips at start-up (formats, conditions, always-true)', () => {
    expect(() => loadBundle(bundledRules)).not.toThrow();
    const full = loadBundle(bundledRules);
    const quick = loadBundle(bundledRules, { prechecked: true });
    for (const kind of Object.keys(full.questions)) {
      const names = (l: typeof full) =>
        [...(l.questions[kind]?.deciding ?? []), ...(l.questions[kind]?.modifiers ?? [])].map((r) => r.name);
      expect(names(quick)).toEqual(names(full));
    }
    const checked = createPolicy(bundledRules);
    for (const kind of QUESTION_KINDS)
      for (const q of randomQuestions(kind, 50, 4))
        expect(defaultPolicy().evaluate(q)).toStrictEqual(checked.evaluate(q));
  });
});

describe('the prechecked option skips checks for the bundled rules only', () => {
  // A frozen copy of the bundled rules with one rule changed, given with the internal option the default policy
  // uses: every check must still run.
  const changed = (change: (rule: { conditions: unknown; name: string }) => void): RuleBundle => {
    const copy = structuredClone(bundledRules) as RuleBundle;
    const file = copy.ruleFiles.find((f) => f.question === 'recording');
    const rule = file?.rules.find((r) => r.name === 'consented-and-relevant');
    if (!rule) throw new Error('the bundled recording rules have no consented-and-relevant rule');
    change(rule as unknown as { conditions: unknown; name: string });
    return deepFreeze(copy);
  };
  const problems = (bundle: RuleBundle) => {
    try {
      createPolicy(bundle, { prechecked: true });
    } catch (e) {
      return (e as { problems?: { code: string }[] }).problems?.map((p) => p.code) ?? ['not a RuleLoadError'];
    }
    return [];
  };
  it('an always-true permit in another frozen bundle is still refused', () => {
    expect(problems(changed((r) => (r.conditions = { all: [] })))).toContain('always-true');
  });
  it('a condition on an unknown fact, or with a value of the wrong format, in another frozen bundle is still refused', () => {
    expect(
      problems(changed((r) => (r.conditions = { all: [{ fact: 'noSuchFact', operator: 'equal', value: true }] }))),
    ).toContain('unknown-fact');
    expect(problems(changed((r) => (r.conditions = { all: [{ fact: 'relevant', operator: 'equal' }] })))).toContain(
      'invalid-format',
    );
  });
  it('the bundled rules themselves load with the option (the default policy) and without it alike', () => {
    expect(problems(bundledRules)).toEqual([]);
    expect(createPolicy(bundledRules, { prechecked: true }).ref).toEqual(defaultPolicy().ref);
  });
});

describe('bundledRules cannot be changed under its hash', () => {
  it('is frozen all the way down: changing a rule in place throws, and the default policy still denies', () => {
    const frozenEverywhere = (v: unknown): boolean =>
      v === null || typeof v !== 'object' || (Object.isFrozen(v) && Object.values(v).every(frozenEverywhere));
    expect(frozenEverywhere(bundledRules)).toBe(true);
    const recording = bundledRules.ruleFiles.find((f) => f.question === 'recording');
    const deny = recording?.rules.find((r) => r.event.type === 'deny');
    expect(deny).toBeDefined();
    expect(() => {
      (deny as { event: { type: string } }).event.type = 'permit';
    }).toThrow(TypeError);
    expect(() => bundledRules.ruleFiles.pop()).toThrow(TypeError);
    expect(defaultPolicy().evaluate({ question: 'recording', consentToRecord: false, relevant: true }).outcome).toBe(
      'deny',
    );
  });

  it('a copy can be changed and given to createPolicy, under its own hash', () => {
    const copy = structuredClone(bundledRules);
    copy.policy.settings.smallCountThreshold = 10;
    expect(createPolicy(copy).ref.rulesHash).not.toBe(bundledRulesHash);
  });
});
