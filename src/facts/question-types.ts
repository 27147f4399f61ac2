// The public types of the questions and of a party, written out as plain object types so that the published
// declaration files show each field with its documentation: a type inferred from a zod schema loses the comments
// written inside the schema's object literal, and is spelt as a long zod generic. (Object types, not interfaces: an
// object type is assignable to `Record<string, unknown>`, as the inferred types were.) The zod schemas
// (`disclosure.ts`, `breach.ts`, `simple-questions.ts`, `common.ts`) validate; these types document, and the field
// documentation lives here only. They are the same types: test/types/question-types.check.ts, compiled by
// `tsc --noEmit`, fails when one differs from the type its schema infers.
import type { QuestionKind, Role } from './constants.js';

/**
 * A person or body taking part in a question: `{ role, name?, involvedInCase?, appointedByUpsu? }`.
 *
 * @example
 * import type { Party } from 'upsu-confidentiality-policy';
 * const auditor: Party = { role: 'quality-auditor', appointedByUpsu: true };
 * @see 3.1
 */
export type Party = {
  /** Their role ({@link ROLES}); `third-party` for anyone else: parents, landlords, police, employers… */
  role: Role;
  /** Who they are, for people reading the decision (a membership body's `name` says which). Never decides anything. */
  name?: string | undefined;
  /** `upsu-staff` involved in the client's case (2.2). */
  involvedInCase?: boolean | undefined;
  /** A `quality-auditor` appointed by UPSU (3.1). */
  appointedByUpsu?: boolean | undefined;
};

/**
 * `disclosure`: may this information go to this recipient? → `permit` | `deny` | `escalate`.
 *
 * @example
 * import { type DisclosureQuestion, evaluate } from 'upsu-confidentiality-policy';
 * const q: DisclosureQuestion = { question: 'disclosure', actor: { role: 'adviser' },
 *   recipient: { role: 'university-staff' }, information: { kind: 'case-record', identifiable: true } };
 * evaluate(q).outcome; // 'deny'
 * @see P2
 */
export type DisclosureQuestion = {
  question: 'disclosure';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /** Who would disclose. */
  actor: Party;
  /** Who would receive it. */
  recipient: Party;
  /** What would be disclosed. */
  information: {
    /**
     * `case-record` (personal data, case details, case notes), `presence` (the client is or was in the Advice Centre
     * or an outreach facility), `service-use` (the client has used the service) or `statistics`.
     */
    kind: 'case-record' | 'presence' | 'service-use' | 'statistics';
    /** `false` when no client can be identified from it. */
    identifiable: boolean;
  };
  /** `case-management`, `quality-assurance`, `statistics`, `third-party-action` or `other`. */
  purpose?: 'case-management' | 'quality-assurance' | 'statistics' | 'third-party-action' | 'other' | undefined;
  /** The client's consent to share. */
  consent?:
    | {
        /** The client consented to this disclosure. */
        given: boolean;
        /**
         * `consent-to-share` (the signed Consent to Share), `email` or `verbal`. Only the first two are consent under
         * 2.1 (verbal consent adds the remedy `obtain-consent-to-share`).
         */
        method?: 'consent-to-share' | 'email' | 'verbal' | undefined;
        /**
         * The consent is recorded on the case record; one that is not still permits, with the obligation
         * `record-consent` (2.1).
         */
        recorded?: boolean | undefined;
      }
    | undefined;
  /** The client objects to sharing with UPSU staff involved in the case (2.2). */
  clientObjectsToStaffSharing?: boolean | undefined;
  /** A breach of confidentiality (section 5) this disclosure would be. */
  breach?:
    | {
        /** `harm` (5.3.1), `conflict-of-interest` (5.3.2), `legal-duty` (5.3.3) or `other`. */
        ground: 'harm' | 'conflict-of-interest' | 'legal-duty' | 'other';
        /**
         * The decision on the breach; without one that counts, the disclosure is `escalate`d to the actor's line
         * manager.
         */
        authorisation?:
          | {
              /**
               * Who decided: it counts (5.5.2) when decided by the actor's line manager, the `advice-manager`, the
               * `chief-executive` or an `appointed-manager` (the bundled `breachDeciders` setting) — never by an
               * `adviser` or by the actor (5.5.4).
               */
              decidedBy: Role;
              /** The breach was agreed (`false`: refused, 5.5.3). */
              agreed: boolean;
              /** The decision is in writing (5.5.2): an agreement without one does not count. */
              writtenRecord?: boolean | undefined;
            }
          | undefined;
      }
    | undefined;
};

