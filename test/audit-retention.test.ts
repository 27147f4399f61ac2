// Retention in the audit (3.3): a record is a finding when it was still held on a day the policy said destroy —
// on the audit date (not destroyed, or destroyed only after it) or before it was destroyed (destroyed late).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaseAuditor } from '../src/audit/audit-case.js';
import { auditCase, bundledRules, createPolicy, defaultPolicy, loadPolicy, RuleLoadError } from '../src/index.js';

const bundled = defaultPolicy();

const AS_OF = '2026-09-01';
/** Completed 2024-06-20: destroyAfter 2025-06-20, so destroyed on time by the end of 2025-06-21. */
const completed = (destroyedOn?: string | null) => ({
  id: 'C-1',
  client: { degreeStatus: 'completed' as const, degreeCompletedOn: '2024-06-20', consentToRecord: true },
  ...(destroyedOn === undefined ? {} : { destroyedOn }),
});
const codes = (c: Parameters<typeof auditCase>[0]) => auditCase(c, AS_OF).map((f) => f.code);

type RetentionRule = { name: string; [k: string]: unknown };
/**
 * Runs `use` on a copy of the bundled rules folder (removed afterwards). `retention(edit)` rewrites the copy's
 * retention rules and loads the folder again.
 */
function withRulesCopy(
  use: (dir: string, retention: (edit: (rules: RetentionRule[]) => RetentionRule[]) => void) => void,
) {
  const dir = mkdtempSync(join(tmpdir(), 'upsu-rules-'));
  try {
    cpSync(new URL('../rules/', import.meta.url).pathname, dir, { recursive: true });
    const file = join(dir, '3-access/retention.rules.json');
    use(dir, (edit) => writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8'))))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('audit: retention (3.3)', () => {
  it.each([
    ['never destroyed', undefined, ['not-destroyed']],
    ['destroyedOn null', null, ['not-destroyed']],
    ['destroyed after the audit date: still held on it', '2026-10-01', ['not-destroyed']],
    ['destroyed early', '2025-01-10', ['destroyed-early']],
    ['destroyed on its destroyAfter, the last day it is kept', '2025-06-20', ['destroyed-early']],
    ['destroyed the day after its destroyAfter', '2025-06-21', []],
    ['destroyed two days after its destroyAfter', '2025-06-22', ['destroyed-late']],
    ['destroyed years late', '2026-08-31', ['destroyed-late']],
    ['destroyed on the audit date, late', AS_OF, ['destroyed-late']],
  ] as const)('%s → %j', (_, destroyedOn, expected) => {
    expect(codes(completed(destroyedOn))).toEqual(expected);
  });

  it('a late destruction names the day of destruction, and not the day it became due (the completion date a year on)', () => {
    const [f] = auditCase(completed('2025-07-01'), AS_OF);
    expect(f).toEqual({
      caseId: 'C-1',
      code: 'destroyed-late',
      clause: '3.3',
      message: 'The record was destroyed on 2025-07-01, later than the policy allows.',
    });
  });

  it('no retention finding names a date derived from the client (the completion date, or destroyAfter)', () => {
    const seen = new Set<string>();
    for (const degreeCompletedOn of ['2021-03-04', '2024-06-20', '2025-08-31', '2026-01-10'])
      for (const destroyedOn of [undefined, '2020-01-01', '2025-06-21', '2025-09-02', '2026-08-30', '2027-02-01']) {
        const c = {
          id: 'C-5',
          client: { degreeStatus: 'completed' as const, degreeCompletedOn, consentToRecord: true },
          destroyedOn,
        };
        const year = Number(degreeCompletedOn.slice(0, 4));
        const after = `${year + 1}${degreeCompletedOn.slice(4)}`;
        for (const f of auditCase(c, AS_OF)) {
          seen.add(f.code);
          expect(f.message, `${degreeCompletedOn} ${destroyedOn}`).not.toContain(degreeCompletedOn);
          expect(f.message, `${degreeCompletedOn} ${destroyedOn}`).not.toContain(after);
        }
      }
    const studying = { id: 'C-6', client: { degreeStatus: 'studying' as const, consentToRecord: true } };
    for (const f of auditCase({ ...studying, destroyedOn: '2020-01-01' }, AS_OF)) {
      seen.add(f.code);
      expect(f.message).not.toMatch(/studying|studies/);
    }
    expect([...seen].sort()).toEqual(['destroyed-early', 'destroyed-late', 'not-destroyed']);
  });

  it('a record destroyed while the policy keeps it is destroyed-early; one whose period it does not set, no finding', () => {
    const studying = { id: 'C-2', client: { degreeStatus: 'studying' as const, consentToRecord: true } };
    expect(auditCase({ ...studying, destroyedOn: '2020-01-01' }, AS_OF)).toEqual([
      {
        caseId: 'C-2',
        code: 'destroyed-early',
        clause: '3.3',
        message: 'The record was destroyed on 2020-01-01, while the policy still keeps it.',
      },
    ]);
    const recent = { ...completed('2026-08-01'), client: { ...completed().client, degreeCompletedOn: '2026-01-10' } };
    expect(auditCase(recent, AS_OF).map((f) => f.message)).toEqual([
      'The record was destroyed on 2026-08-01, while the policy still keeps it.',
    ]);
    // Destroyed after the audit date: not yet destroyed as of it, and still kept: nothing to find.
    expect(codes({ ...studying, destroyedOn: '2027-01-01' })).toEqual([]);
    const withdrawn = { id: 'C-3', client: { degreeStatus: 'withdrawn' as const, consentToRecord: true } };
    expect(codes(withdrawn)).toEqual([]);
    expect(codes({ ...withdrawn, destroyedOn: '2026-01-01' })).toEqual([]);
  });
});

describe('audit: destructionWithinDays (a policy setting; default 1, the day after destroyAfter)', () => {
  // Completed 2024-06-20: destroyAfter 2025-06-20. With 30 days, on time by the end of 2025-07-20.
  const monthly = createPolicy(bundledRules, { settings: { destructionWithinDays: 30 } });
  const at = (asOf: string, destroyedOn?: string) =>
    auditCase(completed(destroyedOn), asOf, monthly).map((f) => f.code);
  it.each([
    ['destroyed on the last day of the window', '2026-09-01', '2025-07-20', []],
    ['destroyed the day after the window', '2026-09-01', '2025-07-21', ['destroyed-late']],
    ['destroyed on its destroyAfter: still early', '2026-09-01', '2025-06-20', ['destroyed-early']],
    ['still held within the window: not yet a finding', '2025-07-19', undefined, []],
    ['still held on the last day of the window', '2025-07-20', undefined, ['not-destroyed']],
    ['still held after it', '2026-09-01', undefined, ['not-destroyed']],
  ] as const)('%s (as of %s, destroyed %s) → %j', (_, asOf, destroyedOn, expected) => {
    expect(at(asOf, destroyedOn)).toEqual(expected);
  });

  it('by default a record still held on the day after destroyAfter is a finding, as before the setting', () => {
    expect(bundled.settings.destructionWithinDays).toBe(1);
    expect(auditCase(completed(), '2025-06-21').map((f) => f.code)).toEqual(['not-destroyed']);
    expect(auditCase(completed(), '2025-06-20').map((f) => f.code)).toEqual([]);
  });

  it('is checked as policy.json settings are: whole days from 1 to 366', () => {
    for (const bad of [0, -1, 1.5, 367, Number.NaN, '30', null, undefined])
      expect(
        () => createPolicy(bundledRules, { settings: { destructionWithinDays: bad as number } }),
        String(bad),
      ).toThrow(RuleLoadError);
    expect(
      createPolicy(bundledRules, { settings: { destructionWithinDays: 366 } }).settings.destructionWithinDays,
    ).toBe(366);
  });

  it('given as undefined in a bundle built in code, is refused too (it would stand in for the default)', () => {
    const settings = { smallCountThreshold: 5, destructionWithinDays: undefined };
    expect(() => createPolicy({ ...bundledRules, policy: { ...bundledRules.policy, settings } } as never)).toThrow(
      RuleLoadError,
    );
  });

  it('is part of the rules hash', () => {
    expect(monthly.ref.rulesHash).not.toBe(bundled.ref.rulesHash);
  });
});

describe('audit: retention the export does not let be checked (3.3, fail closed)', () => {
  it('a completed degree with no completion date, or an unknown status, is retention-not-checkable, destroyed or not', () => {
    const noDate = { id: 'C-4', client: { degreeStatus: 'completed' as const, consentToRecord: true } };
    expect(auditCase(noDate, AS_OF)).toEqual([
      {
        caseId: 'C-4',
        code: 'retention-not-checkable',
        clause: '3.3',
        message:
          'The degree is completed but the export gives no completion date, so whether the record is due for destruction cannot be checked.',
      },
    ]);
    expect(codes({ ...noDate, client: { ...noDate.client, degreeCompletedOn: null } })).toEqual([
      'retention-not-checkable',
    ]);
    expect(auditCase({ ...noDate, destroyedOn: '2020-01-01' }, AS_OF)).toEqual([
      expect.objectContaining({
        code: 'retention-not-checkable',
        message:
          'The record was destroyed on 2020-01-01; the degree is completed but the export gives no completion date, so whether that was on time cannot be checked.',
      }),
    ]);
    const unknown = { id: 'C-6', client: { degreeStatus: 'unknown' as const, consentToRecord: true } };
    expect(codes(unknown)).toEqual(['retention-not-checkable']);
    expect(codes({ ...unknown, destroyedOn: '2026-01-01' })).toEqual(['retention-not-checkable']);
  });

  it('a withdrawn client, for whom the policy sets no period, is no finding', () => {
    const withdrawn = { id: 'C-5', client: { degreeStatus: 'withdrawn' as const, consentToRecord: true } };
    expect(codes(withdrawn)).toEqual([]);
    expect(codes({ ...withdrawn, destroyedOn: '2026-01-01' })).toEqual([]);
  });
});

describe('audit: an adapted folder with a gap in its retention rules', () => {
  it('a record no rule covers (the cautious review) is retention-not-checkable, not a clean pass', () => {
    withRulesCopy((dir, retention) => {
      retention((rules) => rules.filter((r) => r.name !== 'year-after-completion-passed'));
      const policy = loadPolicy(dir);
      const c = {
        id: 'C-10',
        client: { degreeStatus: 'completed' as const, degreeCompletedOn: '2020-01-01', consentToRecord: true },
      };
      expect(auditCase(c, AS_OF, policy)).toEqual([
        expect.objectContaining({
          code: 'retention-not-checkable',
          message:
            'No rule of the policy covers its retention, so whether the record is due for destruction cannot be checked.',
        }),
      ]);
      expect(auditCase({ ...c, destroyedOn: '2021-06-01' }, AS_OF, policy).map((f) => f.code)).toEqual([
        'retention-not-checkable',
      ]);
      // A review rule of the folder's own for anything but a withdrawn client: not checkable either.
      retention((rules) => [
        ...rules,
        {
          name: 'studying-review',
          priority: 200,
          conditions: { all: [{ fact: 'degreeStatus', operator: 'equal', value: 'studying' }] },
          event: { type: 'review', params: { clauses: ['3.3'], text: 'Studying: review (an adapted policy).' } },
        },
      ]);
      const studying = { id: 'C-11', client: { degreeStatus: 'studying' as const, consentToRecord: true } };
      expect(auditCase(studying, AS_OF, loadPolicy(dir))).toEqual([
        expect.objectContaining({
          code: 'retention-not-checkable',
          message:
            'The policy says to review this record, so whether the record is due for destruction cannot be checked.',
        }),
      ]);
    });
  });
});

describe('audit: an adapted folder that says destroy before its destroyAfter has passed', () => {
  it('is due since a day the audit cannot tell: held is not-destroyed, destroyed is destroyed-late, in any window', () => {
    withRulesCopy((dir, retention) => {
      retention((rules) => [
        ...rules,
        {
          name: 'completed-destroy-at-once',
          priority: 200,
          conditions: { all: [{ fact: 'degreeStatus', operator: 'equal', value: 'completed' }] },
          event: {
            type: 'destroy',
            params: {
              clauses: ['3.3'],
              text: 'Completed: destroy at once (an adapted policy).',
              set: { destroyAfter: { fact: 'degreeCompletedOn' } },
            },
          },
        },
      ]);
      for (const policy of [loadPolicy(dir), loadPolicy(dir, { settings: { destructionWithinDays: 30 } })])
        for (const degreeCompletedOn of ['2026-09-01', '2026-12-01']) {
          const c = {
            id: 'C-8',
            client: { degreeStatus: 'completed' as const, degreeCompletedOn, consentToRecord: true },
          };
          expect(auditCase(c, AS_OF, policy), degreeCompletedOn).toEqual([
            expect.objectContaining({
              code: 'not-destroyed',
              message:
                'The policy says to destroy the record, and its rules give no destroyAfter already past, so the day it became due is unknown, and it has not been destroyed.',
            }),
          ]);
          expect(auditCase({ ...c, destroyedOn: AS_OF }, AS_OF, policy), degreeCompletedOn).toEqual([
            expect.objectContaining({
              code: 'destroyed-late',
              message: `The policy says to destroy the record, and its rules give no destroyAfter already past, so the day it became due is unknown: it was destroyed on ${AS_OF}, which cannot be checked as on time.`,
            }),
          ]);
        }
    });
  });
});

describe('audit: a destroy decision without its date (an adapted rules folder)', () => {
  it('is still due: not destroyed is a finding, and any destruction counts as late (fail closed)', () => {
    withRulesCopy((dir, retention) => {
      retention((rules) => [
        ...rules,
        {
          name: 'withdrawn-destroy-at-once',
          priority: 200,
          conditions: { all: [{ fact: 'degreeStatus', operator: 'equal', value: 'withdrawn' }] },
          event: {
            type: 'destroy',
            params: { clauses: ['3.3'], text: 'Withdrawn: destroy at once (an adapted policy).' },
          },
        },
      ]);
      const policy = loadPolicy(dir);
      const withdrawn = { id: 'C-9', client: { degreeStatus: 'withdrawn' as const, consentToRecord: true } };
      expect(auditCase(withdrawn, AS_OF, policy)).toEqual([
        expect.objectContaining({
          code: 'not-destroyed',
          message:
            'The policy says to destroy the record, and its rules give no destroyAfter already past, so the day it became due is unknown, and it has not been destroyed.',
        }),
      ]);
      expect(auditCase({ ...withdrawn, destroyedOn: '2026-01-01' }, AS_OF, policy).map((f) => f.code)).toEqual([
        'destroyed-late',
      ]);
    });
  });
});

describe('audit: clauses come from the policy', () => {
  it("an adapted folder's own clause numbers are the findings' clauses", () => {
    withRulesCopy((dir) => {
      // Renumber 3.3 (retention) and 1.1 (consent to record) everywhere.
      const walk = (d: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          const p = join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (e.name.endsWith('.json'))
            writeFileSync(p, readFileSync(p, 'utf8').replaceAll('"3.3"', '"R-3"').replaceAll('"1.1"', '"R-1"'));
        }
      };
      walk(dir);
      const policy = loadPolicy(dir);
      const c = completed();
      const noConsent = { ...c, client: { ...c.client, consentToRecord: undefined } };
      expect(auditCase(noConsent, AS_OF, policy).map((f) => [f.code, f.clause])).toEqual([
        ['not-destroyed', 'R-3'],
        ['consent-to-record-not-recorded', 'R-1'],
      ]);
    });
  });
});

