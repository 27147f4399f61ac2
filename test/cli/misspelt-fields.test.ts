import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, tempDir } from './helpers.js';

// A case export's fields the audit does not read are dropped; a misspelling of one it reads is refused, since
// dropping it could lose an objection and pass disclosures the policy forbids (fail closed).

const disclosure = {
  on: '2026-03-01',
  actor: { role: 'adviser' },
  recipient: { role: 'upsu-staff', involvedInCase: true },
  information: { kind: 'case-record', identifiable: true },
  purpose: 'case-management',
};
const line = (client: Record<string, unknown>, d: Record<string, unknown> = disclosure) =>
  JSON.stringify({
    id: 'C-1',
    client: { degreeStatus: 'studying', consentToRecord: true, ...client },
    disclosures: [d],
  });

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
}, 120_000);

function audit(lines: string[], workers: string) {
  const file = join(dir, `x${Math.random().toString(36).slice(2)}.ndjson`);
  // Enough lines that --workers 2 hands some to its worker thread.
  writeFileSync(file, `${lines.join('\n')}\n`);
  return cli(['audit', file, '--as-of', '2026-09-01', '--format', 'json', '--workers', workers]);
}

describe('misspelt fields in a case export', () => {
  for (const workers of ['1', '2'])
    it(`an objection written objectToStaffSharing is refused, not dropped (--workers ${workers})`, () => {
      const right = audit([line({ objectsToStaffSharing: true })], workers);
      // Spelt right: the objection stops the disclosure to UPSU staff (2.2), a finding.
      expect(right.code).toBe(1);
      expect(JSON.parse(right.stdout).summary.findings).toBeGreaterThan(0);

      const filler = Array.from({ length: 3000 }, () => line({ objectsToStaffSharing: false }));
      const wrong = audit([...filler, line({ objectToStaffSharing: true }), ...filler], workers);
      expect(wrong.code).toBe(2);
      const report = JSON.parse(wrong.stdout);
      expect(report.summary.invalidLines).toBe(1);
      expect(report.invalidLines).toEqual([
        {
          line: 3001,
          issues: [
            {
              path: ['client', 'objectToStaffSharing'],
              code: 'unknown-field',
              message: expect.stringContaining('misspelling of `objectsToStaffSharing`'),
            },
          ],
        },
      ]);
    });

  it('the same in a disclosure (the client-level name where the disclosure has clientObjectsToStaffSharing)', () => {
    const r = audit([line({}, { ...disclosure, objectsToStaffSharing: true })], '1');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).invalidLines[0].issues[0]).toMatchObject({
      path: ['disclosures', 0, 'objectsToStaffSharing'],
      code: 'unknown-field',
    });
  });

  it('fields that are not misspellings (names, emails, notes, other columns) are still dropped', () => {
    const r = audit([line({ name: 'A', email: 'a@example.invalid', studentId: 'UP1', status: 'open' })], '1');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ cases: 1, invalidLines: 0 });
  });
});
