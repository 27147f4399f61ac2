import { z } from 'zod';
import { isCalendarDate } from '../derive/dates.js';
import { ROLES } from './constants.js';

// The fields are documented on the public types in question-types.ts (Party, and every question's `asOf`), which
// are checked equal to these schemas.

/** `YYYY-MM-DD`: a real calendar date, no time zone (2025-02-30 is rejected). */
export const isoDate = z
  .string()
  .refine(isCalendarDate, { params: { code: 'invalid-date' }, abort: true })
  .meta({ format: 'date', description: 'A calendar date written YYYY-MM-DD (no time zone).' });

export const role = z.enum(ROLES);

/** A person or body taking part in a question. */
export const party = z.strictObject({
  role,
  name: z.string().max(200).optional(),
  involvedInCase: z.boolean().optional(),
  appointedByUpsu: z.boolean().optional(),
});

/** Fields every question may carry. */
export const base = {
  asOf: isoDate.optional(),
};
