// The binary starts `audit --workers N`'s worker threads before loading the command line: only for a command line
// that `audit` will run. One it refuses (an unknown option, a value option given twice) starts none: N - 1 threads
// each loading the policy, for an exit 2.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { prespawnAuditWorkers, repeatedOption, takePrespawned } from '../src/audit/prespawn.js';
import { tempDir } from './cli/helpers.js';

const dir = tempDir();
// A worker that does nothing: what is counted is whether it was started.
const file = join(dir, 'idle-worker.mjs');
writeFileSync(file, '');
const url = pathToFileURL(file);
const started: { worker: { terminate(): Promise<number> } }[] = [];
afterAll(async () => {
  await Promise.all(started.map((w) => w.worker.terminate()));
});

/** The workers prespawned for `argv` (`audit …`), taken as `runAudit` would take 1 worker. */
const prespawned = (...argv: string[]) => {
  prespawnAuditWorkers(['audit', ...argv], url);
  const workers = takePrespawned(1, url, undefined) ?? [];
  started.push(...workers);
  return workers.length;
};

describe('prespawnAuditWorkers', () => {
  it('starts the workers of a command line audit runs', () => {
    expect(prespawned('-', '--as-of', '2026-09-01', '--workers', '2')).toBe(1);
    expect(prespawned('-', '--as-of=2026-09-01', '--workers=2', '--no-progress', '--no-progress')).toBe(1);
  });

  it('starts none for one audit refuses: an unknown option, a value option given twice', () => {
    expect(prespawned('-', '--as-of', '2026-09-01', '--workers', '2', '--frobnicate')).toBe(0);
    expect(prespawned('-', '--as-of', '2026-09-01', '--workers', '2', '--workers', '2')).toBe(0);
    expect(prespawned('-', '--as-of', '2026-09-01', '--workers=2', '--as-of=2026-09-01')).toBe(0);
    expect(prespawned('-', '--as-of', '2026-09-01', '--workers', '2', '--out', 'a', '--out', 'a')).toBe(0);
  });
});

describe('repeatedOption', () => {
  const tokens = (...kinds: [string, string?][]) => kinds.map(([name, value]) => ({ kind: 'option', name, value }));
  it('names the first value option given twice; flags may repeat; positionals and -- do not count', () => {
    expect(repeatedOption(tokens(['out', 'a'], ['format', 'json'], ['out', 'b']))).toBe('out');
    expect(repeatedOption(tokens(['help'], ['help'], ['out', 'a']))).toBeUndefined();
    expect(
      repeatedOption([
        { kind: 'option', name: 'out', value: 'a' },
        { kind: 'option-terminator' },
        { kind: 'positional', value: '--out' },
      ]),
    ).toBeUndefined();
  });
});
