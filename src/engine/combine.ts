import type { CodedNote, Decision, PolicyRef, Reason, TraceEntry } from '../decision/types.js';
import type { FactContext } from '../derive/context.js';
import { type CompiledQuestion, type CompiledRule, canGenerate, compileDecider } from './compiled.js';
import { COLLECTED, SETTABLE } from './load.js';
import { OPERATORS } from './operators.js';

/**
 * What a set of applied rules makes of a decision, apart from `set` values read from facts: worked out once
 * per distinct set of applied rules and kept.
 */
interface Shape {
  readonly outcome: string;
  readonly clauses: readonly string[];
  readonly reasons: readonly Reason[];
  readonly obligations: readonly CodedNote[];
  readonly remedies: readonly CodedNote[];
  readonly advisories: readonly CodedNote[];
  /**
   * The decision fields the applied rules set, in SETTABLE order, each with the values the rules give it in the
   * order they apply (the first is kept, or all collected); null when no rule sets any.
   */
  readonly fields: readonly (readonly [key: string, values: readonly SetValue[]])[] | null;
  /**
   * Generated code that builds the decision with array and object literals: made once the shape has built
   * {@link GENERATE_AFTER} decisions the generic way (null until then, and where code cannot be generated).
   */
  build: ((q: never, ctx: FactContext, policy: PolicyRef) => Decision) | null;
  /** Decisions built the generic way, counted until the shape's code is generated; -1: never generate. */
  uses: number;
}

/** What combining works out once per question kind. */
interface Plan {
  /** The shapes seen, keyed by the applied rules as a bit set (rule i → 2^i; modifier j → 2^(deciding + j)). */
  readonly shapes: Map<number, Shape>;
  /** The modifiers that apply to each outcome (their `when` has it), with their index among the modifiers. */
  readonly modifiersFor: ReadonlyMap<string, readonly (readonly [CompiledRule, number])[]>;
  /** The rules run as {@link combine} runs them, as generated code returning the bit set (compiled path). */
  readonly decider: ((q: never, ctx: FactContext) => number) | null;
}
const plans = new WeakMap<CompiledQuestion, Plan>();
/** A rule's value for a decision field: a constant, or a fact derived for the question. */
type SetValue = CompiledRule['set'][number][1];

/** Bit sets are plain numbers: exact up to 2^53, so questions with more rules than that are not memoised. */
const MAX_RULES = 52;
/** 2^i, looked up: `2 ** i` is a runtime call in V8, a table read is not. */
const BIT: readonly number[] = Array.from({ length: MAX_RULES + 1 }, (_, i) => 2 ** i);
/** Distinct rule combinations kept per question kind; beyond it shapes are still built, just not kept. */
const MAX_SHAPES = 4096;
/**
 * Decisions a kept shape builds the generic way (one object literal in {@link decisionOf}, the shape's arrays
 * copied) before code of its own is generated for it. Generating costs tens of microseconds, V8 compiles and
 * optimises each generated function on its own, and the one call site of them all sees hundreds: over a
 * varied stream of disclosure questions (hundreds of shapes, most of them rare) code for every shape was
 * 15–30 % slower than none, while for kinds with a few shapes, each seen thousands of times, code is faster.
 * Measured in bench/NOTES.md ("2026-12-03, sixth session").
 */
export const GENERATE_AFTER = 1024;
/** How many shapes have had their code generated in this process (read by the tests). */
let generatedShapes = 0;
/** The number of shapes whose code has been generated so far in this process; for the tests, not exported by the package. */
export function generatedShapeCount(): number {
  return generatedShapes;
}

/** The last question kind asked and its plan: repeated questions of one kind skip the WeakMap. */
let lastCq: CompiledQuestion | undefined;
let lastPlan: Plan | undefined;

