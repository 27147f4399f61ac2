import { readFileSync } from 'node:fs';
import { printable } from '../audit/format.js';
import { kindOfValue } from '../decision/errors.js';
import { FACTS } from '../derive/facts/index.js';
import { isFactRef } from '../engine/fact-ref.js';
import { sha256Hex } from '../engine/hash.js';
import { createPolicy, type Policy } from '../engine/policy.js';
import type { ConditionJson, RuleBundle, RuleJson } from '../engine/rule-schema.js';
import { parseRulesJson } from '../engine/strict-json.js';
import { loadScenarios, runScenarioSync, runScenariosSync, type ScenarioFile } from './run.js';

/**
 * Mutation testing of the policy's own scenarios. Each mutant is the rule bundle with one small fault put in
 * one rule, the way access-control policy mutation does it (Martin & Xie, "A fault model and mutation testing
 * of access control policies", 2007): flip a rule's outcome, remove a rule, make a condition always true or
 * always false, negate a condition, swap a comparison operator, drop one condition of an `all`/`any`, read
 * another fact of the same type. A mutant is compiled with `createPolicy` and the whole scenario suite runs
 * against it; it is *killed* when any scenario's expectation fails (its `fires` check included) or when the
 * mutant does not load. A mutant no scenario kills *survives*: the scenarios do not pin that part of the rule.
 * Mutants that cannot change any decision (equivalent mutants) are listed, with the reason, in
 * `rules/equivalent-mutants.json` and left out of the score.
 */

/** The kinds of fault a mutant carries. */
export type MutationOperator =
  | 'flip-outcome'
  | 'remove-rule'
  | 'condition-true'
  | 'condition-false'
  | 'negate-condition'
  | 'swap-operator'
  | 'drop-condition'
  | 'change-fact';

export const MUTATION_OPERATORS: readonly MutationOperator[] = [
  'flip-outcome',
  'remove-rule',
  'condition-true',
  'condition-false',
  'negate-condition',
  'swap-operator',
  'drop-condition',
  'change-fact',
];

/** One mutant: where the fault is, and the bundle that carries it. */
export interface Mutant {
  /** Stable id: `<file>#<rule>:<operator>[@<condition path>][:<detail>]`. */
  readonly id: string;
  readonly file: string;
  readonly rule: string;
  readonly question: string;
  /** The clause the rule belongs to: a deciding rule's primary clause, a modifier's code's clause. */
  readonly clause: string;
  readonly operator: MutationOperator;
  /** What was changed, in words. */
  readonly description: string;
  readonly bundle: RuleBundle;
}

/** A mutant's fate. */
export interface MutantResult {
  readonly id: string;
  readonly file: string;
  readonly rule: string;
  readonly question: string;
  readonly clause: string;
  readonly operator: MutationOperator;
  readonly description: string;
  readonly status: 'killed' | 'survived' | 'equivalent';
  /** Killed: the first scenario that failed against it, or `does not load`. */
  readonly killedBy?: string;
  /** Equivalent: why it cannot change a decision. */
  readonly reason?: string;
}

/** What {@link runMutation} returns. */
export interface MutationReport {
  /** Mutants counted in the score (every generated mutant except the equivalent ones). */
  readonly total: number;
  readonly killed: number;
  readonly survived: readonly MutantResult[];
  readonly equivalent: readonly MutantResult[];
  /** Ids listed as equivalent that no longer match a generated mutant (the list is stale). */
  readonly staleEquivalents: readonly string[];
  /** Ids listed as equivalent that a scenario nevertheless kills (so they are not equivalent). */
  readonly killedEquivalents: readonly string[];
  /**
   * Ids listed as equivalent whose rule's conditions changed since (their `conditionsHash` is not the rule's):
   * the reason may no longer hold, so they are counted like any other mutant until the entry is checked again.
   */
  readonly changedEquivalents: readonly { readonly id: string; readonly conditionsHash: string }[];
  /** Killed because the rule integrity checks refuse the mutant (not by a scenario). */
  readonly killedByLoading: number;
  /** Scenarios that fail against the unmutated rules: left out of the analysis (they would kill every mutant). */
  readonly baselineFailures: readonly string[];
  /** killed / total × 100 (100 when there are no mutants). */
  readonly score: number;
  readonly scenarios: number;
  readonly mutants: readonly MutantResult[];
  readonly byOperator: Readonly<Record<string, { total: number; killed: number }>>;
  readonly durationMs: number;
}

