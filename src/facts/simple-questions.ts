import { z } from 'zod';
import { base, isoDate, party, role } from './common.js';
import { CHANNELS, DEGREE_STATUSES, PURPOSES, SITUATIONS } from './constants.js';

/** `access`: may this person open case records? → `permit` | `deny` (3.1, 3.2). */
export const accessQuestion = z.strictObject({
  question: z.literal('access'),
  ...base,
  /** Who would open the case records. */
  actor: party,
  /** Why: `quality-assurance` for a `quality-auditor` appointed by UPSU (3.1). */
  purpose: z.enum(PURPOSES).optional(),
  /** Opening them is necessary: the `dpo` may open them only then (3.1). */
  necessary: z.boolean().optional(),
});

/** `contact`: may the adviser contact the client this way? → `permit` | `deny` (2.3). */
export const contactQuestion = z.strictObject({
  question: z.literal('contact'),
  ...base,
  /** How: `phone`, `email` or `post`. */
  channel: z.enum(CHANNELS),
  /**
   * `direct` (the client answers), `message` (a message is left) or `answered-by-other` (someone else takes the
   * call). Not given, it may be a message: the cautious reading.
   */
  situation: z.enum(SITUATIONS).optional(),
  /** What the client has told the adviser (2.3). */
  clientPreferences: z
    .strictObject({
      /** The channels the client said are unacceptable. */
      unacceptable: z.array(z.enum(CHANNELS)).max(3).optional(),
      /** The client said the Advice Service may be named in a message or to someone else. */
      serviceMayBeNamed: z.boolean().optional(),
    })
    .optional(),
});

/** `recording`: may this be recorded on the case? → `permit` | `deny` (1.1–1.3). */
export const recordingQuestion = z.strictObject({
  question: z.literal('recording'),
  ...base,
  /** The client consented, on the Support Request Form, to the Adviser recording information (1.1). */
  consentToRecord: z.boolean(),
  /** The information is relevant to the case: only relevant information is recorded (1.2). */
  relevant: z.boolean(),
});

/** `statistics-release`: may this statistics table leave the service? → `permit` | `deny` (4.1–4.3). */
export const statisticsReleaseQuestion = z.strictObject({
  question: z.literal('statistics-release'),
  ...base,
  /** Who would release the table. */
  actor: party,
  /** Who would receive it. */
  recipient: party,
  /** The table's column names: any identifying column (`name`, `email`, `postcode`, `studentId`…) denies it (4.2). */
  fields: z.array(z.string().max(200)).max(1000),
  /** The smallest count in the table: one below the `smallCountThreshold` setting (default 5) denies it (4.3). */
  smallestCount: z.number().int().min(0).optional(),
});

/** `subject-access`: can this access request go ahead? → `proceed` | `incomplete` (3.2). */
export const subjectAccessQuestion = z.strictObject({
  question: z.literal('subject-access'),
  ...base,
  /** The client's request for access to their records (3.2). */
  request: z.strictObject({
    /** It was made in writing. */
    inWriting: z.boolean(),
    /** Whom it was addressed to: 3.2 asks for the `dpo`. */
    addressedTo: role,
    /** The fee was paid. */
    feePaid: z.boolean(),
    /** The client's identity was verified. */
    identityVerified: z.boolean(),
    /** When it was received: the decision's `respondBy` is one month after it (UK GDPR). */
    receivedOn: isoDate.optional(),
  }),
});

/** `retention`: keep or destroy this case record? → `retain` | `destroy` | `review` (3.3). */
export const retentionQuestion = z.strictObject({
  question: z.literal('retention'),
  ...base,
  /** The client whose case record it is. */
  client: z.strictObject({
    /** `studying`, `completed`, `withdrawn` or `unknown`: the policy sets a period for `completed` only. */
    degreeStatus: z.enum(DEGREE_STATUSES),
    /** When the degree was completed: the record is kept for a year after it (3.3; the `retentionYears` setting). */
    degreeCompletedOn: isoDate.optional(),
  }),
});

/** `policy-review`: is the policy's annual review current? → `current` | `overdue` | `incomplete` (6.4). */
export const policyReviewQuestion = z.strictObject({
  question: z.literal('policy-review'),
  ...base,
  /** When the policy was last reviewed: overdue more than a year after it (6.4; the `reviewIntervalYears` setting). */
  lastReviewedOn: isoDate,
  /** Who agreed the review: `advice-lead`, `advice-manager` and `senior-management` must all have (6.4). */
  agreedBy: z.array(role).max(50),
});

/** `staff-readiness`: has this member of staff what 6.1–6.3 require? → `ready` | `not-ready`. */
export const staffReadinessQuestion = z.strictObject({
  question: z.literal('staff-readiness'),
  ...base,
  /** The member of staff. */
  staff: party,
  /** They are new to the organisation: they need training on the policy at induction (6.2). */
  newStarter: z.boolean().optional(),
  /** They have been given a copy of the policy (6.1). */
  receivedPolicyCopy: z.boolean(),
  /** A new starter was trained on the policy at induction (6.2). */
  trainedAtInduction: z.boolean().optional(),
  /** Their Confidentiality Agreement (6.3): `signed`, `requested-not-signed` or `not-requested`. */
  confidentialityAgreement: z.enum(['signed', 'requested-not-signed', 'not-requested']).optional(),
});

/** `storage`: are case records stored as 1.3–1.4 require? → `compliant` | `non-compliant`. */
export const storageQuestion = z.strictObject({
  question: z.literal('storage'),
  ...base,
  /** Records kept on the computerised Case Management System. */
  electronic: z
    .strictObject({
      /** The system is password protected (1.3). */
      passwordProtected: z.boolean(),
      /** The login details are shared with someone (1.4 forbids it). */
      loginShared: z.boolean(),
      /** Advisers log off when it is not in use (1.4). */
      loggedOffWhenNotInUse: z.boolean(),
    })
    .optional(),
  /** Records kept on paper. */
  paper: z
    .strictObject({
      /** They are being used (1.3: kept in a locked cabinet unless in use). */
      inUse: z.boolean().optional(),
      /** They are kept in a lockable filing cabinet (1.3). */
      inLockedCabinet: z.boolean(),
      /** The cabinet's keys are kept away from public view (1.3). */
      keysOutOfPublicView: z.boolean(),
    })
    .optional(),
});
