// The public surface of upsu-confidentiality-policy. Everything else is internal.

export { auditCase, type Finding } from './audit/audit-case.js';
export { mayAccess, mayDisclose, nextBreachStep, retentionStatus } from './decision/convenience.js';
export { defaultPolicy } from './decision/default-policy.js';
export { PolicyInputError, RuleLoadError, type RuleProblem, type RuleProblemCode } from './decision/errors.js';
export { evaluate, evaluateSync, evaluateWithEngine, safeEvaluate } from './decision/evaluate.js';
export type {
  CodedNote,
  Decision,
  EvaluateOptions,
  Issue,
  IssueCode,
  NextStep,
  PolicyRef,
  Reason,
  TraceCondition,
  TraceEntry,
  Violation,
} from './decision/types.js';
export type { PolicySettings } from './derive/context.js';
export type { PolicyRoles } from './derive/roles.js';
export { loadPolicy, readRulesFolder } from './engine/load-dir.js';
export { createPolicy, type Policy, type PolicyOptions, type SafeResult } from './engine/policy.js';
export type { ConditionJson, RuleBundle, RuleJson } from './engine/rule-schema.js';
export type { CaseExport } from './facts/case-export.js';
export type { Party } from './facts/common.js';
export { QUESTION_KINDS, type QuestionKind, ROLES, type Role } from './facts/constants.js';
export { jsonSchema } from './facts/json-schema.js';
export type {
  AccessQuestion,
  BreachQuestion,
  ContactQuestion,
  DisclosureQuestion,
  PolicyReviewQuestion,
  Question,
  QuestionOf,
  RecordingQuestion,
  RetentionQuestion,
  StaffReadinessQuestion,
  StatisticsReleaseQuestion,
  StorageQuestion,
  SubjectAccessQuestion,
} from './facts/questions.js';
export { ZodUnavailableError } from './facts/zod-unavailable.js';
export { bundledRules } from './generated/rules.js';
