import type { CodedNote, Reason } from '../decision/types.js';
import type { FactCatalogue, FactContext, FactDefinition, FactValue } from '../derive/context.js';
import { isFactRef } from './fact-ref.js';
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
  /**
   * The compiled conditions, no interpretation at run time: compiled on the first call (load.ts), as deciding uses
   * the question kind's generated decider and needs a single rule's test only where that cannot be generated.
   */
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
  if (!canGenerate()) return compileConditionClosures(c, facts, operators);
  const gen = new ConditionSource(facts, operators);
  const body = gen.expr(c);
  return gen.build(`return function test(q, ctx) { return ${body}; };`) as Test;
}

/** Whether this runtime allows `new Function` (a Content Security Policy may forbid it). */
export function canGenerate(): boolean {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = new Function('return true')() === true;
    } catch {
      evalAllowed = false;
    }
  }
  return evalAllowed;
}

/** JavaScript source for condition trees, with the functions and values they use passed in as constants. */
class ConditionSource {
  private readonly consts: unknown[] = [];
  /** With `memo`: each fact is derived at most once per call, into the array `m` the caller passes. */
  readonly memoFacts: string[] = [];
  constructor(
    private readonly facts: FactCatalogue<never>,
    private readonly operators: Operators,
    private readonly memo = false,
  ) {}
  /** A fact's value: a call to its derivation, or (with `memo`) the value derived already in this call. */
  fact(name: string): string {
    const call = `${this.constant((this.facts[name] as FactDefinition<never>).derive)}(q, ctx)`;
    if (!this.memo) return call;
    let i = this.memoFacts.indexOf(name);
    if (i < 0) i = this.memoFacts.push(name) - 1;
    return `(m[${i}] !== undefined ? m[${i}] : (m[${i}] = ${call}))`;
  }
  constant(v: unknown): string {
    let i = this.consts.indexOf(v);
    if (i < 0) i = this.consts.push(v) - 1;
    return `k${i}`;
  }
  literal(v: unknown): string {
    return v === null ||
      typeof v === 'boolean' ||
      typeof v === 'string' ||
      (typeof v === 'number' && Number.isFinite(v))
      ? JSON.stringify(v)
      : this.constant(v);
  }
  expr(c: ConditionJson): string {
    if ('all' in c) return c.all.length ? `(${c.all.map((x) => this.expr(x)).join(' && ')})` : 'true';
    if ('any' in c) return c.any.length ? `(${c.any.map((x) => this.expr(x)).join(' || ')})` : 'false';
    if ('not' in c) return `!${this.expr(c.not)}`;
    const fact = this.fact(c.fact);
    const op = this.operators[c.operator] as {
      accepts: (v: unknown) => boolean;
      test: (a: never, b: never) => boolean;
    };
    const v = c.value;
    if (isFactRef(v)) {
      const other = this.fact(v.fact);
      return `((a) => ${this.constant(op.accepts)}(a) && ${this.constant(op.test)}(a, ${other}))(${fact})`;
    }
    if (c.operator === 'equal') return `(${fact} === ${this.literal(v)})`;
    if (c.operator === 'notEqual') return `(${fact} !== ${this.literal(v)})`;
    if (c.operator === 'in' && Array.isArray(v)) return `(${this.constant(v)}.indexOf(${fact}) > -1)`;
    if (c.operator === 'notIn' && Array.isArray(v)) return `(${this.constant(v)}.indexOf(${fact}) === -1)`;
    return `((a) => ${this.constant(op.accepts)}(a) && ${this.constant(op.test)}(a, ${this.literal(v)}))(${fact})`;
  }
  build(body: string): unknown {
    const names = this.consts.map((_, i) => `k${i}`);
    return new Function(...names, `"use strict";\n${body}`)(...this.consts);
  }
}

/**
 * Generates one function per question kind that runs its rules as {@link combine} does — deciding rules in
 * priority order until one fires; then the later rules of the same outcome; then the modifier rules whose
 * `when` has the outcome — and returns which applied, as a bit set (deciding rule i → 2^i, modifier j →
 * 2^(deciding + j)). Each rule's conditions are a local function called from its own sites, so V8 inlines
 * them. `null` where code generation is not allowed or the rules do not fit in a bit set.
 */
export function compileDecider(
  cq: Pick<CompiledQuestion, 'deciding' | 'modifiers' | 'cautious' | 'facts'>,
  operators: Operators,
  maxRules: number,
): ((q: never, ctx: FactContext) => number) | null {
  const nd = cq.deciding.length;
  if (!canGenerate() || nd + cq.modifiers.length > maxRules) return null;
  // Facts are pure functions of the question (and the call's context), so each is derived once per call and
  // kept in `m` (a fact that gives `undefined` is simply derived again).
  const gen = new ConditionSource(cq.facts, operators, true);
  const rules = [...cq.deciding, ...cq.modifiers];
  const bit = (i: number) => String(2 ** i);
  let src = rules
    .map((r, i) => `const t${i} = (q, ctx, m) => ${gen.expr(r.json.conditions as ConditionJson)};\n`)
    .join('');
  const modifiersFor = (outcome: string) =>
    cq.modifiers
      .map((m, j) => (m.when.has(outcome) ? `if (t${nd + j}(q, ctx, m)) key += ${bit(nd + j)};\n` : ''))
      .join('');
  const memo = `[${gen.memoFacts.map(() => 'undefined').join(', ')}]`;
  src += `return function decide(q, ctx) {\nlet key = 0;\nconst m = ${memo};\n`;
  cq.deciding.forEach((r, i) => {
    src += `if (t${i}(q, ctx, m)) {\nkey = ${bit(i)};\n`;
    for (let k = i + 1; k < nd; k++)
      if ((cq.deciding[k] as CompiledRule).type === r.type) src += `if (t${k}(q, ctx, m)) key += ${bit(k)};\n`;
    src += `${modifiersFor(r.type)}return key;\n}\n`;
  });
  src += `${modifiersFor(cq.cautious)}return key;\n};`;
  return gen.build(src) as (q: never, ctx: FactContext) => number;
}

/** Compiles a condition tree into a closure that derives each fact and applies the operator directly. */
export function compileConditionClosures(
  c: ConditionJson,
  facts: FactCatalogue<never>,
  operators: Readonly<Record<string, { accepts: (v: unknown) => boolean; test: (a: never, b: never) => boolean }>>,
): (q: never, ctx: FactContext) => boolean {
  if ('all' in c) {
    const parts = c.all.map((x) => compileConditionClosures(x, facts, operators));
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
    const parts = c.any.map((x) => compileConditionClosures(x, facts, operators));
    return (q, ctx) => {
      for (let i = 0; i < parts.length; i++)
        if ((parts[i] as (q: never, ctx: FactContext) => boolean)(q, ctx)) return true;
      return false;
    };
  }
  if ('not' in c) {
    const inner = compileConditionClosures(c.not, facts, operators);
    return (q, ctx) => !inner(q, ctx);
  }
  const fact = (facts[c.fact] as FactDefinition<never>).derive;
  const op = operators[c.operator] as { accepts: (v: unknown) => boolean; test: (a: never, b: never) => boolean };
  const accepts = op.accepts;
  const test = op.test as (a: FactValue, b: unknown) => boolean;
  const v = c.value;
  if (isFactRef(v)) {
    const other = (facts[v.fact] as FactDefinition<never>).derive;
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
