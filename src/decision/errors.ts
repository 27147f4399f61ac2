import { message } from './messages.js';
import type { Issue } from './types.js';

/** How many issues an error's `message` spells out. */
const MESSAGE_ISSUES = 20;

/**
 * Thrown by {@link evaluate} when a question fails validation. `issues` lists every problem, each with a
 * path, a stable code and a message that never repeats the value given.
 *
 * @example
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
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    // The message names the first problems only (a question with 100,000 unknown keys must not make a
    // megabytes-long message); `issues` lists them all.
    const shown = issues.slice(0, MESSAGE_ISSUES).map((i) => i.message);
    if (issues.length > MESSAGE_ISSUES) shown.push(`… and ${issues.length - MESSAGE_ISSUES} more.`);
    super(`The question is not valid (${issues.length} problem${issues.length === 1 ? '' : 's'}): ${shown.join(' ')}`);
    this.issues = issues;
  }
}

/**
 * A problem in a rules folder: which file, which rule, what is wrong.
 *
 * @example
 * // RuleLoadError.problems holds these:
 * { file: '2-sharing/disclosure.rules.json', rule: 'consent-to-share', message: 'unknown clause id "9.9"' }
 * @see P1
 */
export interface RuleProblem {
  readonly file: string;
  readonly rule?: string;
  readonly message: string;
}

/**
 * Thrown when a rules folder does not hold together: an unknown fact, operator, outcome, code or clause id, a
 * malformed rule, two rules with the same name. Every problem is listed with its file and rule.
 *
 * @example
 * try {
 *   loadPolicy('./my-rules');
 * } catch (e) {
 *   if (e instanceof RuleLoadError) for (const p of e.problems) console.log(`${p.file} ${p.rule}: ${p.message}`);
 * }
 * @see P1
 */
export class RuleLoadError extends Error {
  override readonly name = 'RuleLoadError';
  readonly code = 'invalid-rules';
  readonly problems: readonly RuleProblem[];
  constructor(problems: readonly RuleProblem[]) {
    super(
      `The rules do not load (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems
        .map((p) => `  ${p.file}${p.rule ? ` [${p.rule}]` : ''}: ${p.message}`)
        .join('\n')}`,
    );
    this.problems = problems;
  }
}

/** Builds an issue from its code and path. */
export function issue(code: Issue['code'], path: readonly (string | number)[], detail = {}): Issue {
  return { path, code, message: message(code, path, detail) };
}
