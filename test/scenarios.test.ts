import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/decision/default-policy.js';
import type { Decision } from '../src/decision/types.js';
import { createPolicy } from '../src/engine/policy.js';
import type { RuleBundle } from '../src/engine/rule-schema.js';
import { bundledRules } from '../src/generated/rules.js';
import { checkExpectation, EXPECTATION_KEYS, type Expectation } from '../src/scenarios/check.js';
import {
  coverageFigures,
  expectationSchema,
  formatScenarioReport,
  loadScenarios,
  runScenario,
  runScenarioSync,
  runScenarios,
  runScenariosSync,
  scenarioLabel,
} from '../src/scenarios/run.js';

const RULES = new URL('../rules/', import.meta.url).pathname;
const policy = defaultPolicy();
const files = loadScenarios([RULES]);

/** A decision without its trace (the two engines build their traces differently). */
const core = (d: Decision | undefined) => {
  if (!d) return d;
  const { trace: _t, ...rest } = d;
  return rest;
};
const firedRules = (d: Decision | undefined) => (d?.trace ?? []).filter((t) => t.fired).map((t) => t.rule);

describe('the scenario tables in rules/', () => {
  it('are all well formed', () => {
    expect(files.flatMap((f) => f.problems)).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(16);
    expect(files.reduce((n, f) => n + f.scenarios.length, 0)).toBeGreaterThan(200);
  });
});

// Every scenario, on the compiled path and on json-rules-engine: both must meet the expectation (its `fires`
// check included) and take the same decision.
for (const f of files) {
  describe(f.file, () => {
    for (const s of f.scenarios) {
      it(`${scenarioLabel(policy, f.file, s)} › ${s.name}`, async () => {
        const compiled = runScenarioSync(policy, f.file, s);
        const interpreted = await runScenario(policy, f.file, s, 'interpreter');
        expect(compiled.failures).toEqual([]);
        expect(interpreted.failures).toEqual([]);
        expect(core(interpreted.decision)).toEqual(core(compiled.decision));
        expect(firedRules(interpreted.decision)).toEqual(firedRules(compiled.decision));
        expect(interpreted.issues?.map((i) => i.code)).toEqual(compiled.issues?.map((i) => i.code));
      });
    }
  });
}

describe('the scenario format', () => {
  it('accepts exactly the expectation keys the checker knows', () => {
    expect(Object.keys(expectationSchema.shape).sort()).toEqual([...EXPECTATION_KEYS].sort());
    expect(expectationSchema.safeParse({ outcome: 'permit', colour: 'red' }).success).toBe(false);
    expect(expectationSchema.safeParse({}).success).toBe(false);
  });
});

