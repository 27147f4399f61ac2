// The audit's summary counts findings by clause and by code with `(count[key] ?? 0) + 1`, and adds up the counts
// of the batches each thread audited. A value put on Object.prototype under a clause id or a finding code (here
// preloaded with --import, in the main thread and the worker alike) must not become part of a count.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT } from './helpers.js';

beforeAll(() => ensureBuilt());
const dir = mkdtempSync(join(tmpdir(), 'upsu-pollute-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const audit = (workers: number, preload?: string) => {
  const r = spawnSync(
    process.execPath,
    [
      ...(preload ? ['--import', preload] : []),
      CLI,
      'audit',
      join(ROOT, 'examples/cases.ndjson'),
      '--as-of',
      '2026-09-01',
      '--format',
      'json',
      '--workers',
      String(workers),
    ],
    { encoding: 'utf8', cwd: ROOT },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1); // the sample export has findings
  return JSON.parse(r.stdout).summary as { byClause: Record<string, number>; byCode: Record<string, number> };
};

describe('audit summary counts with a polluted Object.prototype', () => {
  it('are the counts of an unpolluted run, with one worker thread and with two', () => {
    const clean = audit(1);
    const keys = [...Object.keys(clean.byClause), ...Object.keys(clean.byCode)];
    expect(keys.length).toBeGreaterThan(5);
    // Not enumerable: an enumerable one stops zod loading (README), which the sample export may need.
    const preload = join(dir, 'pollute.mjs');
    writeFileSync(
      preload,
      `for (const k of ${JSON.stringify(keys)}) Object.defineProperty(Object.prototype, k, { value: 1000, configurable: true, writable: true });\n`,
    );
    for (const workers of [1, 2]) expect(audit(workers, preload)).toEqual(clean);
  });
});
