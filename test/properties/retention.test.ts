// Retention (3.3): records are kept for one calendar year after the degree is completed, then destroyed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { isoDate, isoOf, params, timeout } from '../support/arbitraries.js';

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** One calendar year after `iso`, from the calendar itself: same day and month; 29 February → 28 February. */
function oneYearLater(iso: string): string {
  const y = Number(iso.slice(0, 4)) + 1;
  const md = iso.slice(5);
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap(y) ? '02-28' : md}`;
}

const nextDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return isoOf(d);
};

const ask = (completed: string, asOf: string) =>
  evaluate({ question: 'retention', asOf, client: { degreeStatus: 'completed', degreeCompletedOn: completed } });

describe('retention (3.3)', () => {
  it(
    'destroyAfter is one calendar year after completion; retain on or before it, destroy after it',
    () => {
      fc.assert(
        fc.property(isoDate(1990, 2100), isoDate(1990, 2102), (completed, asOf) => {
          const d = ask(completed, asOf);
          const destroyAfter = oneYearLater(completed);
          expect(d.destroyAfter).toBe(destroyAfter);
          expect(d.outcome).toBe(asOf <= destroyAfter ? 'retain' : 'destroy');
          expect(d.clauses).toContain('3.3');
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );

  it('holds at the boundary for every completion date from 1990 to 2100', () => {
    let day = '1990-01-01';
    let n = 0;
    while (day <= '2100-12-31') {
      const destroyAfter = oneYearLater(day);
      const on = ask(day, destroyAfter);
      const after = ask(day, nextDay(destroyAfter));
      if (on.destroyAfter !== destroyAfter || on.outcome !== 'retain' || after.outcome !== 'destroy')
        expect({ day, on: [on.destroyAfter, on.outcome], after: after.outcome }).toEqual({
          day,
          on: [destroyAfter, 'retain'],
          after: 'destroy',
        });
      day = nextDay(day);
      n++;
    }
    expect(n).toBe((Date.UTC(2100, 11, 31) - Date.UTC(1990, 0, 1)) / 86_400_000 + 1);
  }, 120_000);

  it(
    'studying is retained; withdrawn, unknown, or completed without a date goes to review',
    () => {
      const status = fc.constantFrom('studying', 'withdrawn', 'unknown', 'completed');
      fc.assert(
        fc.property(status, isoDate(), fc.option(isoDate(), { nil: undefined }), (degreeStatus, asOf, completed) => {
          const client =
            degreeStatus === 'completed' ? { degreeStatus } : { degreeStatus, degreeCompletedOn: completed };
          const d = evaluate({ question: 'retention', asOf, client });
          expect(d.outcome).toBe(degreeStatus === 'studying' ? 'retain' : 'review');
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );
});
