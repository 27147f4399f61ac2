import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, cliAsync, ensureBuilt, generate, ROOT, tempDir, xmlWellFormed } from './helpers.js';

const AS_OF = '2026-09-01';
let dir: string;
let clean: string;
let sample: string;
let withBad: string;

const CLEAN_CASES = [
  { id: 'OK-1', client: { degreeStatus: 'studying', consentToRecord: true, name: 'Quentin Cleanname' } },
  {
    id: 'OK-2',
    client: { degreeStatus: 'completed', degreeCompletedOn: '2019-06-30', consentToRecord: true },
    destroyedOn: '2020-07-01',
    disclosures: [
      {
        on: '2019-03-01',
        actor: { role: 'adviser' },
        recipient: { role: 'advice-lead' },
        information: { kind: 'case-record', identifiable: true },
      },
    ],
  },
];

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  clean = join(dir, 'clean.ndjson');
  writeFileSync(clean, `${CLEAN_CASES.map((c) => JSON.stringify(c)).join('\n')}\n`);
  sample = generate(join(dir, 'sample.ndjson'), ['--count', '400', '--seed', '3']);
  // Every 50th line is bad: alternately not JSON (line 50, 150, …) and failing validation (100, 200, …).
  withBad = generate(join(dir, 'bad.ndjson'), ['--count', '400', '--seed', '3', '--bad-every', '50']);
}, 120_000);

const audit = (file: string, ...more: string[]) => cli(['audit', file, '--as-of', AS_OF, ...more]);

