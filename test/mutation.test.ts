import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleLoadError } from '../src/decision/errors.js';
import { createPolicy } from '../src/engine/policy.js';
import type { RuleBundle } from '../src/engine/rule-schema.js';
import { bundledRules } from '../src/generated/rules.js';
import {
  conditionsHash,
  formatMutationReport,
  formatScore,
  generateMutants,
  MUTATION_OPERATORS,
  type MutationReport,
  readEquivalents,
  runMutation,
} from '../src/scenarios/mutate.js';

/** The score CI holds the scenarios to (the score reached: every non-equivalent mutant killed). Never lower it to pass: kill the survivor with a scenario, or list it in rules/equivalent-mutants.json with the reason. */
const MUTATION_THRESHOLD = Number(process.env.MUTATION_THRESHOLD ?? 100);

const EQUIVALENTS = 'rules/equivalent-mutants.json';

const tiny: RuleBundle = {
  ...bundledRules,
  ruleFiles: [
    {
      file: '1-case-recording/recording.rules.json',
      question: 'recording',
      rules: [
        {
          name: 'consented-and-relevant',
          priority: 50,
          conditions: {
            all: [
              { fact: 'consentToRecord', operator: 'equal', value: true },
              { fact: 'relevant', operator: 'equal', value: true },
            ],
          },
          event: {
            type: 'permit',
            params: { clauses: ['1.1', '1.2'], text: 'ok', obligations: ['secure-storage'] },
          },
        },
      ],
    },
  ],
};

describe('mutant generation', () => {
  const mutants = generateMutants(tiny);
  const ids = mutants.map((m) => m.id);

  it('makes every kind of mutant the fault model names, each with a unique id', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const ops = new Set(mutants.map((m) => m.operator));
    for (const op of MUTATION_OPERATORS) expect(ops.has(op), op).toBe(true);
  });

  it('names them by file, rule, operator and condition path', () => {
    const f = '1-case-recording/recording.rules.json#consented-and-relevant';
    expect(ids).toEqual(
      expect.arrayContaining([
        `${f}:flip-outcome:deny`,
        `${f}:remove-rule`,
        `${f}:condition-true@all.0`,
        `${f}:condition-false@all.1`,
        `${f}:negate-condition@all.0`,
        `${f}:swap-operator@all.1:notEqual`,
        `${f}:drop-condition@all.0`,
        `${f}:change-fact@all.0:relevant`,
      ]),
    );
    expect(mutants.every((m) => m.clause === '1.1' && m.question === 'recording')).toBe(true);
  });

  it('changes exactly one thing, on a copy: the original bundle is untouched', () => {
    const before = JSON.stringify(tiny);
    const flip = mutants.find((m) => m.operator === 'flip-outcome');
    expect(flip?.bundle.ruleFiles[0]?.rules[0]?.event.type).toBe('deny');
    const removed = mutants.find((m) => m.operator === 'remove-rule');
    expect(removed?.bundle.ruleFiles[0]?.rules).toEqual([]);
    const negated = mutants.find((m) => m.id.endsWith('negate-condition@all.1'));
    expect(negated?.bundle.ruleFiles[0]?.rules[0]?.conditions).toEqual({
      all: [
        { fact: 'consentToRecord', operator: 'equal', value: true },
        { not: { fact: 'relevant', operator: 'equal', value: true } },
      ],
    });
    expect(JSON.stringify(tiny)).toBe(before);
  });

  it('makes mutants that still load, apart from those the integrity checks refuse for a reason named here', () => {
    // A flip may give two rules of one priority different outcomes; reading a fact the rule already asks to
    // equal another value makes an "all" that is never true; removing the one escalate rule that names who to
    // escalate to leaves escalate decisions without escalateTo.
    // Making every condition of a rule true (or dropping its only one) leaves a rule that decides a
    // non-cautious outcome unconditionally, which the loader refuses.
    const refusedFor: Partial<Record<string, RegExp>> = {
      'condition-true': /its conditions are always true/,
      'drop-condition': /its conditions are always true/,
      'change-fact': /to equal both .* never true/,
      'remove-rule': /^no \S+ rule of "\S+" sets \w+ \(params\.set\.\w+\), which a \S+ decision carries$/,
    };
    let refused = 0;
    for (const m of generateMutants(bundledRules)) {
      if (m.operator === 'flip-outcome') continue;
      try {
        createPolicy(m.bundle, { rulesHash: 'sha256:x' });
      } catch (e) {
        const reason = refusedFor[m.operator];
        expect(reason, m.id).toBeDefined();
        for (const p of (e as RuleLoadError).problems) expect(p.message, m.id).toMatch(reason as RegExp);
        refused++;
      }
    }
    expect(refused).toBeLessThan(100);
  });

  it('an always-true / always-false condition really is (compiled path)', () => {
    const t = mutants.find((m) => m.id.endsWith('condition-true@all.0'));
    const f = mutants.find((m) => m.id.endsWith('condition-false@all.0'));
    const q = { question: 'recording', consentToRecord: false, relevant: true };
    expect(createPolicy(t!.bundle).evaluate(q).outcome).toBe('permit');
    expect(createPolicy(f!.bundle).evaluate({ ...q, consentToRecord: true }).outcome).toBe('deny');
  });
});