/**
 * `access`: may this person open case records? → `permit` | `deny`.
 *
 * @example
 * import { type AccessQuestion, evaluate } from 'upsu-confidentiality-policy';
 * const q: AccessQuestion = { question: 'access', actor: { role: 'dpo' }, necessary: true };
 * evaluate(q).outcome; // 'permit'
 * @see 3.1
 */
export type AccessQuestion = {
  question: 'access';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /** Who would open the case records. */
  actor: Party;
  /** Why: `quality-assurance` for a `quality-auditor` appointed by UPSU (3.1). */
  purpose?: 'case-management' | 'quality-assurance' | 'statistics' | 'third-party-action' | 'other' | undefined;
  /** Opening them is necessary: the `dpo` may open them only then (3.1). */
  necessary?: boolean | undefined;
};

/**
 * `contact`: may the adviser contact the client this way? → `permit` | `deny`.
 *
 * @example
 * import { type ContactQuestion, evaluate } from 'upsu-confidentiality-policy';
 * const q: ContactQuestion = { question: 'contact', channel: 'phone', situation: 'message' };
 * evaluate(q).obligations[0]?.code; // 'no-service-reference'
 * @see 2.3
 */
export type ContactQuestion = {
  question: 'contact';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /** How: `phone`, `email` or `post`. */
  channel: 'phone' | 'email' | 'post';
  /**
   * `direct` (the client answers), `message` (a message is left) or `answered-by-other` (someone else takes the
   * call). Not given, it may be a message: the cautious reading.
   */
  situation?: 'direct' | 'message' | 'answered-by-other' | undefined;
  /** What the client has told the adviser (2.3). */
  clientPreferences?:
    | {
        /** The channels the client said are unacceptable. */
        unacceptable?: ('phone' | 'email' | 'post')[] | undefined;
        /** The client said the Advice Service may be named in a message or to someone else. */
        serviceMayBeNamed?: boolean | undefined;
      }
    | undefined;
};

/**
 * `recording`: may this be recorded on the case? → `permit` | `deny`.
 *
 * @example
 * import { evaluate, type RecordingQuestion } from 'upsu-confidentiality-policy';
 * const q: RecordingQuestion = { question: 'recording', consentToRecord: true, relevant: false };
 * evaluate(q).outcome; // 'deny'
 * @see 1.2
 */
export type RecordingQuestion = {
  question: 'recording';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /** The client consented, on the Support Request Form, to the Adviser recording information (1.1). */
  consentToRecord: boolean;
  /** The information is relevant to the case: only relevant information is recorded (1.2). */
  relevant: boolean;
};

/**
 * `statistics-release`: may this statistics table leave the service? → `permit` | `deny`.
 *
 * @example
 * import { evaluate, type StatisticsReleaseQuestion } from 'upsu-confidentiality-policy';
 * const q: StatisticsReleaseQuestion = { question: 'statistics-release', actor: { role: 'advice-lead' },
 *   recipient: { role: 'membership-body', name: 'AdviceUK' }, fields: ['issue', 'count'], smallestCount: 7 };
 * evaluate(q).outcome; // 'permit'
 * @see 4.3
 */
export type StatisticsReleaseQuestion = {
  question: 'statistics-release';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /** Who would release the table. */
  actor: Party;
  /** Who would receive it. */
  recipient: Party;
  /** The table's column names: any identifying column (`name`, `email`, `postcode`, `studentId`…) denies it (4.2). */
  fields: string[];
  /** The smallest count in the table: one below the `smallCountThreshold` setting (default 5) denies it (4.3). */
  smallestCount?: number | undefined;
};

