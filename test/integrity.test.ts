import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bundledRules,
  createPolicy,
  defaultPolicy,
  loadPolicy,
  RuleLoadError,
  type RuleProblem,
} from '../src/index.js';

const RULES = new URL('../rules/', import.meta.url).pathname;
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A fresh copy of rules/ in a temporary directory. */
function copyRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'upsu-rules-'));
  made.push(dir);
  cpSync(RULES, dir, { recursive: true });
  return dir;
}

type Rule = Record<string, any>;
const readRules = (dir: string, file: string): Rule[] => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const writeRules = (dir: string, file: string, rules: unknown) =>
  writeFileSync(join(dir, file), JSON.stringify(rules, null, 2));

/** Copies rules/, changes one rule of one file, and returns the problems loading it reports. */
function problemsAfter(file: string, rule: string, change: (r: Rule, all: Rule[]) => void): readonly RuleProblem[] {
  const dir = copyRules();
  const rules = readRules(dir, file);
  const r = rules.find((x) => x.name === rule);
  if (!r) throw new Error(`no rule ${rule} in ${file}`);
  change(r, rules);
  writeRules(dir, file, rules);
  const err = loadError(dir);
  expect(err.code).toBe('invalid-rules');
  return err.problems;
}

const firstCondition = (r: Rule) => r.conditions.all[0];

/** The RuleLoadError loading `dir` throws (the test fails if it loads). */
function loadError(dir: string): RuleLoadError {
  try {
    loadPolicy(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleLoadError);
    return e as RuleLoadError;
  }
  throw new Error('the broken rules loaded');
}