describe('upsu-policy audit: exit codes', () => {
  it('0 when no case has a finding', () => {
    const r = audit(clean);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 cases audited: 0 cases with findings, 0 findings.');
    // The header's blank line, then the summary: no second blank line where no finding is listed.
    expect(r.stdout).toMatch(/…\)\n\n2 cases audited/);
  });
  it('a breach step named `constructor` is an invalid line, not a crash of the whole audit', () => {
    const f = join(dir, 'proto-step.ndjson');
    const bad = {
      ...CLEAN_CASES[0],
      breaches: [{ raisedBy: 'adviser', ground: 'harm', steps: [{ step: 'constructor' }] }],
    };
    writeFileSync(f, `${[bad, ...CLEAN_CASES].map((c) => JSON.stringify(c)).join('\n')}\n`);
    const r = audit(f, '--format', 'json');
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.summary.invalidLines).toBe(1);
    expect(j.summary.cases).toBe(2);
  });
  it('1 when there are findings', () => {
    const r = audit(sample);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/400 cases audited: \d+ cases with findings/);
  });
  it('2 when any line is invalid, and the rest of the file is still audited', () => {
    const r = audit(withBad, '--format', 'json');
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.summary.lines).toBe(400);
    expect(j.summary.invalidLines).toBe(8);
    expect(j.summary.cases).toBe(392);
    expect(j.invalidLines.map((x: { line: number }) => x.line)).toEqual([50, 100, 150, 200, 250, 300, 350, 400]);
    expect(j.invalidLines[0].issues.map((i: { code: string }) => i.code)).toEqual(['invalid-json']);
    const codes = j.invalidLines[1].issues.map((i: { code: string }) => i.code);
    expect(codes).toContain('invalid-value');
    expect(codes).toContain('invalid-date');
    expect(j.invalidLines[1].issues.find((i: { code: string }) => i.code === 'invalid-date').path).toEqual([
      'client',
      'degreeCompletedOn',
    ]);
    // Cases after a bad line are audited: the findings of the good lines are those of the clean export's.
    const good = JSON.parse(audit(sample, '--format', 'json').stdout);
    const badIds = new Set(Array.from({ length: 8 }, (_, i) => `C-${String((i + 1) * 50).padStart(7, '0')}`));
    expect(j.findings).toEqual(good.findings.filter((f: { caseId: string }) => !badIds.has(f.caseId)));
    expect(r.stderr).toMatch(/8 invalid lines not audited/);
  });
  it('a line that is not JSON says why, where it can, and never what is there', () => {
    const file = join(tempDir(), 'unreadable.ndjson');
    const ok = (id: string) => `{"id":"${id}","client":{"degreeStatus":"studying","consentToRecord":true}}\n`;
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(ok('A')),
        Buffer.from('{"id":"Jane Secret",\n'),
        Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
        Buffer.from(`\ufeff${ok('B')}`),
        Buffer.from(`{"id":"C","notes":${'['.repeat(600)}${']'.repeat(600)}}\n`),
        Buffer.from(ok('D')),
      ]),
    );
    const r = cli(['audit', file, '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('line '))).toEqual([
      'line 2: not audited — invalid-json at (line): The input is not valid JSON: the first problem is at column 21.',
      'line 3: not audited — invalid-json at (line): The input is not UTF-8 text, so it is not JSON.',
      'line 4: not audited — invalid-json at (line): The line starts with a byte-order mark (U+FEFF), which only the first line of an export may have: were two exports joined?',
      'line 5: not audited — invalid-json at (line): The input is nested more than 512 deep (at column 531), deeper than any question or case: it is not read.',
    ]);
    expect(r.stdout).toMatch(/2 cases audited/);
    expect(r.stdout).not.toContain('Secret');
  });

  it('text: bad lines are listed with their line numbers and issue codes', () => {
    const r = audit(withBad);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /^line 50: not audited — invalid-json at \(line\): The input is not valid JSON: the first problem is at column \d+\.$/m,
    );
    expect(r.stdout).toMatch(
      /^line 100: not audited — invalid-value at client\.degreeStatus: `client\.degreeStatus` must be one of: /m,
    );
    // One line per problem: as many `line N:` lines as the JSON report has issues.
    const issues = JSON.parse(audit(withBad, '--format', 'json').stdout).invalidLines.flatMap(
      (b: { line: number; issues: unknown[] }) => b.issues.map(() => b.line),
    );
    expect(
      r.stdout
        .split('\n')
        .flatMap((l) => /^line (\d+): not audited — /.exec(l)?.[1] ?? [])
        .map(Number),
    ).toEqual(issues);
    expect(r.stdout).toContain('392 cases audited');
    expect(r.stdout).toContain('8 invalid lines not audited');
  });
  it('usage errors exit 2 with a one-line message', () => {
    for (const args of [
      ['audit', sample],
      ['audit', sample, '--as-of', '2026-02-30'],
      ['audit', sample, '--as-of', AS_OF, '--format', 'html'],
      ['audit', sample, '--as-of', AS_OF, '--workers', '0'],
      // Not whole numbers written in digits, though Number() reads them as 10, 2 and 2.
      ['audit', sample, '--as-of', AS_OF, '--workers', '1e1'],
      ['audit', sample, '--as-of', AS_OF, '--workers', '0x2'],
      ['audit', sample, '--as-of', AS_OF, '--workers', ' 2'],
      ['audit', sample, '--as-of', AS_OF, '--workers', '2.0'],
      ['audit', sample, '--as-of', AS_OF, '--workers', '65'],
      ['audit', '--as-of', AS_OF],
      ['audit', join(dir, 'missing.ndjson'), '--as-of', AS_OF],
      ['audit', sample, '--as-of', AS_OF, '--frobnicate'],
      // A value option given twice: which one was meant is not known (parseArgs would keep the last).
      ['audit', sample, '--as-of', AS_OF, '--as-of', '2025-01-01'],
      ['audit', sample, `--as-of=${AS_OF}`, '--as-of=2025-01-01'],
      ['audit', sample, '--as-of', AS_OF, '--format', 'json', '--format', 'sarif'],
      ['audit', sample, '--as-of', AS_OF, '--workers', '2', '--workers', '1'],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^upsu-policy audit: /);
      expect(r.stdout).toBe('');
    }
  });
  it('a directory as FILE: nothing on stdout, one line like decide says it, exit 2', () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    for (const format of ['text', 'json', 'junit', 'sarif']) {
      for (const workers of ['1', '2']) {
        const r = audit(folder, '--format', format, '--workers', workers);
        expect(r.code, format).toBe(2);
        expect(r.stdout, format).toBe('');
        expect(r.stderr, format).toBe(`upsu-policy audit: cannot read ${folder} (EISDIR)\n`);
      }
    }
    // The same wording as decide's.
    expect(cli(['decide', folder]).stderr).toBe(`upsu-policy decide: cannot read ${folder} (EISDIR)\n`);
    // Standard input still works.
    expect(cli(['audit', '-', '--as-of', AS_OF], { input: readFileSync(clean) }).code).toBe(0);
  });
  it('--out where it cannot be written: one line with the path given, no temporary name, nothing left behind', () => {
    const file = join(dir, 'out-is-a-file');
    writeFileSync(file, 'x');
    const folder = join(dir, 'out-folder');
    mkdirSync(folder, { recursive: true });
    for (const [out, code] of [
      ['/nonexistent/dir/x', 'ENOENT'],
      [join(file, 'report.json'), 'ENOTDIR'],
      [folder, 'EISDIR'],
    ] as const) {
      for (const format of ['json', 'junit']) {
        const r = audit(clean, '--format', format, '--out', out);
        expect(r.code, out).toBe(2);
        expect(r.stdout, out).toBe('');
        expect(r.stderr.trim().split('\n'), out).toHaveLength(1);
        expect(r.stderr, out).toMatch(new RegExp(`^upsu-policy audit: cannot write ${out} \\(${code}\\)`));
        expect(r.stderr, out).not.toContain('.upsu-audit-');
        expect(r.stderr, out).not.toMatch(/\b(E[A-Z]+)\b.*\b\1\b/);
      }
    }
    expect(readdirSync(folder)).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
  it.skipIf(!existsSync('/dev/full'))(
    '--out where a write fails (/dev/full: no space): one line, exit 2, no crash',
    () => {
      for (const format of ['text', 'json', 'junit', 'sarif']) {
        const r = audit(sample, '--format', format, '--out', '/dev/full');
        expect(r.code, format).toBe(2);
        expect(r.stdout, format).toBe('');
        expect(r.stderr, format).toBe('upsu-policy audit: cannot write /dev/full (ENOSPC)\n');
      }
      // Standard output to /dev/full: one line too, not the system's message and ours.
      const out = spawnSync(
        'sh',
        ['-c', `node ${JSON.stringify(CLI)} audit ${JSON.stringify(sample)} --as-of ${AS_OF} > /dev/full`],
        {
          encoding: 'utf8',
        },
      );
      expect(out.status).toBe(2);
      expect(out.stderr).toBe('upsu-policy audit: cannot write to standard output (ENOSPC)\n');
      // Standard error to /dev/full: nowhere to say anything, and the exit code still the run's own (2 for
      // invalid input, a usage error or a file that cannot be read; 1 for findings), never a crash's 1.
      const quiet = (args: string) =>
        spawnSync('sh', ['-c', `node ${JSON.stringify(CLI)} ${args} 2> /dev/full`], { encoding: 'utf8' }).status;
      expect(quiet(`audit no-such-export.ndjson --as-of ${AS_OF}`)).toBe(2);
      expect(quiet(`audit ${JSON.stringify(sample)} --as-of 2026-02-30`)).toBe(2);
      expect(quiet(`audit ${JSON.stringify(sample)} --bogus`)).toBe(2);
      expect(quiet(`audit ${JSON.stringify(sample)} --as-of ${AS_OF} --no-progress > /dev/null`)).toBe(1);
      expect(quiet(`decide - < /dev/null`)).toBe(2);
    },
  );
});