/** Options of {@link runMutation}. */
export interface MutationOptions {
  /** The rules to mutate: `bundledRules`, or `readRulesFolder(dir)`. */
  policyBundle: RuleBundle;
  /** Folders holding `*.cases.json` scenario files (searched recursively). */
  scenarioDirs: string[];
  /** A JSON file `{ "mutants": [{ "id", "reason" }] }` of equivalent mutants (e.g. `rules/equivalent-mutants.json`). */
  equivalentFile?: string;
  /** Only mutants whose id includes this string (for working on one rule). */
  filter?: string;
}

const clone = <T>(x: T): T => structuredClone(x);

const SWAPS: Readonly<Record<string, readonly string[]>> = {
  equal: ['notEqual'],
  notEqual: ['equal'],
  in: ['notIn'],
  notIn: ['in'],
  contains: ['doesNotContain'],
  doesNotContain: ['contains'],
  lessThan: ['lessThanInclusive', 'greaterThanInclusive'],
  lessThanInclusive: ['lessThan', 'greaterThan'],
  greaterThan: ['greaterThanInclusive', 'lessThanInclusive'],
  greaterThanInclusive: ['greaterThan', 'lessThan'],
  dateAfter: ['dateOnOrBefore'],
  dateOnOrBefore: ['dateAfter'],
};

/** `{ all: [] }` holds for every question, `{ not: { all: [] } }` for none (json-rules-engine and the compiler agree). */
const ALWAYS_TRUE: ConditionJson = { all: [] };
// Not `{ any: [] }`, which the rule integrity checks refuse as never true (it would be killed without a scenario).
const ALWAYS_FALSE: ConditionJson = { not: { all: [] } };

type Leaf = { fact: string; operator: string; value: unknown };
const isLeaf = (c: ConditionJson): c is Leaf => 'fact' in c;

/** Every condition node under the top one, with its path (`all.0`, `all.1.any.0`, …) and its parent. */
function nodes(
  c: ConditionJson,
  path: string[] = [],
): { node: ConditionJson; path: string[]; parentLength: number | null }[] {
  const out: { node: ConditionJson; path: string[]; parentLength: number | null }[] = [];
  const kids = 'all' in c ? c.all : 'any' in c ? c.any : null;
  const key = 'all' in c ? 'all' : 'any';
  if (kids)
    kids.forEach((k, i) => {
      const p = [...path, key, String(i)];
      out.push({ node: k, path: p, parentLength: kids.length }, ...nodes(k, p));
    });
  else if ('not' in c) {
    const p = [...path, 'not'];
    out.push({ node: c.not, path: p, parentLength: null }, ...nodes(c.not, p));
  }
  return out;
}

/** Replaces (or, with `undefined`, removes) the node at `path` in a copy of `top`. */
function replaceAt(top: ConditionJson, path: readonly string[], by: ConditionJson | undefined): ConditionJson {
  const copy = clone(top);
  let parent: Record<string, unknown> = copy as unknown as Record<string, unknown>;
  for (let i = 0; i < path.length - 1; i++) parent = parent[path[i] as string] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (Array.isArray(parent)) {
    if (by === undefined) parent.splice(Number(last), 1);
    else parent[Number(last)] = by;
  } else if (by !== undefined) parent[last] = by;
  return copy;
}

const describe = (c: ConditionJson): string =>
  isLeaf(c)
    ? `${c.fact} ${c.operator} ${JSON.stringify(c.value)}`
    : 'all' in c
      ? `all(${c.all.length})`
      : 'any' in c
        ? `any(${c.any.length})`
        : 'not(…)';

/** The primary clause a rule belongs to. */
function ruleClause(bundle: RuleBundle, rule: RuleJson): string {
  const p = rule.event.params;
  if (p.clauses?.[0]) return p.clauses[0];
  if (p.code) {
    const kind =
      rule.event.type === 'remedy' ? 'remedies' : rule.event.type === 'advisory' ? 'advisories' : 'obligations';
    const e = bundle.codes[kind]?.[p.code];
    if (e) return e.clause;
  }
  return '?';
}