describe('retentionYears and reviewIntervalYears (policy settings; default 1: 3.3 "kept for 1 year", 6.4 "annually")', () => {
  // Another service's policy keeps records for six years after the degree and reviews every two years.
  const six = createPolicy(bundledRules, { settings: { retentionYears: 6, reviewIntervalYears: 2 } });
  const retention = (policy: typeof six, asOf: string, degreeCompletedOn = '2024-02-29') =>
    policy.evaluate({ question: 'retention', asOf, client: { degreeStatus: 'completed', degreeCompletedOn } });

  it('destroyAfter is the completion date plus retentionYears calendar years, on both engines', async () => {
    for (const [policy, asOf, outcome, destroyAfter] of [
      [bundled, '2025-02-28', 'retain', '2025-02-28'],
      [bundled, '2025-03-01', 'destroy', '2025-02-28'],
      [six, '2025-03-01', 'retain', '2030-02-28'],
      [six, '2030-02-28', 'retain', '2030-02-28'],
      [six, '2030-03-01', 'destroy', '2030-02-28'],
    ] as const) {
      const compiled = retention(policy, asOf);
      expect([compiled.outcome, compiled.destroyAfter], `${asOf}`).toEqual([outcome, destroyAfter]);
      const engine = await policy.evaluateWithEngine({
        question: 'retention',
        asOf,
        client: { degreeStatus: 'completed', degreeCompletedOn: '2024-02-29' },
      });
      expect(engine).toEqual(compiled);
    }
    // Four years after 29 February is a 29 February again.
    expect(
      createPolicy(bundledRules, { settings: { retentionYears: 4 } }).evaluate({
        question: 'retention',
        asOf: '2026-01-01',
        client: { degreeStatus: 'completed', degreeCompletedOn: '2024-02-29' },
      }).destroyAfter,
    ).toBe('2028-02-29');
  });

  it('the audit reads the period: a record the bundled policy says to destroy is kept, and its destruction early', () => {
    expect(codes(completed())).toEqual(['not-destroyed']);
    expect(auditCase(completed(), AS_OF, six).map((f) => f.code)).toEqual([]);
    // Destroyed 2025-06-21, on time under the bundled policy: five years early under six years.
    expect(codes(completed('2025-06-21'))).toEqual([]);
    expect(auditCase(completed('2025-06-21'), AS_OF, six).map((f) => f.code)).toEqual(['destroyed-early']);
    expect(auditCase(completed('2030-06-21'), '2031-01-01', six).map((f) => f.code)).toEqual([]);
    expect(auditCase(completed(), '2030-06-21', six).map((f) => f.code)).toEqual(['not-destroyed']);
  });

  it('a policy review is overdue reviewIntervalYears calendar years after the last one', () => {
    const review = (policy: typeof six, asOf: string) =>
      policy.evaluate({
        question: 'policy-review',
        lastReviewedOn: '2025-01-15',
        agreedBy: ['advice-lead', 'advice-manager', 'senior-management'],
        asOf,
      }).outcome;
    expect([review(bundled, '2026-01-15'), review(bundled, '2026-01-16')]).toEqual(['current', 'overdue']);
    expect([review(six, '2026-01-16'), review(six, '2027-01-15'), review(six, '2027-01-16')]).toEqual([
      'current',
      'current',
      'overdue',
    ]);
  });

  it('are checked as policy.json settings are, and are part of the rules hash', () => {
    for (const [key, max] of [
      ['retentionYears', 100],
      ['reviewIntervalYears', 10],
    ] as const) {
      for (const bad of [0, -1, 1.5, max + 1, Number.NaN, '6', null, undefined])
        expect(
          () => createPolicy(bundledRules, { settings: { [key]: bad as number } }),
          `${key} ${String(bad)}`,
        ).toThrow(RuleLoadError);
      expect(createPolicy(bundledRules, { settings: { [key]: max } }).settings[key]).toBe(max);
    }
    expect(bundled.settings.retentionYears).toBe(1);
    expect(bundled.settings.reviewIntervalYears).toBe(1);
    expect(six.ref.rulesHash).not.toBe(bundled.ref.rulesHash);
  });
});

