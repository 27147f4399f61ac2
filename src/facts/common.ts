import { z } from 'zod';
import { isCalendarDate } from '../derive/dates.js';
import { ROLES } from './constants.js';

/** `YYYY-MM-DD`: a real calendar date, no time zone (2025-02-30 is rejected). */
export const isoDate = z
  .string()
  .refine(isCalendarDate, { params: { code: 'invalid-date' }, abort: true })
  .meta({ format: 'date', description: 'A calendar date written YYYY-MM-DD (no time zone).' });

export const role = z.enum(ROLES);

/** A person or body taking part in a question. */
export const party = z.strictObject({
  /** Their role ({@link ROLES}); `third-party` for anyone else: parents, landlords, police, employers… */
  role,
  /** Who they are, for people reading the decision (a membership body's `name` says which). Never decides anything. */
  name: z.string().max(200).optional(),
  /** `upsu-staff` involved in the client's case (2.2). */
  involvedInCase: z.boolean().optional(),
  /** A `quality-auditor` appointed by UPSU (3.1). */
  appointedByUpsu: z.boolean().optional(),
});

/**
 * A party: `{ role, name?, involvedInCase?, appointedByUpsu? }`.
 *
 * @example
 * import type { Party } from 'upsu-confidentiality-policy';
 * const auditor: Party = { role: 'quality-auditor', appointedByUpsu: true };
 * @see 3.1
 * @useDeclaredType
 */
export type Party = z.infer<typeof party>;

/** Fields every question may carry. */
export const base = {
  /** The date the question is asked on; today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf: isoDate.optional(),
};