function planOf(cq: CompiledQuestion): Plan {
  if (cq === lastCq) return lastPlan as Plan;
  let plan = plans.get(cq);
  if (!plan) {
    const modifiersFor = new Map<string, (readonly [CompiledRule, number])[]>();
    const outcomes = new Set([cq.cautious, ...cq.outcomes, ...cq.deciding.map((r) => r.type)]);
    for (const o of outcomes)
      modifiersFor.set(
        o,
        cq.modifiers.flatMap((m, j) => (m.when.has(o) ? [[m, j] as const] : [])),
      );
    plan = { shapes: new Map(), modifiersFor, decider: compileDecider(cq, OPERATORS, MAX_RULES) };
    plans.set(cq, plan);
  }
  lastCq = cq;
  lastPlan = plan;
  return plan;
}

/**
 * Combines the rules of a question into a decision. The deciding rules are an ordered list: the first that
 * fires (highest priority) decides the outcome — each deny sits above the permits it overrides — and
 * every other fired rule with the same outcome adds its reason. Modifier rules add their obligation,
 * remedy or advisory when they fire and the outcome is one of theirs. No deciding rule fired: the question's
 * most cautious outcome, with the reason `not-covered` (fail closed).
 *
 * `fires` says whether a rule fired: the json-rules-engine interpreter looks it up in the engine's results.
 * The compiled path ({@link decideCompiled}) runs the same order as generated code. Both end in the same
 * step, which turns the set of applied rules into the decision, so they cannot combine differently; the
 * differential test (test/differential.test.ts) checks that they pick the same rules.
 *
 * Which rules apply is all that shapes a decision's outcome, clauses, reasons and notes, so that part is
 * built once per distinct set of applied rules and copied (fresh arrays, the same frozen entries) after;
 * only `set` values that read a fact are worked out on every call.
 */
export function combine(
  cq: CompiledQuestion,
  question: never,
  ctx: FactContext,
  policy: PolicyRef,
  clauseIds: readonly string[],
  fires: (rule: CompiledRule) => boolean,
  trace?: readonly TraceEntry[],
): Decision {
  const deciding = cq.deciding;
  const nd = deciding.length;
  let at = -1;
  for (let i = 0; i < nd; i++) {
    if (fires(deciding[i] as CompiledRule)) {
      at = i;
      break;
    }
  }
  const outcome = at < 0 ? cq.cautious : (deciding[at] as CompiledRule).type;
  const applied: CompiledRule[] = [];
  let key = 0;
  if (at >= 0) {
    key = BIT[at] as number;
    applied.push(deciding[at] as CompiledRule);
    for (let i = at + 1; i < nd; i++) {
      const r = deciding[i] as CompiledRule;
      if (r.type === outcome && fires(r)) {
        key += BIT[i] as number;
        applied.push(r);
      }
    }
  }
  const plan = planOf(cq);
  const mods = plan.modifiersFor.get(outcome) as readonly (readonly [CompiledRule, number])[];
  for (let j = 0; j < mods.length; j++) {
    const [m, index] = mods[j] as readonly [CompiledRule, number];
    if (fires(m)) {
      key += BIT[nd + index] as number;
      applied.push(m);
    }
  }
  const shape =
    nd + cq.modifiers.length <= MAX_RULES
      ? shapeOf(cq, plan, key, clauseIds)
      : buildShape(cq, outcome, at, applied, clauseIds, false);
  return decisionOf(cq, shape, question, ctx, policy, trace);
}

/**
 * The compiled path: the question kind's generated decider says which rules apply, then the same step as
 * {@link combine} builds the decision. Falls back to {@link combine} with each rule's compiled test where
 * code cannot be generated.
 */
export function decideCompiled(
  cq: CompiledQuestion,
  question: never,
  ctx: FactContext,
  policy: PolicyRef,
  clauseIds: readonly string[],
): Decision {
  const plan = planOf(cq);
  if (plan.decider === null) return combine(cq, question, ctx, policy, clauseIds, (r) => r.test(question, ctx));
  return decisionOf(cq, shapeOf(cq, plan, plan.decider(question, ctx), clauseIds), question, ctx, policy);
}

