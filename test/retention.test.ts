import { afterEach, describe, expect, it, vi } from 'vitest';
import { oneMonthAfter, today, yearsAfter } from '../src/derive/dates.js';
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

  it('yearsAfter(…, 1): the same day a year later; 29 February to 28 February', () => {
    expect(yearsAfter('2024-06-20', 1)).toBe('2025-06-20');
    expect(yearsAfter('2023-12-31', 1)).toBe('2024-12-31');
    expect(yearsAfter('2024-02-29', 1)).toBe('2025-02-28');
    expect(yearsAfter('2028-02-29', 1)).toBe('2029-02-28');
    expect(yearsAfter('2099-02-28', 1)).toBe('2100-02-28');
    expect(yearsAfter('2023-03-01', 1)).toBe('2024-03-01');
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

describe('the ends of the calendar', () => {
  it('years 0001–0099 are those years, not 1900–1999', async () => {
    expect(yearsAfter('0025-01-01', 1)).toBe('0026-01-01');
    expect(oneMonthAfter('0050-01-31')).toBe('0050-02-28');
    const d = await decide({ degreeStatus: 'completed', degreeCompletedOn: '0025-01-01' }, '0027-01-01');
    expect([d.outcome, d.destroyAfter]).toEqual(['destroy', '0026-01-01']);
  });

  it('a date past 9999-12-31 is given as 9999-12-31, so a record completed in 9999 is kept', async () => {
    expect(yearsAfter('9999-06-20', 1)).toBe('9999-12-31');
    expect(oneMonthAfter('9999-12-15')).toBe('9999-12-31');
    const d = await decide({ degreeStatus: 'completed', degreeCompletedOn: '9999-12-31' }, '9999-12-31');
    expect([d.outcome, d.destroyAfter]).toEqual(['retain', '9999-12-31']);
  });
});

describe('today, when asOf is absent', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    vi.useRealTimers();
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it.each([
    // 23:30 UTC in summer is already tomorrow in the UK (BST); in winter it is still today (GMT).
    ['2026-07-01T23:30:00Z', 'America/Los_Angeles', '2026-07-02'],
    ['2026-07-01T23:30:00Z', 'Pacific/Kiritimati', '2026-07-02'],
    ['2026-12-01T23:30:00Z', 'Pacific/Kiritimati', '2026-12-01'],
    ['2026-12-02T01:00:00Z', 'America/Los_Angeles', '2026-12-02'],
  ])('at %s on a machine set to %s it is %s, the date in the UK', (instant, zone, date) => {
    process.env.TZ = zone;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(instant));
    expect(today()).toBe(date);
  });

  it("decides retention on the UK date whatever the machine's time zone", async () => {
    process.env.TZ = 'America/Los_Angeles';
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T01:00:00Z'));
    // Completed 2025-12-01: destroyAfter 2026-12-01, and in the UK it is already 2026-12-02.
    const d = evaluate(ask({ degreeStatus: 'completed', degreeCompletedOn: '2025-12-01' }));
    expect([d.outcome, d.destroyAfter]).toEqual(['destroy', '2026-12-01']);
  });
});

describe('the calendar arithmetic does not depend on the machine time zone', () => {
  it('in a zone that skipped a day (Pacific/Apia skipped 2011-12-30) the periods still end on the right day', async () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Apia';
    try {
      // The zone is in force: that day has no local midday.
      expect(new Date(2011, 11, 30, 12).getDate()).toBe(31);
      expect(yearsAfter('2010-12-30', 1)).toBe('2011-12-30');
      expect(oneMonthAfter('2011-11-30')).toBe('2011-12-30');
      const d = await decide({ degreeStatus: 'completed', degreeCompletedOn: '2010-12-30' }, '2011-12-31');
      expect([d.outcome, d.destroyAfter]).toEqual(['destroy', '2011-12-30']);
      const review = evaluate({
        question: 'policy-review',
        asOf: '2011-12-31',
        lastReviewedOn: '2010-12-30',
        agreedBy: ['advice-lead', 'advice-manager', 'senior-management'],
      });
      expect(review.outcome).toBe('overdue');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