/**
 * `subject-access`: can this access request go ahead? → `proceed` | `incomplete`.
 *
 * @example
 * import { evaluate, type SubjectAccessQuestion } from 'upsu-confidentiality-policy';
 * const q: SubjectAccessQuestion = { question: 'subject-access', request: { inWriting: true, addressedTo: 'dpo',
 *   feePaid: false, identityVerified: true } };
 * evaluate(q).missing; // ['fee-paid']
 * @see 3.2
 */
export type SubjectAccessQuestion = {
  question: 'subject-access';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /** The client's request for access to their records (3.2). */
  request: {
    /** It was made in writing. */
    inWriting: boolean;
    /** Whom it was addressed to: 3.2 asks for the `dpo`. */
    addressedTo: Role;
    /** The fee was paid. */
    feePaid: boolean;
    /** The client's identity was verified. */
    identityVerified: boolean;
    /** When it was received (`YYYY-MM-DD`): the decision's `respondBy` is one month after it (UK GDPR). */
    receivedOn?: string | undefined;
  };
};

/**
 * `retention`: keep or destroy this case record? → `retain` | `destroy` | `review`.
 *
 * @example
 * import { evaluate, type RetentionQuestion } from 'upsu-confidentiality-policy';
 * const q: RetentionQuestion = { question: 'retention', asOf: '2026-09-01',
 *   client: { degreeStatus: 'completed', degreeCompletedOn: '2025-06-30' } };
 * evaluate(q).outcome; // 'destroy'
 * @see 3.3
 */
export type RetentionQuestion = {
  question: 'retention';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /** The client whose case record it is. */
  client: {
    /** `studying`, `completed`, `withdrawn` or `unknown`: the policy sets a period for `completed` only. */
    degreeStatus: 'studying' | 'completed' | 'withdrawn' | 'unknown';
    /**
     * When the degree was completed (`YYYY-MM-DD`): the record is kept for a year after it (3.3; the
     * `retentionYears` setting).
     */
    degreeCompletedOn?: string | undefined;
  };
};

/**
 * `breach`: where does this breach-of-confidentiality case stand? → `pending` | `authorised` | `refused` | `non-compliant`.
 *
 * @example
 * import { type BreachQuestion, evaluate } from 'upsu-confidentiality-policy';
 * const q: BreachQuestion = { question: 'breach', raisedBy: 'adviser', ground: 'harm',
 *   steps: [{ step: 'raised', with: 'advice-lead' }] };
 * evaluate(q).nextStep; // { step: 'discuss', role: 'advice-lead' }
 * @see 5.4
 */
export type BreachQuestion = {
  question: 'breach';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /** Who raised the breach (5.1: an `adviser` or the `advice-lead`); it is raised with their line manager (5.4.1). */
  raisedBy: Role;
  /** `harm` (5.3.1), `conflict-of-interest` (5.3.2), `legal-duty` (5.3.3) or `other`. */
  ground: 'harm' | 'conflict-of-interest' | 'legal-duty' | 'other';
  /**
   * The steps so far (5.4–5.5), in the order they happened: `raised` (`with` whom), `discussed`
   * (`recordedInCaseNotes`), `decided` (`by`, `agreed`, `writtenRecord`), `recorded` (the decision put in writing),
   * `disclosed`; each may carry its date, `on` (`YYYY-MM-DD`).
   */
  steps: (
    | { step: 'raised'; with: Role; on?: string | undefined }
    | { step: 'discussed'; recordedInCaseNotes: boolean; on?: string | undefined }
    | { step: 'decided'; by: Role; agreed: boolean; writtenRecord?: boolean | undefined; on?: string | undefined }
    | { step: 'recorded'; on?: string | undefined }
    | { step: 'disclosed'; on?: string | undefined }
  )[];
};

/**
 * `policy-review`: is the annual review current? → `current` | `overdue` | `incomplete`.
 *
 * @example
 * import { evaluate, type PolicyReviewQuestion } from 'upsu-confidentiality-policy';
 * const q: PolicyReviewQuestion = { question: 'policy-review', asOf: '2026-09-01', lastReviewedOn: '2024-09-01',
 *   agreedBy: ['advice-lead', 'advice-manager', 'senior-management'] };
 * evaluate(q).outcome; // 'overdue'
 * @see 6.4
 */