function shapeOf(cq: CompiledQuestion, plan: Plan, key: number, clauseIds: readonly string[]): Shape {
  let shape = plan.shapes.get(key);
  if (!shape) {
    const applied = rulesOf(cq, key);
    const first = applied[0];
    const at = first !== undefined && first.kind === 'decide' ? cq.deciding.indexOf(first) : -1;
    // A shape that is not kept is built for this one decision and never gets code of its own: generating it
    // (`new Function`, tens of microseconds, and code space until it is collected) would cost more than the
    // generic build it replaces.
    const keep = plan.shapes.size < MAX_SHAPES;
    shape = buildShape(cq, at < 0 ? cq.cautious : (first as CompiledRule).type, at, applied, clauseIds, keep);
    if (keep) plan.shapes.set(key, shape);
  }
  return shape;
}

function decisionOf(
  cq: CompiledQuestion,
  shape: Shape,
  question: never,
  ctx: FactContext,
  policy: PolicyRef,
  trace?: readonly TraceEntry[],
): Decision {
  if (trace === undefined) {
    if (shape.build !== null) return shape.build(question, ctx, policy);
    if (shape.uses >= 0 && ++shape.uses >= GENERATE_AFTER) {
      shape.uses = -1;
      if (canGenerate()) {
        shape.build = builder(cq.kind, shape);
        generatedShapes++;
      }
    }
  }
  let decision: Record<string, unknown>;
  if (shape.fields === null)
    decision = {
      question: cq.kind,
      outcome: shape.outcome,
      clauses: shape.clauses.slice(),
      reasons: shape.reasons.slice(),
      obligations: shape.obligations.slice(),
      remedies: shape.remedies.slice(),
      advisories: shape.advisories.slice(),
      policy,
    };
  else {
    // Field by field, as `builder` generates it: the first value kept or all collected. Nothing is looked up by
    // name in an object, so nothing a polluted Object.prototype holds can be read as a field.
    decision = { question: cq.kind, outcome: shape.outcome };
    for (const [key, svs] of shape.fields) {
      const values = svs.map((sv) => ('fact' in sv ? sv.fact.derive(question, ctx) : sv.value));
      decision[key] = COLLECTED.has(key) ? collect(values) : values[0];
    }
    decision.clauses = shape.clauses.slice();
    decision.reasons = shape.reasons.slice();
    decision.obligations = shape.obligations.slice();
    decision.remedies = shape.remedies.slice();
    decision.advisories = shape.advisories.slice();
    decision.policy = policy;
  }
  if (trace) decision.trace = trace;
  return decision as unknown as Decision;
}

/** The applied rules of a bit set, in the order they apply: deciding rules by priority, then modifiers. */
function rulesOf(cq: CompiledQuestion, key: number): CompiledRule[] {
  const out: CompiledRule[] = [];
  const all = [...cq.deciding, ...cq.modifiers];
  for (let i = 0; i < all.length; i++)
    if (Math.floor(key / (BIT[i] as number)) % 2 === 1) out.push(all[i] as CompiledRule);
  return out;
}

function buildShape(
  cq: CompiledQuestion,
  outcome: string,
  at: number,
  applied: readonly CompiledRule[],
  clauseIds: readonly string[],
  kept: boolean,
): Shape {
  const reasons: Reason[] = [];
  let indexes: number[] = [];
  const obligations: CodedNote[] = [];
  const remedies: CodedNote[] = [];
  const advisories: CodedNote[] = [];
  if (at < 0) {
    reasons.push(cq.notCovered);
    indexes = cq.notCoveredClauseIndexes.slice();
  }
  for (const r of applied) {
    if (r.reason) reasons.push(r.reason);
    for (const i of r.clauseIndexes) indexes.push(i);
    addNotes(obligations, r.obligations);
    addNotes(remedies, r.remedies);
    addNotes(advisories, r.advisories);
  }
  const fields: [string, SetValue[]][] = [];
  for (const key of SETTABLE) {
    const values = applied.flatMap((r) => r.set.filter(([k]) => k === key).map(([, sv]) => sv));
    if (values.length) fields.push([key, values]);
  }
  // Not frozen: the arrays never leave this module (decisions get copies), and V8 copies a frozen array with
  // `slice()` tens of times slower than a plain one.
  const clauses = clauseList(indexes, clauseIds);
  return {
    outcome,
    clauses,
    reasons,
    obligations,
    remedies,
    advisories,
    fields: fields.length ? fields : null,
    build: null,
    uses: kept ? 0 : -1,
  };
}

