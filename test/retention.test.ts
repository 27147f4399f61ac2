import { describe, expect, it } from 'vitest';
import { oneYearAfter } from '../src/derive/dates.js';
import { evaluate, evaluateWithEngine, retentionStatus } from '../src/index.js';

type Client = { degreeStatus: 'studying' | 'completed' | 'withdrawn' | 'unknown'; degreeCompletedOn?: string };
const ask = (client: Client, asOf?: string) => ({ question: 'retention', ...(asOf ? { asOf } : {}), client });

/** Decides on both engines and checks they agree. */
async function decide(client: Client, asOf?: string) {
  const d = evaluate(ask(client, asOf));
  expect(await evaluateWithEngine(ask(client, asOf))).toEqual(d);
  return d;
}

/** The next calendar day, worked out with UTC arithmetic (independently of the library's date-fns). */
function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

describe('3.3: kept for 1 year following the completion of the degree', () => {
  it('on the anniversary → retain, destroyAfter the anniversary', async () => {
    const d = await decide({ degreeStatus: 'completed', degreeCompletedOn: '2024-06-20' }, '2025-06-20');
    expect(d.outcome).toBe('retain');
    expect(d.destroyAfter).toBe('2025-06-20');
    expect(d.clauses).toContain('3.3');
    expect(d.obligations.map((o) => o.code)).not.toContain('destroy-all-copies');
  });

  it('the day after the anniversary → destroy, with destroyAfter and the obligation to destroy every copy', async () => {
    const d = await decide({ degreeStatus: 'completed', degreeCompletedOn: '2024-06-20' }, '2025-06-21');
    expect(d.outcome).toBe('destroy');
    expect(d.destroyAfter).toBe('2025-06-20');
    expect(d.obligations.map((o) => o.code)).toContain('destroy-all-copies');
  });

  it('the day of graduation and the months after → retain', async () => {
    for (const asOf of ['2024-06-20', '2024-12-31', '2025-06-19']) {
      const d = await decide({ degreeStatus: 'completed', degreeCompletedOn: '2024-06-20' }, asOf);
      expect([asOf, d.outcome, d.destroyAfter]).toEqual([asOf, 'retain', '2025-06-20']);
    }
  });

  it('years later → destroy', async () => {
    const d = await decide({ degreeStatus: 'completed', degreeCompletedOn: '2019-07-01' }, '2026-11-24');
    expect([d.outcome, d.destroyAfter]).toEqual(['destroy', '2020-07-01']);
  });

  it('completed 29 Feb 2024 → destroyAfter 2025-02-28', async () => {
    const client: Client = { degreeStatus: 'completed', degreeCompletedOn: '2024-02-29' };
    const onIt = await decide(client, '2025-02-28');
    expect([onIt.outcome, onIt.destroyAfter]).toEqual(['retain', '2025-02-28']);
    const after = await decide(client, '2025-03-01');
    expect([after.outcome, after.destroyAfter]).toEqual(['destroy', '2025-02-28']);
  });

  it('completed 29 Feb 2028 → destroyAfter 2029-02-28', async () => {
    const client: Client = { degreeStatus: 'completed', degreeCompletedOn: '2028-02-29' };
    expect((await decide(client, '2029-02-28')).outcome).toBe('retain');
    const d = await decide(client, '2029-03-01');
    expect([d.outcome, d.destroyAfter]).toEqual(['destroy', '2029-02-28']);
  });

  it('completed 28 Feb 2023 → destroyAfter 2024-02-28 (not the leap day after it)', async () => {
    const d = await decide({ degreeStatus: 'completed', degreeCompletedOn: '2023-02-28' }, '2024-02-29');
    expect([d.outcome, d.destroyAfter]).toEqual(['destroy', '2024-02-28']);
  });

  it('every completion date of a leap year and the year after: retain on destroyAfter, destroy the day after', () => {
    for (let day = new Date(Date.UTC(2024, 0, 1)); day.getUTCFullYear() < 2026; day.setUTCDate(day.getUTCDate() + 1)) {
      const completed = day.toISOString().slice(0, 10);
      const [y, md] = [Number(completed.slice(0, 4)), completed.slice(5)];
      const expected = `${y + 1}-${md === '02-29' ? '02-28' : md}`;
      const client: Client = { degreeStatus: 'completed', degreeCompletedOn: completed };
      const keep = evaluate(ask(client, expected));
      const drop = evaluate(ask(client, nextDay(expected)));
      expect([completed, keep.outcome, keep.destroyAfter]).toEqual([completed, 'retain', expected]);
      expect([completed, drop.outcome, drop.destroyAfter]).toEqual([completed, 'destroy', expected]);
    }
  });

  it('oneYearAfter: the same day a year later; 29 February to 28 February', () => {
    expect(oneYearAfter('2024-06-20')).toBe('2025-06-20');
    expect(oneYearAfter('2023-12-31')).toBe('2024-12-31');
    expect(oneYearAfter('2024-02-29')).toBe('2025-02-28');
    expect(oneYearAfter('2028-02-29')).toBe('2029-02-28');
    expect(oneYearAfter('2099-02-28')).toBe('2100-02-28');
    expect(oneYearAfter('2023-03-01')).toBe('2024-03-01');
  });
});

