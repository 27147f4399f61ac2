import { z } from 'zod';
import { base, isoDate, role } from './common.js';
import { BREACH_GROUNDS, MAX_STEPS } from './constants.js';

// The fields are documented on the public type in question-types.ts (BreachQuestion), which is checked equal to
// these schemas.

const on = isoDate.optional();

/** One step of a breach-of-confidentiality chain (5.4–5.5), in the order it happened. */
export const breachStep = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('raised'), with: role, on }),
  z.strictObject({ step: z.literal('discussed'), recordedInCaseNotes: z.boolean(), on }),
  z.strictObject({
    step: z.literal('decided'),
    by: role,
    agreed: z.boolean(),
    writtenRecord: z.boolean().optional(),
    on,
  }),
  z.strictObject({ step: z.literal('recorded'), on }),
  z.strictObject({ step: z.literal('disclosed'), on }),
]);

export const breachFields = {
  raisedBy: role,
  ground: z.enum(BREACH_GROUNDS),
  steps: z.array(breachStep).max(MAX_STEPS),
};

/** `breach`: where does this breach-of-confidentiality case stand? (5.1–5.5) */
export const breachQuestion = z.strictObject({ question: z.literal('breach'), ...base, ...breachFields });
