import type { CodedNote, Reason } from '../decision/types.js';
import type { FactCatalogue, FactContext, FactDefinition, FactValue } from '../derive/context.js';
import type { ConditionJson, RuleJson } from './rule-schema.js';

/** A rule that decides an outcome, or a modifier rule that adds an obligation, remedy or advisory. */
export type RuleKind = 'decide' | 'obligation' | 'remedy' | 'advisory';

/** A value the decision takes from a rule's `event.params.set`: a constant, or a fact read at decision time. */
export type SetValue = { readonly fact: FactDefinition<never> } | { readonly value: unknown };

/** A rule ready to run: its JSON (for the interpreter and docs) and its compiled test. */
export interface CompiledRule {
  readonly name: string;
  readonly file: string;
  readonly kind: RuleKind;
  /** `event.type`: the outcome (deciding rules) or the note kind (modifier rules). */
  readonly type: string;
  readonly priority: number;
  readonly json: RuleJson;
  /** The compiled conditions: plain closures over the fact derivations, no interpretation at run time. */
  readonly test: (question: never, ctx: FactContext) => boolean;
  /** Clauses the rule cites (deciding rules: `params.clauses`; modifiers: their code's clause). */
  readonly clauses: readonly string[];
  /** Deciding rules: the reason entry, built once and frozen. */
  readonly reason: Reason | null;
  /** Modifier rules: the outcomes they apply to. */
  readonly when: ReadonlySet<string>;
  readonly obligations: readonly CodedNote[];
  readonly remedies: readonly CodedNote[];
  readonly advisories: readonly CodedNote[];
  /** Policy-order indexes of the clauses this rule adds to `decision.clauses` (reason + obligations). */
  readonly clauseIndexes: readonly number[];
  readonly set: readonly (readonly [string, SetValue])[];
}

/** The rules of one question kind, in evaluation order. */
export interface CompiledQuestion {
  readonly kind: string;
  readonly title: string;
  readonly outcomes: readonly string[];
  readonly cautious: string;
  /** Deciding rules by priority (highest first), then by load order. */
  readonly deciding: readonly CompiledRule[];
  readonly modifiers: readonly CompiledRule[];
  readonly facts: FactCatalogue<never>;
  /** The reason given when no deciding rule fires (fail closed). */
  readonly notCovered: Reason;
  readonly notCoveredClauseIndexes: readonly number[];
}

type Operators = Readonly<Record<string, { accepts: (v: unknown) => boolean; test: (a: never, b: never) => boolean }>>;
type Test = (q: never, ctx: FactContext) => boolean;

let evalAllowed: boolean | undefined;

/**
 * Compiles a condition tree into one function. Where the runtime allows code generation it is generated
 * JavaScript — one expression, each fact derivation and operator called from its own call site, so V8 can
 * inline them; elsewhere (a Content Security Policy without `unsafe-eval`) a tree of closures
 * ({@link compileConditionClosures}). Both apply json-rules-engine's semantics: the operator's fact-type check,
 * then its test; `all` / `any` short-cut left to right.
 */