describe('audit: the retention answers it remembers', () => {
  it('are the policy’s own past the memo’s limit (forgotten, then asked again), for every degree status', () => {
    const audit = createCaseAuditor(bundled, AS_OF);
    const statuses = ['completed', 'withdrawn', 'studying', 'unknown'] as const;
    const day0 = Date.UTC(1990, 0, 1);
    // More distinct (status, completion date) pairs than the memo holds, asked twice round: the second round
    // meets answers forgotten and answers remembered.
    const cases = Array.from({ length: 21_000 }, (_, i) => {
      const degreeCompletedOn = new Date(day0 + (i >> 2) * 86_400_000).toISOString().slice(0, 10);
      const status = statuses[i % 4] as (typeof statuses)[number];
      return {
        id: `C-${i}`,
        client: { degreeStatus: status, degreeCompletedOn, consentToRecord: true },
        ...(i % 3 === 0 ? { destroyedOn: '2026-01-05' } : {}),
      };
    });
    for (let round = 0; round < 2; round++)
      for (let i = round; i < cases.length; i += 97) {
        const c = cases[i] as (typeof cases)[number];
        expect(audit(c), c.id).toEqual(createCaseAuditor(bundled, AS_OF)(c));
      }
    for (const c of cases) audit(c);
    for (let i = 0; i < cases.length; i += 89) {
      const c = cases[i] as (typeof cases)[number];
      expect(audit(c), c.id).toEqual(auditCase(c, AS_OF));
    }
  });
});
