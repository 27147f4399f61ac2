import type { z } from 'zod';
import { breachQuestion } from './breach.js';
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

/** The zod schema of every question kind, keyed by its `question` value. */
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

/** The name of a question kind: `disclosure`, `access`, `retention`, … */
export type QuestionKind = keyof typeof questionSchemas;

/** Every question kind, in the contract's order. */
export const QUESTION_KINDS = Object.keys(questionSchemas) as QuestionKind[];

/** A question of kind `K`, as a caller sends it. */
export type QuestionOf<K extends QuestionKind> = z.infer<(typeof questionSchemas)[K]>;

/** Any question the library answers. */
export type Question = { [K in QuestionKind]: QuestionOf<K> }[QuestionKind];

export type DisclosureQuestion = QuestionOf<'disclosure'>;
export type AccessQuestion = QuestionOf<'access'>;
export type ContactQuestion = QuestionOf<'contact'>;
export type RecordingQuestion = QuestionOf<'recording'>;
export type StatisticsReleaseQuestion = QuestionOf<'statistics-release'>;
export type SubjectAccessQuestion = QuestionOf<'subject-access'>;
export type RetentionQuestion = QuestionOf<'retention'>;
export type BreachQuestion = QuestionOf<'breach'>;
export type PolicyReviewQuestion = QuestionOf<'policy-review'>;
export type StaffReadinessQuestion = QuestionOf<'staff-readiness'>;
export type StorageQuestion = QuestionOf<'storage'>;
