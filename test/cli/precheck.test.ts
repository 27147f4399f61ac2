import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_PARSED, parseJsonLine } from '../../src/audit/json-line.js';
import { CASE_PROJECTION, fastCaseExport, validateCase } from '../../src/audit/precheck.js';
import { caseExport } from '../../src/facts/case-export.js';
import { MAX_BREACHES, MAX_DISCLOSURES, MAX_STEPS } from '../../src/facts/constants.js';
import { fromZodIssues } from '../../src/facts/validate.js';
import { rng } from '../support/random-questions.js';
import { ROOT } from './helpers.js';

// The audit's hand-written pre-check must accept only what zod accepts, and return what zod returns.

const JUNK: unknown[] = [
  null,
  undefined,
  true,
  0,
  -1,
  1.5,
  '',
  'x',
  '2025-02-30',
  '2024-02-29',
  '2025-13-01',
  'adviser',
  'wizard',
  'completed',
  'harm',
  'raised',
  'decided',
  [],
  {},
  { role: 'adviser' },
  { role: 'adviser', extra: 1 },
  'y'.repeat(201),
];

/** Every path to a value inside `v`. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) for (const [i, x] of v.entries()) paths(x, [...at, i], out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function mutate(v: unknown, r: () => number): unknown {
  const copy = structuredClone(v) as Record<string, unknown>;
  const ps = paths(copy).filter((p) => p.length > 0);
  const p = ps[Math.floor(r() * ps.length)] as (string | number)[];
  let parent: any = copy;
  for (const k of p.slice(0, -1)) parent = parent[k];
  const key = p[p.length - 1] as string | number;
  const how = r();
  if (how < 0.25 && !Array.isArray(parent)) delete parent[key];
  else if (how < 0.3 && !Array.isArray(parent) && typeof key === 'string') {
    // The name misspelt (or merely written another way): some of these are refused, others are unknown fields.
    const spellings = [key.slice(0, -1), key.toUpperCase(), `${key}s`, key.replace(/([A-Z])/g, '_$1'), `${key}Xyz`];
    parent[spellings[Math.floor(r() * spellings.length)] as string] = parent[key];
    delete parent[key];
  } else if (how < 0.35 && !Array.isArray(parent))
    parent[`extra${Math.floor(r() * 3)}`] = JUNK[Math.floor(r() * JUNK.length)];
  else parent[key] = structuredClone(JUNK[Math.floor(r() * JUNK.length)]);
  return copy;
}

describe('audit pre-check agrees with caseExport (zod)', () => {
  const lines = execFileSync(
    process.execPath,
    [join(ROOT, 'scripts/generate-cases.mjs'), '--count', '3000', '--seed', '11'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
    .trim()
    .split('\n');
  const cases = lines.map((l) => JSON.parse(l));

  it('on generated cases (all valid): same data as zod', () => {
    for (const c of cases) {
      const z = caseExport.safeParse(c);
      expect(z.success).toBe(true);
      expect(fastCaseExport(c)).toEqual(z.data);
    }
  });

  it('on 30,000 mutated cases: never accepts what zod rejects, and returns the same data when it accepts', () => {
    const r = rng(7);
    let accepted = 0;
    let rejected = 0;
    let viaParser = 0;
    for (let i = 0; i < 30_000; i++) {
      let v: unknown = cases[i % cases.length];
      const n = 1 + Math.floor(r() * 3);
      for (let k = 0; k < n; k++) v = mutate(v, r);
      const z = caseExport.safeParse(v);
      const fast = fastCaseExport(v);
      if (fast !== undefined) {
        accepted++;
        expect(z.success, JSON.stringify(v)).toBe(true);
        expect(fast).toEqual(z.data);
      } else if (!z.success) rejected++;
      const checked = validateCase(v);
      expect(checked.ok).toBe(z.success);
      if (checked.ok) expect(checked.value).toEqual(z.data);
      // No array here is over its maximum: the report is zod's, issue for issue.
      else if (!z.success) expect(checked.issues).toEqual(fromZodIssues(z.error.issues, v));
      // As the audit reads it: the line parser's projected value (or, when it gives up, JSON.parse's, above).
      const text = JSON.stringify(v) ?? 'null';
      const projected = parseJsonLine(text, 0, text.length, CASE_PROJECTION);
      if (projected !== NOT_PARSED) {
        viaParser++;
        const whole = JSON.parse(text);
        const zw = caseExport.safeParse(whole);
        const p = validateCase(projected, true);
        expect(p.ok, text).toBe(zw.success);
        if (p.ok) expect(p.value).toEqual(zw.data);
        else if (!zw.success) expect(p.issues).toEqual(fromZodIssues(zw.error.issues, whole));
      }
    }
    expect(viaParser).toBeGreaterThan(20_000);
    expect(accepted).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(1000);
  });

  it('refuses a misnamed objection, list or destruction date in the case, its client or a disclosure, as zod does (unknown-field)', () => {
    const c = cases.find((x) => x.disclosures?.length && x.breaches?.length);
    const misnamed: [(string | number)[], string, string][] = [
      [[], 'disclosure', 'disclosures'],
      [[], 'Breaches', 'breaches'],
      [[], 'client.objectsToStaffSharing', 'objectsToStaffSharing'],
      [['client'], 'objectToStaffSharing', 'objectsToStaffSharing'],
      [['client'], 'objectsToSharing', 'objectsToStaffSharing'],
      [['client'], 'optOutStaffSharing', 'objectsToStaffSharing'],
      [['disclosures', 0], 'objectsToStaffSharing', 'clientObjectsToStaffSharing'],
      [['disclosures', 0], 'clientObjectsToSharing', 'clientObjectsToStaffSharing'],
      // Without its destruction date a destroyed record reads as still held (destroyed-early hidden).
      [[], 'destroyedon', 'destroyedOn'],
      [[], 'destroyed_on', 'destroyedOn'],
      [['client'], 'destroyedOn', 'destroyedOn'],
    ];
    for (const [at, key, like] of misnamed) {
      const v = structuredClone(c);
      let o: any = v;
      for (const k of at) o = o[k];
      o[key] = true;
      expect(fastCaseExport(v)).toBeUndefined();
      const checked = validateCase(v);
      expect(checked.ok).toBe(false);
      if (!checked.ok)
        expect(checked.issues).toEqual([
          {
            path: [...at, key],
            code: 'unknown-field',
            message: expect.stringContaining(`it looks like \`${like}\` under another name`),
          },
        ]);
    }
    // Other fields an export carries are dropped, as before; so are misspellings of fields whose loss only makes
    // the audit more cautious (no consent to record shown is itself a finding).
    const v = structuredClone(c);
    Object.assign(v, { _id: 'x', clientName: 'A', notes: 'n', caseWorker: 'B', status: 'open', clientId: 'X' });
    Object.assign(v, { destroyedBy: 'B', destroyAfter: '2020-01-01', disclosuresCount: 3 });
    Object.assign(v.client, { name: 'A', email: 'a@example.invalid', studentId: 'UP1', consentToRecords: true });
    Object.assign(v.disclosures[0], { id: 'D-1', notes: 'n', informationKind: 'x' });
    Object.assign(v.breaches[0], { notes: 'n' });
    expect(fastCaseExport(v)).toEqual(caseExport.parse(c));
  });

  it('never repeats a misspelt name that does not look like a field name (it may be personal data)', () => {
    const v = structuredClone(cases[0]);
    v.client['Objects To Staff Sharing'] = true;
    const checked = validateCase(v);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.issues).toEqual([{ path: ['client'], code: 'unknown-field', message: expect.any(String) }]);
      expect(checked.issues[0]?.message).not.toContain('Objects To');
      expect(checked.issues[0]?.message).toContain('objectsToStaffSharing');
    }
    // Two such names in one object: one issue, not the same issue twice.
    v.client['Opt Out Of Sharing'] = true;
    const twice = validateCase(v);
    if (!twice.ok) {
      expect(twice.issues).toHaveLength(1);
      expect(twice.issues[0]?.message).toContain('has a field not known here');
    }
  });

  it('on values that are not objects', () => {
    for (const v of JUNK) {
      expect(validateCase(v).ok).toBe(caseExport.safeParse(v).success);
      if (fastCaseExport(v) !== undefined) expect(caseExport.safeParse(v).success).toBe(true);
    }
  });
});

describe('arrays over their maximum', () => {
  const disclosure = {
    on: '2026-01-05',
    actor: { role: 'adviser' },
    recipient: { role: 'advice-lead' },
    information: { kind: 'case-record', identifiable: true },
  };
  const base = { id: 'C-1', client: { degreeStatus: 'studying' } };

  it('accepts exactly MAX_DISCLOSURES disclosures, on the fast path, with zod agreeing', () => {
    const c = { ...base, disclosures: Array.from({ length: MAX_DISCLOSURES }, () => disclosure) };
    const z = caseExport.safeParse(c);
    expect(z.success).toBe(true);
    expect(fastCaseExport(c)).toEqual(z.data);
    expect(validateCase(c)).toEqual({ ok: true, value: z.data });
  });

  it('reports one more as one too-big issue, as zod does', () => {
    const c = { ...base, disclosures: Array.from({ length: MAX_DISCLOSURES + 1 }, () => disclosure) };
    expect(fastCaseExport(c)).toBeUndefined();
    const z = caseExport.safeParse(c);
    expect(z.success).toBe(false);
    const checked = validateCase(c);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.issues).toEqual(fromZodIssues(z.error?.issues ?? [], c));
      expect(checked.issues.map((i) => [i.code, i.path])).toEqual([['too-big', ['disclosures']]]);
    }
  });

  it('a breach of exactly MAX_STEPS steps is accepted on the fast path; one more is refused, as zod does', () => {
    const step = { step: 'discussed', recordedInCaseNotes: true };
    const withSteps = (n: number) => ({
      ...base,
      breaches: [{ raisedBy: 'adviser', ground: 'harm', steps: Array.from({ length: n }, () => step) }],
    });
    const ok = withSteps(MAX_STEPS);
    const z = caseExport.safeParse(ok);
    expect(z.success).toBe(true);
    expect(fastCaseExport(ok)).toEqual(z.data);
    const over = withSteps(MAX_STEPS + 1);
    expect(fastCaseExport(over)).toBeUndefined();
    expect(caseExport.safeParse(over).success).toBe(false);
    const checked = validateCase(over);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues.map((i) => i.code)).toEqual(['too-big']);
  });

  it('reports two million malformed disclosures once, without checking each (and still reports the rest)', () => {
    const c = {
      id: 'C-2',
      client: { degreeStatus: 'graduated' },
      disclosures: Array.from({ length: 2_000_000 }, () => ({})),
      breaches: [{ raisedBy: 'adviser', ground: 'harm', steps: Array.from({ length: 1001 }, () => ({ step: 'x' })) }],
    };
    const t = performance.now();
    const checked = validateCase(c);
    // Without a maximum, zod checks every element: millions of issues, gigabytes, minutes.
    expect(performance.now() - t).toBeLessThan(5000);
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(checked.issues.map((i) => [i.code, i.path])).toEqual([
        ['invalid-value', ['client', 'degreeStatus']],
        ['too-big', ['disclosures']],
        ['too-big', ['breaches', 0, 'steps']],
      ]);
  });

  it('refuses a step named like an Object.prototype member (constructor, toString, __proto__) instead of crashing', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const c = { ...base, breaches: [{ raisedBy: 'adviser', ground: 'harm', steps: [{ step: name }] }] };
      expect(fastCaseExport(c)).toBeUndefined();
      const checked = validateCase(c);
      expect(checked.ok).toBe(false);
      if (!checked.ok)
        expect(checked.issues.map((i) => [i.code, i.path])).toEqual([
          ['invalid-value', ['breaches', 0, 'steps', 0, 'step']],
        ]);
    }
  });

  it('reports more than MAX_BREACHES breaches as too-big', () => {
    const breach = { raisedBy: 'adviser', ground: 'harm', steps: [] };
    const c = { ...base, breaches: Array.from({ length: MAX_BREACHES + 1 }, () => breach) };
    expect(fastCaseExport(c)).toBeUndefined();
    const checked = validateCase(c);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues.map((i) => i.code)).toEqual(['too-big']);
  });
});
