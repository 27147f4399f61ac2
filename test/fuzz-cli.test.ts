// Fuzzing the built CLI (dist/cli.js): whatever bytes arrive, `decide` and `audit` exit 2 with a one-line
// reason on stderr — no stack trace, no crash — in bounded time and memory (the child runs with a 256 MB heap
// cap, so running out of memory shows up as a crash, not as swapping).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from './cli/helpers.js';
import { rng } from './support/random-questions.js';

const TIME_LIMIT_MS = 30_000;

let dir: string;

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[], input?: Buffer | string): Run {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--stack-size=984', CLI, ...args], {
    input,
    timeout: TIME_LIMIT_MS,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout?.toString('utf8') ?? '',
    stderr: r.stderr?.toString('utf8') ?? '',
    ms: Date.now() - started,
  };
}

/**
 * Exit 2 in time, no stack trace, and a short reason on stderr: one line when the input cannot be read as JSON
 * at all; for JSON that is not a valid question, one line per issue (`maxLines`).
 */
function expectRefused(r: Run, what: string, maxLines = 1) {
  const detail = `${what}: status ${r.status} signal ${r.signal}, stderr ${JSON.stringify(r.stderr.slice(0, 500))}`;
  expect(r.signal, detail).toBeNull();
  expect(r.status, detail).toBe(2);
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  expect(lines.length, detail).toBeLessThanOrEqual(maxLines);
  expect(lines[0]?.trim().length, detail).toBeGreaterThan(0);
  for (const line of lines) expect(line.length, detail).toBeLessThan(1000);
  expectNoCrash(r, detail);
}

function expectNoCrash(r: Run, detail: string) {
  for (const out of [r.stderr, r.stdout]) {
    expect(out, detail).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m);
    expect(out, detail).not.toMatch(/node:internal|RangeError|TypeError|SyntaxError: |heap out of memory/);
  }
  expect(r.ms, detail).toBeLessThan(TIME_LIMIT_MS);
}

/** Files that are JSON (so their issues may be listed one a line), as opposed to bytes that are not JSON at all. */
const JSON_FILES = new Set([
  'long-field.json',
  'long-role.json',
  'long-array.json',
  'deep-array.json',
  'deep-object.json',
  'deep-in-question.json',
  'not-an-object.json',
  'null.json',
  'array.json',
  'proto.json',
]);

const VALID = {
  question: 'disclosure',
  actor: { role: 'adviser' },
  recipient: { role: 'third-party', name: 'parent' },
  information: { kind: 'presence', identifiable: true },
};
const VALID_CASE = {
  id: 'C-1',
  client: { degreeStatus: 'completed', degreeCompletedOn: '2025-06-30', consentToRecord: true },
  disclosures: [],
  breaches: [],
  destroyedOn: null,
};

const files: Record<string, Buffer | string> = {};