/** Other facts of the question a leaf could read instead: same type, and able to take the compared value. */
function otherFacts(question: string, leaf: Leaf): string[] {
  const facts = FACTS[question];
  const me = facts?.[leaf.fact];
  if (!facts || !me) return [];
  const constants = isFactRef(leaf.value) ? [] : Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  return Object.entries(facts)
    .filter(([name, f]) => {
      if (name === leaf.fact || f.type !== me.type) return false;
      if (isFactRef(leaf.value) && name === leaf.value.fact) return false;
      if (!f.values) return !me.values || constants.every((k) => k === null);
      return constants.every((k) => k === null || f.values?.includes(k as string));
    })
    .map(([name]) => name);
}

/**
 * Every mutant of a rule bundle, in file and rule order. Each carries its own deep copy of the bundle with
 * one rule changed.
 */
export function generateMutants(bundle: RuleBundle): Mutant[] {
  const out: Mutant[] = [];
  bundle.ruleFiles.forEach((rf, fi) => {
    if (!Array.isArray(rf.rules)) return;
    const outcomes = bundle.questions[rf.question]?.outcomes ?? [];
    rf.rules.forEach((rule, ri) => {
      const base = { file: rf.file, rule: rule.name, question: rf.question, clause: ruleClause(bundle, rule) };
      const idOf = (op: MutationOperator, at?: readonly string[], detail?: string) =>
        `${rf.file}#${rule.name}:${op}${at ? `@${at.join('.') || 'top'}` : ''}${detail ? `:${detail}` : ''}`;
      const withRule = (r: RuleJson | null): RuleBundle => {
        const b: RuleBundle = { ...bundle, ruleFiles: bundle.ruleFiles.slice() };
        const rules = rf.rules.slice();
        if (r) rules[ri] = r;
        else rules.splice(ri, 1);
        b.ruleFiles[fi] = { ...rf, rules };
        return b;
      };
      const add = (
        op: MutationOperator,
        description: string,
        r: RuleJson | null,
        at?: readonly string[],
        detail?: string,
      ) => out.push({ ...base, id: idOf(op, at, detail), operator: op, description, bundle: withRule(r) });

      // flip-outcome: a deciding rule decides each other outcome; a modifier applies to the other outcomes.
      const type = rule.event.type;
      if (outcomes.includes(type)) {
        for (const o of outcomes)
          if (o !== type) {
            const r = clone(rule);
            r.event.type = o;
            add('flip-outcome', `decides ${o} instead of ${type}`, r, undefined, o);
          }
      } else if (rule.event.params.when) {
        const when = rule.event.params.when;
        const rest = outcomes.filter((o) => !when.includes(o));
        if (rest.length) {
          const r = clone(rule);
          r.event.params.when = rest;
          add('flip-outcome', `applies when the outcome is ${rest.join('/')} instead of ${when.join('/')}`, r);
        }
      }

      add('remove-rule', 'rule removed', null);

      for (const { node, path, parentLength } of nodes(rule.conditions)) {
        const at = (by: ConditionJson | undefined) => {
          const r = clone(rule);
          r.conditions = replaceAt(rule.conditions, path, by) as RuleJson['conditions'];
          return r;
        };
        const what = describe(node);
        add('condition-true', `condition ${what} always true`, at(ALWAYS_TRUE), path);
        add('condition-false', `condition ${what} always false`, at(ALWAYS_FALSE), path);
        if (!('not' in node)) add('negate-condition', `condition ${what} negated`, at({ not: node }), path);
        else add('negate-condition', `negation of ${describe(node.not)} removed`, at(node.not), path);
        if (parentLength !== null && parentLength >= 2)
          add('drop-condition', `condition ${what} dropped`, at(undefined), path);
        if (isLeaf(node)) {
          for (const op of SWAPS[node.operator] ?? [])
            add('swap-operator', `${what}: ${node.operator} → ${op}`, at({ ...node, operator: op }), path, op);
          for (const f of otherFacts(rf.question, node))
            add('change-fact', `${what}: reads ${f} instead of ${node.fact}`, at({ ...node, fact: f }), path, f);
        }
      }
    });
  });
  return out;
}

/** An equivalent-mutants entry: why the mutant cannot change a decision, and the rule's conditions it was judged on. */
export interface EquivalentEntry {
  readonly reason: string;
  /** {@link conditionsHash} of the mutated rule's conditions when the reason was written. */
  readonly conditionsHash: string;
}

