// Every rule-loading problem carries a stable code (README "Adapting the rules" lists them): one broken folder,
// or one bad call, per code, each checked for its code, its file and rule, and its path where it has one (format
// problems; a condition, clause or code of a rule: `conditions.all.0`, `event.params.clauses.0`).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULE_PROBLEM_CODES } from '../src/decision/errors.js';
import { bundledRules, createPolicy, loadPolicy, type RuleProblem } from '../src/index.js';
import { problemsThrown } from './support/thrown-issues.js';

const RULES = new URL('../rules/', import.meta.url).pathname;
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

type Json = Record<string, any>;

/** The problems of a copy of rules/ changed by `change(dir, read, write)`. */
function problemsOf(change: (dir: string, read: (f: string) => Json, write: (f: string, v: unknown) => void) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'upsu-codes-'));
  made.push(dir);
  cpSync(RULES, dir, { recursive: true });
  change(
    dir,
    (f) => JSON.parse(readFileSync(join(dir, f), 'utf8')),
    (f, v) => writeFileSync(join(dir, f), JSON.stringify(v, null, 2)),
  );
  return thrown(() => loadPolicy(dir));
}

/** The problems a load throws, with the error's message beside them (to check each problem's line in it). */
function thrown(run: () => unknown): readonly RuleProblem[] & { message: string } {
  let message = '';
  const problems = problemsThrown(() => {
    try {
      return run();
    } catch (e) {
      message = (e as Error).message;
      throw e;
    }
  });
  return Object.assign([...problems], { message });
}

/** Changes one rule of a rules file. */
const inRule =
  (file: string, name: string, change: (r: Json) => void) =>
  (_: string, read: (f: string) => Json, write: (f: string, v: unknown) => void) => {
    const rules = read(file) as Json[];
    const r = rules.find((x) => x.name === name);
    if (!r) throw new Error(`no rule ${name} in ${file}`);
    change(r);
    write(file, rules);
  };

const first = (r: Json) => r.conditions.all[0];

