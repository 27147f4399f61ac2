// `upsu-policy test --mutate` without --rules mutates the rules folder its scenario run reads (the package's
// rules/), not the bundle built into the library: in a source clone whose build is older than an edit to rules/,
// the two differ, and the mutation run contradicted the scenario run printed just above it (its baseline failing
// scenarios that had passed, a --filter naming the new rule finding no mutant). Run in this process, with the
// package's folder pointed at a copy of rules/ in which one rule is renamed, as an edit the build has not seen.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';

const root = vi.hoisted(() => {
  const { mkdtempSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  return mkdtempSync(`${tmpdir()}/upsu-mutate-root-`);
});
vi.mock('../../src/engine/package-root.js', async (original) => ({
  ...(await original<typeof import('../../src/engine/package-root.js')>()),
  packageRoot: () => root,
}));

const { main } = await import('../../src/cli/main.js');

const RULES = new URL('../../rules/', import.meta.url).pathname;
cpSync(RULES, join(root, 'rules'), { recursive: true });
for (const f of ['2-sharing/contact.rules.json', '2-sharing/contact.cases.json']) {
  const file = join(root, 'rules', f);
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll('"channel-unacceptable"', '"channel-refused"'));
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        add(String(chunk));
        done();
      },
    });
  const code = await main(argv, {
    stdin: process.stdin,
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: {},
  });
  return { code, stdout, stderr };
}

describe('upsu-policy test --mutate, without --rules', () => {
  it('mutates the rules folder the scenarios ran against, not the built bundle', async () => {
    const r = await run(['test', '--mutate', '--filter', 'contact.rules.json#channel-refused:']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/scenarios \(compiled\): \d+ passed, 0 failed/);
    expect(r.stdout).not.toMatch(/channel-refused" is not a rule/);
    expect(r.stdout).toMatch(/^mutation score: 100\.0% \((\d+)\/\1\)$/m);
    expect(r.code).toBe(0);
  }, 60_000);
});