describe('clients the policy sets no date for', () => {
  it('studying → retain, with no destroyAfter', async () => {
    const d = await decide({ degreeStatus: 'studying' }, '2026-11-24');
    expect(d.outcome).toBe('retain');
    expect(d.destroyAfter).toBeUndefined();
    expect(d.clauses).toEqual(['3.3']);
  });

  it('studying, even with an old completion date on file (a second degree) → retain', async () => {
    const d = await decide({ degreeStatus: 'studying', degreeCompletedOn: '2015-06-30' }, '2026-11-24');
    expect(d.outcome).toBe('retain');
  });

  it('withdrawn → review: the policy sets no period', async () => {
    const d = await decide({ degreeStatus: 'withdrawn' }, '2026-11-24');
    expect(d.outcome).toBe('review');
    expect(d.destroyAfter).toBeUndefined();
    expect(d.remedies.map((r) => r.code)).toEqual(['set-retention-period']);
  });

  it('unknown → review, and find out the status', async () => {
    const d = await decide({ degreeStatus: 'unknown' }, '2026-11-24');
    expect(d.outcome).toBe('review');
    expect(d.remedies.map((r) => r.code)).toEqual(['confirm-degree-status']);
  });

  it('completed without a date → review, and record the date', async () => {
    const d = await decide({ degreeStatus: 'completed' }, '2026-11-24');
    expect(d.outcome).toBe('review');
    expect(d.destroyAfter).toBeUndefined();
    expect(d.remedies.map((r) => r.code)).toEqual(['record-degree-completion-date']);
    expect(d.clauses).toEqual(['3.3']);
  });
});

describe('asOf', () => {
  it('absent: today is used (a completion a century ago is past, one in 2999 is not)', async () => {
    expect((await decide({ degreeStatus: 'completed', degreeCompletedOn: '1925-06-30' })).outcome).toBe('destroy');
    const future = await decide({ degreeStatus: 'completed', degreeCompletedOn: '2999-06-30' });
    expect([future.outcome, future.destroyAfter]).toEqual(['retain', '3000-06-30']);
  });

  it('retentionStatus gives the same answer as the question', () => {
    const r = retentionStatus({ degreeStatus: 'completed', degreeCompletedOn: '2024-02-29' }, '2025-03-01');
    expect(r).toMatchObject({ outcome: 'destroy', destroyAfter: '2025-02-28' });
    expect(r.decision).toEqual(
      evaluate(ask({ degreeStatus: 'completed', degreeCompletedOn: '2024-02-29' }, '2025-03-01')),
    );
  });
});
