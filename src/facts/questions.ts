import type { z } from 'zod';
import { breachQuestion } from './breach.js';
import type { QuestionKind } from './constants.js';
import { disclosureQuestion } from './disclosure.js';
import {
  accessQuestion,
  contactQuestion,
  policyReviewQuestion,
  recordingQuestion,
  retentionQuestion,
  staffReadinessQuestion,
  statisticsReleaseQuestion,
  storageQuestion,
  subjectAccessQuestion,
} from './simple-questions.js';

/**
 * The zod schema of every question kind, keyed by its `question` value.
 *
 * @example
 * import { questionSchemas } from 'upsu-confidentiality-policy/schemas';
 * questionSchemas.retention.safeParse({ question: 'retention', client: { degreeStatus: 'studying' } }).success; // true
 * @see P1
 */
export const questionSchemas = {
  disclosure: disclosureQuestion,
  access: accessQuestion,
  contact: contactQuestion,
  recording: recordingQuestion,
  'statistics-release': statisticsReleaseQuestion,
  'subject-access': subjectAccessQuestion,
  retention: retentionQuestion,
  breach: breachQuestion,
  'policy-review': policyReviewQuestion,
  'staff-readiness': staffReadinessQuestion,
  storage: storageQuestion,
} as const;

// One schema per kind of QUESTION_KINDS, and no other key (a compile error otherwise).
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKinds: Exactly<keyof typeof questionSchemas, QuestionKind> = true;
void sameKinds;

/**
 * A question of kind `K`, as a caller sends it.
 *
 * @example
 * import type { QuestionOf } from 'upsu-confidentiality-policy';
 * const q: QuestionOf<'contact'> = { question: 'contact', channel: 'email' };
 * @see 2.3
 */
export type QuestionOf<K extends QuestionKind> = z.infer<(typeof questionSchemas)[K]>;

/**
 * Any question the library answers.
 *
 * @example
 * import type { Question } from 'upsu-confidentiality-policy';
 * const q: Question = { question: 'recording', consentToRecord: true, relevant: true };
 * @see P1
 */
export type Question = { [K in QuestionKind]: QuestionOf<K> }[QuestionKind];

/**
 * `disclosure`: may this information go to this recipient? → `permit` | `deny` | `escalate`.
 *
 * @example
 * import { type DisclosureQuestion, evaluate } from 'upsu-confidentiality-policy';
 * const q: DisclosureQuestion = { question: 'disclosure', actor: { role: 'adviser' },
 *   recipient: { role: 'university-staff' }, information: { kind: 'case-record', identifiable: true } };
 * evaluate(q).outcome; // 'deny'
 * @see P2
 * @useDeclaredType
 */
export type DisclosureQuestion = QuestionOf<'disclosure'>;
/**
 * `access`: may this person open case records? → `permit` | `deny`.
 *
 * @example
 * import { type AccessQuestion, evaluate } from 'upsu-confidentiality-policy';
 * const q: AccessQuestion = { question: 'access', actor: { role: 'dpo' }, necessary: true };
 * evaluate(q).outcome; // 'permit'
 * @see 3.1
 * @useDeclaredType
 */
export type AccessQuestion = QuestionOf<'access'>;
/**
 * `contact`: may the adviser contact the client this way? → `permit` | `deny`.
 *
 * @example
 * import { type ContactQuestion, evaluate } from 'upsu-confidentiality-policy';
 * const q: ContactQuestion = { question: 'contact', channel: 'phone', situation: 'message' };
 * evaluate(q).obligations[0]?.code; // 'no-service-reference'
 * @see 2.3
 * @useDeclaredType
 */
export type ContactQuestion = QuestionOf<'contact'>;
/**
 * `recording`: may this be recorded on the case? → `permit` | `deny`.
 *
 * @example
 * import { evaluate, type RecordingQuestion } from 'upsu-confidentiality-policy';
 * const q: RecordingQuestion = { question: 'recording', consentToRecord: true, relevant: false };
 * evaluate(q).outcome; // 'deny'
 * @see 1.2
 * @useDeclaredType
 */