describe('equivalent mutants list', () => {
  it('gives a reason for every entry, and every entry names a mutant that exists', () => {
    const data = JSON.parse(readFileSync(EQUIVALENTS, 'utf8')) as { mutants: { id: string; reason: string }[] };
    const ids = new Set(generateMutants(bundledRules).map((m) => m.id));
    for (const e of data.mutants) {
      expect(e.reason.trim().length, e.id).toBeGreaterThan(20);
      expect(ids.has(e.id), e.id).toBe(true);
    }
  });
});

describe('the equivalent mutants file is read as strictly as the rules', () => {
  const entry = (id: string, reason = 'cannot change a decision: the fact is never null') =>
    `{ "id": "${id}", "reason": "${reason}", "conditionsHash": "sha256:0123456789abcdef" }`;
  it.each([
    [
      'a key written twice',
      `{ "mutants": [{ "id": "a", "reason": "x", "reason": "y", "conditionsHash": "h" }] }`,
      /has the key "reason" twice in one object, at line 1, column \d+/,
    ],
    ['not JSON', `{ "mutants": [ }`, /is not valid JSON/],
    ['mutants not a list', `{ "mutants": { "a": 1 } }`, /must be an object \{ "mutants"/],
    ['an array at the top', `[]`, /must be an object \{ "mutants"/],
    ['mutants null', `{ "mutants": null }`, /must be an object \{ "mutants"/],
    ['mutants misspelt', `{ "mutant": [] }`, /must be an object \{ "mutants"/],
    ['no mutants list', `{ "$comment": "none yet" }`, /must be an object \{ "mutants"/],
    ['an entry that is null', `{ "mutants": [null] }`, /needs an id and a reason/],
    ['an id listed twice', `{ "mutants": [${entry('r#x')}, ${entry('r#x')}] }`, /r#x is listed twice/],
  ])('%s is refused, naming the file', (_what, text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'equivalents-'));
    try {
      const file = join(dir, 'equivalent-mutants.json');
      writeFileSync(file, text);
      expect(() => readEquivalents(file)).toThrow(message);
      expect(() => readEquivalents(file)).toThrow(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('the bundled file reads', () => {
    expect(readEquivalents(EQUIVALENTS).size).toBeGreaterThan(0);
  });
});

describe('an equivalent mutant whose rule is edited is counted again', () => {
  it('the entry no longer excludes it, and the report says which hash to check and set', async () => {
    // storage's login-shared: three mutants are listed as equivalent for its first condition. Edit that condition
    // (a copy of the bundle, in memory), and they are counted, whatever they now do.
    const edited = structuredClone(bundledRules) as RuleBundle;
    const file = edited.ruleFiles.find((f) => f.file === '1-case-recording/storage.rules.json');
    const rule = ((file?.rules ?? []) as { name: string; conditions: { all: { value: unknown }[] } }[]).find(
      (r) => r.name === 'login-shared',
    );
    expect(rule?.conditions.all[0]?.value).toBe(true);
    (rule as { conditions: { all: { value: unknown }[] } }).conditions.all.push({
      fact: 'hasPaper',
      operator: 'equal',
      value: false,
    } as never);
    const opts = { scenarioDirs: ['rules'], equivalentFile: EQUIVALENTS, filter: 'storage.rules.json#login-shared:' };
    const before = await runMutation({ ...opts, policyBundle: bundledRules });
    expect(before.equivalent.map((m) => m.id)).toHaveLength(3);
    expect(before.changedEquivalents).toEqual([]);
    const after = await runMutation({ ...opts, policyBundle: edited });
    expect(after.equivalent).toEqual([]);
    expect(after.changedEquivalents.map((c) => c.id).sort()).toEqual(before.equivalent.map((m) => m.id).sort());
    const hash = conditionsHash(rule?.conditions);
    expect(after.changedEquivalents.every((c) => c.conditionsHash === hash)).toBe(true);
    expect(formatMutationReport(after)).toContain(`set its conditionsHash to ${hash}`);
    // The three are in the score again: killed or survived, not excluded.
    const ids = new Set(before.equivalent.map((m) => m.id));
    expect(after.mutants.filter((m) => ids.has(m.id)).map((m) => m.status)).not.toContain('equivalent');
    expect(after.mutants.filter((m) => ids.has(m.id))).toHaveLength(3);
  }, 60_000);
});

describe('mutation score of the scenarios', () => {
  let report: MutationReport;
  it(`kills at least ${MUTATION_THRESHOLD}% of the mutants of the bundled rules`, async () => {
    report = await runMutation({ policyBundle: bundledRules, scenarioDirs: ['rules'], equivalentFile: EQUIVALENTS });
    const text = formatMutationReport(report);
    expect(report.baselineFailures, text).toEqual([]);
    expect(report.staleEquivalents, text).toEqual([]);
    expect(report.killedEquivalents, text).toEqual([]);
    expect(report.changedEquivalents, text).toEqual([]);
    expect(text.split('\n').at(-1)).toMatch(/^mutation score: \d+\.\d% \(\d+\/\d+\)$/);
    expect(report.score, text).toBeGreaterThanOrEqual(MUTATION_THRESHOLD);
    // The README ("Assurance") gives this run's figures; a rule added or edited changes them.
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const figure = (re: RegExp) => Number(re.exec(readme)?.[1]?.replaceAll(',', '') ?? Number.NaN);
    const inReadme = {
      mutants: figure(/(\d[\d,]*) faults are put into the rules/),
      refused: figure(/\((\d[\d,]*) are refused by the rule integrity checks/),
      killed: figure(/Mutation score: [\d.]+ % \((\d[\d,]*) \/ [\d,]+\)/),
      scored: figure(/Mutation score: [\d.]+ % \([\d,]+ \/ (\d[\d,]*)\)/),
      equivalent: figure(/; (\d[\d,]*) equivalent mutants/),
    };
    expect(
      inReadme,
      `README.md's mutation figures ("Assurance") are not this run's: set them from it\n${text}`,
    ).toEqual({
      mutants: report.mutants.length,
      refused: report.killedByLoading,
      killed: report.killed,
      scored: report.total,
      equivalent: report.equivalent.length,
    });
  }, 240_000);

  it("shows a rules folder's texts, never obeys them: no terminal escape, no line break, from a name or an id", () => {
    const evil = 'x\u001b]0;owned\u0007\u009b2J\nmutation score: 100.0% (1/1)';
    const report = {
      baselineFailures: [`a.cases.json: ${evil}: expected outcome permit, got deny`],
      staleEquivalents: [evil],
      killedEquivalents: [evil],
      changedEquivalents: [{ id: evil, conditionsHash: 'h' }],
      survived: [{ clause: '1.1', file: 'a.rules.json', rule: 'r', description: evil, id: evil }],
      scenarios: 1,
      total: 1,
      equivalent: [],
      killed: 0,
      killedByLoading: 0,
      durationMs: 0,
      byOperator: {},
      score: 0,
    } as unknown as MutationReport;
    const text = formatMutationReport(report);
    expect([...text].filter((c) => c !== '\n' && (c < ' ' || (c >= '\u007f' && c <= '\u009f')))).toEqual([]);
    expect(text).toContain('x\ufffd]0;owned\ufffd\ufffd2J\ufffdmutation score: 100.0% (1/1)');
    expect(text.split('\n').filter((l) => l.startsWith('mutation score'))).toEqual(['mutation score: 0.0% (0/1)']);
  });

  it('prints the score rounded down', () => {
    expect(formatScore(94.96)).toBe('94.9');
    expect(formatScore(100)).toBe('100.0');
  });
});
