// Per-function entry points: importing the date-fns barrel would load ~250 modules at start-up.
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
  // Calendar arithmetic in local time at midday, so no time-zone or DST shift can move the day.
  return new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)), 12);
}

function toIso(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const yearCache = new Map<string, string>();

/**
 * One calendar year after a date (date-fns `addYears`). 29 February moves to 28 February in a year that
 * has no 29 February: the record is kept for the whole of the year the policy gives and not a day more.
 *
 * @example
 * oneYearAfter('2024-06-20'); // '2025-06-20'
 * oneYearAfter('2024-02-29'); // '2025-02-28'
 * @see 3.3
 */
export function oneYearAfter(iso: string): string {
  let out = yearCache.get(iso);
  if (out === undefined) {
    out = toIso(addYears(toDate(iso), 1));
    if (yearCache.size > 50_000) yearCache.clear();
    yearCache.set(iso, out);
  }
  return out;
}

/**
 * One calendar month after a date (date-fns `addMonths`; 31 January → 28/29 February), the UK GDPR deadline
 * for answering a subject access request.
 *
 * @example
 * oneMonthAfter('2026-01-31'); // '2026-02-28'
 */
export function oneMonthAfter(iso: string): string {
  return toIso(addMonths(toDate(iso), 1));
}

/**
 * Today's calendar date on this machine, `YYYY-MM-DD` (local time: the date the adviser sees).
 *
 * @example
 * today(); // e.g. '2026-11-24'
 */
export function today(): string {
  return toIso(new Date());
}