describe('a broken rules folder does not load: RuleLoadError names the file and rule', () => {
  it('an unknown fact', () => {
    const p = problemsAfter('2-sharing/contact.rules.json', 'channel-unacceptable', (r) => {
      firstCondition(r).fact = 'channelForbidden';
    });
    expect(p).toEqual([
      expect.objectContaining({
        file: '2-sharing/contact.rules.json',
        rule: 'channel-unacceptable',
        message: expect.stringMatching(/unknown fact "channelForbidden"/),
      }),
    ]);
  });

  it('an unknown operator', () => {
    const p = problemsAfter('3-access/access.rules.json', 'advice-team-access', (r) => {
      firstCondition(r).operator = 'equals';
    });
    expect(p).toEqual([
      expect.objectContaining({
        file: '3-access/access.rules.json',
        rule: 'advice-team-access',
        message: expect.stringMatching(/unknown operator "equals"/),
      }),
    ]);
  });

  it('an unknown outcome', () => {
    const p = problemsAfter('3-access/access.rules.json', 'advice-team-access', (r) => {
      r.event.type = 'allow';
    });
    expect(p).toContainEqual(
      expect.objectContaining({
        file: '3-access/access.rules.json',
        rule: 'advice-team-access',
        message: expect.stringMatching(/unknown outcome "allow"/),
      }),
    );
  });

  it("an unknown outcome in a modifier rule's when", () => {
    const p = problemsAfter('2-sharing/contact.rules.json', 'no-service-reference', (r) => {
      r.event.params.when = ['allow'];
    });
    expect(p).toEqual([
      expect.objectContaining({ rule: 'no-service-reference', message: expect.stringMatching(/"allow"/) }),
    ]);
  });

  it('an unknown obligation code', () => {
    const p = problemsAfter('1-case-recording/recording.rules.json', 'consented-and-relevant', (r) => {
      r.event.params.obligations = ['shred-everything'];
    });
    expect(p).toEqual([
      expect.objectContaining({
        file: '1-case-recording/recording.rules.json',
        rule: 'consented-and-relevant',
        message: expect.stringMatching(/unknown obligation code "shred-everything"/),
      }),
    ]);
  });

  it('an unknown code in a modifier rule', () => {
    const p = problemsAfter('0-preamble/disclosure.rules.json', 'third-party-enquirer', (r) => {
      r.event.params.code = 'say-nothing';
    });
    expect(p).toEqual([
      expect.objectContaining({ rule: 'third-party-enquirer', message: expect.stringMatching(/"say-nothing"/) }),
    ]);
  });

  it('an unknown clause id', () => {
    const p = problemsAfter('3-access/retention.rules.json', 'still-studying', (r) => {
      r.event.params.clauses = ['7.1'];
    });
    expect(p).toEqual([
      expect.objectContaining({
        file: '3-access/retention.rules.json',
        rule: 'still-studying',
        message: expect.stringMatching(/unknown clause id "7.1"/),
      }),
    ]);
  });

  it('a value a fact never takes', () => {
    const p = problemsAfter('0-preamble/disclosure.rules.json', 'third-party-enquirer', (r) => {
      firstCondition(r).value = ['third-party', 'landlord'];
    });
    expect(p).toEqual([
      expect.objectContaining({
        file: '0-preamble/disclosure.rules.json',
        rule: 'third-party-enquirer',
        message: expect.stringMatching(/never has the value "landlord"/),
      }),
    ]);
  });

  it('a boolean fact compared with a string', () => {
    const p = problemsAfter('1-case-recording/recording.rules.json', 'not-relevant', (r) => {
      firstCondition(r).value = 'false';
    });
    expect(p).toEqual([
      expect.objectContaining({ rule: 'not-relevant', message: expect.stringMatching(/true or false/) }),
    ]);
  });

  it.each([
    ['a word for a number', (r: Rule) => void (firstCondition(r).value = 'five'), /is a number: "five" is not one/],
    ['null for a number', (r: Rule) => void (firstCondition(r).value = null), /needs a value, not null/],
    [
      'a number compared with a boolean fact',
      (r: Rule) => void (firstCondition(r).value = { fact: 'smallestCountKnown' }),
      /compared with fact "smallestCountKnown" \(boolean\)/,
    ],
    [
      'an operator for lists on a number',
      (r: Rule) => void (firstCondition(r).operator = 'contains'),
      /operator "contains" does not compare fact "smallestCount" \(number\)/,
    ],
    [
      'an operator for dates on a number',
      (r: Rule) => void (firstCondition(r).operator = 'dateAfter'),
      /operator "dateAfter" does not compare fact "smallestCount"/,
    ],
  ])('a condition that could never be true: %s', (_, change, message) => {
    // small-counts: smallestCount lessThan {fact: smallCountThreshold}. Each change would switch the deny off.
    const p = problemsAfter('4-statistics/statistics-release.rules.json', 'small-counts', change);
    expect(p).toEqual([expect.objectContaining({ rule: 'small-counts', message: expect.stringMatching(message) })]);
  });

  it('a date that is not a calendar date, and a boolean in a list as a string', () => {
    expect(
      problemsAfter('3-access/retention.rules.json', 'year-after-completion-passed', (r) => {
        const date = JSON.stringify(r.conditions).includes('dateAfter');
        if (!date) throw new Error('the rule no longer compares dates');
        const walk = (c: Rule): void => {
          if (c.all || c.any) for (const x of c.all ?? c.any) walk(x);
          else if (c.operator === 'dateAfter') c.value = '1/9/2026';
        };
        walk(r.conditions);
      }),
    ).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/a calendar date \(YYYY-MM-DD\): "1\/9\/2026"/) }),
    ]);
    expect(
      problemsAfter('1-case-recording/recording.rules.json', 'not-relevant', (r) => {
        firstCondition(r).operator = 'in';
        firstCondition(r).value = ['false'];
      }),
    ).toEqual([expect.objectContaining({ message: expect.stringMatching(/is true or false: "false" is not one/) })]);
  });

  it('conditions that contradict each other, and an empty any', () => {
    expect(
      problemsAfter('0-preamble/disclosure.rules.json', 'third-party-enquirer', (r) => {
        r.conditions = {
          all: [
            { ...firstCondition(r), operator: 'equal', value: 'pms' },
            { ...firstCondition(r), operator: 'equal', value: 'dpo' },
          ],
        };
      }),
    ).toEqual([expect.objectContaining({ message: expect.stringMatching(/to equal both "pms" and "dpo"/) })]);
    expect(
      problemsAfter('0-preamble/disclosure.rules.json', 'third-party-enquirer', (r) => {
        r.conditions = { all: [firstCondition(r), { any: [] }] };
      }),
    ).toEqual([expect.objectContaining({ message: 'an empty "any" is never true' })]);
    expect(
      problemsAfter('0-preamble/disclosure.rules.json', 'third-party-enquirer', (r) => {
        firstCondition(r).operator = 'in';
        firstCondition(r).value = [];
      }),
    ).toEqual([expect.objectContaining({ code: 'never-true', message: '"in" an empty list is never true' })]);
  });

  it('a deciding rule whose conditions are always true, unless it decides the cautious outcome', () => {
    // A permit placeholder with `all: []` would permit every disclosure the rules above it leave.
    for (const conditions of [
      { all: [] },
      { any: [{ all: [] }] },
      { all: [{ all: [] }, { any: [{ all: [] }] }] },
      { not: { not: { all: [] } } },
    ])
      expect(
        problemsAfter('2-sharing/disclosure.rules.json', 'consent-to-share', (r) => {
          r.conditions = conditions;
        }),
        JSON.stringify(conditions),
      ).toEqual([
        expect.objectContaining({
          rule: 'consent-to-share',
          message: expect.stringMatching(/always true .* decide "permit" for every disclosure question/),
        }),
      ]);
    // Denying everything below it is cautious (the rule is only reached where no rule above decides), and a
    // modifier may apply to every decision.
    const dir = copyRules();
    const rules = readRules(dir, '2-sharing/disclosure.rules.json');
    rules.push({
      ...structuredClone(rules.find((x) => x.name === 'involved-staff-client-objects')),
      name: 'deny-rest',
      priority: 1,
      conditions: { all: [] },
    });
    expect(rules.find((x) => x.name === 'deny-rest')?.event.type).toBe('deny');
    writeRules(dir, '2-sharing/disclosure.rules.json', rules);
    expect(() => loadPolicy(dir)).not.toThrow();
    expect(defaultPolicy().loaded.questions['subject-access']?.modifiers.length).toBeGreaterThan(0);
  });

  it('conditions that hold whatever the values of their facts (null included) are always true too', () => {
    const is = (value: unknown) => ({ fact: 'relevant', operator: 'equal', value });
    // A permit in any of these spellings would permit whatever the consent.
    for (const conditions of [
      { all: [{ fact: 'relevant', operator: 'notIn', value: [] }] },
      { all: [{ fact: 'relevant', operator: 'in', value: [true, false, null] }] },
      { any: [is(true), is(false), is(null)] },
      { any: [is(true), { not: is(true) }] },
      { any: [{ all: [is(true)] }, { fact: 'relevant', operator: 'notEqual', value: true }] },
      { not: { fact: 'relevant', operator: 'in', value: [] } },
      { not: { all: [is(true), { fact: 'relevant', operator: 'notEqual', value: true }] } },
      // Conditions on other facts beside them do not hide it: `relevant` is true or not, whatever the consent.
      { any: [is(true), { not: is(true) }, { fact: 'consentToRecord', operator: 'equal', value: false }] },
    ])
      expect(
        problemsAfter('1-case-recording/recording.rules.json', 'consented-and-relevant', (r) => {
          r.conditions = conditions;
        }),
        JSON.stringify(conditions),
      ).toContainEqual(
        expect.objectContaining({
          code: 'always-true',
          rule: 'consented-and-relevant',
          message: expect.stringMatching(/always true .* decide "permit" for every recording question/),
        }),
      );
    // `notIn []` holds for every value of a fact whose values are not a closed list too (a number here).
    expect(
      problemsAfter('4-statistics/statistics-release.rules.json', 'anonymous-table', (r) => {
        r.conditions = { all: [{ fact: 'identifyingFields', operator: 'notIn', value: [] }] };
      }),
    ).toContainEqual(
      expect.objectContaining({
        code: 'always-true',
        rule: 'anonymous-table',
        message: expect.stringMatching(/always true .* decide "permit" for every statistics-release question/),
      }),
    );
    // Conditions that need a fact known, or some of its values, still load: a fact may be null (not known), so
    // `notEqual null` and `in [true, false]` are real conditions (the bundled breach rules guard on them).
    for (const conditions of [
      {
        any: [
          { fact: 'relevant', operator: 'in', value: [true] },
          { fact: 'consentToRecord', operator: 'equal', value: false },
        ],
      },
      { all: [{ fact: 'relevant', operator: 'notEqual', value: null }] },
      { all: [{ fact: 'relevant', operator: 'in', value: [true, false] }] },
      { any: [is(true), is(false)] },
      { not: is(null) },
      // Each holds for some values of its own fact only: `relevant` true, or consent not given; the two facts'
      // values are not pooled as if they were one fact's.
      { any: [is(true), { fact: 'consentToRecord', operator: 'notEqual', value: true }] },
    ]) {
      const dir = copyRules();
      const rules = readRules(dir, '1-case-recording/recording.rules.json');
      (rules.find((x) => x.name === 'consented-and-relevant') as Rule).conditions = conditions;
      writeRules(dir, '1-case-recording/recording.rules.json', rules);
      expect(() => loadPolicy(dir), JSON.stringify(conditions)).not.toThrow();
    }
    // The review's case: a breach rule left with only its guards (a breach ground and a line manager known) loads.
    const dir = copyRules();
    const breach = readRules(dir, '5-breaches/disclosure.rules.json');
    (breach.find((x) => x.name === 'breach-needs-authorisation') as Rule).conditions.all.splice(1, 1);
    writeRules(dir, '5-breaches/disclosure.rules.json', breach);
    expect(() => loadPolicy(dir)).not.toThrow();
  });

  it('a duplicate rule name within a question', () => {
    const p = problemsAfter('0-preamble/disclosure.rules.json', 'pms-case-management', (r, all) => {
      all.push({ ...structuredClone(r), name: 'consent-to-share' }); // a name 2-sharing/disclosure.rules.json uses
    });
    expect(p).toContainEqual(
      expect.objectContaining({ rule: 'consent-to-share', message: expect.stringMatching(/duplicate rule name/) }),
    );
    expect(p.find((x) => /duplicate/.test(x.message))?.file).toMatch(
      /^(0-preamble|2-sharing)\/disclosure\.rules\.json$/,
    );
  });

  it('a duplicate name is reported alongside a format problem of either rule, not after it is fixed', () => {
    for (const broken of ['first', 'second'] as const) {
      const p = problemsAfter('1-case-recording/recording.rules.json', 'consented-and-relevant', (r, all) => {
        const copy = { ...structuredClone(r), priority: 1 };
        all.push(copy);
        (broken === 'first' ? r : copy).priority = 'high' as unknown as number;
      });
      expect(p.map((x) => [x.code, x.rule]).sort(), broken).toEqual([
        ['duplicate', 'consented-and-relevant'],
        ['invalid-format', 'consented-and-relevant'],
      ]);
    }
  });

  it('two deciding rules of one priority with different outcomes', () => {
    const p = problemsAfter('1-case-recording/recording.rules.json', 'consented-and-relevant', (r) => {
      r.priority = 100; // the deny rules' priority
    });
    expect(p).toEqual([
      expect.objectContaining({
        file: '1-case-recording/recording.rules.json',
        message: expect.stringMatching(/same priority \(100\)/),
      }),
    ]);
    expect(['no-consent-to-record', 'not-relevant', 'consented-and-relevant']).toContain(p[0]?.rule);
  });

  it('a malformed rule (no priority), by name', () => {
    const p = problemsAfter('2-sharing/contact.rules.json', 'channel-acceptable', (r) => {
      delete r.priority;
    });
    expect(p).toEqual([
      expect.objectContaining({
        file: '2-sharing/contact.rules.json',
        rule: 'channel-acceptable',
        message: expect.stringMatching(/priority/),
      }),
    ]);
  });

  it('every problem at once, each with its own file and rule', () => {
    const dir = copyRules();
    const contact = readRules(dir, '2-sharing/contact.rules.json') as [Rule, ...Rule[]];
    contact[0].conditions.all[0].fact = 'nope';
    writeRules(dir, '2-sharing/contact.rules.json', contact);
    const access = readRules(dir, '3-access/access.rules.json') as [Rule, ...Rule[]];
    access[0].event.params.clauses = ['9.9'];
    writeRules(dir, '3-access/access.rules.json', access);
    const err = loadError(dir);
    expect(err.problems.map((p) => `${p.file} ${p.rule}`).sort()).toEqual(
      [`2-sharing/contact.rules.json ${contact[0].name}`, `3-access/access.rules.json ${access[0].name}`].sort(),
    );
    expect(err.message).toMatch(/2 problems/);
  });

  it('every file that is not JSON at once (rule files and the policy files), not only the first', () => {
    const dir = copyRules();
    writeFileSync(join(dir, '2-sharing/contact.rules.json'), '[{"name":');
    writeFileSync(join(dir, '3-access/access.rules.json'), '');
    writeFileSync(join(dir, 'codes.json'), '{,}');
    expect(loadError(dir).problems).toEqual([
      {
        code: 'invalid-json',
        file: '2-sharing/contact.rules.json',
        message: 'is not valid JSON: it ends too soon, at line 1, column 10',
      },
      {
        code: 'invalid-json',
        file: '3-access/access.rules.json',
        message: 'is not valid JSON: it ends too soon, at line 1, column 1',
      },
      { code: 'invalid-json', file: 'codes.json', message: 'is not valid JSON: unexpected ",", at line 1, column 2' },
    ]);
  });

  it('a key written twice in one object (JSON.parse would keep the last silently)', () => {
    const dir = copyRules();
    const file = join(dir, '4-statistics/statistics-release.rules.json');
    // Changing the threshold by adding a second "value" after the first: the deny would never fire.
    const text = readFileSync(file, 'utf8').replace(
      /("value": \{\s*"fact": "smallCountThreshold"\s*\})/,
      '$1,\n          "value": 0',
    );
    expect(text).toContain('"value": 0');
    writeFileSync(file, text);
    expect(loadError(dir).problems).toEqual([
      {
        code: 'invalid-json',
        file: '4-statistics/statistics-release.rules.json',
        message: expect.stringMatching(/^has the key "value" twice in one object, at line \d+, column 11$/),
      },
    ]);
  });

  it('rules files where they would not be read: at the top, two folders down, or named .rule.json', () => {
    const dir = copyRules();
    const moved = readFileSync(join(dir, '4-statistics/statistics-release.rules.json'), 'utf8');
    writeFileSync(join(dir, 'statistics-release.rules.json'), moved);
    mkdirSync(join(dir, '4-statistics/extra'));
    writeFileSync(join(dir, '4-statistics/extra/statistics-release.rules.json'), moved);
    writeFileSync(join(dir, '4-statistics/more.rule.json'), moved);
    const message = 'is not read: rules files are <section folder>/<question>.rules.json, one folder down';
    expect(loadError(dir).problems).toEqual([
      { code: 'misplaced-file', file: '4-statistics/extra/statistics-release.rules.json', message },
      { code: 'misplaced-file', file: '4-statistics/more.rule.json', message },
      { code: 'misplaced-file', file: 'statistics-release.rules.json', message },
    ]);
  });

  it('a byte-order mark at the start of a file (as some editors save) is allowed', () => {
    const dir = copyRules();
    const file = join(dir, 'policy.json');
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}`);
    expect(loadPolicy(dir).ref.rulesHash).toBe(defaultPolicy().ref.rulesHash);
  });

  it('a clause listed twice, in a section not listed, or under a parent that is not a clause', () => {
    const dir = copyRules();
    const file = join(dir, 'clauses.json');
    const clauses = JSON.parse(readFileSync(file, 'utf8'));
    const c43 = clauses.clauses.find((c: { id: string }) => c.id === '4.3');
    clauses.clauses.push({ ...c43 }, { ...c43, id: '9.1', section: '9', parent: '9.0' });
    writeFileSync(file, JSON.stringify(clauses));
    expect(loadError(dir).problems.map((p) => p.message)).toEqual([
      'clause 4.3 is listed twice',
      'clause 9.1 is in section 9, which is not listed',
      'clause 9.1 has parent 9.0, which is not a clause',
    ]);
  });

  it('a decision field set to a value of the wrong kind, or citing an unknown clause', () => {
    expect(
      problemsAfter('3-access/retention.rules.json', 'year-after-completion-passed', (r) => {
        r.event.params.set.destroyAfter = 'next year';
      }),
    ).toEqual([
      expect.objectContaining({
        message: 'params.set.destroyAfter must be a calendar date (YYYY-MM-DD) or a date fact, not "next year"',
      }),
    ]);
    expect(
      problemsAfter('1-case-recording/storage.rules.json', 'paper-not-locked', (r) => {
        r.event.params.set.violations.clause = '9.9';
      }),
    ).toEqual([expect.objectContaining({ message: 'params.set.violations cites unknown clause "9.9"' })]);
    expect(
      problemsAfter('5-breaches/disclosure.rules.json', 'breach-needs-authorisation', (r) => {
        r.event.params.set.escalateTo = { fact: 'breachGround' };
      }),
    ).toEqual([expect.objectContaining({ message: 'params.set.escalateTo must read a fact whose values are roles' })]);
  });

  it('an outcome no rule gives the field it carries: a destroy without destroyAfter', () => {
    expect(
      problemsAfter('3-access/retention.rules.json', 'year-after-completion-passed', (r) => {
        delete r.event.params.set;
      }),
    ).toEqual([
      expect.objectContaining({
        rule: 'year-after-completion-passed',
        message:
          'no destroy rule of "retention" sets destroyAfter (params.set.destroyAfter), which a destroy decision carries',
      }),
    ]);
  });

  it('the unbroken copy loads', () => {
    expect(() => loadPolicy(copyRules())).not.toThrow();
  });
});

/** Rewrites every JSON file of a folder with its keys in reverse order and other whitespace. */
function reserialise(dir: string): void {
  const reorder = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(reorder)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .reverse()
              .map((k) => [k, reorder((v as Record<string, unknown>)[k])]),
          )
        : v;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json'))
        writeFileSync(p, `\n\n${JSON.stringify(reorder(JSON.parse(readFileSync(p, 'utf8'))), null, '\t')}  \n`);
    }
  };
  walk(dir);
}

describe('rulesHash', () => {
  const original = loadPolicy(RULES).ref.rulesHash;

  it("loadPolicy(rules/) has the bundled policy's hash", () => {
    expect(original).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(original).toBe(defaultPolicy().ref.rulesHash);
    expect(original).toBe(createPolicy(bundledRules).ref.rulesHash);
  });

  it('is unchanged when the JSON is re-serialised with keys reordered and other whitespace', () => {
    const dir = copyRules();
    reserialise(dir);
    expect(readFileSync(join(dir, '3-access/access.rules.json'), 'utf8')).not.toBe(
      readFileSync(join(RULES, '3-access/access.rules.json'), 'utf8'),
    );
    expect(loadPolicy(dir).ref.rulesHash).toBe(original);
  });

  it('is unchanged by the scenario tables (they are not the policy)', () => {
    const dir = copyRules();
    writeFileSync(join(dir, '3-access/access.cases.json'), '[]');
    expect(loadPolicy(dir).ref.rulesHash).toBe(original);
  });

  it("changes when one rule's text changes", () => {
    const dir = copyRules();
    const rules = readRules(dir, '3-access/retention.rules.json') as [Rule, ...Rule[]];
    rules[0].event.params.text += ' ';
    writeRules(dir, '3-access/retention.rules.json', rules);
    const changed = loadPolicy(dir).ref.rulesHash;
    expect(changed).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(changed).not.toBe(original);
  });

  it('changes when a clause or a setting changes', () => {
    const dir = copyRules();
    const policyJson = JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8'));
    policyJson.settings.smallCountThreshold = 10;
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policyJson));
    expect(loadPolicy(dir).ref.rulesHash).not.toBe(original);
  });

  it('every decision carries it', () => {
    const d = defaultPolicy().evaluate({ question: 'recording', consentToRecord: true, relevant: true });
    expect(d.policy).toEqual({ id: 'upsu-advice-confidentiality', version: expect.any(String), rulesHash: original });
  });
});

describe('settings', () => {
  const table = {
    question: 'statistics-release',
    actor: { role: 'advice-lead' },
    recipient: { role: 'membership-body', name: 'NUS' },
    fields: ['issueCategory', 'count'],
    smallestCount: 7,
  };

  it('the small-count threshold of policy.json (5) can be raised by the caller', () => {
    expect(defaultPolicy().evaluate(table).outcome).toBe('permit');
    const strict = createPolicy(bundledRules, { settings: { smallCountThreshold: 10 } });
    const d = strict.evaluate(table);
    expect(d.outcome).toBe('deny');
    expect(d.remedies.map((r) => r.code)).toContain('suppress-small-counts');
  });

  it('settings given to createPolicy are in the rules hash, as the same settings in policy.json would be', () => {
    const dir = copyRules();
    const policyJson = JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8'));
    policyJson.settings.smallCountThreshold = 10;
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policyJson));
    const strict = createPolicy(bundledRules, { settings: { smallCountThreshold: 10 } });
    expect(strict.ref.rulesHash).not.toBe(defaultPolicy().ref.rulesHash);
    expect(strict.ref.rulesHash).toBe(loadPolicy(dir).ref.rulesHash);
    expect(strict.evaluate(table).policy.rulesHash).toBe(strict.ref.rulesHash);
    // The same settings as policy.json's: the same hash.
    expect(createPolicy(bundledRules, { settings: { smallCountThreshold: 5 } }).ref.rulesHash).toBe(
      defaultPolicy().ref.rulesHash,
    );
  });

  it.each([
    ['undefined (an unset environment variable)', { smallCountThreshold: undefined }],
    ['NaN', { smallCountThreshold: Number.NaN }],
    ['0', { smallCountThreshold: 0 }],
    ['negative', { smallCountThreshold: -3 }],
    ['not whole', { smallCountThreshold: 2.5 }],
    ['a string', { smallCountThreshold: '10' }],
    ['a misspelt key', { smalCountThreshold: 10 }],
    ['not an object', 10],
    ['null', null],
  ])('settings that are %s are refused, never used', (_, settings) => {
    expect(() => createPolicy(bundledRules, { settings: settings as never })).toThrow(RuleLoadError);
  });

  /** The problems `run` throws, as `file: message` lines. */
  const problemsOf = (run: () => unknown): string[] => {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleLoadError);
      return (e as RuleLoadError).problems.map((p) => `${p.file}: ${p.message}`);
    }
    throw new Error('it did not throw');
  };

  it('a misspelt option is refused, not dropped (the policy.json threshold would be used unnoticed)', () => {
    expect(problemsOf(() => createPolicy(bundledRules, { setting: { smallCountThreshold: 10 } } as never))).toEqual([
      'createPolicy options: unknown option "setting" (createPolicy takes settings)',
    ]);
    expect(problemsOf(() => loadPolicy(RULES, { Settings: {} } as never))).toHaveLength(1);
    expect(problemsOf(() => createPolicy(bundledRules, 'strict' as never))).toEqual([
      'createPolicy options: the options must be an object',
    ]);
  });

  it('the settings given are blamed on the options, not on policy.json, and every problem is listed', () => {
    expect(
      problemsOf(() =>
        createPolicy(bundledRules, {
          settings: {
            smallCountThreshold: '10',
            retentionYears: 0,
            colour: 1,
            reviewIntervalYears: undefined,
          } as never,
        }),
      ),
    ).toEqual([
      'createPolicy options: settings.reviewIntervalYears: given as undefined; leave it out or give a value',
      expect.stringMatching(/^createPolicy options: settings\.smallCountThreshold: /),
      expect.stringMatching(/^createPolicy options: settings\.retentionYears: /),
      expect.stringMatching(/^createPolicy options: settings: .*colour/),
    ]);
  });

  it('a member named __proto__ (which zod records leave out) is refused, in the options and in the files', () => {
    // JSON.parse makes __proto__ an own member; a record's check would pass it and then not read it.
    const managers = JSON.parse('{"adviser":"advice-lead","__proto__":"advice-manager"}');
    expect(problemsOf(() => createPolicy(bundledRules, { settings: { lineManagers: managers } }))).toEqual([
      'createPolicy options: settings.lineManagers.__proto__: "__proto__" is not a role or a setting',
    ]);
    const dir = copyRules();
    const policy = JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8'));
    policy.settings.lineManagers = managers;
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
    const codes = readFileSync(join(dir, 'codes.json'), 'utf8');
    writeFileSync(
      join(dir, 'codes.json'),
      codes.replace('"obligations": {', '"obligations": {"__proto__": {"clause": "1.1", "text": "x"},'),
    );
    expect(loadError(dir).problems).toEqual([
      expect.objectContaining({
        code: 'invalid-format',
        file: 'policy.json',
        path: ['settings', 'lineManagers', '__proto__'],
      }),
      expect.objectContaining({ code: 'invalid-format', file: 'codes.json', path: ['obligations', '__proto__'] }),
    ]);
  });

  it('a folder path given to createPolicy, or nothing, is a RuleLoadError that says to use loadPolicy', () => {
    for (const bad of [RULES, null, undefined, [], 3])
      expect(problemsOf(() => createPolicy(bad as never))[0], String(bad)).toMatch(
        /^createPolicy options: the rules must be a rule bundle .*use loadPolicy$/,
      );
  });

  it('a bundle missing its parts is a RuleLoadError naming them, also with settings given', () => {
    expect(problemsOf(() => createPolicy({} as never, { settings: { smallCountThreshold: 3 } }))).toEqual([
      'policy.json: missing from the bundle',
      'clauses.json: missing from the bundle',
      'codes.json: missing from the bundle',
      'questions.json: missing from the bundle',
      'createPolicy options: the bundle has no ruleFiles list (the rules files, read)',
    ]);
    expect(problemsOf(() => createPolicy({ ...bundledRules, policy: null } as never, { settings: {} }))).toEqual([
      'policy.json: missing from the bundle',
    ]);
    expect(problemsOf(() => createPolicy({ ...bundledRules, ruleFiles: undefined } as never))).toEqual([
      'createPolicy options: the bundle has no ruleFiles list (the rules files, read)',
    ]);
  });

  it('a rules folder that does not exist is a RuleLoadError with the reason, not a bare ENOENT', () => {
    const missing = join(tmpdir(), 'upsu-no-such-rules-folder');
    expect(problemsOf(() => loadPolicy(missing))).toEqual([
      `.: the rules folder ${JSON.stringify(missing)} cannot be read (ENOENT)`,
    ]);
    const dir = copyRules();
    rmSync(join(dir, 'codes.json'));
    expect(problemsOf(() => loadPolicy(dir))).toEqual(['codes.json: cannot be read (ENOENT)']);
  });

  it('a rules folder that is not a path is named by its type, its contents never repeated (a question passed by mistake)', () => {
    const question = { question: 'disclosure', client: { name: 'Jane Secretname', email: 'jane@example.com' } };
    for (const [given, kind] of [
      [question, 'object'],
      [['Jane Secretname'], 'an array'],
      [null, 'null'],
      [undefined, 'undefined'],
      [1234567, 'number'],
    ] as const) {
      const problems = problemsOf(() => loadPolicy(given as never));
      expect(problems).toEqual([
        `.: the rules folder (given as ${kind}, not a path) cannot be read (ERR_INVALID_ARG_TYPE)`,
      ]);
      for (const secret of ['Secretname', 'jane@example.com', '1234567']) expect(problems.join()).not.toContain(secret);
    }
  });
});

describe("questions.json keeps the contract's outcomes and fail-closed default", () => {
  const withQuestions = (change: (q: Record<string, { outcomes: string[]; cautious: string }>) => void) => {
    const dir = copyRules();
    const q = JSON.parse(readFileSync(join(dir, 'questions.json'), 'utf8'));
    change(q);
    writeFileSync(join(dir, 'questions.json'), JSON.stringify(q));
    return loadError(dir).problems.map((p) => p.message);
  };

  it('a cautious outcome that is not the most cautious is refused', () => {
    const messages = withQuestions((q) => {
      (q.disclosure as { cautious: string }).cautious = 'permit';
    });
    expect(messages).toEqual([expect.stringMatching(/question "disclosure": its cautious outcome must be "deny"/)]);
  });

  it('a renamed or added outcome is refused', () => {
    const messages = withQuestions((q) => {
      (q.retention as { outcomes: string[] }).outcomes = ['retain', 'delete', 'review'];
      (q.access as { outcomes: string[] }).outcomes = ['permit', 'deny', 'refer'];
    });
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/question "access": its outcomes must be the contract's \(permit, deny\)/),
        expect.stringMatching(/question "retention": its outcomes must be the contract's \(retain, destroy, review\)/),
      ]),
    );
  });
});