export function compileCondition(c: ConditionJson, facts: FactCatalogue<never>, operators: Operators): Test {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = new Function('return true')() === true;
    } catch {
      evalAllowed = false;
    }
  }
  if (!evalAllowed) return compileConditionClosures(c, facts, operators);
  const consts: unknown[] = [];
  const constant = (v: unknown): string => {
    let i = consts.indexOf(v);
    if (i < 0) i = consts.push(v) - 1;
    return `k${i}`;
  };
  const literal = (v: unknown): string =>
    v === null || typeof v === 'boolean' || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))
      ? JSON.stringify(v)
      : constant(v);
  const expr = (c: ConditionJson): string => {
    if ('all' in c) return c.all.length ? `(${c.all.map(expr).join(' && ')})` : 'true';
    if ('any' in c) return c.any.length ? `(${c.any.map(expr).join(' || ')})` : 'false';
    if ('not' in c) return `!${expr(c.not)}`;
    const fact = `${constant((facts[c.fact] as FactDefinition<never>).derive)}(q, ctx)`;
    const op = operators[c.operator] as { accepts: (v: unknown) => boolean; test: (a: never, b: never) => boolean };
    const v = c.value;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'fact' in v) {
      const other = `${constant((facts[(v as { fact: string }).fact] as FactDefinition<never>).derive)}(q, ctx)`;
      return `((a) => ${constant(op.accepts)}(a) && ${constant(op.test)}(a, ${other}))(${fact})`;
    }
    if (c.operator === 'equal') return `(${fact} === ${literal(v)})`;
    if (c.operator === 'notEqual') return `(${fact} !== ${literal(v)})`;
    if (c.operator === 'in' && Array.isArray(v)) return `(${constant(v)}.indexOf(${fact}) > -1)`;
    if (c.operator === 'notIn' && Array.isArray(v)) return `(${constant(v)}.indexOf(${fact}) === -1)`;
    return `((a) => ${constant(op.accepts)}(a) && ${constant(op.test)}(a, ${literal(v)}))(${fact})`;
  };
  const body = expr(c);
  const names = consts.map((_, i) => `k${i}`);
  return new Function(...names, `"use strict";\nreturn function test(q, ctx) { return ${body}; };`)(...consts) as Test;
}

/** Compiles a condition tree into a closure that derives each fact and applies the operator directly. */
export function compileConditionClosures(
  c: ConditionJson,
  facts: FactCatalogue<never>,
  operators: Readonly<Record<string, { accepts: (v: unknown) => boolean; test: (a: never, b: never) => boolean }>>,
): (q: never, ctx: FactContext) => boolean {
  if ('all' in c) {
    const parts = c.all.map((x) => compileCondition(x, facts, operators));
    if (parts.length === 1) return parts[0] as (q: never, ctx: FactContext) => boolean;
    if (parts.length === 2) {
      const [a, b] = parts as [(q: never, ctx: FactContext) => boolean, (q: never, ctx: FactContext) => boolean];
      return (q, ctx) => a(q, ctx) && b(q, ctx);
    }
    return (q, ctx) => {
      for (let i = 0; i < parts.length; i++)
        if (!(parts[i] as (q: never, ctx: FactContext) => boolean)(q, ctx)) return false;
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map((x) => compileCondition(x, facts, operators));
    return (q, ctx) => {
      for (let i = 0; i < parts.length; i++)
        if ((parts[i] as (q: never, ctx: FactContext) => boolean)(q, ctx)) return true;
      return false;
    };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not, facts, operators);
    return (q, ctx) => !inner(q, ctx);
  }
  const fact = (facts[c.fact] as FactDefinition<never>).derive;
  const op = operators[c.operator] as { accepts: (v: unknown) => boolean; test: (a: never, b: never) => boolean };
  const accepts = op.accepts;
  const test = op.test as (a: FactValue, b: unknown) => boolean;
  const v = c.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'fact' in v) {
    const other = (facts[(v as { fact: string }).fact] as FactDefinition<never>).derive;
    return (q, ctx) => {
      const a = fact(q, ctx);
      return accepts(a) && test(a, other(q, ctx));
    };
  }
  // The commonest shapes get a closure with no indirection at all.
  if (c.operator === 'equal') return (q, ctx) => fact(q, ctx) === v;
  if (c.operator === 'notEqual') return (q, ctx) => fact(q, ctx) !== v;
  if (c.operator === 'in' && Array.isArray(v)) {
    const values = v as unknown[];
    return (q, ctx) => values.indexOf(fact(q, ctx)) > -1;
  }
  if (c.operator === 'notIn' && Array.isArray(v)) {
    const values = v as unknown[];
    return (q, ctx) => values.indexOf(fact(q, ctx)) === -1;
  }
  return (q, ctx) => {
    const a = fact(q, ctx);
    return accepts(a) && test(a, v);
  };
}
