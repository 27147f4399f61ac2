// Entry of the browser bundle (dist/browser/upsu-policy.global.js): the real library, no server, and
// `window.upsuPolicy` so a page (the docs' checker) can script it.
import { evaluate, safeEvaluate } from './decision/evaluate.js';
import { createPolicy } from './engine/policy.js';
import { QUESTION_KINDS } from './facts/constants.js';
import { bundledRules } from './generated/rules.js';

/**
 * What the browser bundle puts on `window.upsuPolicy`: the same `evaluate` and `safeEvaluate` as the package
 * (the bundled rules, compiled in the page), the question kinds, the clause catalogue (id and text of all
 * 44 clauses) so a page can show the clauses a decision cites, and `createPolicy` to compile another rule
 * bundle in the page (the generated docs' checker compiles the very rules its book describes).
 *
 * @example
 * // <script src="upsu-policy.global.js"></script>
 * const d = window.upsuPolicy.evaluate({
 *   question: 'disclosure',
 *   actor: { role: 'adviser' },
 *   recipient: { role: 'third-party', name: 'parent' },
 *   information: { kind: 'presence', identifiable: true },
 * });
 * d.outcome; // 'deny'
 * window.upsuPolicy.clauses.find((c) => c.id === 'P4')?.text; // 'UPSU will not confirm the client's presence…'
 * @see P4
 */
const api = { evaluate, safeEvaluate, createPolicy, QUESTION_KINDS, clauses: bundledRules.clauses.clauses };
(globalThis as unknown as { upsuPolicy: typeof api }).upsuPolicy = api;

export { api as upsuPolicy };
