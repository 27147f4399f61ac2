import { message } from './messages.js';
import type { Issue } from './types.js';

/** How many issues an error's `message` spells out. */
const MESSAGE_ISSUES = 20;

/**
 * `instanceof` for the library's error classes across copies of the package: the ESM and CommonJS builds are two
 * copies of every class (an application that both imports and requires the package, or a test runner that loads
 * the other build, has both), so a plain `instanceof` said `false` for an error the other copy threw. Each error
 * carries a brand under a global symbol, and `instanceof` on the class itself reads it; a subclass keeps the
 * ordinary prototype check.
 */
export function brandedInstanceOf(cls: abstract new (...args: never[]) => unknown, brand: symbol) {
  return function (this: unknown, x: unknown): boolean {
    if (this !== cls) return typeof this === 'function' && Function.prototype[Symbol.hasInstance].call(this, x);
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[brand] === true;
  };
}
const POLICY_INPUT_ERROR = Symbol.for('upsu-confidentiality-policy.PolicyInputError');
const RULE_LOAD_ERROR = Symbol.for('upsu-confidentiality-policy.RuleLoadError');

/**
 * Thrown by {@link evaluate} (and {@link Policy.evaluate}, the convenience wrappers and {@link auditCase}) when a
 * question, a case or an audit date fails validation; {@link safeEvaluate} returns the same `issues` instead. Its
 * `code` is `invalid-question`; `issues` lists every problem, each an {@link Issue} with a path, a stable
 * {@link IssueCode} and a message that never repeats the value given.
 *
 * @example
 * import { evaluate, PolicyInputError } from 'upsu-confidentiality-policy';
 * try {
 *   evaluate({ question: 'disclosure', actor: { role: 'adviser' } });
 * } catch (e) {
 *   if (e instanceof PolicyInputError) console.log(e.issues.map((i) => i.code)); // ['required', 'required']
 * }
 * @see P1
 */