/**
 * A short fingerprint of a rule's conditions (`sha256:` and 16 hex digits of their JSON): an equivalent-mutants
 * entry names the conditions its reason was written for, so that editing the rule puts the mutant back in the score.
 *
 * @example
 * conditionsHash({ all: [] }); // 'sha256:…' (16 hex digits)
 */
export function conditionsHash(conditions: unknown): string {
  return `sha256:${sha256Hex(JSON.stringify(conditions)).slice(0, 16)}`;
}

/** Equivalent mutants: id → entry. */
export function readEquivalents(file: string | undefined): Map<string, EquivalentEntry> {
  const m = new Map<string, EquivalentEntry>();
  if (!file) return m;
  // Read as strictly as the rules it sits beside: a key written twice (a second "reason" added while editing)
  // is refused with where it is, not read last-wins.
  const parsed = parseRulesJson(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file} ${parsed.message}`);
  const data = parsed.value as Record<string, unknown> | null;
  const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  // A misspelt "mutants" would read as no equivalents at all: only it and a "$comment" are known.
  const list =
    isObject && Object.keys(data).every((k) => k === 'mutants' || k === '$comment') ? data.mutants : undefined;
  if (!Array.isArray(list)) throw new Error(`${file}: must be an object { "mutants": [ … ] }`);
  for (const entry of list) {
    // Anything but an object (`null`, a list) has no id or reason either.
    const e = (kindOfValue(entry) === 'object' ? entry : {}) as {
      id?: unknown;
      reason?: unknown;
      conditionsHash?: unknown;
    };
    if (typeof e.id !== 'string' || typeof e.reason !== 'string' || !e.reason.trim())
      throw new Error(`${file}: every equivalent mutant needs an id and a reason`);
    if (typeof e.conditionsHash !== 'string')
      throw new Error(
        `${file}: ${e.id} needs a conditionsHash, the fingerprint of its rule's conditions the reason was written for (\`upsu-policy test --mutate\` prints it)`,
      );
    if (m.has(e.id)) throw new Error(`${file}: ${e.id} is listed twice`);
    m.set(e.id, { reason: e.reason, conditionsHash: e.conditionsHash });
  }
  return m;
}

/**
 * Generates every mutant of the bundle, runs the scenario suite against each, and reports which survive.
 *
 * @example
 * const report = await runMutation({ policyBundle: bundledRules, scenarioDirs: ['rules'], equivalentFile: 'rules/equivalent-mutants.json' });
 * console.log(formatMutationReport(report)); // … last line: "mutation score: 97.3% (…/…)"
 */
