import type { TraceCondition, TraceEntry } from '../decision/types.js';
import type { FactContext, FactDefinition } from '../derive/context.js';
import type { CompiledQuestion, CompiledRule } from './compiled.js';
import { isFactRef } from './fact-ref.js';
import { applyOperator, OPERATORS } from './operators.js';
import type { ConditionJson } from './rule-schema.js';

/** Evaluates a condition tree in full (no short cut), keeping every fact value seen and every result. */
export function traceCondition(c: ConditionJson, cq: CompiledQuestion, q: never, ctx: FactContext): TraceCondition {
  if ('all' in c) {
    const all = c.all.map((x) => traceCondition(x, cq, q, ctx));
    return { all, result: all.every((x) => x.result) };
  }
  if ('any' in c) {
    const any = c.any.map((x) => traceCondition(x, cq, q, ctx));
    return { any, result: any.some((x) => x.result) };
  }
  if ('not' in c) {
    const not = traceCondition(c.not, cq, q, ctx);
    return { not, result: !not.result };
  }
  const derive = (name: string) => (cq.facts[name] as FactDefinition<never>).derive(q, ctx);
  const factResult = derive(c.fact);
  const v = c.value;
  const value = isFactRef(v) ? derive(v.fact) : v;
  const op = OPERATORS[c.operator];
  return leafTrace(c, factResult, value, op ? applyOperator(op, factResult, value) : false);
}

/**
 * One condition's trace, as both paths give it (the compiled path above, json-rules-engine's results in
 * interpreter.ts): the value compared with is shown as `valueResult` only when it is another fact's (a date worked
 * out, a setting), since the rule's own `value` only names that fact.
 */
export function leafTrace(
  c: { readonly fact: string; readonly operator: string; readonly value?: unknown },
  factResult: unknown,
  valueResult: unknown,
  result: boolean,
): TraceCondition {
  const base = { fact: c.fact, operator: c.operator, value: c.value, factResult };
  return isFactRef(c.value) ? { ...base, valueResult, result } : { ...base, result };
}

/** Every rule of a question as evaluated: the explain trace of the compiled path. */
export function traceQuestion(
  cq: CompiledQuestion,
  q: never,
  ctx: FactContext,
  applied: (rule: CompiledRule, fired: boolean) => boolean,
): TraceEntry[] {
  return [...cq.deciding, ...cq.modifiers].map((r) => {
    const conditions = traceCondition(r.json.conditions as ConditionJson, cq, q, ctx);
    return {
      rule: r.name,
      file: r.file,
      type: r.type,
      priority: r.priority,
      clauses: r.clauses,
      fired: conditions.result,
      applied: applied(r, conditions.result),
      conditions,
    };
  });
}