beforeAll(() => {
  // Never skipped: dist/ is built when it is missing or older than src/ or rules/ (a stale build would be fuzzed
  // instead of the code under test).
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'upsu-fuzz-'));
  const random = rng(20261124);
  for (let i = 0; i < 12; i++) {
    const size = [1, 7, 64, 1000, 65_536, 1_000_000][i % 6] as number;
    const b = Buffer.alloc(size);
    for (let j = 0; j < size; j++) b[j] = Math.floor(random() * 256);
    files[`random-${i}.bin`] = b;
  }
  const valid = JSON.stringify(VALID);
  for (const cut of [1, 2, 10, 30, valid.length - 1]) files[`truncated-${cut}.json`] = valid.slice(0, cut);
  files['empty.json'] = '';
  files['whitespace.json'] = ' \n\t\n';
  files['bom-only.json'] = Buffer.from([0xef, 0xbb, 0xbf]);
  files['nul.json'] = Buffer.from([0]);
  // A 10 MB line: a question with a huge unknown field, a huge string where an enum goes, and garbage.
  const big = 'x'.repeat(10 * 1024 * 1024);
  files['long-field.json'] = JSON.stringify({ ...VALID, note: big });
  files['long-role.json'] = JSON.stringify({ ...VALID, recipient: { role: big } });
  files['long-garbage.json'] = `{${big}`;
  files['long-array.json'] = `[${'1,'.repeat(5 * 1024 * 1024)}1]`;
  // 100,000 deep.
  const depth = 100_000;
  files['deep-array.json'] = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  files['deep-object.json'] = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  files['deep-in-question.json'] =
    `{"question":"disclosure","actor":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"recipient":{"role":"pms"},"information":{"kind":"presence","identifiable":true}}`;
  files['deep-unclosed.json'] = '['.repeat(depth);
  // Invalid UTF-8 inside an otherwise valid question (a lone continuation byte, an overlong form, a surrogate).
  for (const [name, bytes] of [
    ['lone', [0x80]],
    ['overlong', [0xc0, 0xaf]],
    ['surrogate', [0xed, 0xa0, 0x80]],
    ['truncated', [0xe2, 0x82]],
    ['ff', [0xff, 0xfe]],
  ] as const) {
    const [before, after] = JSON.stringify({ ...VALID, recipient: { role: 'third-party', name: 'AB' } }).split(
      'AB',
    ) as [string, string];
    files[`utf8-${name}.json`] = Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
  }
  files['not-an-object.json'] = '42';
  files['null.json'] = 'null';
  files['array.json'] = JSON.stringify([VALID]);
  files['two-questions.json'] = `${JSON.stringify(VALID)}\n${JSON.stringify(VALID)}`;
  files['trailing-garbage.json'] = `${JSON.stringify(VALID)} }`;
  files['proto.json'] = '{"__proto__":{"question":"recording","consentToRecord":true,"relevant":true}}';
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  mkdirSync(join(dir, 'a-directory'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('fuzzing the CLI: decide FILE|-', () => {
  it('decides a valid question (the harness works)', () => {
    writeFileSync(join(dir, 'valid.json'), JSON.stringify(VALID));
    const r = cli(['decide', join(dir, 'valid.json')]);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(JSON.parse(r.stdout).outcome).toBe('deny');
  });

  it('refuses every malformed file with exit 2 and a short reason (one line unless it lists a JSON question’s issues)', () => {
    const failures: string[] = [];
    for (const name of Object.keys(files)) {
      if (name.startsWith('utf8-')) continue; // below
      try {
        expectRefused(cli(['decide', join(dir, name)]), name, JSON_FILES.has(name) ? 20 : 1);
      } catch (e) {
        failures.push((e as Error).message.split('\n')[0] as string);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses the same bytes on stdin', () => {
    for (const name of ['random-3.bin', 'truncated-10.json', 'empty.json', 'deep-array.json'])
      expectRefused(cli(['decide', '-'], files[name]), `stdin ${name}`, JSON_FILES.has(name) ? 20 : 1);
  }, 120_000);

  // Invalid UTF-8 is not JSON: refused, not decoded into U+FFFD and decided (a CLI bug this test found, fixed in d430b7e).
  it('refuses invalid UTF-8 (a lone continuation byte, an overlong form, a surrogate, a cut sequence)', () => {
    for (const name of Object.keys(files).filter((n) => n.startsWith('utf8-'))) {
      expectRefused(cli(['decide', join(dir, name)]), name);
      expectRefused(cli(['decide', '-'], files[name]), `stdin ${name}`);
    }
  }, 120_000);

  it('refuses a directory, a missing file and a missing argument', () => {
    expectRefused(cli(['decide', join(dir, 'a-directory')]), 'directory');
    expectRefused(cli(['decide', join(dir, 'no-such-file.json')]), 'missing file');
    expectRefused(cli(['decide']), 'no file');
  });
});

describe('fuzzing the CLI: audit FILE|- --as-of D', () => {
  const asOf = ['--as-of', '2026-11-24'];

  it('audits a valid export (the harness works)', () => {
    writeFileSync(join(dir, 'valid.ndjson'), `${JSON.stringify(VALID_CASE)}\n`);
    const r = cli(['audit', join(dir, 'valid.ndjson'), ...asOf]);
    expect([0, 1], r.stderr).toContain(r.status);
  });

  // An export is read line by line: each line that is not a valid case is reported (on stdout, in the audit
  // report) as not audited, and the run exits 2. The report never repeats what the line held.
  it('refuses malformed exports with exit 2, no crash, and reports that repeat none of the input', () => {
    const skip = new Set(['empty.json', 'whitespace.json', 'bom-only.json']); // an export with no cases
    const failures: string[] = [];
    for (const name of Object.keys(files)) {
      if (skip.has(name)) continue;
      const r = cli(['audit', join(dir, name), ...asOf]);
      const detail = `audit ${name}: status ${r.status} signal ${r.signal}, stderr ${JSON.stringify(r.stderr.slice(0, 300))}`;
      try {
        expect(r.signal, detail).toBeNull();
        expect(r.status, detail).toBe(2);
        expectNoCrash(r, detail);
        expect(`${r.stdout}${r.stderr}`, detail).toMatch(/not audited|invalid|not valid/i);
        expect(`${r.stdout}${r.stderr}`, detail).not.toContain('xxxxxxxxxxxxxxxx');
        expect(`${r.stdout}${r.stderr}`, detail).not.toContain('parent');
      } catch (e) {
        failures.push((e as Error).message.split('\n')[0] as string);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('an empty export audits nothing and does not crash', () => {
    for (const name of ['empty.json', 'whitespace.json', 'bom-only.json']) {
      const r = cli(['audit', join(dir, name), ...asOf]);
      expect([0, 2], `${name}: ${r.status} ${r.stderr}`).toContain(r.status);
      expectNoCrash(r, name);
    }
  });

  it('refuses a directory, a missing file, and a bad --as-of', () => {
    expectRefused(cli(['audit', join(dir, 'a-directory'), ...asOf]), 'directory');
    expectRefused(cli(['audit', join(dir, 'no-such-file.ndjson'), ...asOf]), 'missing file');
    writeFileSync(join(dir, 'valid.ndjson'), `${JSON.stringify(VALID_CASE)}\n`);
    expectRefused(cli(['audit', join(dir, 'valid.ndjson'), '--as-of', '2026-02-30']), 'bad --as-of');
    expectRefused(cli(['audit', join(dir, 'valid.ndjson'), '--as-of', 'x'.repeat(100_000)]), 'long --as-of');
  });
});
