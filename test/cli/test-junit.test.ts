// `upsu-policy test --junit FILE`: the scenario run as JUnit XML for CI dashboards, checked with a real XML parser.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, ensureBuilt, ROOT, tempDir, xmlWellFormed } from './helpers.js';

beforeAll(() => ensureBuilt(), 120_000);

type Case = { '@_name': string; '@_classname': string; failure?: { '#text'?: string; '@_message': string } };
type Suite = { '@_name': string; '@_tests': string; '@_failures': string; '@_errors': string; testcase: Case[] };

/** The report parsed (after checking it is well-formed XML): its totals and its suites. */
function parse(file: string) {
  const text = readFileSync(file, 'utf8');
  expect(xmlWellFormed(text)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(text);
  return doc.testsuites as { '@_tests': string; '@_failures': string; '@_errors': string; testsuite: Suite[] };
}

const failing = {
  // XML syntax, a control character, the end of a CDATA section and a lone surrogate: the report stays well-formed.
  name: 'wrong on purpose: <deny> & "quotes" \u0001 ]]> \ud800',
  rule: 'consented-and-relevant',
  fires: true,
  question: { question: 'recording', consentToRecord: true, relevant: true },
  expect: { outcome: 'deny' },
};
const passing = { ...failing, name: 'consented and relevant', expect: { outcome: 'permit' } };

describe('upsu-policy test --junit FILE', () => {
  it('the well-formedness check refuses what a structure-only check lets through', () => {
    expect(xmlWellFormed('<a x="1">b</a>')).toBe(true);
    for (const bad of ['<a x="\u0001"/>', '<a>\u0001</a>', '<a>]]></a>', '<a x="<b"/>', '<a x="&"/>', '<a>\ud800</a>'])
      expect(xmlWellFormed(bad), bad).not.toBe(true);
  });

  it("the package's own scenarios: a testcase per scenario, none failing, the text report unchanged on stdout", () => {
    const out = join(tempDir(), 'scenarios.xml');
    const r = cli(['test', '--junit', out]);
    expect(r.code).toBe(0);
    const scenarios = Number(/(\d+) scenarios \(compiled\)/.exec(r.stdout)?.[1]);
    const x = parse(out);
    expect(Number(x['@_tests'])).toBe(scenarios);
    expect([x['@_failures'], x['@_errors']]).toEqual(['0', '0']);
    const cases = x.testsuite.flatMap((s) => s.testcase);
    expect(cases).toHaveLength(scenarios);
    // A suite per scenario file, named by it.
    expect(x.testsuite.map((s) => s['@_name'])).toContain('5-breaches/breach.cases.json');
    expect(cases.some((c) => c.failure)).toBe(false);
  });

  it('a failing scenario is a <failure> saying what it did not meet; a broken file an <error>; names escaped', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'recording.cases.json'), JSON.stringify([passing, failing]));
    writeFileSync(join(dir, 'access.cases.json'), '[{ "name": ');
    const out = join(dir, 'report.xml');
    const r = cli(['test', dir, '--junit', out]);
    // A scenario file that is not valid is exit 2, and the report is written all the same.
    expect(r.code).toBe(2);
    const x = parse(out);
    expect([x['@_tests'], x['@_failures'], x['@_errors']]).toEqual(['3', '1', '1']);
    const recording = x.testsuite.find((s) => s['@_name'] === 'recording.cases.json') as Suite;
    expect([recording['@_tests'], recording['@_failures']]).toEqual(['2', '1']);
    const failed = recording.testcase.find((c) => c.failure) as Case;
    expect(failed['@_name']).toContain('wrong on purpose: <deny> & "quotes"');
    expect(failed.failure?.['@_message']).toMatch(/outcome/);
    expect(failed.failure?.['#text']).toMatch(/deny/);
    const broken = x.testsuite.find((s) => s['@_name'] === 'access.cases.json') as Suite;
    expect(broken['@_errors']).toBe('1');
  });

  it('same-named files of two folders are two suites, each named by its path, in the text report too', () => {
    const [a, b] = [tempDir(), tempDir()];
    writeFileSync(join(a, 'recording.cases.json'), JSON.stringify([passing]));
    writeFileSync(join(b, 'recording.cases.json'), JSON.stringify([failing, { ...passing, name: 'another' }]));
    const out = join(tempDir(), 'two.xml');
    const r = cli(['test', a, b, '--junit', out]);
    expect(r.code).toBe(1);
    const x = parse(out);
    const suites = x.testsuite.map((s) => [s['@_name'], s['@_tests'], s['@_failures']]);
    expect(suites).toEqual([
      [join(a, 'recording.cases.json'), '1', '0'],
      [join(b, 'recording.cases.json'), '2', '1'],
    ]);
    expect(r.stdout).toContain(join(b, 'recording.cases.json'));
    // One folder: names stay relative to it.
    cli(['test', a, '--junit', out]);
    expect(parse(out).testsuite.map((s) => s['@_name'])).toEqual(['recording.cases.json']);
  });

  it('with --threshold, rule and clause coverage are two more test cases, failing under it', () => {
    const out = join(tempDir(), 'coverage.xml');
    const r = cli(['test', join(ROOT, 'rules/1-case-recording'), '--threshold', '90', '--junit', out]);
    expect(r.code).toBe(1);
    const coverage = parse(out).testsuite.find((s) => s['@_name'] === 'coverage') as Suite;
    expect(coverage['@_tests']).toBe('2');
    const rule = coverage.testcase.find((c) => c['@_name'].startsWith('rule coverage')) as Case;
    expect(rule.failure?.['@_message']).toMatch(/%/);
    const met = cli(['test', join(ROOT, 'rules/1-case-recording'), '--threshold', '1', '--junit', out]);
    expect(met.code).toBe(0);
    const again = parse(out).testsuite.find((s) => s['@_name'] === 'coverage') as Suite;
    expect(again['@_failures']).toBe('0');
  });

  it('replaces a file that is there, and a path that cannot be written fails first (exit 2), running nothing', () => {
    const dir = tempDir();
    const out = join(dir, 'old.xml');
    writeFileSync(out, 'an older, longer report '.repeat(10_000));
    expect(cli(['test', join(ROOT, 'rules/1-case-recording'), '--junit', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('<?xml')).toBe(true);
    expect(readFileSync(out, 'utf8')).not.toContain('older');
    const nowhere = join(dir, 'no-such-folder', 'r.xml');
    const r = cli(['test', join(ROOT, 'rules/1-case-recording'), '--junit', nowhere]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cannot write .*r\.xml/);
    expect(existsSync(nowhere)).toBe(false);
    const empty = cli(['test', '--junit', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--junit needs a file name/);
  });

  it('never replaces a file the run reads (a scenario file, a rules file, through a link), and - is refused', () => {
    const dir = tempDir();
    const scenarios = join(dir, 'recording.cases.json');
    writeFileSync(scenarios, JSON.stringify([passing]));
    const before = readFileSync(scenarios, 'utf8');
    symlinkSync('recording.cases.json', join(dir, 'link.xml'));
    const rules = join(dir, 'rules');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const policy = readFileSync(join(rules, 'policy.json'), 'utf8');
    for (const out of [scenarios, join(dir, 'link.xml'), join(rules, 'policy.json')]) {
      const r = cli(['test', dir, '--rules', rules, '--junit', out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/--junit is .*, which this run reads/);
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(scenarios, 'utf8')).toBe(before);
    expect(readFileSync(join(rules, 'policy.json'), 'utf8')).toBe(policy);
    const cwd = tempDir();
    const dash = cli(['test', dir, '--junit', '-'], { cwd });
    expect(dash.code).toBe(2);
    expect(dash.stderr).toMatch(/--junit needs a file name: standard output \(-\) holds the text report/);
    expect(existsSync(join(cwd, '-'))).toBe(false);
  });

  it('never the file or pipe standard output writes the text report to (/dev/stdout, or the same name); a terminal-less /dev/null is fine', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'recording.cases.json'), JSON.stringify([passing]));
    const text = join(dir, 'report.txt');
    // Standard output redirected to a file, as a shell's `> report.txt` does.
    const toFile = (junit: string) => {
      const fd = openSync(text, 'w');
      try {
        const r = spawnSync(process.execPath, [CLI, 'test', dir, '--junit', junit], {
          stdio: ['ignore', fd, 'pipe'],
          encoding: 'utf8',
        });
        return { code: r.status, stderr: r.stderr, stdout: readFileSync(text, 'utf8') };
      } finally {
        closeSync(fd);
      }
    };
    for (const junit of ['/dev/stdout', text]) {
      const r = toFile(junit);
      expect(r.code, junit).toBe(2);
      expect(r.stderr, junit).toBe(
        `upsu-policy test: --junit is ${junit}, where standard output writes the text report: give another file (see upsu-policy test --help)\n`,
      );
      expect(r.stdout, junit).toBe('');
    }
    // A pipe (spawnSync's stdout): the XML would be mixed into the text report.
    const piped = cli(['test', dir, '--junit', '/dev/stdout']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/--junit is \/dev\/stdout, where standard output writes the text report/);
    expect(piped.stdout).toBe('');
    // Another file beside the redirected text: both whole.
    const xml = join(dir, 'report.xml');
    const ok = toFile(xml);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^✓ /);
    expect(parse(xml)['@_tests']).toBe('1');
    expect(cli(['test', dir, '--junit', '/dev/null']).code).toBe(0);
  });

  it('the temporary file cannot collide: a long name, a leftover of a run with the same pid', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'recording.cases.json'), JSON.stringify([passing]));
    // A name of 250 bytes is a valid file name; one with a prefix and suffix added is not.
    const long = join(dir, `${'r'.repeat(246)}.xml`);
    const r = cli(['test', dir, '--junit', long]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(long, 'utf8').startsWith('<?xml')).toBe(true);
    // Another process's file (or a leftover) with the name a pid-based temporary file would take is left alone.
    const out = join(dir, 'report.xml');
    const p = spawn(process.execPath, [CLI, 'test', dir, '--junit', out], { stdio: 'ignore' });
    const planted = join(dir, `.report.xml.${p.pid}.tmp`);
    writeFileSync(planted, 'not ours');
    const code = await new Promise((res) => p.on('close', res));
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('<?xml')).toBe(true);
    expect(readFileSync(planted, 'utf8')).toBe('not ours');
    expect(readdirSync(dir).filter((f) => f.startsWith('.upsu-'))).toEqual([]);
  });

  it.runIf(existsSync('/dev/full'))('a write that fails is named by the path given, not standard output', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'recording.cases.json'), JSON.stringify([passing]));
    const r = cli(['test', dir, '--junit', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^upsu-policy test: cannot write \/dev\/full \(ENOSPC\)$/m);
    expect(r.stderr).not.toMatch(/standard output/);
  });
});