export class PolicyInputError extends Error {
  override readonly name = 'PolicyInputError';
  /** Stable code of the error itself. */
  readonly code = 'invalid-question';
  /** Every problem found, in the order found. `message` spells out the first 20. */
  readonly issues: readonly Issue[];
  /**
   * For the library's own use: callers read errors, they do not make them.
   *
   * @param what What was not valid, for the message (`auditCase` says `case`).
   */
  constructor(issues: readonly Issue[], what: 'question' | 'case' = 'question') {
    // The message names the first problems only (a question with 100,000 unknown keys must not make a
    // megabytes-long message); `issues` lists them all.
    const shown = issues.slice(0, MESSAGE_ISSUES).map((i) => i.message);
    if (issues.length > MESSAGE_ISSUES) shown.push(`… and ${issues.length - MESSAGE_ISSUES} more.`);
    super(`The ${what} is not valid (${issues.length} problem${issues.length === 1 ? '' : 's'}): ${shown.join(' ')}`);
    this.issues = issues;
    Object.defineProperty(this, POLICY_INPUT_ERROR, { value: true });
  }
  /** `e instanceof PolicyInputError` holds for one thrown by the package's other build (ESM / CommonJS) too. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked of: a subclass keeps the prototype check
    return policyInputErrorInstanceOf.call(this, x);
  }
}
const policyInputErrorInstanceOf = brandedInstanceOf(PolicyInputError, POLICY_INPUT_ERROR);

/**
 * The stable codes of rule-loading problems ({@link RuleProblem}), for tools that act on them; the message says
 * the same for people. README "Adapting the rules" lists what each means.
 *
 * @example
 * import type { RuleProblemCode } from 'upsu-confidentiality-policy';
 * const code: RuleProblemCode = 'unknown-fact';
 * @see P1
 */
export type RuleProblemCode =
  /** A file, or the rules folder itself, cannot be read (the system's code, such as ENOENT, in the message). */
  | 'unreadable'
  /** A file is not JSON, or has a key twice in one object (line and column in the message). */
  | 'invalid-json'
  /** A rules file where it would not be read (not `<section folder>/<question>.rules.json`). */
  | 'misplaced-file'
  /** A file or a rule does not have its format (`path` says where inside it). */
  | 'invalid-format'
  /** `createPolicy`'s arguments: not a rule bundle, a part of the bundle missing, an unknown option. */
  | 'invalid-options'
  /** A setting given to `createPolicy` (or as `undefined` in policy.json) is not valid (`path` names it). */
  | 'invalid-setting'
  /** A section, a clause or a rule name given twice. */
  | 'duplicate'
  | 'unknown-section'
  | 'unknown-clause'
  /** An obligation, remedy or advisory code not in codes.json. */
  | 'unknown-code'
  /** A question not in questions.json, or one this library has no facts for. */
  | 'unknown-question'
  | 'unknown-fact'
  | 'unknown-operator'
  | 'unknown-outcome'
  /** A condition compares a fact with a value it never takes. */
  | 'unknown-value'
  /** A clause marked not decidable with no reason, or with a `notDecidedPart`. */
  | 'inconsistent-clause'
  /** A question's outcomes or cautious outcome are not the contract's. */
  | 'not-the-contract'
  /** A condition that can never be true (an empty `any`; `in []`; an `all` asking one fact to equal two values). */
  | 'never-true'
  /** A deciding rule whose conditions are always true, deciding anything but the cautious outcome. */
  | 'always-true'
  /** An operator that does not compare the fact's type, or a constant that is not a value of it. */
  | 'type-mismatch'
  /** `event.params` not what the kind of rule takes (a deciding rule's clauses and text; a note's code and when). */
  | 'invalid-params'
  /** `params.set` names a field a rule may not set, or sets it to something it cannot hold. */
  | 'invalid-set'
  /** No rule of an outcome sets a field its decisions carry (such as `escalateTo` for `escalate`). */
  | 'missing-set'
  /** Two deciding rules of one priority with different outcomes. */
  | 'ambiguous-priority';

/** Every {@link RuleProblemCode}, in the order README "Adapting the rules" lists them (tests check both). */
export const RULE_PROBLEM_CODES = [
  'unreadable',
  'invalid-json',
  'misplaced-file',
  'invalid-format',
  'invalid-options',
  'invalid-setting',
  'duplicate',
  'unknown-section',
  'unknown-clause',
  'unknown-code',
  'unknown-question',
  'unknown-fact',
  'unknown-operator',
  'unknown-outcome',
  'unknown-value',
  'inconsistent-clause',
  'not-the-contract',
  'never-true',
  'always-true',
  'type-mismatch',
  'invalid-params',
  'invalid-set',
  'missing-set',
  'ambiguous-priority',
] as const satisfies readonly RuleProblemCode[];
// …and no code is missing from the list.
type Unlisted = Exclude<RuleProblemCode, (typeof RULE_PROBLEM_CODES)[number]>;
const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCodeListed;

/**
 * A problem in a rules folder: a stable code, which file, which rule, where in it, what is wrong.
 *
 * @example
 * import type { RuleProblem } from 'upsu-confidentiality-policy';
 * // RuleLoadError.problems holds these:
 * const problem: RuleProblem = { code: 'unknown-clause', file: '2-sharing/disclosure.rules.json',
 *   rule: 'consent-to-share', message: 'unknown clause id "9.9"' };
 * @see P1
 */
export interface RuleProblem {
  /** What is wrong, as a stable code. */
  readonly code: RuleProblemCode;
  /**
   * The file at fault, relative to the rules folder (`2-sharing/disclosure.rules.json`); `.` for the folder itself,
   * `createPolicy options` for a problem of `createPolicy`'s own arguments.
   */
  readonly file: string;
  /** The rule at fault, by name, when the problem is in one rule. */
  readonly rule?: string;
  /**
   * Where in the file or rule, as keys and array indexes: format problems, and a rule's condition
   * (`['conditions', 'all', 0]`), clause or code (`['event', 'params', 'clauses', 1]`) that is wrong.
   */
  readonly path?: readonly (string | number)[];
  /** What is wrong, in English. */
  readonly message: string;
}

/**
 * Thrown when a rules folder does not hold together: an unknown fact, operator, outcome, code or clause id, a
 * malformed rule, two rules with the same name. Every problem is listed with its file and rule.
 *
 * @example
 * import { loadPolicy, RuleLoadError } from 'upsu-confidentiality-policy';
 * // e.message lists the problems the same way as this loop does.
 * try {
 *   loadPolicy('./my-rules');
 * } catch (e) {
 *   if (e instanceof RuleLoadError)
 *     for (const p of e.problems) console.log(`${p.code} at ${p.file}${p.rule ? ` [${p.rule}]` : ''}: ${p.message}`);
 *   // 'unreadable at .: the rules folder "./my-rules" cannot be read (ENOENT)'
 * }
 * @see P1
 */
export class RuleLoadError extends Error {
  override readonly name = 'RuleLoadError';
  /** Stable code of the error itself. */
  readonly code = 'invalid-rules';
  /** Every problem found, each with its stable {@link RuleProblemCode}, file and rule; `message` lists them all. */
  readonly problems: readonly RuleProblem[];
  /** For the library's own use: callers read errors, they do not make them. */
  constructor(problems: readonly RuleProblem[]) {
    super(
      `The rules do not load (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems
        .map((p) => `  ${p.code} at ${p.file}${p.rule ? ` [${p.rule}]` : ''}: ${p.message}`)
        .join('\n')}`,
    );
    this.problems = problems;
    Object.defineProperty(this, RULE_LOAD_ERROR, { value: true });
  }
  /** `e instanceof RuleLoadError` holds for one thrown by the package's other build (ESM / CommonJS) too. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked of: a subclass keeps the prototype check
    return ruleLoadErrorInstanceOf.call(this, x);
  }
}
const ruleLoadErrorInstanceOf = brandedInstanceOf(RuleLoadError, RULE_LOAD_ERROR);

/**
 * What kind of value was given where another was expected, for a message that must not repeat the value itself
 * (it may be personal data): `null`, `an array`, or its `typeof`.
 *
 * @example
 * kindOfValue([]); // 'an array'
 * kindOfValue({ name: 'Jane' }); // 'object'
 */
export function kindOfValue(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** Builds an issue from its code and path. */
export function issue(code: Issue['code'], path: readonly (string | number)[], detail = {}): Issue {
  return { path, code, message: message(code, path, detail) };
}