export async function runMutation(opts: MutationOptions): Promise<MutationReport> {
  const started = Date.now();
  const files = loadScenarios(opts.scenarioDirs);
  const scenarios = files.reduce((n, f) => n + f.scenarios.length, 0);
  const equivalents = readEquivalents(opts.equivalentFile);

  const baseline = runScenariosSync(createPolicy(opts.policyBundle), files);
  const baselineFailures = baseline.results
    .filter((x) => !x.ok)
    .map((x) => `${x.file}: ${x.name}: ${x.failures.join('; ')}`);
  // A scenario that fails on the unmutated rules would "kill" every mutant: leave it out of the analysis.
  const failing = new Set(baseline.results.filter((x) => !x.ok).map((x) => `${x.file}#${x.index}`));
  const usable = failing.size
    ? files.map((f) => ({ ...f, scenarios: f.scenarios.filter((s) => !failing.has(`${f.file}#${s.index}`)) }))
    : files;

  const all = generateMutants(opts.policyBundle).filter((m) => !opts.filter || m.id.includes(opts.filter));
  const ids = new Set(all.map((m) => m.id));
  const results: MutantResult[] = [];
  const killedEquivalents: string[] = [];
  const changedEquivalents: { id: string; conditionsHash: string }[] = [];
  const hashOf = new Map<string, string>();
  for (const rf of opts.policyBundle.ruleFiles)
    if (Array.isArray(rf.rules))
      for (const r of rf.rules as { name?: unknown; conditions?: unknown }[])
        hashOf.set(`${rf.file}#${String(r?.name)}`, conditionsHash(r?.conditions));
  for (let i = 0; i < all.length; i++) {
    const m = all[i] as Mutant;
    const { bundle: _b, ...info } = m;
    let policy: Policy | null = null;
    let killedBy: string | null = null;
    try {
      policy = createPolicy(m.bundle, { rulesHash: 'sha256:mutant' });
    } catch {
      killedBy = 'does not load';
    }
    if (policy) killedBy = firstFailure(policy, usable);
    const entry = equivalents.get(m.id);
    const now = hashOf.get(`${m.file}#${m.rule}`) ?? '';
    if (entry !== undefined && entry.conditionsHash !== now) changedEquivalents.push({ id: m.id, conditionsHash: now });
    if (entry !== undefined && entry.conditionsHash === now) {
      if (killedBy) killedEquivalents.push(m.id);
      results.push({ ...info, status: 'equivalent', reason: entry.reason });
    } else results.push(killedBy ? { ...info, status: 'killed', killedBy } : { ...info, status: 'survived' });
    // Let other work (timers, test reporters) run between mutants.
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  const counted = results.filter((r) => r.status !== 'equivalent');
  const killed = counted.filter((r) => r.status === 'killed').length;
  const killedByLoading = counted.filter((r) => r.killedBy === 'does not load').length;
  const byOperator: Record<string, { total: number; killed: number }> = {};
  for (const r of counted) {
    const o = (byOperator[r.operator] ??= { total: 0, killed: 0 });
    o.total++;
    if (r.status === 'killed') o.killed++;
  }
  return {
    total: counted.length,
    killed,
    survived: counted.filter((r) => r.status === 'survived'),
    equivalent: results.filter((r) => r.status === 'equivalent'),
    staleEquivalents: opts.filter ? [] : [...equivalents.keys()].filter((id) => !ids.has(id)),
    killedEquivalents,
    changedEquivalents,
    killedByLoading,
    baselineFailures,
    score: counted.length ? (killed / counted.length) * 100 : 100,
    scenarios,
    mutants: results,
    byOperator,
    durationMs: Date.now() - started,
  };
}

/** The first scenario that fails against a policy (`file: name`), or null when they all pass. */
function firstFailure(policy: Policy, files: readonly ScenarioFile[]): string | null {
  for (const f of files)
    for (const s of f.scenarios) {
      let ok: boolean;
      try {
        ok = runScenarioSync(policy, f.file, s).ok;
      } catch {
        ok = false; // a mutant that makes evaluation throw is caught
      }
      if (!ok) return `${f.file}: ${s.name}`;
    }
  return null;
}

/** The score as printed: one decimal, rounded down so 94.96% never shows as 95.0%. */
export function formatScore(score: number): string {
  return (Math.floor(score * 10) / 10).toFixed(1);
}

/**
 * The report as text: baseline failures, stale or killed "equivalent" entries, each surviving mutant with
 * its clause and rule, a line per operator, and last `mutation score: NN.N% (killed/total)`.
 */
export function formatMutationReport(report: MutationReport): string {
  const lines: string[] = [];
  if (report.baselineFailures.length) {
    lines.push(`scenarios failing on the unmutated rules, left out (${report.baselineFailures.length}):`);
    for (const f of report.baselineFailures) lines.push(`  ${f}`);
  }
  for (const id of report.staleEquivalents)
    lines.push(`equivalent-mutants list names a mutant that no longer exists: ${id}`);
  for (const id of report.killedEquivalents) lines.push(`listed as equivalent but a scenario kills it: ${id}`);
  for (const c of report.changedEquivalents)
    lines.push(
      `listed as equivalent, but its rule's conditions changed since (counted again; check the reason, then set its conditionsHash to ${c.conditionsHash}): ${c.id}`,
    );
  if (report.survived.length) {
    lines.push(`surviving mutants (${report.survived.length}):`);
    for (const s of report.survived) lines.push(`  [${s.clause}] ${s.file} ${s.rule}: ${s.description}  (${s.id})`);
  }
  lines.push(
    `${report.scenarios} scenarios, ${report.total + report.equivalent.length} mutants: ${report.killed} killed (${report.killedByLoading} of them refused by the rule integrity checks), ${report.survived.length} survived, ${report.equivalent.length} equivalent (excluded) in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  for (const [op, c] of Object.entries(report.byOperator)) lines.push(`  ${op.padEnd(17)} ${c.killed}/${c.total}`);
  lines.push(`mutation score: ${formatScore(report.score)}% (${report.killed}/${report.total})`);
  // Scenario names, file names, what a scenario got and the equivalents list's ids are the rules folder's: a
  // terminal shows them, never obeys an escape sequence in them, and a line break in one starts no line.
  return lines.map((l) => printable(l)).join('\n');
}
