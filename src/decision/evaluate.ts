import type { SafeResult } from '../engine/policy.js';
import { defaultPolicy } from './default-policy.js';
import type { Decision, EvaluateOptions } from './types.js';

/**
 * Decides a question under the UPSU Advice Service Confidentiality Policy. Synchronous: the rules are
 * compiled once into plain functions. Throws {@link PolicyInputError} (with every `issue`) when the question
 * is not valid; never decides a question it cannot validate.
 *
 * @param question A {@link Question}: a plain object whose `question` field names its kind ({@link QUESTION_KINDS}).
 *   Typed `unknown` because it is validated first: pass anything, only a valid question is decided.
 * @param options `{ explain: true }` adds the decision's `trace`.
 * @returns The {@link Decision}: its `outcome`, the `clauses` behind it, `reasons`, `obligations`, `remedies`,
 *   `advisories` and the `policy` it was taken under.
 * @throws {@link PolicyInputError} (`code` `invalid-question`) when the question is not valid: its `issues` list
 *   every problem as `{ path, code, message }`, `code` an {@link IssueCode} (`required`, `invalid-type`,
 *   `invalid-value`, `unknown-field`, `unknown-question`, `invalid-date`, …).
 *
 * @example
 * import { evaluate } from 'upsu-confidentiality-policy';
 * const d = evaluate({
 *   question: 'disclosure',
 *   actor: { role: 'adviser' },
 *   recipient: { role: 'third-party', name: 'parent' },
 *   information: { kind: 'presence', identifiable: true },
 * });
 * d.outcome; // 'deny'
 * d.clauses; // ['P4', 'P6']
 * d.obligations[0]?.code; // 'state-policy-and-decline'
 * @see P3
 */
export function evaluate(question: unknown, options?: EvaluateOptions): Decision {
  return defaultPolicy().evaluate(question, options);
}

/**
 * The same as {@link evaluate}, named for callers who want it said that the call is synchronous.
 *
 * @example
 * import { evaluateSync } from 'upsu-confidentiality-policy';
 * evaluateSync({ question: 'recording', consentToRecord: true, relevant: true }).outcome; // 'permit'
 * @see 1.1
 */
export const evaluateSync: (question: unknown, options?: EvaluateOptions) => Decision = evaluate;

/**
 * Decides a question without throwing on bad input: `{ ok: true, decision }` or `{ ok: false, issues }`.
 *
 * @param question A {@link Question}: a plain object whose `question` field names its kind ({@link QUESTION_KINDS}).
 *   Typed `unknown` because it is validated first: pass anything, only a valid question is decided.
 * @param options `{ explain: true }` adds the decision's `trace`.
 * @returns A {@link SafeResult}: `{ ok: true, decision }`, or `{ ok: false, issues }` with the same issues
 *   {@link evaluate} would throw in a {@link PolicyInputError}.
 *
 * @example
 * import { safeEvaluate } from 'upsu-confidentiality-policy';
 * const r = safeEvaluate({ question: 'retention', client: { degreeStatus: 'graduated' } });
 * if (!r.ok) r.issues; // [{ path: ['client', 'degreeStatus'], code: 'invalid-value', message: '…' }]
 * @see 3.3
 */
export function safeEvaluate(question: unknown, options?: EvaluateOptions): SafeResult {
  return defaultPolicy().safeEvaluate(question, options);
}

/**
 * Decides a question with json-rules-engine itself — the reference interpreter the compiled rules are
 * tested against. Same decisions as {@link evaluate}; its `explain` trace comes from json-rules-engine's own
 * results and is the same as `evaluate`'s, condition by condition (test/trace.test.ts). Slower: for checking and
 * explaining, not for request paths.
 *
 * @param question A {@link Question}: a plain object whose `question` field names its kind ({@link QUESTION_KINDS}).
 *   Typed `unknown` because it is validated first: pass anything, only a valid question is decided.
 * @param options `{ explain: true }` adds the decision's `trace`.
 * @returns A promise of the {@link Decision}; it rejects with {@link PolicyInputError} when the question is not
 *   valid, as {@link evaluate} throws.
 *
 * @example
 * import { evaluateWithEngine } from 'upsu-confidentiality-policy';
 * const d = await evaluateWithEngine({ question: 'contact', channel: 'post' });
 * d.outcome; // 'permit'
 * @see 2.3
 */
export function evaluateWithEngine(question: unknown, options?: EvaluateOptions): Promise<Decision> {
  return defaultPolicy().evaluateWithEngine(question, options);
}
