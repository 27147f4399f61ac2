// Compile-time only (`tsc --noEmit`, run in CI; no test runs it): each public question type, written out as a
// documented object type in src/facts/question-types.ts (and `CaseExport` in src/facts/case-export.ts), is exactly
// the type its zod schema infers, so the two can never drift. A field added, removed, renamed, retyped or made
// optional on one side only fails to compile here.
import type { z } from 'zod';
import type { CaseExport, caseExport } from '../../src/facts/case-export.js';
import type { party } from '../../src/facts/common.js';
import type { QuestionKind } from '../../src/facts/constants.js';
import type {
  AccessQuestion,
  BreachQuestion,
  ContactQuestion,
  DisclosureQuestion,
  Party,
  PolicyReviewQuestion,
  Question,
  QuestionOf,
  RecordingQuestion,
  RetentionQuestion,
  StaffReadinessQuestion,
  StatisticsReleaseQuestion,
  StorageQuestion,
  SubjectAccessQuestion,
} from '../../src/facts/question-types.js';
import type { questionSchemas } from '../../src/facts/questions.js';

/** `true` when A and B are the same type (TypeScript's identity relation, not mere mutual assignability). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when given `true`. */
type Expect<T extends true> = T;

type Inferred<K extends QuestionKind> = z.infer<(typeof questionSchemas)[K]>;

export type Checks = [
  Expect<Equal<Party, z.infer<typeof party>>>,
  Expect<Equal<DisclosureQuestion, Inferred<'disclosure'>>>,
  Expect<Equal<AccessQuestion, Inferred<'access'>>>,
  Expect<Equal<ContactQuestion, Inferred<'contact'>>>,
  Expect<Equal<RecordingQuestion, Inferred<'recording'>>>,
  Expect<Equal<StatisticsReleaseQuestion, Inferred<'statistics-release'>>>,
  Expect<Equal<SubjectAccessQuestion, Inferred<'subject-access'>>>,
  Expect<Equal<RetentionQuestion, Inferred<'retention'>>>,
  Expect<Equal<BreachQuestion, Inferred<'breach'>>>,
  Expect<Equal<PolicyReviewQuestion, Inferred<'policy-review'>>>,
  Expect<Equal<StaffReadinessQuestion, Inferred<'staff-readiness'>>>,
  Expect<Equal<StorageQuestion, Inferred<'storage'>>>,
  Expect<Equal<Question, Inferred<QuestionKind>>>,
  Expect<Equal<QuestionOf<'breach'>, BreachQuestion>>,
  Expect<Equal<CaseExport, z.output<typeof caseExport>>>,
];
