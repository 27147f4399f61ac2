import { z } from 'zod';
import { base, isoDate, party, role } from './common.js';
import { BREACH_GROUNDS, CONSENT_METHODS, INFORMATION_KINDS, PURPOSES } from './constants.js';

// The fields are documented on the public type in question-types.ts (DisclosureQuestion), which is checked equal to
// these schemas.

export const information = z.strictObject({
  kind: z.enum(INFORMATION_KINDS),
  identifiable: z.boolean(),
});

export const consent = z.strictObject({
  given: z.boolean(),
  method: z.enum(CONSENT_METHODS).optional(),
  recorded: z.boolean().optional(),
});

export const authorisation = z.strictObject({
  decidedBy: role,
  agreed: z.boolean(),
  writtenRecord: z.boolean().optional(),
});

export const breachClaim = z.strictObject({
  ground: z.enum(BREACH_GROUNDS),
  authorisation: authorisation.optional(),
});

/** The fields of a disclosure, shared by the question and by a disclosure recorded in a case export. */
export const disclosureFields = {
  actor: party,
  recipient: party,
  information,
  purpose: z.enum(PURPOSES).optional(),
  consent: consent.optional(),
  clientObjectsToStaffSharing: z.boolean().optional(),
  breach: breachClaim.optional(),
};

/** `disclosure`: may this information go to this recipient? → `permit` | `deny` | `escalate`. */
export const disclosureQuestion = z.strictObject({
  question: z.literal('disclosure'),
  ...base,
  ...disclosureFields,
});

/**
 * The fields of a disclosure recorded in a case export (the question's fields, and when it was made).
 *
 * @example
 * z.object(recordedDisclosureFields).parse({ on: '2026-03-01', actor: { role: 'adviser' }, … });
 */
export const recordedDisclosureFields = { on: isoDate.optional(), ...disclosureFields };
