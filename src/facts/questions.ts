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