export type PolicyReviewQuestion = {
  question: 'policy-review';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /**
   * When the policy was last reviewed (`YYYY-MM-DD`): overdue more than a year after it (6.4; the
   * `reviewIntervalYears` setting).
   */
  lastReviewedOn: string;
  /** Who agreed the review: `advice-lead`, `advice-manager` and `senior-management` must all have (6.4). */
  agreedBy: Role[];
};

/**
 * `staff-readiness`: has this member of staff what 6.1–6.3 require? → `ready` | `not-ready`.
 *
 * @example
 * import { evaluate, type StaffReadinessQuestion } from 'upsu-confidentiality-policy';
 * const q: StaffReadinessQuestion = { question: 'staff-readiness', staff: { role: 'chief-executive' },
 *   receivedPolicyCopy: false };
 * evaluate(q).outcome; // 'not-ready'
 * @see 6.1
 */
export type StaffReadinessQuestion = {
  question: 'staff-readiness';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /** The member of staff. */
  staff: Party;
  /** They are new to the organisation: they need training on the policy at induction (6.2). */
  newStarter?: boolean | undefined;
  /** They have been given a copy of the policy (6.1). */
  receivedPolicyCopy: boolean;
  /** A new starter was trained on the policy at induction (6.2). */
  trainedAtInduction?: boolean | undefined;
  /** Their Confidentiality Agreement (6.3): `signed`, `requested-not-signed` or `not-requested`. */
  confidentialityAgreement?: 'signed' | 'requested-not-signed' | 'not-requested' | undefined;
};

/**
 * `storage`: are case records stored as 1.3–1.4 require? → `compliant` | `non-compliant`.
 *
 * @example
 * import { evaluate, type StorageQuestion } from 'upsu-confidentiality-policy';
 * const q: StorageQuestion = { question: 'storage',
 *   electronic: { passwordProtected: true, loginShared: true, loggedOffWhenNotInUse: true } };
 * evaluate(q).outcome; // 'non-compliant'
 * @see 1.4
 */
export type StorageQuestion = {
  question: 'storage';
  /** The date the question is asked on (`YYYY-MM-DD`); today in the UK (Europe/London) when absent, whatever the machine's time zone. */
  asOf?: string | undefined;
  /** Records kept on the computerised Case Management System. */
  electronic?:
    | {
        /** The system is password protected (1.3). */
        passwordProtected: boolean;
        /** The login details are shared with someone (1.4 forbids it). */
        loginShared: boolean;
        /** Advisers log off when it is not in use (1.4). */
        loggedOffWhenNotInUse: boolean;
      }
    | undefined;
  /** Records kept on paper. */
  paper?:
    | {
        /** They are being used (1.3: kept in a locked cabinet unless in use). */
        inUse?: boolean | undefined;
        /** They are kept in a lockable filing cabinet (1.3). */
        inLockedCabinet: boolean;
        /** The cabinet's keys are kept away from public view (1.3). */
        keysOutOfPublicView: boolean;
      }
    | undefined;
};

/**
 * A question of kind `K`, as a caller sends it.
 *
 * @example
 * import type { QuestionOf } from 'upsu-confidentiality-policy';
 * const q: QuestionOf<'contact'> = { question: 'contact', channel: 'email' };
 * @see 2.3
 */
export type QuestionOf<K extends QuestionKind> = {
  disclosure: DisclosureQuestion;
  access: AccessQuestion;
  contact: ContactQuestion;
  recording: RecordingQuestion;
  'statistics-release': StatisticsReleaseQuestion;
  'subject-access': SubjectAccessQuestion;
  retention: RetentionQuestion;
  breach: BreachQuestion;
  'policy-review': PolicyReviewQuestion;
  'staff-readiness': StaffReadinessQuestion;
  storage: StorageQuestion;
}[K];

/**
 * Any question the library answers.
 *
 * @example
 * import type { Question } from 'upsu-confidentiality-policy';
 * const q: Question = { question: 'recording', consentToRecord: true, relevant: true };
 * @see P1
 */
export type Question = QuestionOf<QuestionKind>;
