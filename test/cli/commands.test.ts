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

  it('--help lists every command with examples; no arguments prints it too', () => {
    for (const args of [['--help'], ['-h'], [], ['help']]) {
      const r = cli(args);
      expect(r.code).toBe(0);
      for (const c of ['decide', 'audit', 'test', 'schema', 'docs']) expect(r.stdout).toContain(`  ${c} `);
      expect(r.stdout).toContain('Examples:');
    }
  });

  it('every command has --help with examples', () => {
    for (const c of ['decide', 'audit', 'test', 'schema', 'docs', 'demo']) {
      const r = cli([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`^Usage: upsu-policy ${c}`));
      expect(r.stdout, c).toContain('Examples:');
      expect(cli(['help', c]).stdout).toBe(r.stdout);
    }
  });

  it('an unknown command or option is a usage error: exit 2, one line', () => {
    for (const args of [['frobnicate'], ['help', 'frobnicate'], ['schema', '--bogus'], ['demo', 'extra']]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
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
    expect(r.stdout).toMatch(/under the threshold 90%/);
    expect(cli(['test', join(ROOT, 'rules/1-case-recording')]).code).toBe(0);
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
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--mutate runs mutation testing and reports the score', () => {
    const r = cli(['test', '--mutate', '--filter', 'no-consent-to-record', '--min-score', '50']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mutation score: \d+(\.\d)?% \(\d+\/\d+\)/);
  }, 60_000);

  it('usage errors exit 2', () => {
    expect(cli(['test', '--threshold', 'lots']).code).toBe(2);
    expect(cli(['test', '/no/such/dir']).code).toBe(2);
    expect(cli(['test', '--engine', 'quantum']).code).toBe(2);
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

  it('demo decides a few everyday questions', () => {
    const r = cli(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('A parent phones');
    expect(r.stdout).toMatch(/→ DENY/);
  });
});