const CASES: [RuleProblem['code'], () => readonly RuleProblem[], Partial<RuleProblem>][] = [
  ['unreadable', () => thrown(() => loadPolicy(join(tmpdir(), 'upsu-no-such-folder'))), { file: '.' }],
  ['invalid-json', () => problemsOf((dir) => writeFileSync(join(dir, 'codes.json'), '{,}')), { file: 'codes.json' }],
  [
    'misplaced-file',
    () => problemsOf((dir) => writeFileSync(join(dir, 'access.rules.json'), '[]')),
    { file: 'access.rules.json' },
  ],
  [
    'invalid-format',
    () => problemsOf(inRule('2-sharing/contact.rules.json', 'channel-acceptable', (r) => delete r.priority)),
    { file: '2-sharing/contact.rules.json', rule: 'channel-acceptable', path: ['priority'] },
  ],
  [
    'invalid-options',
    () => thrown(() => createPolicy(bundledRules, { setting: {} } as never)),
    { file: 'createPolicy options' },
  ],
  [
    'invalid-setting',
    () => thrown(() => createPolicy(bundledRules, { settings: { smallCountThreshold: -1 } })),
    { file: 'createPolicy options', path: ['settings', 'smallCountThreshold'] },
  ],
  [
    'duplicate',
    () =>
      problemsOf(inRule('3-access/access.rules.json', 'advice-team-access', (r) => (r.name = 'outside-advice-team'))),
    { file: '3-access/access.rules.json' },
  ],
  [
    'unknown-section',
    () =>
      problemsOf((_, read, write) => {
        const c = read('clauses.json');
        c.clauses.push({ ...c.clauses.find((x: Json) => x.id === '4.3'), id: '9.1', section: '9' });
        write('clauses.json', c);
      }),
    { file: 'clauses.json' },
  ],
  [
    'unknown-clause',
    () =>
      problemsOf(inRule('3-access/retention.rules.json', 'still-studying', (r) => (r.event.params.clauses = ['7.1']))),
    { file: '3-access/retention.rules.json', rule: 'still-studying', path: ['event', 'params', 'clauses', 0] },
  ],
  [
    'unknown-code',
    () =>
      problemsOf(
        inRule('1-case-recording/recording.rules.json', 'consented-and-relevant', (r) => {
          r.event.params.obligations = ['shred-everything'];
        }),
      ),
    { rule: 'consented-and-relevant', path: ['event', 'params', 'obligations', 0] },
  ],
  [
    'unknown-question',
    () => problemsOf((dir) => writeFileSync(join(dir, '2-sharing/parking.rules.json'), '[]')),
    { file: '2-sharing/parking.rules.json' },
  ],
  [
    'unknown-fact',
    () =>
      problemsOf(
        inRule('2-sharing/contact.rules.json', 'channel-unacceptable', (r) => (first(r).fact = 'channelForbidden')),
      ),
    { rule: 'channel-unacceptable', path: ['conditions', 'all', 0] },
  ],
  [
    'unknown-operator',
    () => problemsOf(inRule('3-access/access.rules.json', 'advice-team-access', (r) => (first(r).operator = 'equals'))),
    { rule: 'advice-team-access', path: ['conditions', 'all', 0] },
  ],
  [
    'unknown-outcome',
    () => problemsOf(inRule('3-access/access.rules.json', 'advice-team-access', (r) => (r.event.type = 'allow'))),
    { rule: 'advice-team-access' },
  ],
  [
    'unknown-value',
    () =>
      problemsOf(
        inRule('0-preamble/disclosure.rules.json', 'third-party-enquirer', (r) => {
          first(r).value = ['third-party', 'landlord'];
        }),
      ),
    { rule: 'third-party-enquirer', path: ['conditions', 'all', 0] },
  ],
  [
    'inconsistent-clause',
    () =>
      problemsOf((_, read, write) => {
        const c = read('clauses.json');
        const x = c.clauses.find((x: Json) => x.decidable === false);
        delete x.notDecidableReason;
        write('clauses.json', c);
      }),
    { file: 'clauses.json' },
  ],
  [
    'not-the-contract',
    () =>
      problemsOf((_, read, write) => {
        const q = read('questions.json');
        q.disclosure.cautious = 'permit';
        write('questions.json', q);
      }),
    { file: 'questions.json' },
  ],
  [
    'never-true',
    () =>
      problemsOf(
        inRule('0-preamble/disclosure.rules.json', 'third-party-enquirer', (r) => {
          r.conditions = { all: [first(r), { any: [] }] };
        }),
      ),
    { rule: 'third-party-enquirer', path: ['conditions', 'all', 1, 'any'] },
  ],
  [
    'always-true',
    () =>
      problemsOf(inRule('2-sharing/disclosure.rules.json', 'consent-to-share', (r) => (r.conditions = { all: [] }))),
    { rule: 'consent-to-share' },
  ],
  [
    'type-mismatch',
    () =>
      problemsOf(inRule('1-case-recording/recording.rules.json', 'not-relevant', (r) => (first(r).value = 'false'))),
    { rule: 'not-relevant', path: ['conditions', 'all', 0] },
  ],
  [
    'invalid-params',
    () => problemsOf(inRule('3-access/access.rules.json', 'advice-team-access', (r) => (r.event.params.code = 'x-y'))),
    { rule: 'advice-team-access' },
  ],
  [
    'invalid-set',
    () =>
      problemsOf(
        inRule('3-access/retention.rules.json', 'year-after-completion-passed', (r) => {
          r.event.params.set.destroyAfter = 'next year';
        }),
      ),
    { rule: 'year-after-completion-passed' },
  ],
  [
    'missing-set',
    () =>
      problemsOf(
        inRule('3-access/retention.rules.json', 'year-after-completion-passed', (r) => delete r.event.params.set),
      ),
    { rule: 'year-after-completion-passed' },
  ],
  [
    'ambiguous-priority',
    () =>
      problemsOf(inRule('1-case-recording/recording.rules.json', 'consented-and-relevant', (r) => (r.priority = 100))),
    { file: '1-case-recording/recording.rules.json' },
  ],
];

