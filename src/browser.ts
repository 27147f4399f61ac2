// Entry of the browser bundle (dist/browser/upsu-policy.global.js): the real library, no server, and
// `window.upsuPolicy` so a page (the docs' checker) can script it.
import { evaluate, safeEvaluate } from './decision/evaluate.js';
import type { Issue } from './decision/types.js';
import { createPolicy } from './engine/policy.js';
import { parseInputJson } from './engine/strict-json.js';
import { QUESTION_KINDS } from './facts/constants.js';
import { inputJsonIssues } from './facts/validate.js';
import { bundledRules } from './generated/rules.js';

/**
 * A question typed as JSON text, read as `upsu-policy decide` reads it: a key written twice in one object is
 * refused (`invalid-json` at the key), not read last-wins; text that is not JSON is one `invalid-json` issue. No
 * issue repeats the text.
 *
 * @example
 * parseQuestion('{"question":"access","actor":{"role":"dpo"},"actor":{"role":"adviser"}}');
 * // { ok: false, issues: [{ path: ['actor'], code: 'invalid-json', message: '…twice…' }] }
 * @see P1
 */
function parseQuestion(text: string): { ok: true; value: unknown } | { ok: false; issues: Issue[] } {
  const parsed = parseInputJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return { ok: false, issues: inputJsonIssues(parsed) };
}

/**
 * What the browser bundle puts on `window.upsuPolicy`: the same `evaluate` and `safeEvaluate` as the package
 * (the bundled rules, compiled in the page), the question kinds, the clause catalogue (id and text of all
 * 44 clauses) so a page can show the clauses a decision cites, and `createPolicy` to compile another rule
 * bundle in the page (the generated docs' checker compiles the very rules its book describes), and
 * `parseQuestion` to read a question typed as JSON as the command line does (a key written twice is refused).
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
const api = {
  evaluate,
  safeEvaluate,
  createPolicy,
  parseQuestion,
  QUESTION_KINDS,
  clauses: bundledRules.clauses.clauses,
};
(globalThis as unknown as { upsuPolicy: typeof api }).upsuPolicy = api;

export { api as upsuPolicy };
