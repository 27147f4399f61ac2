// `npm run build` ends with scripts/check-rules.mjs, which loads the rules folder with the library just built: a
// build of a folder whose rules do not load (an unknown fact, a priority that is not a number) used to succeed and
// fail only at the first decision of whoever used it. Run as the build runs it, on rules/ and on broken copies.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers.js';

beforeAll(() => ensureBuilt(), 120_000);

const SCRIPT = join(ROOT, 'scripts/check-rules.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'upsu-check-rules-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const check = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

/** A copy of rules/ with `edit` applied to the parsed rules of 0-preamble/disclosure.rules.json. */
interface RuleJson {
  name: string;
  priority: unknown;
  conditions: { all: { fact: string }[] };
}

function brokenCopy(name: string, edit: (rules: RuleJson[]) => void): string {
  const dir = join(tmp, name);
  cpSync(join(ROOT, 'rules'), dir, { recursive: true });
  const file = join(dir, '0-preamble/disclosure.rules.json');
  const rules = JSON.parse(readFileSync(file, 'utf8'));
  edit(rules);
  writeFileSync(file, JSON.stringify(rules, null, 1));
  return dir;
}

describe('scripts/check-rules.mjs (the last step of npm run build)', () => {
  it('is the last step of the build script', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.build?.split('&&').map((s) => s.trim())).toEqual([
      'node scripts/bundle-rules.mjs',
      'tsup',
      'node scripts/check-rules.mjs',
    ]);
  });

  it('passes, silently, on the rules folder and on a folder named', () => {
    for (const r of [check(), check(join(ROOT, 'rules'))]) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });

  it('fails on a folder whose rules do not load, with every problem on its own line', () => {
    const dir = brokenCopy('two-problems', (rules) => {
      rules[0]!.conditions.all[0]!.fact = 'informationKnd';
      rules[1]!.priority = 'high';
    });
    const r = check(dir);
    expect(r.status).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`check-rules: the rules in ${dir} do not load (2 problems):`);
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(
        new RegExp(`^ {2}invalid-format at 0-preamble/disclosure\\.rules\\.json \\[${rules()[1]}\\]: priority: `),
      ),
      expect.stringMatching(
        new RegExp(
          `^ {2}unknown-fact at 0-preamble/disclosure\\.rules\\.json \\[${rules()[0]}\\]: unknown fact "informationKnd"`,
        ),
      ),
    ]);
  });

  it('shows a bidi override or control character of the folder as U+FFFD, never to the terminal', () => {
    const dir = brokenCopy('hostile', (rules) => {
      rules[0]!.conditions.all[0]!.fact = 'kind\u202e\u001b[2Jx';
    });
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('unknown fact "kind\ufffd\ufffd[2Jx"');
    expect(r.stderr.includes('\u001b')).toBe(false);
    expect(r.stderr.includes('\u202e')).toBe(false);
  });
});

/** The names of the first rules of 0-preamble/disclosure.rules.json as they are in rules/. */
function rules(): string[] {
  const file = join(ROOT, 'rules/0-preamble/disclosure.rules.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { name: string }[]).map((r) => r.name);
}
