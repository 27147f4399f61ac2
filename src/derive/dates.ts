// UTCDateMini: a Date whose local getters and setters are the UTC ones, so date-fns (which builds its results
// with the date's own constructor) counts in UTC.
import { UTCDateMini } from '@date-fns/utc/date/mini';
// Per-function entry points: importing the date-fns barrel would load ~250 modules at start-up.
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addYears } from 'date-fns/addYears';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whether a value is a real calendar date written `YYYY-MM-DD` (years 0001–9999).
 *
 * @example
 * isCalendarDate('2024-02-29'); // true
 * isCalendarDate('2025-02-29'); // false
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const max = mo === 2 && isLeapYear(y) ? 29 : (DAYS[mo - 1] as number);
  return d <= max;
}

function toDate(iso: string): Date {
  // Calendar arithmetic in UTC, which has every day. Local time has not: in a zone that skipped a day
  // (Pacific/Apia skipped 2011-12-30) that date has no local hour, became the next day, and a year after
  // 2010-12-30 was 2011-12-31. The year is set with setFullYear (UTC here): the constructor reads 0–99 as 19xx.
  const date = new UTCDateMini(2000, 0, 1);
  date.setFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return date;
}

/** The last date a `YYYY-MM-DD` string can hold: a date computed past it is given as it. */
const LAST_DATE = '9999-12-31';

function toIso(date: Date): string {
  if (date.getFullYear() > 9999) return LAST_DATE;
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const yearCaches = new Map<number, Map<string, string>>();

/**
 * `years` calendar years after a date (date-fns `addYears`, in UTC). 29 February moves to 28 February in a year that
 * has no 29 February: the record is kept for the whole of the period the policy gives and not a day more.
 *
 * @example
 * yearsAfter('2024-06-20', 1); // '2025-06-20'
 * yearsAfter('2024-02-29', 1); // '2025-02-28'
 * yearsAfter('2024-02-29', 4); // '2028-02-29'
 * yearsAfter('9999-06-20', 1); // '9999-12-31': the last date there is (kept to the end)
 * @see 3.3
 */
export function yearsAfter(iso: string, years: number): string {
  let cache = yearCaches.get(years);
  if (cache === undefined) {
    if (yearCaches.size > 16) yearCaches.clear();
    cache = new Map();
    yearCaches.set(years, cache);
  }
  let out = cache.get(iso);
  if (out === undefined) {
    out = toIso(addYears(toDate(iso), years));
    if (cache.size > 50_000) cache.clear();
    cache.set(iso, out);
  }
  return out;
}

/**
 * One calendar month after a date (date-fns `addMonths`, in UTC; 31 January → 28/29 February), the UK GDPR deadline
 * for answering a subject access request.
 *
 * @example
 * oneMonthAfter('2026-01-31'); // '2026-02-28'
 */
export function oneMonthAfter(iso: string): string {
  return toIso(addMonths(toDate(iso), 1));
}

/**
 * The calendar day `days` days after a date (date-fns `addDays`, in UTC). Past 9999-12-31 it is that date, so a deadline
 * past it comes forward: the audit may then report a record as due early, never late.
 *
 * @example
 * daysAfter('2024-02-28', 1); // '2024-02-29'
 * daysAfter('2025-12-31', 1); // '2026-01-01'
 * daysAfter('2025-06-20', 30); // '2025-07-20'
 */
export function daysAfter(iso: string, days: number): string {
  return toIso(addDays(toDate(iso), days));
}

/** Gives an instant's calendar date in the UK, where the policy applies. */
let ukDate: Intl.DateTimeFormat | undefined;
let todayCache: { minute: number; date: string } | undefined;

/**
 * Today's calendar date in the UK (Europe/London), `YYYY-MM-DD`: the date the policy's periods run on,
 * whatever time zone the machine asking is set to (a server on UTC-8 would otherwise see yesterday until 8 am).
 * Where the runtime has no time-zone data, the date in UTC (at most an hour off the UK's).
 *
 * @example
 * today(); // e.g. '2026-11-24'
 */
export function today(): string {
  const now = Date.now();
  const minute = Math.floor(now / 60_000);
  if (todayCache?.minute !== minute) todayCache = { minute, date: ukDateOf(now) };
  return todayCache.date;
}

function ukDateOf(now: number): string {
  try {
    ukDate ??= new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    // The parts, not the formatted string: how a locale lays a date out differs between ICU versions.
    let y = '';
    let m = '';
    let d = '';
    for (const p of ukDate.formatToParts(now))
      if (p.type === 'year') y = p.value;
      else if (p.type === 'month') m = p.value;
      else if (p.type === 'day') d = p.value;
    const date = `${y.padStart(4, '0')}-${m}-${d}`;
    if (isCalendarDate(date)) return date;
  } catch {
    // No time-zone data: below.
  }
  return new Date(now).toISOString().slice(0, 10);
}