// Every scenario above passes through checkExpectation: a key it did not check would let any decision through
// unnoticed. Each key, on a decision that meets it and on one that does not (expected values written out here).
describe('checkExpectation fails every key a decision does not meet', () => {
  const decided = (q: unknown) => ({ decision: policy.evaluate(q, { explain: true }) });
  // deny, P4 + P6, presence-without-consent; state-policy-and-decline; obtain-consent-to-share.
  const parent = decided({
    question: 'disclosure',
    actor: { role: 'adviser' },
    recipient: { role: 'third-party', name: 'parent' },
    information: { kind: 'presence', identifiable: true },
  });
  const police = decided({
    question: 'disclosure',
    actor: { role: 'adviser' },
    recipient: { role: 'third-party', name: 'police' },
    information: { kind: 'case-record', identifiable: true },
    breach: { ground: 'harm' },
  });
  const retention = decided({
    question: 'retention',
    asOf: '2025-06-21',
    client: { degreeStatus: 'completed', degreeCompletedOn: '2024-06-20' },
  });
  const access = decided({
    question: 'subject-access',
    asOf: '2026-09-01',
    request: { inWriting: true, addressedTo: 'dpo', feePaid: false, identityVerified: true, receivedOn: '2026-08-20' },
  });
  const wrongRaise = decided({
    question: 'breach',
    raisedBy: 'adviser',
    ground: 'harm',
    steps: [{ step: 'raised', with: 'chief-executive' }],
  });
  const pending = decided({ question: 'breach', raisedBy: 'adviser', ground: 'harm', steps: [] });
  const r = policy.safeEvaluate({ question: 'recording', consentToRecord: true });
  const invalid = { issues: r.ok ? [] : r.issues };
  type Result = Parameters<typeof checkExpectation>[0];
  const table: [string, Result, Expectation, Expectation][] = [
    ['invalid', invalid, { invalid: true }, { invalid: true }],
    [
      'issueCodesAll',
      invalid,
      { invalid: true, issueCodesAll: ['required'] },
      { invalid: true, issueCodesAll: ['invalid-date'] },
    ],
    ['outcome', parent, { outcome: 'deny' }, { outcome: 'permit' }],
    ['outcomeIn', parent, { outcomeIn: ['escalate', 'deny'] }, { outcomeIn: ['permit', 'escalate'] }],
    ['clausesAll', parent, { clausesAll: ['P4', 'P6'] }, { clausesAll: ['P4', 'P3'] }],
    ['clausesAny', parent, { clausesAny: ['P3', 'P6'] }, { clausesAny: ['P3', '2.1'] }],
    ['clausesNone', parent, { clausesNone: ['P3', '2.1'] }, { clausesNone: ['P3', 'P6'] }],
    ['clausesExactly', parent, { clausesExactly: ['P4', 'P6'] }, { clausesExactly: ['P4'] }],
    [
      'reasonsAll',
      parent,
      { reasonsAll: ['presence-without-consent'] },
      { reasonsAll: ['third-party-without-consent'] },
    ],
    [
      'obligationsAll',
      parent,
      { obligationsAll: ['state-policy-and-decline'] },
      { obligationsAll: ['record-consent'] },
    ],
    [
      'obligationsNone',
      parent,
      { obligationsNone: ['record-consent'] },
      { obligationsNone: ['state-policy-and-decline'] },
    ],
    ['remediesAll', parent, { remediesAll: ['obtain-consent-to-share'] }, { remediesAll: ['pay-fee'] }],
    ['remediesNone', parent, { remediesNone: ['pay-fee'] }, { remediesNone: ['obtain-consent-to-share'] }],
    ['advisoriesAll', access, { advisoriesAll: ['gdpr-access-free'] }, { advisoriesAll: ['breach-actor-not-covered'] }],
    [
      'advisoriesNone',
      access,
      { advisoriesNone: ['breach-actor-not-covered'] },
      { advisoriesNone: ['gdpr-one-month'] },
    ],
    ['escalateTo', police, { escalateTo: 'advice-lead' }, { escalateTo: 'advice-manager' }],
    ['destroyAfter', retention, { destroyAfter: '2025-06-20' }, { destroyAfter: '2025-06-21' }],
    ['respondBy', access, { respondBy: '2026-09-20' }, { respondBy: '2026-09-19' }],
    ['missingAll', access, { missingAll: ['fee-paid'] }, { missingAll: ['identity-verified'] }],
    ['missingNone', access, { missingNone: ['identity-verified'] }, { missingNone: ['fee-paid'] }],
    [
      'nextStep',
      pending,
      { nextStep: { step: 'raise', role: 'advice-lead' } },
      { nextStep: { role: 'advice-manager' } },
    ],
    ['nextStep', parent, { nextStep: null }, { nextStep: { step: 'raise' } }],
    ['nextStep', pending, { outcome: 'pending' }, { nextStep: null }],
    ['violationClausesAll', wrongRaise, { violationClausesAll: ['5.4.1'] }, { violationClausesAll: ['5.5.4'] }],
    [
      'violationsAll',
      wrongRaise,
      { violationsAll: ['raised-with-wrong-person'] },
      { violationsAll: ['decider-may-not-decide'] },
    ],
    ['fired', parent, { fired: ['third-party-enquirer'] }, { fired: ['third-party-without-consent'] }],
    ['notFired', parent, { notFired: ['third-party-without-consent'] }, { notFired: ['consent-would-permit'] }],
  ];

  it('the table has a row for every key', () => {
    expect(invalid.issues.length).toBeGreaterThan(0);
    expect([...new Set(table.map(([k]) => k))].sort()).toEqual([...EXPECTATION_KEYS].sort());
  });

  it.each(table)('%s', (key, result, met, unmet) => {
    expect(checkExpectation(result, met)).toEqual([]);
    // `invalid`: a decision where a validation error was expected.
    expect(checkExpectation(key === 'invalid' ? parent : result, unmet)).toHaveLength(1);
  });
});

