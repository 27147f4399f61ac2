import { z } from 'zod';
import { base, isoDate, party, role } from './common.js';
import { CHANNELS, DEGREE_STATUSES, PURPOSES, SITUATIONS } from './constants.js';

// The fields are documented on the public types in question-types.ts (AccessQuestion, ContactQuestion, …), which
// are checked equal to these schemas.

/** `access`: may this person open case records? → `permit` | `deny` (3.1, 3.2). */
export const accessQuestion = z.strictObject({
  question: z.literal('access'),
  ...base,
  actor: party,
  purpose: z.enum(PURPOSES).optional(),
  necessary: z.boolean().optional(),
});

/** `contact`: may the adviser contact the client this way? → `permit` | `deny` (2.3). */
export const contactQuestion = z.strictObject({
  question: z.literal('contact'),
  ...base,
  channel: z.enum(CHANNELS),
  situation: z.enum(SITUATIONS).optional(),
  clientPreferences: z
    .strictObject({
      unacceptable: z.array(z.enum(CHANNELS)).max(3).optional(),
      serviceMayBeNamed: z.boolean().optional(),
    })
    .optional(),
});

/** `recording`: may this be recorded on the case? → `permit` | `deny` (1.1–1.3). */
export const recordingQuestion = z.strictObject({
  question: z.literal('recording'),
  ...base,
  consentToRecord: z.boolean(),
  relevant: z.boolean(),
});

/** `statistics-release`: may this statistics table leave the service? → `permit` | `deny` (4.1–4.3). */
export const statisticsReleaseQuestion = z.strictObject({
  question: z.literal('statistics-release'),
  ...base,
  actor: party,
  recipient: party,
  fields: z.array(z.string().max(200)).max(1000),
  smallestCount: z.number().int().min(0).optional(),
});

/** `subject-access`: can this access request go ahead? → `proceed` | `incomplete` (3.2). */
export const subjectAccessQuestion = z.strictObject({
  question: z.literal('subject-access'),
  ...base,
  request: z.strictObject({
    inWriting: z.boolean(),
    addressedTo: role,
    feePaid: z.boolean(),
    identityVerified: z.boolean(),
    receivedOn: isoDate.optional(),
  }),
});

/** `retention`: keep or destroy this case record? → `retain` | `destroy` | `review` (3.3). */
export const retentionQuestion = z.strictObject({
  question: z.literal('retention'),
  ...base,
  client: z.strictObject({
    degreeStatus: z.enum(DEGREE_STATUSES),
    degreeCompletedOn: isoDate.optional(),
  }),
});

/** `policy-review`: is the policy's annual review current? → `current` | `overdue` | `incomplete` (6.4). */
export const policyReviewQuestion = z.strictObject({
  question: z.literal('policy-review'),
  ...base,
  lastReviewedOn: isoDate,
  agreedBy: z.array(role).max(50),
});

/** `staff-readiness`: has this member of staff what 6.1–6.3 require? → `ready` | `not-ready`. */
export const staffReadinessQuestion = z.strictObject({
  question: z.literal('staff-readiness'),
  ...base,
  staff: party,
  newStarter: z.boolean().optional(),
  receivedPolicyCopy: z.boolean(),
  trainedAtInduction: z.boolean().optional(),
  confidentialityAgreement: z.enum(['signed', 'requested-not-signed', 'not-requested']).optional(),
});

/** `storage`: are case records stored as 1.3–1.4 require? → `compliant` | `non-compliant`. */
export const storageQuestion = z.strictObject({
  question: z.literal('storage'),
  ...base,
  electronic: z
    .strictObject({
      passwordProtected: z.boolean(),
      loginShared: z.boolean(),
      loggedOffWhenNotInUse: z.boolean(),
    })
    .optional(),
  paper: z
    .strictObject({
      inUse: z.boolean().optional(),
      inLockedCabinet: z.boolean(),
      keysOutOfPublicView: z.boolean(),
    })
    .optional(),
});
