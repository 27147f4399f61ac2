import type { QuestionKind, Role } from '../facts/constants.js';

/**
 * Why the outcome is what it is: one entry per rule that fired and agrees with the outcome.
 *
 * @example
 * import { evaluate } from 'upsu-confidentiality-policy';
 * const q = { question: 'disclosure', actor: { role: 'adviser' }, recipient: { role: 'third-party', name: 'parent' },
 *   information: { kind: 'case-record', identifiable: true } };
 * evaluate(q).reasons[0];
 * // { rule: 'third-party-without-consent', clause: 'P3', text: 'No information about a client is given…' }
 * @see P3
 */
export interface Reason {
  /** The rule's name (kebab-case), or `not-covered` when no rule applied (fail closed). */
  readonly rule: string;
  /** The clause the rule rests on. */
  readonly clause: string;
  /** Why, in plain English for an adviser (the rule's text). */
  readonly text: string;
}

/**
 * An obligation (what the caller must do if it acts), a remedy (what would turn a `deny` or `incomplete` into a
 * permit) or an advisory (a note that never changes the outcome).
 *
 * @example
 * import { evaluate } from 'upsu-confidentiality-policy';
 * const q = { question: 'disclosure', actor: { role: 'adviser' }, recipient: { role: 'third-party', name: 'parent' },
 *   information: { kind: 'case-record', identifiable: true } };
 * evaluate(q).obligations[0];
 * // { code: 'state-policy-and-decline', clause: 'P6', text: 'State the Advice Service…' }
 * @see P6
 */
export interface CodedNote {
  /** Stable kebab-case code, e.g. `record-consent`. */
  readonly code: string;
  /** The clause it rests on. */
  readonly clause: string;
  /** What it says, in plain English for an adviser. */
  readonly text: string;
}

/**
 * A step of the breach chain that a `pending` breach waits for, and who takes it.
 *
 * @example
 * import { evaluate } from 'upsu-confidentiality-policy';
 * evaluate({ question: 'breach', raisedBy: 'adviser', ground: 'harm', steps: [] }).nextStep;
 * // { step: 'raise', role: 'advice-lead' }
 * @see 5.4.1
 */
export interface NextStep {
  /**
   * `raise` the breach with the raiser's line manager (5.4.1), `discuss` it and record the discussion in the case
   * notes (5.4.2), `decide` it (5.4.3), or `record-decision`: put an agreed decision in writing (5.5.2).
   */
  readonly step: 'raise' | 'discuss' | 'decide' | 'record-decision';
  /** Who takes the step; `null` when the policy's settings name no line manager for the raiser. */
  readonly role: Role | null;
}

/**
 * A breach of the chain's rules: which step went wrong, and the clause it breaks.
 *
 * @example
 * import { evaluate } from 'upsu-confidentiality-policy';
 * evaluate({ question: 'breach', raisedBy: 'adviser', ground: 'harm',
 *   steps: [{ step: 'raised', with: 'chief-executive' }] }).violations;
 * // [{ code: 'raised-with-wrong-person', clause: '5.4.1' }]
 * @see 5.4.1
 */
export interface Violation {
  /** Stable kebab-case code of what went wrong, e.g. `raised-with-wrong-person`. */
  readonly code: string;
  /** The clause it breaks. */
  readonly clause: string;
}

/**
 * The policy a decision was taken under.
 *
 * @example
 * import { evaluate } from 'upsu-confidentiality-policy';
 * const q = { question: 'disclosure', actor: { role: 'adviser' }, recipient: { role: 'third-party', name: 'parent' },
 *   information: { kind: 'case-record', identifiable: true } };
 * evaluate(q).policy;
 * // { id: 'upsu-advice-confidentiality', version: '1.0.0', rulesHash: 'sha256:…' }
 * @see P1
 */
export interface PolicyRef {
  /** The policy's id (`policy.json`), e.g. `upsu-advice-confidentiality`. */
  readonly id: string;
  /** The policy's version (`policy.json`). */
  readonly version: string;
  /** `sha256:` + the hex SHA-256 of the canonical rules: changes whenever any rule or clause changes. */
  readonly rulesHash: string;
}

/**
 * A condition as evaluated, with the fact value seen (`explain: true`).
 *
 * @example
 * import { evaluate } from 'upsu-confidentiality-policy';
 * const q = { question: 'disclosure', actor: { role: 'adviser' }, recipient: { role: 'third-party', name: 'parent' },
 *   information: { kind: 'case-record', identifiable: true } };
 * evaluate(q, { explain: true }).trace?.[0]?.conditions;
 * // { all: [{ fact: 'recipientInAdviceTeam', operator: 'equal', value: true, factResult: false, result: false }], result: false }
 * @see P3
 */
export type TraceCondition =
  | {
      readonly fact: string;
      readonly operator: string;
      /** The value compared with, as the rule gives it: a constant, or a fact reference `{ fact }`. */
      readonly value: unknown;
      /** The fact's value seen. */
      readonly factResult: unknown;
      /**
       * Only when `value` is a fact reference `{ fact }`: that fact's value, which the fact's value was compared
       * with (e.g. `destroyAfter` for retention's `asOf dateOnOrBefore { fact: 'destroyAfter' }`).
       */
      readonly valueResult?: unknown;
      readonly result: boolean;
    }
  | { readonly all: readonly TraceCondition[]; readonly result: boolean }
  | { readonly any: readonly TraceCondition[]; readonly result: boolean }
  | { readonly not: TraceCondition; readonly result: boolean };