/**
 * `missing` / `violations`: every setter's value in order, arrays spread (a rule may add several entries at once),
 * equal entries kept once — the same value, or an object whose JSON is an earlier object's. Each entry's JSON is
 * worked out at most once: comparing every pair with `JSON.stringify` was over a third of a breach decision's time.
 */
function collect(values: readonly unknown[]): unknown[] {
  const list: unknown[] = [];
  /** The JSON of each object in `list`, at the same index (undefined for other values). */
  const json: (string | undefined)[] = [];
  for (const v of values)
    for (const item of Array.isArray(v) ? v : [v]) {
      let itemJson: string | undefined;
      let found = false;
      for (let i = 0; i < list.length && !found; i++) {
        if (list[i] === item) found = true;
        else {
          const x = json[i];
          if (x !== undefined) found = x === (itemJson ??= JSON.stringify(item));
        }
      }
      if (found) continue;
      list.push(item);
      json.push(typeof item === 'object' ? (itemJson ?? JSON.stringify(item)) : undefined);
    }
  return list;
}

/**
 * Generates the function that builds one shape's decisions: one object literal, fresh array literals holding
 * the shape's (frozen, shared) entries, and the `set` fields in {@link SETTABLE} order — for `escalateTo`,
 * `destroyAfter`, `nextStep`, `respondBy` the first applied rule's value, for `missing` and `violations` every
 * applied rule's values collected — exactly what the generic path of `decisionOf` builds.
 */
function builder(kind: string, shape: Shape): (q: never, ctx: FactContext, policy: PolicyRef) => Decision {
  const { outcome, clauses, reasons, obligations, remedies, advisories } = shape;
  const consts: unknown[] = [collect];
  const constant = (v: unknown) => `k${consts.push(v) - 1}`;
  const list = (xs: readonly unknown[]) => `[${xs.map(constant).join(', ')}]`;
  const setValueSource = (sv: SetValue) => ('fact' in sv ? `${constant(sv.fact.derive)}(q, ctx)` : constant(sv.value));
  let fields = '';
  for (const [key, svs] of shape.fields ?? []) {
    const values = svs.map(setValueSource);
    fields += COLLECTED.has(key)
      ? `${JSON.stringify(key)}: k0([${values.join(', ')}]), `
      : `${JSON.stringify(key)}: ${values[0]}, `;
  }
  const body = `return { question: ${JSON.stringify(kind)}, outcome: ${JSON.stringify(outcome)}, ${fields}clauses: ${JSON.stringify(clauses)}, reasons: ${list(reasons)}, obligations: ${list(obligations)}, remedies: ${list(remedies)}, advisories: ${list(advisories)}, policy };`;
  const names = consts.map((_, i) => `k${i}`);
  return new Function(...names, `"use strict";\nreturn function build(q, ctx, policy) { ${body} };`)(...consts) as (
    q: never,
    ctx: FactContext,
    policy: PolicyRef,
  ) => Decision;
}

function addNotes(out: CodedNote[], add: readonly CodedNote[]): void {
  for (const n of add) if (!out.some((x) => x.code === n.code)) out.push(n);
}

function clauseList(indexes: number[], ids: readonly string[]): string[] {
  if (indexes.length > 1) indexes.sort((a, b) => a - b);
  const out: string[] = [];
  let last = -1;
  for (const i of indexes) {
    if (i !== last) out.push(ids[i] as string);
    last = i;
  }
  return out;
}