describe('rule-loading problems carry stable codes', () => {
  it.each(CASES)('%s', (code, run, where) => {
    const problems = run();
    expect(problems).toContainEqual(expect.objectContaining({ code, ...where }));
    // Every problem has a known code, and the message line of the error starts with it.
    const lines = (problems as { message?: string }).message?.split('\n').slice(1) ?? [];
    expect(lines).toHaveLength(problems.length);
    problems.forEach((p, i) => {
      expect(RULE_PROBLEM_CODES).toContain(p.code);
      expect(lines[i]?.startsWith(`  ${p.code} `), lines[i]).toBe(true);
    });
  });

  it('the table covers every code, and the README lists every code', () => {
    expect(CASES.map(([c]) => c).sort()).toEqual([...RULE_PROBLEM_CODES].sort());
    for (const code of RULE_PROBLEM_CODES) expect(README, code).toContain(`\`${code}\``);
  });

  it('a bundle that is not JSON-like data (a cycle, nesting deeper than 512) is a RuleLoadError, not a RangeError', () => {
    const cyclic = structuredClone(bundledRules) as unknown as { ruleFiles: { rules: Json[] }[] };
    const params = (cyclic.ruleFiles[0] as { rules: Json[] }).rules[0]!.event.params;
    params.self = params;
    expect([...thrown(() => createPolicy(cyclic as never))]).toEqual([
      expect.objectContaining({
        code: 'invalid-options',
        path: ['ruleFiles', 0, 'rules', 0, 'event', 'params', 'self'],
      }),
    ]);
    const deep = structuredClone(bundledRules) as unknown as { ruleFiles: { rules: Json[] }[] };
    const root: Json = {};
    let at = root;
    for (let i = 0; i < 100_000; i++) {
      const next: Json = {};
      at.all = [next];
      at = next;
    }
    (deep.ruleFiles[0] as { rules: Json[] }).rules[0]!.conditions.all.push(root);
    const [problem] = thrown(() => createPolicy(deep as never));
    expect(problem).toMatchObject({ code: 'invalid-options', message: expect.stringMatching(/nested more than 512/) });
    // The same array in two places is not a cycle: the bundle loads.
    const shared = structuredClone(bundledRules) as unknown as { ruleFiles: { rules: Json[] }[] };
    const rules = (shared.ruleFiles[0] as { rules: Json[] }).rules;
    (rules[1] as Json).event.params.clauses = (rules[0] as Json).event.params.clauses;
    expect(() => createPolicy(shared as never)).not.toThrow();
  });

  it('settings that are not JSON-like data (a cycle, nesting deeper than 512) are a RuleLoadError, not a RangeError', () => {
    const cyclic: Json = { adviceTeam: ['adviser'] };
    cyclic.self = cyclic;
    expect([...thrown(() => createPolicy(bundledRules, { settings: cyclic as never }))]).toEqual([
      expect.objectContaining({ code: 'invalid-setting', path: ['settings', 'self'] }),
    ]);
    const deep: Json = { roleLabels: {} };
    let at = deep.roleLabels;
    for (let i = 0; i < 100_000; i++) at = at.x = {};
    const [problem] = thrown(() => createPolicy(bundledRules, { settings: deep as never }));
    expect(problem).toMatchObject({ code: 'invalid-setting', message: expect.stringMatching(/nested more than 512/) });
    // Listed with the other problems of the arguments, as every problem is.
    expect(
      [...thrown(() => createPolicy(5 as never, { setting: 1, settings: cyclic } as never))].map((p) => p.code),
    ).toEqual(['invalid-options', 'invalid-options', 'invalid-setting']);
  });

  it("the error's message gives each problem's code, file and rule on one line", () => {
    try {
      loadPolicy(join(tmpdir(), 'upsu-no-such-folder'));
    } catch (e) {
      expect((e as Error).message.split('\n')[1]).toMatch(
        /^ {2}unreadable at \.: the rules folder ".*" cannot be read/,
      );
      return;
    }
    throw new Error('it loaded');
  });
});
