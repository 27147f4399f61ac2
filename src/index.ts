/**
 * The UPSU Advice Service Confidentiality Policy as code. A case-management system asks it a question before it
 * acts (may I disclose this to them? who may open this case record? when must this record be destroyed? has this
 * breach of confidentiality followed the chain?) and gets back a {@link Decision} that names the clauses of the
 * policy behind it, what the caller must do if it acts, and what would change it. Start with {@link evaluate} or
 * {@link safeEvaluate}; below are the question kinds and the shape of a decision.
 *
 * ## Asking a question
 *
 * - {@link evaluate} decides a {@link Question}, synchronously. A question that fails validation is never decided:
 *   `evaluate` throws {@link PolicyInputError}, whose `issues` list every problem as an {@link Issue}
 *   (`{ path, code, message }`, `code` an {@link IssueCode}).
 * - {@link safeEvaluate} returns a {@link SafeResult} instead of throwing: `{ ok: true, decision }` or
 *   `{ ok: false, issues }`.
 * - {@link mayDisclose}, {@link mayAccess}, {@link retentionStatus} and {@link nextBreachStep} are thin wrappers
 *   over `evaluate` for the commonest questions. {@link evaluateWithEngine} gives the same decision from
 *   json-rules-engine itself (asynchronous, for checking and explaining).
 *
 * ## Question kinds
 *
 * A question is a plain object whose `question` field names its kind ({@link QuestionKind}; every kind in
 * {@link QUESTION_KINDS}). Each kind has its own type, whose page shows its fields and an example:
 *
 * | `question` | type | asks | outcomes |
 * | --- | --- | --- | --- |
 * | `disclosure` | {@link DisclosureQuestion} | may this information go to this recipient? | `permit` `deny` `escalate` |
 * | `access` | {@link AccessQuestion} | may this person open case records? | `permit` `deny` |
 * | `contact` | {@link ContactQuestion} | may the adviser contact the client this way? | `permit` `deny` |
 * | `recording` | {@link RecordingQuestion} | may this be recorded on the case? | `permit` `deny` |
 * | `statistics-release` | {@link StatisticsReleaseQuestion} | may this statistics table leave the service? | `permit` `deny` |
 * | `subject-access` | {@link SubjectAccessQuestion} | can this access request go ahead? | `proceed` `incomplete` |
 * | `retention` | {@link RetentionQuestion} | keep or destroy this case record? | `retain` `destroy` `review` |
 * | `breach` | {@link BreachQuestion} | where does this breach-of-confidentiality case stand? | `pending` `authorised` `refused` `non-compliant` |
 * | `policy-review` | {@link PolicyReviewQuestion} | is the annual review current? | `current` `overdue` `incomplete` |
 * | `staff-readiness` | {@link StaffReadinessQuestion} | has this member of staff what 6.1–6.3 require? | `ready` `not-ready` |
 * | `storage` | {@link StorageQuestion} | are case records stored as 1.3–1.4 require? | `compliant` `non-compliant` |
 *
 * People are a {@link Party} (`{ role, name?, involvedInCase?, appointedByUpsu? }`), with a {@link Role} from
 * {@link ROLES}. Dates are calendar dates, `YYYY-MM-DD`; a question without `asOf` is decided on today's date in
 * the UK (Europe/London).
 *
 * ## The decision
 *
 * Every {@link Decision} has `question`, `outcome`, `clauses` (never empty), `reasons` ({@link Reason}),
 * `obligations`, `remedies` and `advisories` ({@link CodedNote}) and `policy` ({@link PolicyRef}). Some kinds add
 * `escalateTo`, `destroyAfter`, `nextStep` ({@link NextStep}), `missing`, `violations` ({@link Violation}) or
 * `respondBy`; `evaluate(question, { explain: true })` adds `trace` ({@link TraceEntry}). Anything the rules do not
 * cover ends in the question's most cautious outcome (`deny`, `review`, `incomplete`, `non-compliant`): fail closed.
 *
 * ## Your own copy of the rules
 *
 * {@link createPolicy} compiles a {@link RuleBundle} ({@link bundledRules}, or {@link readRulesFolder} of a folder)
 * into a {@link Policy}, with {@link PolicySettings} overridden; {@link loadPolicy} reads and compiles a folder in one
 * step. Rules that do not hold together throw {@link RuleLoadError}, listing every {@link RuleProblem}.
 * {@link defaultPolicy} is the policy `evaluate` uses.
 *
 * ## Auditing case-management exports
 *
 * {@link auditCase} re-asks the policy about one exported case ({@link CaseExport}) and returns its
 * {@link Finding}s. {@link jsonSchema} gives the JSON Schema of a question kind or of a case-export line, and the
 * zod schemas themselves are in the `upsu-confidentiality-policy/schemas` entry.
 *
 * @example
 * import { evaluate, safeEvaluate } from 'upsu-confidentiality-policy';
 * const d = evaluate({
 *   question: 'disclosure',
 *   actor: { role: 'adviser' },
 *   recipient: { role: 'third-party', name: 'parent' },
 *   information: { kind: 'presence', identifiable: true },
 * });
 * d.outcome; // 'deny'
 * d.clauses; // ['P4', 'P6']
 * d.obligations.map((o) => o.code); // ['state-policy-and-decline']
 * safeEvaluate({ question: 'retention', client: { degreeStatus: 'graduated' } }).ok; // false
 * @module upsu-confidentiality-policy
 */
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
export { QUESTION_KINDS, type QuestionKind, ROLES, type Role } from './facts/constants.js';
export { type JsonSchema, jsonSchema } from './facts/json-schema.js';
export type {
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
} from './facts/question-types.js';
export { ZodUnavailableError } from './facts/zod-unavailable.js';
export { bundledRules } from './generated/rules.js';