describe('loadScenarios / runScenarios', () => {
  const dir = mkdtempSync(join(tmpdir(), 'upsu-scenarios-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, body: unknown) =>
    writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  const recording = (consentToRecord: boolean, relevant: boolean) => ({
    question: 'recording',
    consentToRecord,
    relevant,
  });

  write('broken.cases.json', '[{ "name": ');
  write('object.cases.json', { name: 'not an array' });
  write('recording.cases.json', [
    {
      name: 'ok',
      rule: 'consented-and-relevant',
      fires: true,
      question: recording(true, true),
      expect: { outcome: 'permit' },
    },
    { name: 'no rule', fires: true, question: recording(true, true), expect: { outcome: 'permit' } },
    {
      name: 'bad key',
      rule: 'not-relevant',
      fires: false,
      question: recording(true, true),
      expect: { result: 'permit' },
    },
    { name: 'ok', rule: 'not-relevant', fires: true, question: recording(true, false), expect: { outcome: 'deny' } },
    // Another kind's scenario pasted into this table: refused.
    {
      name: 'pasted',
      rule: 'channel-acceptable',
      fires: true,
      question: { question: 'contact', channel: 'email' },
      expect: { outcome: 'permit' },
    },
  ]);
  write('recording.mutation.cases.json', [
    // Wrong on purpose: the rule does not fire here, and the outcome is not deny.
    {
      name: 'wrong fires',
      rule: 'no-consent-to-record',
      fires: true,
      question: recording(true, true),
      expect: { outcome: 'deny' },
    },
    {
      name: 'unknown rule',
      rule: 'no-such-rule',
      fires: true,
      question: recording(true, true),
      expect: { outcome: 'permit' },
    },
    { name: 'invalid', question: { question: 'recording' }, expect: { invalid: true, issueCodesAll: ['required'] } },
    // A question of no kind is a validation scenario, in whichever table.
    {
      name: 'no such kind',
      question: { question: 'recordings' },
      expect: { invalid: true, issueCodesAll: ['unknown-question'] },
    },
  ]);
  write('notes.json', [{ name: 'ignored: not a .cases.json file' }]);
  write('recording.case.json', [{ name: 'misnamed: refused, not skipped' }]);
  write(
    'twice.cases.json',
    '[{ "name": "a", "rule": "not-relevant", "fires": true, "question": { "question": "recording", "consentToRecord": true, "relevant": false }, "expect": { "outcome": "deny" }, "expect": { "outcome": "permit" } }]',
  );
  write('outcome.cases.json', [
    {
      name: 'not an outcome',
      rule: 'not-relevant',
      fires: true,
      question: recording(true, false),
      expect: { outcome: 'denied' },
    },
  ]);

  const loaded = loadScenarios([dir, join(dir, 'missing-dir')]);
  const byName = (n: string) => loaded.find((f) => f.file === n);

  it('reads every *.cases.json (mutation tables too) and nothing else', () => {
    expect(loaded.map((f) => f.file).sort()).toEqual(
      [
        'broken.cases.json',
        'object.cases.json',
        'outcome.cases.json',
        'recording.case.json',
        'recording.cases.json',
        'twice.cases.json',
        'recording.mutation.cases.json',
        join(dir, 'missing-dir'),
      ].sort(),
    );
    expect(byName('recording.mutation.cases.json')?.question).toBe('recording');
  });

  it('reports bad files and bad scenarios with file and index, without throwing', () => {
    expect(byName('broken.cases.json')?.problems).toEqual([
      {
        file: 'broken.cases.json',
        index: null,
        // Said once: the parser's message already begins with it.
        message: expect.stringMatching(/^is not valid JSON: (?!is not valid JSON).*at line 1, column \d+$/),
      },
    ]);
    expect(byName('twice.cases.json')?.problems).toEqual([
      {
        file: 'twice.cases.json',
        index: null,
        message: expect.stringMatching(/^has the key "expect" twice in one object, at line 1, column \d+$/),
      },
    ]);
    expect(byName('recording.case.json')?.problems).toEqual([
      {
        file: 'recording.case.json',
        index: null,
        message: 'is not read: scenario files are named <question>.cases.json',
      },
    ]);
    expect(byName('object.cases.json')?.problems[0]?.index).toBeNull();
    const p = byName('recording.cases.json')?.problems ?? [];
    expect([...new Set(p.map((x) => x.index))]).toEqual([1, 2, 3, 4]);
    const at = (i: number) =>
      p
        .filter((x) => x.index === i)
        .map((x) => x.message)
        .join('\n');
    expect(at(1)).toMatch(/rule is required/);
    expect(at(2)).toMatch(/result/);
    // An unknown key is named, with the keys known there (the package has no source to look them up in).
    expect(at(2)).toContain('expect: unknown key "result" (the keys here: invalid, issueCodesAll, outcome, ');
    expect(at(2)).toContain('obligationsAll');
    expect(at(3)).toMatch(/duplicate scenario name "ok"/);
    expect(at(4)).toBe('asks a "contact" question in a table of "recording" scenarios: move it to contact.cases.json');
    // A table named otherwise may hold any kind; a question of no kind is read where it is.
    expect(byName('outcome.cases.json')?.problems).toEqual([]);
    expect(byName('recording.mutation.cases.json')?.problems).toEqual([]);
    expect(byName('recording.cases.json')?.scenarios.map((s) => s.index)).toEqual([0]);
    expect(loaded.find((f) => f.file.endsWith('missing-dir'))?.problems[0]?.message).toMatch(/no such/);
  });

  it('fails a scenario whose rule does not fire as it says, or names no rule of the question', async () => {
    const report = await runScenarios(policy, loaded);
    const r = (n: string) => report.results.find((x) => x.name === n);
    expect(r('ok')?.ok).toBe(true);
    expect(r('wrong fires')?.ok).toBe(false);
    expect(r('wrong fires')?.failures.join('\n')).toMatch(/no-consent-to-record.*to fire/);
    expect(r('wrong fires')?.failures.join('\n')).toMatch(/expected outcome deny, got permit/);
    expect(r('unknown rule')?.failures.join('\n')).toMatch(/not a rule of question "recording"/);
    expect(r('invalid')?.ok).toBe(true);
    expect(r('not an outcome')?.failures).toContain(
      '"denied" is not an outcome of question "recording" (its outcomes: permit, deny)',
    );
    expect(r('no such kind')?.ok).toBe(true);
    expect(report.passed).toBe(3);
    expect(report.failed).toBe(3);
    expect(report.problems.length).toBeGreaterThanOrEqual(6);
  });

  it('stops at the first failure when asked, on either engine', async () => {
    const sync = runScenariosSync(policy, loaded, { stopOnFirstFailure: true });
    expect(sync.results.at(-1)?.ok).toBe(false);
    expect(sync.failed).toBe(1);
    const viaEngine = await runScenarios(policy, loaded, { engine: 'interpreter', stopOnFirstFailure: true });
    expect(viaEngine.engine).toBe('interpreter');
    expect(viaEngine.results.map((x) => x.ok)).toEqual(sync.results.map((x) => x.ok));
  });

  it('reports coverage: a rule with one side is not covered, and the report says so', async () => {
    const report = await runScenarios(policy, loaded);
    const rule = (n: string) => report.coverage.rules.find((x) => x.question === 'recording' && x.name === n);
    expect(rule('consented-and-relevant')?.firedIn).toEqual(['recording.cases.json: ok']);
    expect(rule('consented-and-relevant')?.bothSides).toBe(false);
    expect(rule('no-consent-to-record')?.firedIn).toEqual([]); // its one scenario failed
    const figures = coverageFigures(report);
    expect(figures.rules.covered).toBe(0);
    expect(figures.rules.total).toBe(report.coverage.rules.length);
    expect(figures.rules.percent).toBe(0);
    expect(figures.clauses.percent).toBeLessThan(100);
    const text = formatScenarioReport(report);
    expect(text).toMatch(/✗ .* › wrong fires/);
    expect(text).toMatch(/✓ .* › ok/);
    expect(text).toMatch(/rules without both sides/);
    expect(text).toMatch(/consented-and-relevant: no scenario where it does not fire/);
    expect(text).toMatch(/clauses not covered/);
    expect(text).toMatch(/3 passed, 3 failed/);
    const ESC = String.fromCharCode(27);
    expect(text.includes(`${ESC}[`)).toBe(false);
    expect(formatScenarioReport(report, { color: true }).includes(`${ESC}[31m`)).toBe(true);
  });
});

describe('the coverage of rules/ by its scenarios', () => {
  it('is complete on both engines', async () => {
    const compiled = runScenariosSync(policy, files);
    const interpreted = await runScenarios(policy, files, { engine: 'interpreter' });
    for (const report of [compiled, interpreted]) {
      expect(report.failed).toBe(0);
      expect(coverageFigures(report).rules.percent).toBe(100);
      expect(coverageFigures(report).clauses.percent).toBe(100);
    }
    expect(formatScenarioReport(compiled)).toMatch(/rule coverage: 100% /);
  });
});

// A `…None` or `notFired` list naming something the policy does not have (a typo, a code since renamed) can never
// fail: the check would pass on any decision. Each such name is a failure of its own, on either engine.
describe('an expectation naming a clause, code or rule the policy does not have', () => {
  const dir = mkdtempSync(join(tmpdir(), 'upsu-scenario-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const question = {
    question: 'contact',
    channel: 'phone',
    situation: 'direct',
    clientPreferences: { unacceptable: ['phone'] },
  };
  writeFileSync(
    join(dir, 'contact.cases.json'),
    JSON.stringify([
      {
        name: 'typos',
        rule: 'channel-unacceptable',
        fires: true,
        question,
        expect: {
          outcome: 'deny',
          clausesNone: ['9.9'],
          obligationsNone: ['no-service-referance'],
          remediesNone: ['pay-fees'],
          advisoriesNone: ['gdpr-one-mnth'],
          notFired: ['channel-acceptible'],
          reasonsAll: ['channel-unacceptable'],
        },
      },
      {
        name: 'known names',
        rule: 'channel-unacceptable',
        fires: true,
        question,
        expect: {
          outcome: 'deny',
          clausesAll: ['2.3'],
          clausesNone: ['P3'],
          obligationsNone: ['no-service-reference'],
          remediesNone: ['pay-fee'],
          advisoriesNone: ['gdpr-one-month'],
          notFired: ['channel-acceptable'],
        },
      },
    ]),
  );
  const files = loadScenarios([dir]);

  it.each(['compiled', 'interpreter'] as const)('fails it, naming each (%s)', async (engine) => {
    const report = await runScenarios(policy, files, { engine });
    expect(report.results.find((r) => r.name === 'known names')?.failures).toEqual([]);
    expect(report.results.find((r) => r.name === 'typos')?.failures).toEqual([
      'clausesNone names "9.9", which is not a clause id of the policy (clauses.json)',
      'obligationsNone names "no-service-referance", which is not a code of obligations (codes.json)',
      'remediesNone names "pay-fees", which is not a code of remedies (codes.json)',
      'advisoriesNone names "gdpr-one-mnth", which is not a code of advisories (codes.json)',
      'notFired names "channel-acceptible", which is not a rule of question "contact"',
    ]);
  });
});

// The slip CONTRIBUTING warns of ("each deny sits above the permits it overrides"): a new deny written below the
// permit it should override fires, yet the permit decides. The failure says which rule decided and what to change.
describe('a scenario whose rule fired with the expected outcome, but a rule above it decided', () => {
  const bundle = structuredClone(bundledRules) as RuleBundle;
  const contact = bundle.ruleFiles.find((f) => f.file === '2-sharing/contact.rules.json');
  const contactRules = (contact?.rules ?? []) as { name: string; priority: number }[];
  (contactRules as unknown[]).push({
    name: 'phone-message-without-permission',
    priority: 40,
    conditions: {
      all: [
        { fact: 'channel', operator: 'equal', value: 'phone' },
        { fact: 'situation', operator: 'equal', value: 'message' },
      ],
    },
    event: { type: 'deny', params: { clauses: ['2.3'], text: 'No phone message (2.3).' } },
  });
  const adapted = createPolicy(bundle);
  const scenario = {
    name: 'voicemail',
    rule: 'phone-message-without-permission',
    fires: true,
    question: { question: 'contact', channel: 'phone', situation: 'message' },
    expect: { outcome: 'deny' },
    index: 0,
  };

  it.each(['compiled', 'interpreter'] as const)('says which rule decided, and what to change (%s)', async (engine) => {
    const r = await runScenario(adapted, 'contact.cases.json', scenario, engine);
    expect(r.failures).toEqual([
      'expected outcome deny, got permit',
      'rule "phone-message-without-permission" fired and gives deny, but "channel-acceptable" (priority 50, permit) is above it (priority 40) and decided first: give "phone-message-without-permission" a higher priority than 50 if it is to override "channel-acceptable"',
    ]);
  });

  it('says nothing more when the rule is above it', () => {
    const rule = contactRules.find((x) => x.name === scenario.rule);
    (rule as { priority: number }).priority = 90;
    expect(runScenarioSync(createPolicy(bundle), 'contact.cases.json', scenario).failures).toEqual([]);
  });
});

// A question kind named like a member every object inherits is no question of the policy: the scenario expecting it
// to be refused passes, on either engine, and the run does not stop on it (`cq.deciding is not iterable`).
describe('a scenario asking a question kind named like an inherited member (toString, constructor)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'upsu-scenario-inherited-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'x.cases.json'),
    JSON.stringify([
      { name: 'toString is refused', question: { question: 'toString' }, expect: { invalid: true } },
      {
        name: 'constructor is refused',
        question: { question: 'constructor' },
        expect: { invalid: true, issueCodesAll: ['unknown-question'], clausesNone: ['P3'] },
      },
      { name: '__proto__ is refused', question: { question: '__proto__' }, expect: { invalid: true } },
    ]),
  );
  const files = loadScenarios([dir]);

  it.each(['compiled', 'interpreter'] as const)('is refused, and the scenario passes (%s)', async (engine) => {
    const report = await runScenarios(policy, files, { engine });
    expect(report.problems).toEqual([]);
    expect(report.results.map((r) => [r.name, r.failures])).toEqual([
      ['toString is refused', []],
      ['constructor is refused', []],
      ['__proto__ is refused', []],
    ]);
  });
});
