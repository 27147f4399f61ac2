import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, tempDir } from './helpers.js';

// A case export's fields the audit does not read are dropped; one that looks like an objection to staff sharing
// (or the disclosures or breaches list) under another name is refused, since dropping it would lose the objection
// and pass disclosures the policy forbids (fail closed).

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
              message: expect.stringContaining('looks like `objectsToStaffSharing` under another name'),
            },
          ],
        },
      ]);
    });

  it('whatever the name, wherever it is: each such line is refused, and the rest audited', () => {
    const lines = [
      line({ objectsToSharing: true }),
      line({}, { ...disclosure, clientObjectsToSharing: true }),
      line({ objectsToStaffShare: true }),
      line({}, { ...disclosure, objectsToStaffSharing: true }),
      line({}, { ...disclosure, objectToStaffSharing: true }),
      JSON.stringify({ ...JSON.parse(line({})), objectsToStaffSharing: true }),
      JSON.stringify({ ...JSON.parse(line({})), 'client.objectsToStaffSharing': true }),
      JSON.stringify({ ...JSON.parse(line({})), disclosure: JSON.parse(line({})).disclosures, disclosures: undefined }),
      line({ objectsToStaffSharing: false }),
    ];
    const r = audit(lines, '1');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.invalidLines.map((x: { line: number }) => x.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const x of report.invalidLines) expect(x.issues[0].code).toBe('unknown-field');
    expect(report.summary.cases).toBe(1);
  });

  for (const workers of ['1', '2'])
    it(`a destruction date under another name is refused, not read as still held (--workers ${workers})`, () => {
      const held = { id: 'C-2', client: { degreeStatus: 'studying', consentToRecord: true } };
      // Spelt right: destroyed while the client studies, destroyed-early.
      const right = audit([JSON.stringify({ ...held, destroyedOn: '2025-01-01' })], workers);
      expect(right.code).toBe(1);
      expect(JSON.parse(right.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['destroyed-early']);

      const filler = Array.from({ length: 3000 }, () => line({ objectsToStaffSharing: false }));
      const misnamed = ['destroyed_on', 'DestroyedOn', 'destroyedAt', 'destructionDate', 'ｄｅｓｔｒｏｙｅｄＯｎ'];
      const lines = misnamed.flatMap((name) => [...filler, JSON.stringify({ ...held, [name]: '2025-01-01' })]);
      const wrong = audit(
        [...lines, JSON.stringify({ ...held, client: { ...held.client, destroyedOn: '2025-01-01' } })],
        workers,
      );
      expect(wrong.code).toBe(2);
      const report = JSON.parse(wrong.stdout);
      expect(report.summary).toMatchObject({ invalidLines: 6, findings: 0 });
      expect(report.invalidLines.map((x: { line: number }) => x.line)).toEqual([3001, 6002, 9003, 12004, 15005, 15006]);
      for (const x of report.invalidLines) {
        expect(x.issues).toHaveLength(1);
        expect(x.issues[0].code).toBe('unknown-field');
        expect(x.issues[0].message).toContain('looks like `destroyedOn` under another name');
      }
    });

  it('a list name in fullwidth or with look-alike letters is refused, not normalised away and dropped', () => {
    const base = JSON.parse(line({}));
    const third = { ...disclosure, recipient: { role: 'third-party' } };
    const lines = ['ｄｉｓｃｌｏｓｕｒｅｓ', 'disсlosures', 'ԁіѕсlоѕurеѕ'].map((name) =>
      JSON.stringify({ id: base.id, client: base.client, [name]: [third] }),
    );
    const r = audit(lines, '1');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.invalidLines.map((x: { line: number }) => x.line)).toEqual([1, 2, 3]);
    for (const x of report.invalidLines) {
      expect(x.issues[0].code).toBe('unknown-field');
      expect(x.issues[0].message).toContain('looks like `disclosures` under another name');
    }
    // The names are not ASCII field names: not echoed.
    expect(r.stdout).not.toContain('ｄｉｓｃ');
  });

  it('other fields (names, emails, notes, ids of other systems, companion columns) are still dropped', () => {
    const other = { name: 'A', email: 'a@example.invalid', studentId: 'UP1', status: 'open', consentToRecordOn: 'x' };
    const r = audit(
      [
        JSON.stringify({
          _id: '64f0',
          ...JSON.parse(line(other)),
          destroyedBy: 'x',
          destroyAfter: '2030-01-01',
          名前: 'x',
        }),
      ],
      '1',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ cases: 1, invalidLines: 0 });
  });
});
