// Entry of the browser bundle (dist/browser/upsu-policy.global.js): the real library, no server, and
// `window.upsuPolicy` so a page (the docs' checker) can script it.
import { evaluate, safeEvaluate } from './decision/evaluate.js';
import { QUESTION_KINDS } from './facts/questions.js';
import { bundledRules } from './generated/rules.js';

const api = { evaluate, safeEvaluate, QUESTION_KINDS, clauses: bundledRules.clauses.clauses };
(globalThis as unknown as { upsuPolicy: typeof api }).upsuPolicy = api;

export { api as upsuPolicy };
