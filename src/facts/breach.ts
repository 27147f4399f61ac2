import { z } from 'zod';
import { base, isoDate, role } from './common.js';
import { BREACH_GROUNDS, MAX_STEPS } from './constants.js';

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
  /** Who raised the breach (5.1: an `adviser` or the `advice-lead`); it is raised with their line manager (5.4.1). */
  raisedBy: role,
  /** `harm` (5.3.1), `conflict-of-interest` (5.3.2), `legal-duty` (5.3.3) or `other`. */
  ground: z.enum(BREACH_GROUNDS),
  /**
   * The steps so far, in the order they happened: `raised` (`with` whom), `discussed` (`recordedInCaseNotes`),
   * `decided` (`by`, `agreed`, `writtenRecord`), `recorded` (the decision put in writing), `disclosed`; each may
   * carry its date, `on`.
   */
  steps: z.array(breachStep).max(MAX_STEPS),
};

/** `breach`: where does this breach-of-confidentiality case stand? (5.1–5.5) */
export const breachQuestion = z.strictObject({ question: z.literal('breach'), ...base, ...breachFields });