export type RecordingQuestion = QuestionOf<'recording'>;
/**
 * `statistics-release`: may this statistics table leave the service? → `permit` | `deny`.
 *
 * @example
 * import { evaluate, type StatisticsReleaseQuestion } from 'upsu-confidentiality-policy';
 * const q: StatisticsReleaseQuestion = { question: 'statistics-release', actor: { role: 'advice-lead' },
 *   recipient: { role: 'membership-body', name: 'AdviceUK' }, fields: ['issue', 'count'], smallestCount: 7 };
 * evaluate(q).outcome; // 'permit'
 * @see 4.3
 * @useDeclaredType
 */
export type StatisticsReleaseQuestion = QuestionOf<'statistics-release'>;
/**
 * `subject-access`: can this access request go ahead? → `proceed` | `incomplete`.
 *
 * @example
 * import { evaluate, type SubjectAccessQuestion } from 'upsu-confidentiality-policy';
 * const q: SubjectAccessQuestion = { question: 'subject-access', request: { inWriting: true, addressedTo: 'dpo',
 *   feePaid: false, identityVerified: true } };
 * evaluate(q).missing; // ['fee-paid']
 * @see 3.2
 * @useDeclaredType
 */
export type SubjectAccessQuestion = QuestionOf<'subject-access'>;
/**
 * `retention`: keep or destroy this case record? → `retain` | `destroy` | `review`.
 *
 * @example
 * import { evaluate, type RetentionQuestion } from 'upsu-confidentiality-policy';
 * const q: RetentionQuestion = { question: 'retention', asOf: '2026-09-01',
 *   client: { degreeStatus: 'completed', degreeCompletedOn: '2025-06-30' } };
 * evaluate(q).outcome; // 'destroy'
 * @see 3.3
 * @useDeclaredType
 */
export type RetentionQuestion = QuestionOf<'retention'>;
/**
 * `breach`: where does this breach-of-confidentiality case stand? → `pending` | `authorised` | `refused` | `non-compliant`.
 *
 * @example
 * import { type BreachQuestion, evaluate } from 'upsu-confidentiality-policy';
 * const q: BreachQuestion = { question: 'breach', raisedBy: 'adviser', ground: 'harm',
 *   steps: [{ step: 'raised', with: 'advice-lead' }] };
 * evaluate(q).nextStep; // { step: 'discuss', role: 'advice-lead' }
 * @see 5.4
 * @useDeclaredType
 */
export type BreachQuestion = QuestionOf<'breach'>;
/**
 * `policy-review`: is the annual review current? → `current` | `overdue` | `incomplete`.
 *
 * @example
 * import { evaluate, type PolicyReviewQuestion } from 'upsu-confidentiality-policy';
 * const q: PolicyReviewQuestion = { question: 'policy-review', asOf: '2026-09-01', lastReviewedOn: '2024-09-01',
 *   agreedBy: ['advice-lead', 'advice-manager', 'senior-management'] };
 * evaluate(q).outcome; // 'overdue'
 * @see 6.4
 * @useDeclaredType
 */
export type PolicyReviewQuestion = QuestionOf<'policy-review'>;
/**
 * `staff-readiness`: has this member of staff what 6.1–6.3 require? → `ready` | `not-ready`.
 *
 * @example
 * import { evaluate, type StaffReadinessQuestion } from 'upsu-confidentiality-policy';
 * const q: StaffReadinessQuestion = { question: 'staff-readiness', staff: { role: 'chief-executive' },
 *   receivedPolicyCopy: false };
 * evaluate(q).outcome; // 'not-ready'
 * @see 6.1
 * @useDeclaredType
 */
export type StaffReadinessQuestion = QuestionOf<'staff-readiness'>;
/**
 * `storage`: are case records stored as 1.3–1.4 require? → `compliant` | `non-compliant`.
 *
 * @example
 * import { evaluate, type StorageQuestion } from 'upsu-confidentiality-policy';
 * const q: StorageQuestion = { question: 'storage',
 *   electronic: { passwordProtected: true, loginShared: true, loggedOffWhenNotInUse: true } };
 * evaluate(q).outcome; // 'non-compliant'
 * @see 1.4
 * @useDeclaredType
 */
export type StorageQuestion = QuestionOf<'storage'>;
