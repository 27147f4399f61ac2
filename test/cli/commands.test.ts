import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, ROOT, tempDir } from './helpers.js';

beforeAll(ensureBuilt, 120_000);

describe('upsu-policy: help, version, usage', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const r = cli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('--help lists every command with examples', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = cli(args);
      expect(r.code).toBe(0);
      for (const c of ['decide', 'audit', 'test', 'schema', 'docs']) expect(r.stdout).toContain(`  ${c} `);
      expect(r.stdout).toContain('Examples:');
      // Both variables the colour follows (colorFor in main.ts; README, "Command line").
      expect(r.stdout).toMatch(/^Colour .*FORCE_COLOR.*NO_COLOR/m);
      expect(r.stdout.split('\n').filter((l) => [...l].length > 120)).toEqual([]);
    }
  });

  it('no command is a usage error: exit 2, the help on stderr, nothing on stdout', () => {
    const r = cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(cli(['--help']).stdout);
  });

  it('every command has --help with examples', () => {
    for (const c of ['decide', 'audit', 'test', 'schema', 'docs', 'demo']) {
      const r = cli([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`^Usage: upsu-policy ${c}`));
      expect(r.stdout, c).toContain('Examples:');
      expect(cli(['help', c]).stdout).toBe(r.stdout);
      // Wrapped for a terminal: no line of the help is wider than 120 columns.
      const wide = r.stdout.split('\n').filter((l) => [...l].length > 120);
      expect(wide, `${c} --help lines over 120 columns`).toEqual([]);
    }
  });

  it('an unknown command or option is a usage error: exit 2, one line', () => {
    for (const args of [['frobnicate'], ['help', 'frobnicate'], ['schema', '--bogus'], ['demo', 'extra']]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it("an option node:util's parser refuses reads as this command's other usage errors (lower case, no full stop)", () => {
    expect(cli(['audit', 'x.ndjson', '--bogus']).stderr).toBe(
      "upsu-policy audit: unknown option '--bogus' (see upsu-policy audit --help)\n",
    );
    expect(cli(['test', '--coverage=3']).stderr).toBe(
      "upsu-policy test: option '--coverage' does not take an argument (see upsu-policy test --help)\n",
    );
    // A value starting with a dash is not taken as the value: say how to write it, not that it is "ambiguous".
    expect(cli(['audit', 'x.ndjson', '--workers', '-1']).stderr).toBe(
      'upsu-policy audit: --workers is followed by a value starting with "-": write --workers=VALUE if that is meant (see upsu-policy audit --help)\n',
    );
  });
});

describe('upsu-policy schema', () => {
  it('prints the JSON Schema of a question kind and of a case-export line', () => {
    const d = cli(['schema', 'disclosure']);
    expect(d.code).toBe(0);
    const s = JSON.parse(d.stdout);
    expect(s.$schema).toContain('2020-12');
    expect(s.required).toEqual(expect.arrayContaining(['question', 'actor', 'recipient', 'information']));
    const c = JSON.parse(cli(['schema', 'case-export']).stdout);
    expect(c.properties.client.required).toEqual(['degreeStatus']);
    const any = JSON.parse(cli(['schema']).stdout);
    expect(any.anyOf.length).toBeGreaterThanOrEqual(11);
  });
  it('an unknown name exits 2', () => {
    expect(cli(['schema', 'nope']).code).toBe(2);
  });
});

describe('upsu-policy test', () => {
  it("runs the package's own scenarios: all pass, full rule coverage, exit 0", () => {
    const r = cli(['test', '--coverage', '--threshold', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ scenarios \(compiled\): \d+ passed, 0 failed/);
    expect(r.stdout).toContain('rule coverage: 100%');
    expect(r.stdout).toContain('clause coverage:');
  });

  it('exits 1 when a scenario fails', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'recording.cases.json'),
      JSON.stringify([
        {
          name: 'wrong on purpose',
          rule: 'consented-and-relevant',
          fires: true,
          question: { question: 'recording', consentToRecord: true, relevant: true },
          expect: { outcome: 'deny' },
        },
      ]),
    );
    const r = cli(['test', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1 failed/);
  });

  it('exits 1 when rule coverage is under --threshold', () => {
    const r = cli(['test', join(ROOT, 'rules/1-case-recording'), '--threshold', '90']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rule coverage [\d.]+% is under the threshold 90%/);
    expect(cli(['test', join(ROOT, 'rules/1-case-recording')]).code).toBe(0);
  });

  it('exits 1 when clause coverage is under --threshold: a decidable clause no rule cites', () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'rules'), join(dir, 'rules'), { recursive: true });
    const file = join(dir, 'rules/clauses.json');
    const clauses = JSON.parse(readFileSync(file, 'utf8'));
    clauses.clauses.push({ id: '4.5', section: '4', parent: null, text: 'A new sign-off clause.', decidable: true });
    writeFileSync(file, JSON.stringify(clauses));
    const r = cli(['test', join(dir, 'rules'), '--rules', join(dir, 'rules'), '--threshold', '100']);
    expect(r.stdout).toMatch(/clause coverage [\d.]+% is under the threshold 100%/);
    expect(r.stdout).not.toMatch(/rule coverage [\d.]+% is under/);
    expect(r.code).toBe(1);
  });

  it('--rules tests an adapted rules folder with its own scenarios', () => {
    const dir = join(tempDir(), 'rules');
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    expect(cli(['test', '--rules', dir]).code).toBe(0);
    // Break a rule: its scenarios now fail.
    const file = join(dir, '1-case-recording/recording.rules.json');
    const rules = JSON.parse(readFileSync(file, 'utf8'));
    for (const r of rules) if (r.name === 'consented-and-relevant') r.event.type = 'deny';
    writeFileSync(file, JSON.stringify(rules));
    expect(cli(['test', '--rules', dir]).code).toBe(1);
  });

  it('--rules with a folder that does not load exits 2 listing the problems', () => {
    const dir = join(tempDir(), 'rules');
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    const file = join(dir, '1-case-recording/recording.rules.json');
    const rules = JSON.parse(readFileSync(file, 'utf8'));
    rules[0].conditions.all[0].fact = 'noSuchFact';
    writeFileSync(file, JSON.stringify(rules));
    const r = cli(['test', '--rules', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('recording.rules.json');
    // One line per problem: its stable code, the file and the rule.
    expect(r.stderr).toMatch(
      new RegExp(
        `^ {2}unknown-fact at 1-case-recording/recording\\.rules\\.json \\[${rules[0].name}\\]: unknown fact "noSuchFact"`,
        'm',
      ),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--mutate runs mutation testing and reports the score', () => {
    const r = cli(['test', '--mutate', '--filter', 'no-consent-to-record', '--min-score', '50']);
    expect(r.code).toBe(0);
    const score = /mutation score: (\d+(?:\.\d)?)% \((\d+)\/(\d+)\)/.exec(r.stdout);
    expect(score, r.stdout.slice(-500)).not.toBeNull();
    // Mutants of that rule were run (0/0 would read 100.0%), and the score is the share of them killed.
    const [, percent, killed, total] = (score as RegExpExecArray).map(Number);
    expect(total).toBeGreaterThan(0);
    expect(percent).toBe(Math.floor(((killed as number) / (total as number)) * 1000) / 10);
  }, 60_000);

  it('--mutate with a --filter no mutant matches is an error (exit 2), not a score of 100% (0/0)', () => {
    const r = cli(['test', '--mutate', '--filter', 'no-such-rule', '--min-score', '100']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('upsu-policy test: no mutant to run (no mutant id contains "no-such-rule")\n');
    // Refused before the scenarios run: nothing on stdout, not a report of every scenario first.
    expect(r.stdout).toBe('');
  }, 60_000);

  it('--mutate --min-score with a --filter matching only equivalent mutants is an error (exit 2): none is scored', () => {
    const equivalents = JSON.parse(readFileSync(join(ROOT, 'rules', 'equivalent-mutants.json'), 'utf8')) as {
      mutants: { id: string }[];
    };
    const id = equivalents.mutants[0]?.id as string;
    const r = cli(['test', '--mutate', '--filter', id, '--min-score', '100']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `upsu-policy test: no mutant to score against --min-score: every mutant run (id containing ${JSON.stringify(id)}) is listed as equivalent\n`,
    );
    // Without --min-score nothing is gated: the equivalent mutants are still checked (killed, stale), and reported.
    const listed = cli(['test', '--mutate', '--filter', id]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/1 equivalent \(excluded\)/);
  }, 60_000);

  it('usage errors exit 2', () => {
    expect(cli(['test', '--threshold', 'lots']).code).toBe(2);
    expect(cli(['test', '/no/such/dir']).code).toBe(2);
    expect(cli(['test', '--engine', 'quantum']).code).toBe(2);
  });

  it('a folder with no scenario files is an error (exit 2), not a pass: a gate that runs nothing fails', () => {
    const empty = tempDir();
    const misnamed = tempDir();
    // Named like a scenario table, but not `*.cases.json`: not read.
    writeFileSync(join(misnamed, 'recording.case.json'), JSON.stringify([]));
    writeFileSync(join(misnamed, 'recording.json'), JSON.stringify([]));
    const none = cli(['test', empty]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toContain(`upsu-policy test: no scenario files (*.cases.json) found in ${empty}`);
    // The misnamed table is named as a problem (not silently skipped): exit 2.
    const wrong = cli(['test', misnamed]);
    expect(wrong.code).toBe(2);
    expect(`${wrong.stdout}${wrong.stderr}`).toContain(
      'recording.case.json: is not read: scenario files are named <question>.cases.json',
    );
    // One line per folder without any, even next to one that has some.
    const r = cli(['test', join(ROOT, 'rules/1-case-recording'), empty, join(tempDir())]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    // An adapted rules folder without scenarios fails the same way.
    const rules = join(tempDir(), 'rules');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true, filter: (f) => !f.endsWith('.cases.json') });
    const adapted = cli(['test', '--rules', rules]);
    expect(adapted.code).toBe(2);
    expect(adapted.stderr).toContain(`no scenario files (*.cases.json) found in ${rules}`);
  });

  it('scenario files that hold no scenario at all are an error (exit 2) too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'recording.cases.json'), '[]');
    const r = cli(['test', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`no scenarios in the scenario files found in ${dir}`);
    // Beside a folder that does hold scenarios: still an error, naming the idle folder only.
    const real = join(ROOT, 'rules', '3-access');
    const both = cli(['test', real, dir]);
    expect(both.code).toBe(2);
    expect(both.stderr.trim().split('\n')).toEqual([
      `upsu-policy test: no scenarios in the scenario files found in ${dir}`,
    ]);
  });

  it('--min-score and --filter without --mutate are usage errors (exit 2, one line), not ignored', () => {
    for (const args of [
      ['test', '--min-score', '100'],
      ['test', '--filter', 'no-consent-to-record'],
      ['test', '--min-score', '100', '--filter', 'x'],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(
        /^upsu-policy test: (--min-score|--filter)( and --filter)? only works? with --mutate/,
      );
    }
  });

  it('without --coverage, coverage is one summary line; --coverage lists what is missing', () => {
    // The package's own rules, tested with the scenarios of one section: most rules and clauses are missing.
    const section = join(ROOT, 'rules/1-case-recording');
    const r = cli(['test', section]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('rules without both sides');
    expect(r.stdout).not.toContain('clauses not covered');
    expect(r.stdout).not.toContain('clause coverage:\n');
    const coverageLines = r.stdout.split('\n').filter((l) => /coverage/.test(l));
    expect(coverageLines).toHaveLength(1);
    expect(coverageLines[0]).toMatch(
      /^rule coverage: \d+(\.\d)?% \(\d+\/\d+ rules with both sides\), clause coverage: \d+(\.\d)?% \(\d+\/\d+ clauses\); --coverage lists what is missing$/,
    );
    const listed = cli(['test', section, '--coverage']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/rules without both sides \(\d+\):/);
    expect(listed.stdout).toMatch(/clauses not covered \(\d+\):/);
    expect(listed.stdout).toMatch(/^rule coverage: \d+(\.\d)?% /m);
    expect(listed.stdout).toContain('clause coverage:\n');
    // --threshold still measures coverage without the listing.
    const gated = cli(['test', section, '--threshold', '90']);
    expect(gated.code).toBe(1);
    expect(gated.stdout).not.toContain('rules without both sides');
    expect(gated.stdout).toMatch(/rule coverage \d+(\.\d)?% is under the threshold 90%/);
  });
});

describe('file errors: one line, the path given, no code said twice', () => {
  it('--rules with a folder that does not exist, for every command that takes it', () => {
    const q = JSON.stringify({ question: 'recording', consentToRecord: true, relevant: true });
    const out = join(tempDir(), 'site');
    for (const args of [
      ['decide', '-', '--rules', '/nonexistent'],
      ['audit', join(ROOT, 'examples/cases.ndjson'), '--as-of', '2026-09-01', '--rules', '/nonexistent'],
      [
        'audit',
        join(ROOT, 'examples/cases.ndjson'),
        '--as-of',
        '2026-09-01',
        '--rules',
        '/nonexistent',
        '--workers',
        '2',
      ],
      ['test', '--rules', '/nonexistent'],
      ['docs', '--out', out, '--rules', '/nonexistent'],
    ]) {
      const r = cli(args, { input: q });
      const what = args.join(' ');
      expect(r.code, what).toBe(2);
      expect(r.stdout, what).toBe('');
      expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(r.stderr, what).toMatch(
        new RegExp(`^upsu-policy ${args[0]}: cannot read rules folder /nonexistent \\(ENOENT\\)`),
      );
    }
    expect(existsSync(out)).toBe(false);
  });

  it('--rules with a file instead of a folder', () => {
    const r = cli(['decide', '-', '--rules', join(ROOT, 'package.json')], { input: '{}' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`cannot read rules folder ${join(ROOT, 'package.json')} (ENOTDIR)`);
  });

  it('docs --out an existing file: one line, no code said twice', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'keep me');
    for (const out of [file, join(file, 'site')]) {
      const r = cli(['docs', '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr.trim().split('\n'), out).toHaveLength(1);
      expect(r.stderr, out).toMatch(/^upsu-policy docs: cannot write .*a-file(\/site)? \(ENOTDIR\)/);
      expect(r.stderr, out).not.toMatch(/\b(E[A-Z]+)\b.*\b\1\b/);
    }
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });
});

describe('upsu-policy docs and demo', () => {
  it('docs --out DIR writes the documentation', () => {
    const dir = join(tempDir(), 'site');
    const r = cli(['docs', '--out', dir]);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    expect(cli(['docs']).code).toBe(2);
  });

  it('docs refuses to show worked examples its rules contradict, or tables that are not valid: exit 2, nothing written', () => {
    const rules = join(tempDir(), 'rules');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const file = join(rules, '1-case-recording/recording.cases.json');
    const cases = JSON.parse(readFileSync(file, 'utf8'));
    cases[0].expect = { outcome: cases[0].expect.outcome === 'permit' ? 'deny' : 'permit' };
    writeFileSync(file, JSON.stringify(cases));
    writeFileSync(join(rules, '1-case-recording/storage.cases.json'), '[{"name": ');
    const out = join(tempDir(), 'site');
    const r = cli(['docs', '--out', out, '--rules', rules]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /^upsu-policy docs: the scenarios the book shows as worked examples do not all hold \(2 problems/,
    );
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^upsu-policy docs: 1-case-recording\/storage\.cases\.json: is not valid JSON: /),
      expect.stringMatching(
        new RegExp(
          `^upsu-policy docs: 1-case-recording/recording\\.cases\\.json: "${cases[0].name}" fails: expected outcome`,
        ),
      ),
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('demo decides a few everyday questions', () => {
    const r = cli(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('A parent phones');
    expect(r.stdout).toMatch(/→ DENY/);
  });
});
