import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, generate, tempDir } from './helpers.js';

// The export carries (fake) personal data: names, emails, student ids, phone numbers in case notes, party
// names. None of it may appear in any output of the audit, whatever the format, including bad lines.

const TAG = 'ZqxPlanted';
let dir: string;
let file: string;
let planted: string[];

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  file = generate(join(dir, 'pii.ndjson'), ['--count', '500', '--seed', '5', '--bad-every', '9', '--pii-prefix', TAG]);
  const values = new Set<string>();
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const m = line.match(/"(name|email|studentId|clientName|notes)":"[^"]*"/g) ?? [];
    for (const kv of m) values.add(kv.slice(kv.indexOf(':') + 2, -1));
  }
  planted = [...values].filter((v) => v.includes(TAG));
  expect(planted.length).toBeGreaterThan(1000);
}, 120_000);

function expectNoPersonalData(text: string) {
  expect(text).not.toContain(TAG);
  expect(text).not.toContain('example.invalid');
  expect(text).not.toContain('07700');
  expect(text).not.toMatch(/Fakename|Testperson|Placeholder|Mockley|Synthwood/);
  expect(text).not.toMatch(/landlord of/);
}

describe('no client personal data in any output', () => {
  for (const format of ['text', 'json', 'junit', 'sarif'])
    for (const workers of ['1', '2'])
      it(`audit --format ${format} --workers ${workers}`, () => {
        const r = cli(['audit', file, '--as-of', '2026-09-01', '--format', format, '--workers', workers]);
        expect(r.code).toBe(2);
        expect(r.stdout.length).toBeGreaterThan(1000);
        expectNoPersonalData(r.stdout);
        expectNoPersonalData(r.stderr);
      });

  it('audit from stdin, and --out', () => {
    const out = join(dir, 'out.json');
    const r = cli(['audit', '-', '--as-of', '2026-09-01', '--format', 'json', '--out', out], {
      input: readFileSync(file),
    });
    expect(r.code).toBe(2);
    expectNoPersonalData(r.stdout + r.stderr + readFileSync(out, 'utf8'));
  });

  it('decide: an invalid question does not echo what it was given', () => {
    const r = cli(['decide', '-'], {
      input: JSON.stringify({
        question: 'disclosure',
        actor: { role: `adviser ${TAG}`, email: `${TAG}@example.invalid` },
        recipient: { role: 'third-party', name: `${TAG} Fakename`.repeat(30) },
        information: { kind: 'case-record', identifiable: `${TAG} 07700 900123` },
      }),
    });
    expect(r.code).toBe(2);
    expectNoPersonalData(r.stdout + r.stderr);
  });

  it('decide and audit: an unknown field whose name looks like personal data is not named', () => {
    const d = cli(['decide', '-'], {
      input: JSON.stringify({
        question: 'recording',
        client: { consentToRecord: true },
        [`${TAG} Fakename`]: 1,
        [`${TAG}@example.invalid`]: true,
        [`${TAG}`.repeat(20_000)]: true,
        // An identifier, but with a phone number in it.
        Jane_Doe_07700900123: true,
        // Not a field name either: it starts with a digit (README, "Bad input").
        '7Tag': true,
        extraField: 1,
      }),
    });
    expect(d.code).toBe(2);
    expectNoPersonalData(d.stdout + d.stderr);
    expect(d.stdout + d.stderr).not.toContain('07700900123');
    expect(d.stdout + d.stderr).not.toContain('7Tag');
    // A name that looks like a field name is still shown, so a typo can be found.
    expect(d.stderr).toContain('extraField');
    expect(d.stderr.length).toBeLessThan(2000);

    const line = {
      id: 'C-1',
      client: { degreeStatus: 'studying', [`Objects To Staff Sharing ${TAG}`]: true },
      breaches: [
        {
          raisedBy: 'adviser',
          ground: 'harm',
          steps: [{ step: 'raised', with: 'advice-lead', [`${TAG}@example.invalid`]: 1 }],
        },
      ],
    };
    for (const format of ['text', 'json', 'sarif', 'junit']) {
      const a = cli(['audit', '-', '--as-of', '2026-09-01', '--format', format], {
        input: `${JSON.stringify(line)}\n`,
      });
      expect(a.code).toBe(2);
      expect(a.stdout + a.stderr).toContain('unknown-field');
      expectNoPersonalData(a.stdout + a.stderr);
    }
  });
});
