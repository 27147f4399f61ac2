import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, tempDir } from './helpers.js';

// A key written twice in one object is ambiguous: JSON.parse keeps the last value, so `"objectsToStaffSharing":
// true, … : false` would read as no objection and pass a disclosure the policy forbids. `decide` and `audit` refuse
// it (`invalid-json`, with the path of the key), never read it one way (fail closed).

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
}, 120_000);

const staffQuestion =
  '{"question":"disclosure","actor":{"role":"adviser"},"recipient":{"role":"upsu-staff","involvedInCase":true},"information":{"kind":"case-record","identifiable":true}';

describe('upsu-policy decide: a key twice in one object', () => {
  it('is refused (exit 2, one line per key), in either order, not decided last-wins', () => {
    for (const [a, b] of [
      ['true', 'false'],
      ['false', 'true'],
    ]) {
      const r = cli(['decide', '-'], {
        input: `${staffQuestion},"clientObjectsToStaffSharing":${a},"clientObjectsToStaffSharing":${b}}`,
      });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'invalid-json at clientObjectsToStaffSharing: The input has the key `clientObjectsToStaffSharing` twice in one object: which value is meant is ambiguous, so the input is refused.\n',
      );
    }
  });

  it('lists every repeated key with its path, and names none that does not look like a field name', () => {
    const input =
      '{"question":"disclosure","actor":{"role":"adviser","role":"adviser"},"Jane Doe 07700900123":{"x":1,"x":2},"recipient":{"role":"third-party"},"recipient":{"role":"third-party"},"information":{"kind":"presence","identifiable":true}}';
    const r = cli(['decide', '-'], { input });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      'invalid-json at actor.role',
      'invalid-json at (question)',
      'invalid-json at recipient',
    ]);
    expect(lines[1]).toContain('has a key twice in one object (its name is not shown: not a field name)');
    expect(r.stderr).not.toContain('Jane');
    expect(r.stderr).not.toContain('07700900123');
  });

  it('text that is not JSON: one invalid-json issue saying where the first problem is, and nothing of the text', () => {
    const r = cli(['decide', '-'], { input: '{"question": "recording",\n  "consentToRecord": Jane Doe}' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'invalid-json at (question): The input is not valid JSON: the first problem is at line 2, column 22.\n',
    );
  });

  it('bytes that are not UTF-8 are said to be so', () => {
    const r = cli(['decide', '-'], { input: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('invalid-json at (question): The input is not UTF-8 text, so it is not JSON.\n');
  });

  it('the same question without the repeat is decided', () => {
    const r = cli(['decide', '-'], { input: `${staffQuestion},"clientObjectsToStaffSharing":true}` });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outcome).toBe('deny');
  });
});

const okLine = (id: string) =>
  `{"id":"${id}","client":{"degreeStatus":"studying","consentToRecord":true,"objectsToStaffSharing":false},"disclosures":[]}`;
const twiceLines: Record<string, { text: string; path: (string | number)[] }> = {
  list: {
    text: '{"id":"C-5","client":{"degreeStatus":"studying","consentToRecord":true},"disclosures":[{"actor":{"role":"adviser"},"recipient":{"role":"third-party"},"information":{"kind":"case-record","identifiable":true}}],"disclosures":[]}',
    path: ['disclosures'],
  },
  objection: {
    text: '{"id":"C-6","client":{"degreeStatus":"studying","consentToRecord":true,"objectsToStaffSharing":true,"objectsToStaffSharing":false},"disclosures":[{"actor":{"role":"adviser"},"recipient":{"role":"upsu-staff","involvedInCase":true},"information":{"kind":"case-record","identifiable":true}}]}',
    path: ['client', 'objectsToStaffSharing'],
  },
  escaped: {
    text: '{"id":"C-7","client":{"degreeStatus":"studying","consentToRecord":true,"objectsToStaffSharing":true,"objects\\u0054oStaffSharing":false}}',
    path: ['client', 'objectsToStaffSharing'],
  },
  nested: {
    text: '{"id":"C-8","client":{"degreeStatus":"studying","consentToRecord":true},"disclosures":[{"actor":{"role":"adviser"},"recipient":{"role":"upsu-staff","involvedInCase":true,"involvedInCase":false},"information":{"kind":"case-record","identifiable":true}}]}',
    path: ['disclosures', 0, 'recipient', 'involvedInCase'],
  },
};

function audit(lines: string[], workers: string[]) {
  const file = join(dir, `x${Math.random().toString(36).slice(2)}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return workers.map((w) => cli(['audit', file, '--as-of', '2026-09-01', '--format', 'json', '--workers', w]));
}

describe('upsu-policy audit: a key twice in one object', () => {
  it('each such line is invalid (with its line number and the key path) and the rest is audited, with 1 or 2 workers alike', () => {
    // Enough lines (about 3 MB) that --workers 2 hands batches to its worker thread, and a repeat in each part.
    const lines: string[] = [];
    const bad: { line: number; path: (string | number)[] }[] = [];
    const kinds = Object.values(twiceLines);
    for (let i = 0; i < 12_000; i++) {
      if (i % 1000 === 500) {
        const k = kinds[((i / 1000) % kinds.length) | 0] as { text: string; path: (string | number)[] };
        lines.push(k.text);
        bad.push({ line: i + 1, path: k.path });
      } else lines.push(okLine(`C-${i}`));
    }
    const reports = audit(lines, ['1', '2']);
    for (const r of reports) {
      expect(r.code).toBe(2);
      const report = JSON.parse(r.stdout);
      expect(report.summary).toMatchObject({ cases: 12_000 - bad.length, invalidLines: bad.length, findings: 0 });
      expect(report.invalidLines).toEqual(
        bad.map(({ line, path }) => ({
          line,
          issues: [{ path, code: 'invalid-json', message: expect.stringContaining('twice in one object') }],
        })),
      );
    }
    expect(reports[1]?.stdout).toBe(reports[0]?.stdout);
  });

  it('text report: one line per problem, no value echoed', () => {
    const file = join(dir, 'text.ndjson');
    writeFileSync(file, `${twiceLines.list?.text}\n${twiceLines.objection?.text}\n${okLine('C-1')}\n`);
    const r = cli(['audit', file, '--as-of', '2026-09-01']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      'line 1: not audited — invalid-json at disclosures: The input has the key `disclosures` twice in one object',
    );
    expect(r.stdout).toContain(
      'line 2: not audited — invalid-json at client.objectsToStaffSharing: `client` has the key `objectsToStaffSharing` twice in one object',
    );
    expect(r.stdout).toContain('1 case audited');
  });

  it('a repeat inside a member the audit drops unread (a name, an email, notes) is not a problem', () => {
    const [r] = audit(
      [
        '{"id":"C-1","client":{"degreeStatus":"studying","consentToRecord":true,"email":"a@example.invalid","email":"b@example.invalid"},"notes":{"x":1,"x":2},"notes":"n"}',
        // The same on the fallback path (nesting deeper than the fast parser goes, in a dropped member).
        `{"id":"C-2","client":{"degreeStatus":"studying","consentToRecord":true,"email":"a","email":"b"},"notes":{"x":1,"x":2},"x":${'['.repeat(70)}1${']'.repeat(70)}}`,
      ],
      ['1'],
    );
    expect(r?.code).toBe(0);
    expect(JSON.parse(r?.stdout ?? '').summary).toMatchObject({ cases: 2, invalidLines: 0 });
  });
});
