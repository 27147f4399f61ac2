import { z } from 'zod';
import { base, isoDate, party, role } from './common.js';
import { BREACH_GROUNDS, CONSENT_METHODS, INFORMATION_KINDS, PURPOSES } from './constants.js';

export const information = z.strictObject({
  /**
   * `case-record` (personal data, case details, case notes), `presence` (the client is or was in the Advice Centre
   * or an outreach facility), `service-use` (the client has used the service) or `statistics`.
   */
  kind: z.enum(INFORMATION_KINDS),
  /** `false` when no client can be identified from it. */
  identifiable: z.boolean(),
});

export const consent = z.strictObject({
  /** The client consented to this disclosure. */
  given: z.boolean(),
  /**
   * `consent-to-share` (the signed Consent to Share), `email` or `verbal`. Only the first two are consent under 2.1
   * (verbal consent adds the remedy `obtain-consent-to-share`).
   */
  method: z.enum(CONSENT_METHODS).optional(),
  /** The consent is recorded on the case record; one that is not still permits, with the obligation `record-consent` (2.1). */
  recorded: z.boolean().optional(),
});

export const authorisation = z.strictObject({
  /**
   * Who decided: it counts (5.5.2) when decided by the actor's line manager, the `advice-manager`, the
   * `chief-executive` or an `appointed-manager` (the bundled `breachDeciders` setting) — never by an `adviser` or by
   * the actor (5.5.4).
   */
  decidedBy: role,
  /** The breach was agreed (`false`: refused, 5.5.3). */
  agreed: z.boolean(),
  /** The decision is in writing (5.5.2): an agreement without one does not count. */
  writtenRecord: z.boolean().optional(),
});

export const breachClaim = z.strictObject({
  /** `harm` (5.3.1), `conflict-of-interest` (5.3.2), `legal-duty` (5.3.3) or `other`. */
  ground: z.enum(BREACH_GROUNDS),
  /** The decision on the breach; without one that counts, the disclosure is `escalate`d to the actor's line manager. */
  authorisation: authorisation.optional(),
});

/** The fields of a disclosure, shared by the question and by a disclosure recorded in a case export. */
export const disclosureFields = {
  /** Who would disclose. */
  actor: party,
  /** Who would receive it. */
  recipient: party,
  /** What would be disclosed. */
  information,
  /** `case-management`, `quality-assurance`, `statistics`, `third-party-action` or `other`. */
  purpose: z.enum(PURPOSES).optional(),
  /** The client's consent to share. */
  consent: consent.optional(),
  /** The client objects to sharing with UPSU staff involved in the case (2.2). */
  clientObjectsToStaffSharing: z.boolean().optional(),
  /** A breach of confidentiality (section 5) this disclosure would be. */
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
