import type { Engine } from 'json-rules-engine';
import type { Decision, PolicyRef, TraceCondition, TraceEntry } from '../decision/types.js';
import type { PolicySettings } from '../derive/context.js';
import { FactContext, type FactDefinition } from '../derive/context.js';
import { combine } from './combine.js';
import type { CompiledQuestion, CompiledRule } from './compiled.js';
import { isFactRef } from './fact-ref.js';
import { OPERATORS } from './operators.js';
import type { ConditionJson } from './rule-schema.js';
import { leafTrace } from './trace.js';

/** json-rules-engine run over one question kind's rules: the reference interpreter. */
export interface InterpreterQuestion {
  readonly engine: Engine;
  readonly cq: CompiledQuestion;
}

/** json-rules-engine, imported on first use: `evaluate` never needs it, so importing the library does not load it. */
let jre: Promise<typeof import('json-rules-engine')> | undefined;

/**
 * Builds one json-rules-engine `Engine` for a question kind's rules (once per policy, never per call), with
 * this library's custom operators registered from the same table the compiled path uses.
 */
export async function buildEngine(cq: CompiledQuestion): Promise<InterpreterQuestion> {
  jre ??= import('json-rules-engine');
  const { Engine, Operator } = await jre;
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const [name, op] of Object.entries(OPERATORS))
    if (!op.builtIn)
      engine.addOperator(new Operator(name, (a: unknown, b: unknown) => op.test(a as never, b as never), op.accepts));
  for (const r of [...cq.deciding, ...cq.modifiers]) {
    const { description: _d, ...rule } = structuredClone(r.json);
    engine.addRule(rule as never);
  }
  return { engine, cq };
}

/** A condition in json-rules-engine's results: the trace reads only its `result` and its tree's shape. */
interface JreCondition {
  result?: boolean;
  all?: JreCondition[];
  any?: JreCondition[];
  not?: JreCondition;
}

/**
 * The trace of one condition tree from json-rules-engine's results: its results, with the rule's own condition
 * (`own`, the same tree) for the fact, operator and value, and the facts as derived for the run (`facts`) for the
 * values seen. json-rules-engine copies the conditions into its results with a `for…in` clone, which also copies
 * anything enumerable a polluted Object.prototype holds into the copies of arrays and objects.
 */
function toTrace(c: JreCondition, own: ConditionJson, facts: Record<string, unknown>): TraceCondition {
  if ('all' in own) {
    const all = own.all.map((x, i) => toTrace(c.all?.[i] ?? {}, x, facts));
    return { all, result: all.every((x) => x.result) };
  }
  if ('any' in own) {
    const any = own.any.map((x, i) => toTrace(c.any?.[i] ?? {}, x, facts));
    return { any, result: any.some((x) => x.result) };
  }
  if ('not' in own) {
    const not = toTrace(c.not ?? {}, own.not, facts);
    return { not, result: !not.result };
  }
  // json-rules-engine gives the right-hand value of every condition; the trace shows it where it is a fact's.
  return leafTrace(
    own,
    factOf(facts, own.fact),
    isFactRef(own.value) ? factOf(facts, own.value.fact) : undefined,
    c.result === true,
  );
}

/** A fact's value as derived for the run: an own property of `facts` only. */
const factOf = (facts: Record<string, unknown>, name: string): unknown =>
  Object.hasOwn(facts, name) ? facts[name] : undefined;

/**
 * Decides a validated question with json-rules-engine: every fact derived by the same functions the
 * compiled path uses, passed to `engine.run`, and the fired rules combined by the same {@link combine}.
 */
export async function interpret(
  iq: InterpreterQuestion,
  question: never,
  asOf: string | undefined,
  settings: PolicySettings,
  policy: PolicyRef,
  clauseIds: readonly string[],
  explain: boolean,
): Promise<Decision> {
  const ctx = new FactContext(settings, asOf);
  const facts: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(iq.cq.facts))
    facts[name] = (def as FactDefinition<never>).derive(question, ctx);
  const { results, failureResults } = await iq.engine.run(facts);
  const fired = new Set<string>(results.map((r) => (r as unknown as { name: string }).name));
  const decision = combine(iq.cq, question, ctx, policy, clauseIds, (r: CompiledRule) => fired.has(r.name));
  if (!explain) return decision;
  const byName = new Map<string, JreCondition>();
  for (const r of [...results, ...failureResults]) {
    const rr = r as unknown as { name: string; conditions: JreCondition };
    byName.set(rr.name, rr.conditions);
  }
  const trace: TraceEntry[] = [...iq.cq.deciding, ...iq.cq.modifiers].map((r) => {
    const isFired = fired.has(r.name);
    return {
      rule: r.name,
      file: r.file,
      type: r.type,
      priority: r.priority,
      clauses: r.clauses,
      fired: isFired,
      applied: isFired && (r.kind === 'decide' ? r.type === decision.outcome : r.when.has(decision.outcome)),
      conditions: toTrace(byName.get(r.name) ?? {}, r.json.conditions as ConditionJson, facts),
    };
  });
  return { ...decision, trace };
}
