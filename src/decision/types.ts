import type { Role } from '../facts/common.js';
import type { QuestionKind } from '../facts/questions.js';

/** Why the outcome is what it is: one entry per rule that fired and agrees with the outcome. */
export interface Reason {
  /** The rule's name (kebab-case), or `not-covered` when no rule applied (fail closed). */
  readonly rule: string;
  /** The clause the rule rests on. */
  readonly clause: string;
  readonly text: string;
}

/** An obligation (what the caller must do if it acts), a remedy (what would change a deny) or an advisory. */
export interface CodedNote {
  /** Stable kebab-case code, e.g. `record-consent`. */
  readonly code: string;
  readonly clause: string;
  readonly text: string;
}

/** A step of the breach chain that a `pending` breach waits for, and who takes it. */
export interface NextStep {
  readonly step: 'raise' | 'discuss' | 'decide' | 'record-decision';
  readonly role: Role | null;
}

/** A breach of the chain's rules: which step went wrong, and the clause it breaks. */
export interface Violation {
  readonly code: string;
  readonly clause: string;
}

/** The policy a decision was taken under. */
export interface PolicyRef {
  readonly id: string;
  readonly version: string;
  /** `sha256:` + the hex SHA-256 of the canonical rules: changes whenever any rule or clause changes. */
  readonly rulesHash: string;
}

/** A condition as evaluated, with the fact value seen (`explain: true`). */
export type TraceCondition =
  | {
      readonly fact: string;
      readonly operator: string;
      readonly value: unknown;
      readonly factResult: unknown;
      readonly result: boolean;
    }
  | { readonly all: readonly TraceCondition[]; readonly result: boolean }
  | { readonly any: readonly TraceCondition[]; readonly result: boolean }
  | { readonly not: TraceCondition; readonly result: boolean };

/** One rule as evaluated (`explain: true`): fired or not, and why. */
export interface TraceEntry {
  readonly rule: string;
  readonly file: string;
  /** The outcome it decides, or `obligation` / `remedy` / `advisory` for a rule that adds a note. */
  readonly type: string;
  readonly priority: number;
  readonly clauses: readonly string[];
  readonly fired: boolean;
  /** It fired and it shaped the decision (a reason, or a note whose outcome matched). */
  readonly applied: boolean;
  readonly conditions: TraceCondition;
}

/** The decision on a question. Fields beyond the contract's are optional and added by question kind. */
export interface Decision {
  readonly question: QuestionKind;
  readonly outcome: string;
  /** `escalate`: who the matter goes to (the actor's line manager, 5.4.1). */
  readonly escalateTo?: Role | null;
  /** `retention`: the last day the record may be kept (3.3). */
  readonly destroyAfter?: string;
  /** `breach` `pending`: what comes next. */
  readonly nextStep?: NextStep | null;
  /** `incomplete` / `not-ready`: what is missing. */
  readonly missing?: readonly string[];
  /** `non-compliant`: each rule of the policy the history breaks. */
  readonly violations?: readonly Violation[];
  /** `subject-access` with `receivedOn`: the UK GDPR deadline (one month after receipt). */
  readonly respondBy?: string;
  /** Every clause that justifies the outcome, unique, in policy order. Never empty. */
  readonly clauses: readonly string[];
  readonly reasons: readonly Reason[];
  readonly obligations: readonly CodedNote[];
  readonly remedies: readonly CodedNote[];
  readonly advisories: readonly CodedNote[];
  readonly policy: PolicyRef;
  /** With `explain: true`: every rule of the question, fired or not, with the fact values seen. */
  readonly trace?: readonly TraceEntry[];
}

/** One problem with a question: where, a stable code, and a message that never repeats the value given. */
export interface Issue {
  /** Where the problem is, as keys and array indexes: `['recipient', 'role']`. `[]` is the whole question. */
  readonly path: readonly (string | number)[];
  readonly code: IssueCode;
  readonly message: string;
}

/** The stable codes of validation issues. */
export type IssueCode =
  | 'invalid-json'
  | 'invalid-type'
  | 'required'
  | 'unknown-question'
  | 'unknown-field'
  | 'invalid-value'
  | 'invalid-date'
  | 'too-small'
  | 'too-big'
  | 'invalid-format'
  | 'invalid';

/** Options for {@link evaluate}. */
export interface EvaluateOptions {
  /** Add a `trace` of every rule evaluated, fired or not, with each condition's fact value and result. */
  readonly explain?: boolean;
}