describe('the README', () => {
  it('shows the output npm start gives on the bundled sample, as it is now', () => {
    const r = cli(['audit', 'examples/cases.ndjson', '--as-of', '2026-09-01']);
    expect(r.code).toBe(1);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('```text\n', readme.indexOf('`npm start` audits the bundled sample'));
    const shown = readme.slice(start + '```text\n'.length, readme.indexOf('```', start + 8));
    expect(
      shown,
      "the README's sample audit is stale (any change to rules/ changes its rules hash): build, then put the output of `node dist/cli.js audit examples/cases.ndjson --as-of 2026-09-01` in place of the block",
    ).toBe(r.stdout);
  });
});

describe('upsu-policy audit: formats', () => {
  it('json: { summary, findings, invalidLines }, each finding { caseId, code, clause, message }', () => {
    const r = audit(sample, '--format', 'json');
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(['findings', 'invalidLines', 'summary']);
    expect(j.summary).toMatchObject({ asOf: AS_OF, lines: 400, cases: 400, invalidLines: 0 });
    expect(j.summary.findings).toBe(j.findings.length);
    expect(j.summary.casesWithFindings).toBe(new Set(j.findings.map((f: { caseId: string }) => f.caseId)).size);
    for (const f of j.findings) expect(Object.keys(f)).toEqual(['caseId', 'code', 'clause', 'message']);
    const codes = new Set(j.findings.map((f: { code: string }) => f.code));
    expect(codes.has('not-destroyed')).toBe(true);
    expect(codes.has('third-party-without-consent')).toBe(true);
    const perClause: Record<string, number> = {};
    for (const f of j.findings) perClause[f.clause] = (perClause[f.clause] ?? 0) + 1;
    expect(j.summary.byClause).toEqual(perClause);
  });

  it('text lists one line per finding, then the summary', () => {
    const r = audit(sample);
    const j = JSON.parse(audit(sample, '--format', 'json').stdout);
    const lines = r.stdout.split('\n').filter((l) => /^C-\d{7} /.test(l));
    expect(lines).toHaveLength(j.findings.length);
    expect(lines[0]).toContain(j.findings[0].code);
    expect(r.stdout).toContain('By clause:');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('junit: case ids with XML syntax and control characters still give well-formed XML', () => {
    const line = (id: string) =>
      JSON.stringify({
        id,
        client: { degreeStatus: 'completed', degreeCompletedOn: '2020-06-01', consentToRecord: true },
        destroyedOn: null,
      });
    const f = join(dir, 'odd-ids.ndjson');
    writeFileSync(f, `${['C-<1>&"\'', 'C-\u0001\u001f-2', 'C-]]>-3', 'C-\ud800-4'].map(line).join('\n')}\n`);
    const r = audit(f, '--format', 'junit');
    expect(r.code).toBe(1);
    expect(xmlWellFormed(r.stdout)).toBe(true);
    expect(r.stdout.match(/<testcase /g) ?? []).toHaveLength(4);
    expect(r.stdout).toContain('name="C-&lt;1&gt;&amp;&quot;&apos;"');
  });

  it('junit: one <testcase> per case, a <failure> per finding, an <error> per invalid line', () => {
    const r = audit(withBad, '--format', 'junit');
    expect(r.code).toBe(2);
    const x = r.stdout;
    // Well-formed (the checks below count elements).
    expect(xmlWellFormed(x)).toBe(true);
    expect(x.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(x.trimEnd().endsWith('</testsuites>')).toBe(true);
    const testcases = x.match(/<testcase /g) ?? [];
    expect(testcases).toHaveLength(400);
    const j = JSON.parse(audit(withBad, '--format', 'json').stdout);
    expect(x.match(/<failure /g) ?? []).toHaveLength(j.findings.length);
    expect(x.match(/<error /g) ?? []).toHaveLength(8);
    expect(x).toMatch(new RegExp(`<testsuite [^>]*tests="400" failures="${j.summary.casesWithFindings}" errors="8"`));
    // Balanced: every opened testcase is closed or self-closing.
    const open = (x.match(/<testcase [^>]*[^/]>/g) ?? []).length;
    expect((x.match(/<\/testcase>/g) ?? []).length).toBe(open);
    expect(x).toContain('name="line 50"');
  });

  it('sarif: SARIF 2.1.0, one rule per clause, a result per finding located at its line', () => {
    const r = audit(sample, '--format', 'sarif');
    const s = JSON.parse(r.stdout);
    expect(s.version).toBe('2.1.0');
    expect(s.$schema).toContain('sarif-2.1.0');
    expect(s.runs).toHaveLength(1);
    const run = s.runs[0];
    const rules = run.tool.driver.rules;
    expect(run.tool.driver.name).toBe('upsu-policy');
    // The tool's version is the package's (what --version prints), not the policy's.
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const policy = JSON.parse(readFileSync(join(ROOT, 'rules/policy.json'), 'utf8'));
    expect(version).not.toBe(policy.version);
    expect(cli(['--version']).stdout).toBe(`${version}\n`);
    expect(run.tool.driver.semanticVersion).toBe(version);
    expect(run.tool.driver.version).toBe(version);
    // The policy audited against stays in the run: id, version and the hash of its rules.
    expect(run.properties.summary.policy).toEqual({
      id: policy.id,
      version: policy.version,
      rulesHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(run.tool.driver.properties.policy).toEqual(run.properties.summary.policy);
    expect(new Set(rules.map((x: { id: string }) => x.id)).size).toBe(rules.length);
    expect(rules.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['P3', '3.3', '5.4.1']));
    const j = JSON.parse(audit(sample, '--format', 'json').stdout);
    expect(run.results).toHaveLength(j.findings.length);
    for (const res of run.results) {
      expect(rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.level).toBe('error');
      // A URI reference, as SARIF requires: an absolute path is a file: URL.
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe(pathToFileURL(sample).href);
      expect(res.locations[0].physicalLocation.region.startLine).toBe(Number(res.properties.caseId.slice(2)));
      expect(typeof res.message.text).toBe('string');
    }
    expect(run.invocations[0].executionSuccessful).toBe(true);
    // GitHub code scanning wants help on every rule; and no automationDetails, so that the upload's category
    // (one per export audited) is the one used.
    for (const rule of rules) expect(rule.help.text).toContain(rule.fullDescription.text);
    expect(run.automationDetails).toBeUndefined();
    // One alert per finding: no two results share a fingerprint.
    const prints = run.results.map(
      (x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['upsuCaseFinding/v1'],
    );
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('sarif: two findings of one case with the same code and clause have different fingerprints', () => {
    const disclosure = (on: string) => ({
      on,
      actor: { role: 'adviser' },
      recipient: { role: 'third-party' },
      information: { kind: 'case-record', identifiable: true },
      purpose: 'case-management',
    });
    const file = join(dir, 'two disclosures #1.ndjson');
    const c = { id: 'C-1', client: { degreeStatus: 'studying', consentToRecord: true } };
    writeFileSync(
      file,
      `${JSON.stringify({ ...c, disclosures: [disclosure('2025-01-01'), disclosure('2025-02-01')] })}\n${JSON.stringify({ ...c, id: 'C-2', disclosures: [disclosure('2025-01-01')] })}\n`,
    );
    const run = JSON.parse(audit(file, '--format', 'sarif').stdout).runs[0];
    expect(run.results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints)).toEqual([
      { 'upsuCaseFinding/v1': 'C-1/third-party-without-consent/P3' },
      { 'upsuCaseFinding/v1': 'C-1/third-party-without-consent/P3/2' },
      { 'upsuCaseFinding/v1': 'C-2/third-party-without-consent/P3' },
    ]);
    // A relative path is percent-encoded, segment by segment.
    const rel = cli(['audit', relative(ROOT, file), '--as-of', AS_OF, '--format', 'sarif']);
    const uri = JSON.parse(rel.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe(
      `${relative(ROOT, dir).split('/').map(encodeURIComponent).join('/')}/two%20disclosures%20%231.ndjson`,
    );
  });

  it('sarif holds at most the results GitHub takes (25,000); the rest are counted and a notification says so', () => {
    const full = JSON.parse(audit(sample, '--format', 'json').stdout);
    const n = full.findings.length;
    expect(n).toBeGreaterThan(20);
    for (const workers of ['1', '2']) {
      const r = cli(['audit', sample, '--as-of', AS_OF, '--format', 'sarif', '--workers', workers], {
        env: { UPSU_AUDIT_SARIF_RESULTS: '10', UPSU_AUDIT_CHUNK_BYTES: '4096' },
      });
      expect(r.code).toBe(1);
      const run = JSON.parse(r.stdout).runs[0];
      expect(
        run.results.map((x: { properties: { caseId: string; code: string } }) => [
          x.properties.caseId,
          x.properties.code,
        ]),
      ).toEqual(full.findings.slice(0, 10).map((f: { caseId: string; code: string }) => [f.caseId, f.code]));
      expect(run.properties.summary.findings).toBe(n);
      expect(run.properties.summary.resultsListed).toBe(10);
      expect(run.invocations[0].toolExecutionNotifications.at(-1).message.text).toContain(`${n} findings in all`);
    }
    const all = JSON.parse(audit(sample, '--format', 'sarif').stdout).runs[0];
    expect(all.results).toHaveLength(n);
    expect(all.properties.summary.resultsListed).toBeUndefined();
    expect(all.invocations[0].toolExecutionNotifications).toEqual([]);
  });

  it('sarif lists invalid lines as tool notifications', () => {
    const s = JSON.parse(audit(withBad, '--format', 'sarif').stdout);
    const notes = s.runs[0].invocations[0].toolExecutionNotifications;
    expect(
      notes.map(
        (n: { locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
          n.locations[0]?.physicalLocation.region.startLine,
      ),
    ).toEqual([50, 100, 150, 200, 250, 300, 350, 400]);
  });

  it('--out to something that is not a regular file (/dev/null) writes to it, never replaces it', () => {
    const r = audit(sample, '--format', 'json', '--out', '/dev/null');
    expect(r.code).toBe(1);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('--out writes the report to a file and nothing to stdout', () => {
    const out = join(dir, 'report.sarif');
    const r = audit(sample, '--format', 'sarif', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });
});

describe('upsu-policy audit: input, workers, streaming', () => {
  it('reads standard input with -', () => {
    const fromFile = JSON.parse(audit(sample, '--format', 'json').stdout);
    const r = cli(['audit', '-', '--as-of', AS_OF, '--format', 'json'], { input: readFileSync(sample) });
    expect(r.code).toBe(1);
    const fromStdin = JSON.parse(r.stdout);
    expect(fromStdin.findings).toEqual(fromFile.findings);
    expect(fromStdin.summary.input).toBe('stdin');
  });

  it('gives the same report, byte for byte, with 1 or 3 workers and any read size', async () => {
    for (const format of ['text', 'json', 'junit', 'sarif']) {
      const runs = await Promise.all(
        [
          { workers: '1', chunk: '' },
          { workers: '3', chunk: '' },
          { workers: '1', chunk: '997' },
          { workers: '2', chunk: '64' },
        ].map(({ workers, chunk }) =>
          cliAsync(['audit', withBad, '--as-of', AS_OF, '--format', format, '--workers', workers], {
            env: chunk ? { UPSU_AUDIT_CHUNK_BYTES: chunk } : {},
          }),
        ),
      );
      for (const r of runs) {
        expect(r.code).toBe(2);
        expect(r.stdout).toBe(runs[0]?.stdout);
      }
    }
  }, 60_000);

  it('handles CRLF line ends, a byte-order mark, blank lines and a last line without a newline', () => {
    const lines = CLEAN_CASES.map((c) => JSON.stringify(c));
    const file = join(dir, 'crlf.ndjson');
    writeFileSync(file, `\ufeff${lines[0]}\r\n\r\n   \r\n${lines[1]}`);
    const r = audit(file, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ lines: 2, cases: 2, invalidLines: 0 });
  });

  it('null for a degree date or a consent to record is read as absent; null for an objection is refused', () => {
    const file = join(dir, 'nulls.ndjson');
    const cases = [
      // Still studying, no completion date yet: no finding.
      { id: 'N-1', client: { degreeStatus: 'studying', degreeCompletedOn: null, consentToRecord: true } },
      // Completed with no date: the retention the policy sets cannot be checked, a finding as when the date is absent.
      { id: 'N-2', client: { degreeStatus: 'completed', degreeCompletedOn: null, consentToRecord: true } },
      // No consent to record shown: the finding an absent one gives.
      { id: 'N-3', client: { degreeStatus: 'studying', consentToRecord: null } },
      // An objection has no cautious reading: an error, not a guess.
      { id: 'N-4', client: { degreeStatus: 'studying', consentToRecord: true, objectsToStaffSharing: null } },
    ];
    writeFileSync(file, `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);
    for (const workers of ['1', '2']) {
      const r = audit(file, '--format', 'json', '--workers', workers);
      expect(r.code).toBe(2);
      const j = JSON.parse(r.stdout);
      expect(j.summary).toMatchObject({ lines: 4, cases: 3, invalidLines: 1 });
      expect(j.findings).toEqual([
        expect.objectContaining({ caseId: 'N-2', code: 'retention-not-checkable', clause: '3.3' }),
        expect.objectContaining({ caseId: 'N-3', code: 'consent-to-record-not-recorded', clause: '1.1' }),
      ]);
      expect(j.invalidLines).toEqual([
        {
          line: 4,
          issues: [expect.objectContaining({ code: 'invalid-type', path: ['client', 'objectsToStaffSharing'] })],
        },
      ]);
    }
  });

  it('a line that is not UTF-8 is invalid (invalid-json), the others are audited, in any worker count', () => {
    const lines = CLEAN_CASES.map((c) => JSON.stringify(c));
    const file = join(dir, 'latin1.ndjson');
    const bad = Buffer.concat([
      Buffer.from('{"id":"X","client":{"degreeStatus":"studying","name":"Ren'),
      Buffer.from([0xe9]),
      Buffer.from('e"}}'),
    ]);
    writeFileSync(file, Buffer.concat([Buffer.from(`${lines[0]}\n`), bad, Buffer.from(`\n${lines[1]}\n`)]));
    for (const workers of ['1', '2']) {
      const r = audit(file, '--format', 'json', '--workers', workers);
      expect(r.code).toBe(2);
      const j = JSON.parse(r.stdout);
      expect(j.invalidLines).toEqual([{ line: 2, issues: [expect.objectContaining({ code: 'invalid-json' })] }]);
      expect(j.summary).toMatchObject({ lines: 3, cases: 2 });
    }
  });

  it('a line of millions of malformed disclosures is one too-big problem, found in seconds; the rest is audited', () => {
    // Before `disclosures` had a maximum, zod checked every element: this line alone took minutes and
    // 4.6 GB, then crashed the audit with no report.
    const lines = CLEAN_CASES.map((c) => JSON.stringify(c));
    const file = join(dir, 'huge-line.ndjson');
    // Just under the 8 MiB line limit: the densest line a worker (whose heap is capped) can be given.
    const huge = `{"id":"X","client":{"degreeStatus":"studying"},"disclosures":[${'{},'.repeat(2_790_000)}{}]}`;
    writeFileSync(file, `${lines[0]}\n${huge}\n${lines[1]}\n`);
    for (const workers of ['1', '2']) {
      const t = Date.now();
      const r = audit(file, '--format', 'json', '--workers', workers);
      expect(Date.now() - t).toBeLessThan(20_000);
      expect(r.code).toBe(2);
      const j = JSON.parse(r.stdout);
      expect(j.invalidLines).toEqual([
        { line: 2, issues: [expect.objectContaining({ code: 'too-big', path: ['disclosures'] })] },
      ]);
      expect(j.summary).toMatchObject({ lines: 3, cases: 2 });
    }
  }, 60_000);

  it('lists at most 100 problems of one line in every format, and says how many it has in all', () => {
    // 10,000 disclosures with a few wrong fields each were 60,000 problems a line: a few such lines made reports of
    // hundreds of megabytes, held in memory, and 50 of them failed the JSON report (a string too long).
    const bad = { actor: { role: 'adviser' }, recipient: { role: 'nobody' }, information: { kind: 'gossip' } };
    const many = { id: 'X', client: { degreeStatus: 'studying' }, disclosures: Array(150).fill(bad) };
    const few = { ...many, disclosures: Array(30).fill(bad) };
    const file = join(dir, 'many-problems.ndjson');
    writeFileSync(file, [CLEAN_CASES[0], many, few].map((c) => JSON.stringify(c)).join('\n'));
    const [text, json, junit, sarif] = ['text', 'json', 'junit', 'sarif'].map((format) => {
      const r = audit(file, '--format', format, '--workers', '2');
      expect(r.code).toBe(2);
      return r.stdout;
    });
    const j = JSON.parse(json as string);
    expect(
      j.invalidLines.map((x: { line: number; issues: unknown[]; issuesInAll?: number }) => [
        x.line,
        x.issues.length,
        x.issuesInAll,
      ]),
    ).toEqual([
      [2, 100, 450],
      [3, 90, undefined],
    ]);
    expect(j.invalidLines[1]).not.toHaveProperty('issuesInAll');
    const more = '…and 350 more problems on this line (450 in all)';
    expect((text as string).split('\n').filter((l) => l.startsWith('line 2: '))).toHaveLength(101);
    expect(text).toContain(`line 2: not audited — ${more}\n`);
    expect((text as string).split('\n').filter((l) => l.startsWith('line 3: '))).toHaveLength(90);
    expect(xmlWellFormed(junit as string)).toBe(true);
    expect(junit).toContain(more);
    const notes = JSON.parse(sarif as string).runs[0].invocations[0].toolExecutionNotifications;
    expect(notes[0].message.text).toMatch(/, …and 350 more problems on this line \(450 in all\)\.$/);
    expect(notes[1].message.text).not.toContain('more problems');
  }, 60_000);

  it('an empty export (no cases at all) fails: exit 2 with a line saying so, and the report is still whole', () => {
    const file = join(dir, 'empty.ndjson');
    for (const text of ['', '\n\n', '\ufeff'])
      for (const format of ['text', 'json', 'junit', 'sarif']) {
        writeFileSync(file, text);
        const r = audit(file, '--format', format);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe('upsu-policy audit: the export holds no cases: nothing was audited\n');
        if (format === 'json' || format === 'sarif') JSON.parse(r.stdout);
      }
  });

  it('a line longer than the limit is reported (too-big) and skipped; the next lines are audited', () => {
    const file = join(dir, 'huge.ndjson');
    const big = JSON.stringify({ id: 'BIG', client: { degreeStatus: 'studying', notes: 'x'.repeat(9 * 1024 * 1024) } });
    writeFileSync(file, `${JSON.stringify(CLEAN_CASES[0])}\n${big}\n${JSON.stringify(CLEAN_CASES[1])}\n`);
    const r = audit(file, '--format', 'json');
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.invalidLines).toEqual([{ line: 2, issues: [expect.objectContaining({ code: 'too-big' })] }]);
    expect(j.summary.cases).toBe(2);
  });

  it('a line just over the limit is too-big wherever it ends, from a file as from standard input', () => {
    // The line was only measured while no newline had arrived: one whose newline came in the chunk that took it
    // past 8 MiB (up to 1 MiB over from a file, 64 KiB from a pipe) was audited from a file and refused from stdin.
    const file = join(dir, 'just-over.ndjson');
    const sized = (id: string, bytes: number) => {
      const head = JSON.stringify({ id, client: { degreeStatus: 'studying', consentToRecord: true }, notes: '' });
      return `${head.slice(0, -2)}${'x'.repeat(bytes - head.length)}"}`;
    };
    const limit = 8 * 1024 * 1024;
    for (const [bytes, refused] of [
      [limit + 1, true],
      [limit + 100_000, true],
      [limit, false],
    ] as const) {
      const line = sized('EDGE', bytes);
      expect(Buffer.byteLength(line)).toBe(bytes);
      writeFileSync(file, `${JSON.stringify(CLEAN_CASES[0])}\n${line}\n${JSON.stringify(CLEAN_CASES[1])}\n`);
      for (const [source, input] of [
        [file, undefined],
        ['-', readFileSync(file)],
      ] as const) {
        const r = cli(['audit', source, '--as-of', AS_OF, '--format', 'json'], input ? { input } : {});
        const j = JSON.parse(r.stdout);
        expect([bytes, source, r.code, j.invalidLines]).toEqual([
          bytes,
          source,
          refused ? 2 : 0,
          refused ? [{ line: 2, issues: [expect.objectContaining({ code: 'too-big' })] }] : [],
        ]);
        expect(j.summary).toMatchObject({ lines: 3, cases: refused ? 2 : 3 });
      }
    }
  }, 60_000);

  it('a line over the limit inside one read is too-big too, whatever the read size; a bad read size is the default', () => {
    // Lines were measured only where a read ended in them, so with reads over 8 MiB (UPSU_AUDIT_CHUNK_BYTES) a
    // line wholly inside one read was audited whatever its length.
    const file = join(dir, 'inside-one-read.ndjson');
    const big = JSON.stringify({ id: 'BIG', client: { degreeStatus: 'studying' }, notes: 'x'.repeat(9 * 1024 * 1024) });
    writeFileSync(file, `${JSON.stringify(CLEAN_CASES[0])}\n${big}\n${JSON.stringify(CLEAN_CASES[1])}\n`);
    const reports = ['', String(32 * 1024 * 1024), 'many', '-5', '0.5'].flatMap((chunk) =>
      ['1', '2'].map((workers) => {
        const r = cli(['audit', file, '--as-of', AS_OF, '--format', 'json', '--workers', workers], {
          env: chunk ? { UPSU_AUDIT_CHUNK_BYTES: chunk } : {},
        });
        expect([chunk, workers, r.code, r.stderr]).toEqual([
          chunk,
          workers,
          2,
          'upsu-policy audit: 1 invalid line not audited (listed in the report)\n',
        ]);
        return r.stdout;
      }),
    );
    const j = JSON.parse(reports[0] as string);
    expect(j.invalidLines).toEqual([{ line: 2, issues: [expect.objectContaining({ code: 'too-big' })] }]);
    expect(j.summary).toMatchObject({ lines: 3, cases: 2 });
    for (const r of reports) expect(r).toBe(reports[0]);
  }, 60_000);

  it('--rules audits with an adapted rules folder, in this thread and in workers', () => {
    const rules = join(dir, 'rules');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const bundled = audit(sample, '--format', 'json');
    for (const workers of ['1', '2']) {
      const r = audit(sample, '--format', 'json', '--rules', rules, '--workers', workers);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).findings).toEqual(JSON.parse(bundled.stdout).findings);
    }
    // A (broken) local policy where consent to record no longer permits: every consenting case gets a finding.
    const file = join(rules, '1-case-recording/recording.rules.json');
    const list = JSON.parse(readFileSync(file, 'utf8'));
    for (const rule of list)
      if (rule.name === 'consented-and-relevant')
        rule.conditions = { all: [{ fact: 'consentToRecord', operator: 'equal', value: false }] };
    writeFileSync(file, JSON.stringify(list));
    const strict = audit(clean, '--format', 'json', '--rules', rules, '--workers', '2');
    expect(strict.code, strict.stderr).toBe(1);
    expect(JSON.parse(strict.stdout).summary.casesWithFindings).toBe(2);
  });

  it('--rules with a folder that leaves out a question the audit asks: refused before a line is read', () => {
    // The folder loads (decide answers its other questions), but the audit stopped at the first case, part of the
    // report written.
    const rules = join(dir, 'rules-no-retention');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const questions = JSON.parse(readFileSync(join(rules, 'questions.json'), 'utf8'));
    delete questions.retention;
    delete questions.recording;
    writeFileSync(join(rules, 'questions.json'), JSON.stringify(questions));
    for (const f of ['retention.rules.json', 'retention.cases.json', 'recording.rules.json', 'recording.cases.json'])
      for (const sub of readdirSync(rules)) if (existsSync(join(rules, sub, f))) rmSync(join(rules, sub, f));
    const decide = cli(['decide', '-', '--rules', rules], {
      input: JSON.stringify({ question: 'access', actor: { role: 'dpo' }, necessary: true }),
    });
    expect(decide.code, decide.stderr).toBe(0);
    for (const format of ['text', 'json', 'sarif', 'junit'])
      for (const workers of ['1', '2']) {
        const out = join(dir, `no-retention.${format}`);
        const r = audit(sample, '--format', format, '--rules', rules, '--workers', workers, '--out', out);
        expect([format, workers, r.code, r.stdout, existsSync(out)]).toEqual([format, workers, 2, '', false]);
        expect(r.stderr.split('\n').filter((l) => l.startsWith('  '))).toEqual([
          expect.stringMatching(
            /^ {2}unknown-question at questions\.json: question "retention" is not in questions\.json/,
          ),
          expect.stringMatching(
            /^ {2}unknown-question at questions\.json: question "recording" is not in questions\.json/,
          ),
        ]);
      }
    // Without --out the report would have gone to stdout: nothing of it is written either.
    expect(audit(sample, '--rules', rules).stdout).toBe('');
  });

  it("--rules with policy.json's destructionWithinDays: a month's late destruction is on time, in every thread", () => {
    const rules = join(dir, 'rules-monthly');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const policyJson = JSON.parse(readFileSync(join(rules, 'policy.json'), 'utf8'));
    policyJson.settings.destructionWithinDays = 31;
    writeFileSync(join(rules, 'policy.json'), JSON.stringify(policyJson));
    // destroyAfter 2025-06-20: destroyed 11 days after (on time within 31), and 41 days after (late either way).
    const client = { degreeStatus: 'completed', degreeCompletedOn: '2024-06-20', consentToRecord: true };
    // 8,000 pairs (2.4 MB): enough batches that the worker thread audits some of them.
    const file = join(dir, 'late.ndjson');
    const pair = `${JSON.stringify({ id: 'L-1', client, destroyedOn: '2025-07-01' })}\n${JSON.stringify({ id: 'L-2', client, destroyedOn: '2025-07-31' })}\n`;
    writeFileSync(file, pair.repeat(8000));
    const late = (r: { stdout: string }) => {
      const count: Record<string, number> = {};
      for (const f of JSON.parse(r.stdout).findings as { caseId: string; code: string }[])
        count[`${f.caseId} ${f.code}`] = (count[`${f.caseId} ${f.code}`] ?? 0) + 1;
      return count;
    };
    expect(late(audit(file, '--format', 'json'))).toEqual({ 'L-1 destroyed-late': 8000, 'L-2 destroyed-late': 8000 });
    for (const workers of ['1', '2'])
      expect(late(audit(file, '--format', 'json', '--rules', rules, '--workers', workers))).toEqual({
        'L-2 destroyed-late': 8000,
      });
  });

  it('stdout closed early by its reader (| head -1): exits 141 as SIGPIPE would, with nothing on stderr', async () => {
    const big = generate(join(dir, 'big.ndjson'), ['--count', '20000', '--seed', '5']);
    for (const args of [
      ['audit', big, '--as-of', AS_OF],
      ['audit', big, '--as-of', AS_OF, '--format', 'json', '--workers', '2'],
      ['audit', '-', '--as-of', AS_OF],
    ]) {
      const r = await new Promise<{ code: number | null; signal: string | null; stderr: string; got: number }>(
        (res, rej) => {
          const p = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: 'pipe' });
          // The export on standard input for `-` (the command may stop before reading it all).
          p.stdin.on('error', () => {});
          p.stdin.end(args[1] === '-' ? readFileSync(big) : undefined);
          let stderr = '';
          let got = 0;
          p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
          // Like `head -1`: read the first chunk, then close the pipe.
          p.stdout.once('data', (d: Buffer) => {
            got = d.length;
            p.stdout.destroy();
          });
          p.on('error', rej);
          p.on('close', (code, signal) => res({ code, signal, stderr, got }));
        },
      );
      const what = args.join(' ');
      expect(r.got, what).toBeGreaterThan(0);
      expect(r.stderr, what).toBe('');
      expect(r.signal, what).toBeNull();
      expect(r.code, what).toBe(141);
    }
    // The whole report is far bigger than one chunk (the pipe was closed while the audit was still writing).
    expect(statSync(big).size).toBeGreaterThan(4 * 1024 * 1024);
  }, 60_000);

  it('no progress bar when stderr is not a terminal', () => {
    const r = audit(sample, '--format', 'json');
    expect(r.stderr).toBe('');
  });
});
