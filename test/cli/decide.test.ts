import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, ROOT, tempDir } from './helpers.js';

const PARENT = {
  question: 'disclosure',
  actor: { role: 'adviser' },
  recipient: { role: 'third-party', name: 'parent' },
  information: { kind: 'presence', identifiable: true },
};

beforeAll(ensureBuilt, 120_000);

describe('upsu-policy decide', () => {
  it('prints the decision as JSON from a file and exits 0', () => {
    const dir = tempDir();
    const file = join(dir, 'q.json');
    writeFileSync(file, JSON.stringify(PARENT));
    const r = cli(['decide', file]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.question).toBe('disclosure');
    expect(d.outcome).toBe('deny');
    expect(d.clauses).toContain('P4');
    expect(d.obligations.map((o: { code: string }) => o.code)).toContain('state-policy-and-decline');
    expect(d.policy.rulesHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.trace).toBeUndefined();
    expect(r.stderr).toBe('');
  });

  it('reads standard input with -', () => {
    const r = cli(['decide', '-'], {
      input: JSON.stringify({ question: 'recording', consentToRecord: true, relevant: true }),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'permit', obligations: [{ code: 'secure-storage' }] });
  });

  it('--explain adds the trace of every rule', () => {
    const r = cli(['decide', '-', '--explain'], { input: JSON.stringify(PARENT) });
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.trace.length).toBeGreaterThan(5);
    expect(d.trace.some((t: { fired: boolean; applied: boolean }) => t.fired && t.applied)).toBe(true);
  });

  it('--format text prints outcome, clauses with their text, reasons, obligations and remedies', () => {
    const q = {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'third-party', name: 'employer' },
      information: { kind: 'case-record', identifiable: true },
      consent: { given: true, method: 'verbal' },
    };
    const r = cli(['decide', '-', '--format', 'text'], { input: JSON.stringify(q) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^DENY/);
    expect(r.stdout).toContain('Because');
    expect(r.stdout).toContain('Clauses');
    expect(r.stdout).toMatch(/P3 +UPSU Advice Service understands confidentiality/);
    expect(r.stdout).toContain('third-party-without-consent');
    expect(r.stdout).toContain('Obligations');
    expect(r.stdout).toContain('Remedies');
    expect(r.stdout).toContain('obtain-consent-to-share');
    expect(r.stdout).not.toContain('\u001b[');
    const explained = cli(['decide', '-', '--format', 'text', '--explain'], { input: JSON.stringify(q) });
    expect(explained.stdout).toContain('Rules evaluated');
  });

  it('--format text --explain says why each rule did not shape the decision, with the fact values seen', () => {
    const explain = (q: object) =>
      cli(['decide', '-', '--format', 'text', '--explain'], { input: JSON.stringify(q) }).stdout.replace(/\s+/g, ' ');
    const retention = explain({
      question: 'retention',
      asOf: '2026-09-01',
      client: { degreeStatus: 'completed', degreeCompletedOn: '2025-06-30' },
    });
    expect(retention).toContain('still-studying');
    expect(retention).toContain('did not fire: degreeStatus is "completed" (needs equal "studying")');
    // A fact compared with another fact: that fact's name and its value.
    expect(retention).toContain('asOf is "2026-09-01" (needs dateOnOrBefore destroyAfter, "2026-06-30")');
    const staff = explain({
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'upsu-staff', involvedInCase: true },
      information: { kind: 'case-record', identifiable: true },
      clientObjectsToStaffSharing: true,
      consent: { given: true, method: 'consent-to-share', recorded: false },
    });
    expect(staff).toContain(
      'involved-upsu-staff (permit, priority 65, 2-sharing/disclosure.rules.json) did not fire: clientObjectsToStaffSharing is true (needs equal false)',
    );
    expect(staff).toContain(
      'consent-to-share (permit, priority 40, 2-sharing/disclosure.rules.json) fired, but a rule above it decided deny',
    );
    expect(staff).toContain(
      'record-consent (obligation, priority 1, 2-sharing/disclosure.rules.json) fired, but its obligation is not for a deny decision',
    );
    // Fail closed: said under the rules, as in the reason.
    const uncovered = {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'third-party' },
      information: { kind: 'case-record', identifiable: false },
    };
    expect(explain(uncovered)).toContain(
      'No rule that decides fired: the outcome is the most cautious one, deny (fail closed).',
    );
    expect(staff).not.toContain('No rule that decides fired');
    // A rule that applied has no such line.
    expect(staff).toMatch(
      /involved-staff-client-objects \(deny, priority 70, 2-sharing\/disclosure\.rules\.json\) [✓ ]*involved-upsu-staff/,
    );
  });

  it('an invalid question exits 2 with one line per issue on stderr, no stack trace, no echoed values', () => {
    const q = {
      question: 'disclosure',
      actor: { role: 'wizard' },
      recipient: { role: 'third-party', name: 'Zebedee Secretname' },
    };
    const r = cli(['decide', '-'], { input: JSON.stringify(q) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^invalid-value at actor\.role: /);
    expect(lines[1]).toMatch(/^required at information: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('wizard');
    expect(r.stderr).not.toContain('Zebedee');
  });

  it('input that is not JSON exits 2 (invalid-json)', () => {
    const r = cli(['decide', '-'], { input: '{"question": "disclosure", Zebedee' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^invalid-json/);
    expect(r.stderr).not.toContain('Zebedee');
  });

  it('input that is not UTF-8 exits 2 (invalid-json); a byte-order mark is allowed', () => {
    const q = JSON.stringify({ question: 'access', actor: { role: 'adviser', name: 'AB' } });
    const [before, after] = q.split('AB') as [string, string];
    for (const bytes of [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff]]) {
      const r = cli(['decide', '-'], {
        input: Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]),
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^invalid-json/);
    }
    const bom = cli(['decide', '-'], { input: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(q)]) });
    expect(bom.code).toBe(0);
    expect(JSON.parse(bom.stdout).outcome).toBe('permit');
  });

  it('usage errors exit 2 with one line', () => {
    for (const args of [
      ['decide'],
      ['decide', 'a.json', 'b.json'],
      ['decide', '-', '--format', 'xml'],
      ['decide', '-', '--bogus'],
      ['decide', '/nonexistent/q.json'],
      ['decide', '-', '--format', 'json', '--format', 'text'],
      ['decide', '-', '--rules', 'rules', '--rules', 'rules'],
    ]) {
      const r = cli(args, { input: JSON.stringify(PARENT) });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^upsu-policy decide: /);
    }
  });

  it('a value option given twice is refused (which was meant is not known); a flag given twice is not', () => {
    const input = JSON.stringify(PARENT);
    const twice = cli(['decide', '-', '--format', 'text', '--format', 'json'], { input });
    expect(twice.code).toBe(2);
    expect(twice.stdout).toBe('');
    expect(twice.stderr).toBe(
      'upsu-policy decide: --format is given more than once: give it once (see upsu-policy decide --help)\n',
    );
    const once = cli(['decide', '-', '--format', 'json'], { input });
    expect(once.code).toBe(0);
    expect(cli(['decide', '--help', '--help']).code).toBe(0);
  });

  it('colours text for FORCE_COLOR, and never with NO_COLOR', () => {
    const input = JSON.stringify(PARENT);
    expect(cli(['decide', '-', '--format', 'text'], { input, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(
      cli(['decide', '-', '--format', 'text'], { input, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout,
    ).not.toContain('\u001b[');
    // NO_COLOR counts when present and not empty (no-color.org), as the help says.
    expect(
      cli(['decide', '-', '--format', 'text'], { input, env: { FORCE_COLOR: '1', NO_COLOR: '' } }).stdout,
    ).toContain('\u001b[');
    expect(cli(['decide', '-', '--format', 'text'], { input, env: { FORCE_COLOR: '0' } }).stdout).not.toContain(
      '\u001b[',
    );
  });

  it('an empty FORCE_COLOR is as if unset (force-color.org), and the help and README say so', () => {
    const input = JSON.stringify(PARENT);
    // Not a terminal here, so as if unset means no colour.
    expect(cli(['decide', '-', '--format', 'text'], { input, env: { FORCE_COLOR: '' } }).stdout).not.toContain(
      '\u001b[',
    );
    // The help said "with FORCE_COLOR set", which an empty FORCE_COLOR is, and Node's own reading of it colours.
    const help = cli(['--help']).stdout;
    expect(help).toMatch(/^Colour .*FORCE_COLOR set \(not empty, not 0\).*NO_COLOR set \(not empty\)/m);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain('an empty `FORCE_COLOR` is as if unset');
  });
});