/**
 * One rule as evaluated (`explain: true`): fired or not, and why.
 *
 * @example
 * import { evaluate } from 'upsu-confidentiality-policy';
 * const q = { question: 'disclosure', actor: { role: 'adviser' }, recipient: { role: 'third-party', name: 'parent' },
 *   information: { kind: 'case-record', identifiable: true } };
 * const d = evaluate(q, { explain: true });
 * d.trace?.filter((t) => t.fired).map((t) => t.rule); // ['third-party-without-consent', …]
 * @see P3
 */
export interface TraceEntry {
  /** The rule's name. */
  readonly rule: string;
  /** Its file in the rules folder, e.g. `0-preamble/disclosure.rules.json`. */
  readonly file: string;
  /** The outcome it decides, or `obligation` / `remedy` / `advisory` for a rule that adds a note. */
  readonly type: string;
  /** Its priority: the higher decides first. */
  readonly priority: number;
  /** The clauses it rests on. */
  readonly clauses: readonly string[];
  /** Its conditions held. */
  readonly fired: boolean;
  /** It fired and it shaped the decision (a reason, or a note whose outcome matched). */
  readonly applied: boolean;
  /** Its conditions as evaluated, with the fact values seen. */
  readonly conditions: TraceCondition;
}

/**
 * The decision on a question. Fields beyond the contract's are optional and added by question kind.
 *
 * @example
 * import { type Decision, evaluate } from 'upsu-confidentiality-policy';
 * const d: Decision = evaluate({ question: 'contact', channel: 'phone', clientPreferences: { unacceptable: ['phone'] } });
 * d.outcome; // 'deny'
 * d.clauses; // ['2.3']
 * @see 2.3
 */
export interface Decision {
  /** The kind of question decided. */
  readonly question: QuestionKind;
  /**
   * One of the question kind's outcomes: `disclosure` `permit` | `deny` | `escalate`; `access`, `contact`,
   * `recording`, `statistics-release` `permit` | `deny`; `subject-access` `proceed` | `incomplete`; `retention`
   * `retain` | `destroy` | `review`; `breach` `pending` | `authorised` | `refused` | `non-compliant`;
   * `policy-review` `current` | `overdue` | `incomplete`; `staff-readiness` `ready` | `not-ready`; `storage`
   * `compliant` | `non-compliant`. When no rule applies, the kind's most cautious outcome (fail closed).
   */
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
  /** One per rule that fired and agrees with the outcome, naming its clause. */
  readonly reasons: readonly Reason[];
  /** What the caller must do if it acts on the decision. */
  readonly obligations: readonly CodedNote[];
  /** What would turn a `deny` / `incomplete` into a permit. */
  readonly remedies: readonly CodedNote[];
  /** Notes that never change the outcome (for example where a clause conflicts with current UK law). */
  readonly advisories: readonly CodedNote[];
  /** The policy the decision was taken under, with the hash of its rules. */
  readonly policy: PolicyRef;
  /**
   * With `explain: true`: every rule of the question, fired or not, with the fact values seen. Those are roles,
   * kinds, flags, counts and dates, never a party's `name` or a statistics column's name; the dates are the
   * question's own (`receivedOn`, `degreeCompletedOn`…), so a stored trace is kept as the question would be.
   */
  readonly trace?: readonly TraceEntry[];
}

/**
 * One problem with a question: where, a stable code, and a message that never repeats the value given.
 *
 * @example
 * import { safeEvaluate } from 'upsu-confidentiality-policy';
 * const r = safeEvaluate({ question: 'recording', consentToRecord: 'yes', relevant: true });
 * if (!r.ok) r.issues[0]; // { path: ['consentToRecord'], code: 'invalid-type', message: '…' }
 * @see 1.1
 */
export interface Issue {
  /** Where the problem is, as keys and array indexes: `['recipient', 'role']`. `[]` is the whole question. */
  readonly path: readonly (string | number)[];
  /** What is wrong, as a stable code. */
  readonly code: IssueCode;
  /** What is wrong, in English, naming the field but never its value (it may be personal data). */
  readonly message: string;
}

/**
 * The stable codes of validation issues.
 *
 * @example
 * import type { IssueCode } from 'upsu-confidentiality-policy';
 * const code: IssueCode = 'required';
 * @see P1
 */
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

/**
 * Options for {@link evaluate}.
 *
 * @example
 * import { evaluate } from 'upsu-confidentiality-policy';
 * const d = evaluate({ question: 'recording', consentToRecord: true, relevant: true }, { explain: true });
 * d.trace?.length; // every rule of the question, fired or not
 * @see P1
 */
export interface EvaluateOptions {
  /**
   * Add a `trace` of every rule evaluated, fired or not, with each condition's fact value and result. Only an own
   * `explain: true` asks for it (one inherited from a prototype does not, as no inherited field of a question is read).
   */
  readonly explain?: boolean;
}
