import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import { printable } from '../audit/format.js';
import { PolicyInputError } from '../decision/errors.js';
import type { Decision, Issue } from '../decision/types.js';
import type { CompiledQuestion, CompiledRule } from '../engine/compiled.js';
import { errno } from '../engine/load-dir.js';
import type { Policy } from '../engine/policy.js';
import { parseRulesJson } from '../engine/strict-json.js';
import { QUESTION_KINDS } from '../facts/constants.js';
import { checkExpectation, type Expectation } from './check.js';

/**
 * Scenario tables (`rules/<section>/<question>.cases.json`, and any other `*.cases.json` such as
 * `<question>.mutation.cases.json`): loading them, running them against a policy, and reporting which rules
 * and clauses they cover. Shared by `upsu-policy test` and the test suite.
 *
 * A scenario is `{ name, rule, fires, question, expect }`: `question` is asked with `explain: true`; `expect`
 * is checked by {@link checkExpectation}; and the trace entry of `rule` must say it `fired === fires`.
 * Every rule needs a scenario where it fires and one where it does not (its two sides).
 *
 * - Every name `expect` gives must be the policy's: an outcome of the question, a clause id, an obligation, remedy
 *   or advisory code, a rule of the question (`fired`, `notFired`, `reasonsAll`). A `…None` list naming anything
 *   else could never fail, so such a name fails the scenario.
 * - A scenario expecting `invalid: true` may leave out `rule` and `fires`; a question that does not validate
 *   fires no rule, so it counts as a near miss only for a rule with no conditions (which every valid question
 *   fires), never for any other rule.
 * - Rule coverage: a rule is covered when a passing scenario names it with `fires: true` and another with
 *   `fires: false`. Clause coverage: a decidable clause is covered when a rule cites it (a deciding rule's
 *   `params.clauses`, a modifier's code's clause) and at least one scenario fired one of those rules; a clause
 *   marked `decidable: false` is covered when it gives its reason.
 */

/** The zod schema of a scenario's `expect`: exactly the keys of {@link Expectation}. */
export const expectationSchema = z
  .object({
    invalid: z.boolean().optional(),
    issueCodesAll: z.array(z.string()).optional(),
    outcome: z.string().optional(),
    outcomeIn: z.array(z.string()).optional(),
    clausesAll: z.array(z.string()).optional(),
    clausesAny: z.array(z.string()).optional(),
    clausesNone: z.array(z.string()).optional(),
    clausesExactly: z.array(z.string()).optional(),
    reasonsAll: z.array(z.string()).optional(),
    obligationsAll: z.array(z.string()).optional(),
    obligationsNone: z.array(z.string()).optional(),
    remediesAll: z.array(z.string()).optional(),
    remediesNone: z.array(z.string()).optional(),
    advisoriesAll: z.array(z.string()).optional(),
    advisoriesNone: z.array(z.string()).optional(),
    escalateTo: z.string().nullable().optional(),
    destroyAfter: z.string().optional(),
    respondBy: z.string().optional(),
    missingAll: z.array(z.string()).optional(),
    missingNone: z.array(z.string()).optional(),
    nextStep: z.record(z.string(), z.unknown()).nullable().optional(),
    violationClausesAll: z.array(z.string()).optional(),
    violationsAll: z.array(z.string()).optional(),
    fired: z.array(z.string()).optional(),
    notFired: z.array(z.string()).optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, { message: 'expect must check at least one thing' });

/** The zod schema of one scenario. `rule` and `fires` may be left out only by a scenario expecting `invalid`. */
export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    rule: z.string().min(1).optional(),
    fires: z.boolean().optional(),
    question: z.unknown(),
    expect: expectationSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.expect.invalid) {
      if (s.fires === true)
        ctx.addIssue({ code: 'custom', path: ['fires'], message: 'a question that does not validate fires no rule' });
      return;
    }
    if (s.rule === undefined) ctx.addIssue({ code: 'custom', path: ['rule'], message: 'rule is required' });
    if (s.fires === undefined) ctx.addIssue({ code: 'custom', path: ['fires'], message: 'fires is required' });
    if (s.question === undefined) ctx.addIssue({ code: 'custom', path: ['question'], message: 'question is required' });
  });

/** The keys a scenario (`''`) and its `expect` may have, listed when one is not known. */
const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(scenarioSchema.shape),
  expect: Object.keys(expectationSchema.shape),
};

/**
 * A scenario's zod issue in words: an unknown key (a misspelt `obligation` for `obligationsAll`) also lists the keys
 * known there, since the file's author cannot look them up in the package's source.
 */
function issueText(i: z.core.$ZodIssue): string {
  const known = KNOWN_KEYS[i.path.map(String).join('.')];
  if (i.code !== 'unrecognized_keys' || !known) return i.message;
  const keys = i.keys.map((k) => JSON.stringify(k)).join(', ');
  return `unknown key${i.keys.length === 1 ? '' : 's'} ${keys} (the keys here: ${known.join(', ')})`;
}

/**
 * A scenario file's problem as one line: `file#index: message` (`file: message` for the whole file).
 *
 * @example
 * problemText({ file: 'recording.cases.json', index: 2, message: 'duplicate scenario name "ok"' });
 * // 'recording.cases.json#2: duplicate scenario name "ok"'
 */
export function problemText(p: ScenarioFileProblem): string {
  return `${p.file}${p.index === null ? '' : `#${p.index}`}: ${p.message}`;
}

/** One scenario as written in a `*.cases.json` file. */
export interface Scenario {
  readonly name: string;
  /** The rule the scenario is about (a rule of the question's kind). */
  readonly rule?: string;
  /** Whether that rule must fire (`true`: its permit side, `false`: a near miss). */
  readonly fires?: boolean;
  /** The question, exactly as a caller would send it. */
  readonly question: unknown;
  readonly expect: Expectation;
}

/** A problem with a scenario file: which file, which scenario (its index; `null` for the whole file). */
export interface ScenarioFileProblem {
  readonly file: string;
  readonly index: number | null;
  readonly message: string;
}

/** A `*.cases.json` file: its valid scenarios, and a problem for each scenario (or the file) that is not. */
export interface ScenarioFile {
  /** The file's path as found (the directory given, joined with its path inside it). */
  readonly path: string;
  /** The path inside the directory it was found under, e.g. `0-preamble/disclosure.cases.json`. */
  readonly file: string;
  /** The question kind its name gives: `disclosure` for `disclosure.cases.json` or `disclosure.mutation.cases.json`. */
  readonly question: string;
  /** The valid scenarios, each with its index in the file. */
  readonly scenarios: readonly (Scenario & { readonly index: number })[];
  readonly problems: readonly ScenarioFileProblem[];
}

/** A name that looks like a scenario table but is not read as one (`x.case.json`, `x.Cases.json`). */
const NEAR_CASES = /\.cases?\.json$/i;

function findCaseFiles(dir: string, out: string[], stray: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) findCaseFiles(p, out, stray);
    else if (e.isFile() && e.name.endsWith('.cases.json')) out.push(p);
    else if (e.isFile() && NEAR_CASES.test(e.name)) stray.push(p);
  }
}

/**
 * Reads every `*.cases.json` under each directory (recursively; a path to a single file is read as such).
 * Never throws: a file that cannot be read or is not JSON, and each scenario that does not match the format,
 * is reported in the file's `problems` with the file and the scenario's index.
 *
 * @example
 * const files = loadScenarios(['rules']);
 * files.flatMap((f) => f.problems); // [] when every table is well formed
 */
export function loadScenarios(dirs: readonly string[]): ScenarioFile[] {
  const out: ScenarioFile[] = [];
  for (const dir of dirs) {
    const paths: string[] = [];
    let isFile = false;
    try {
      isFile = statSync(dir).isFile();
    } catch {
      out.push({
        path: dir,
        file: dir,
        question: '',
        scenarios: [],
        problems: [{ file: dir, index: null, message: 'no such file or directory' }],
      });
      continue;
    }
    const stray: string[] = [];
    if (isFile) paths.push(dir);
    else findCaseFiles(dir, paths, stray);
    for (const path of paths) out.push(loadScenarioFile(path, isFile ? basename(path) : relative(dir, path)));
    // Its scenarios would be left out without a word (only the coverage figures would show it).
    for (const path of stray) {
      const file = relative(dir, path);
      out.push({
        path,
        file,
        question: '',
        scenarios: [],
        problems: [{ file, index: null, message: 'is not read: scenario files are named <question>.cases.json' }],
      });
    }
  }
  return out;
}

function loadScenarioFile(path: string, file: string): ScenarioFile {
  const question = basename(path).split('.')[0] ?? '';
  const problems: ScenarioFileProblem[] = [];
  const scenarios: (Scenario & { index: number })[] = [];
  const done = () => ({ path, file, question, scenarios, problems });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    problems.push({ file, index: null, message: `cannot be read${errno(e)}` });
    return done();
  }
  // As strict as a rules file: the line and column of a syntax error, and a key written twice is refused (the
  // second would silently replace the first, say one of two `expect`s).
  const parsed = parseRulesJson(text);
  if (!parsed.ok) {
    problems.push({ file, index: null, message: parsed.message });
    return done();
  }
  const data: unknown = parsed.value;
  if (!Array.isArray(data)) {
    problems.push({ file, index: null, message: 'a scenario file must hold a JSON array of scenarios' });
    return done();
  }
  const names = new Set<string>();
  data.forEach((raw, index) => {
    const r = scenarioSchema.safeParse(raw);
    if (!r.success) {
      for (const i of r.error.issues)
        problems.push({ file, index, message: `${i.path.map(String).join('.') || '(scenario)'}: ${issueText(i)}` });
      return;
    }
    if (names.has(r.data.name)) {
      problems.push({ file, index, message: `duplicate scenario name "${r.data.name}"` });
      return;
    }
    // A scenario in another kind's file (pasted into the wrong table) is refused, not run where no one looks for it.
    // Only between two question kinds: a file named otherwise (`parent-calls.cases.json`) may hold any, and a
    // question of no known kind is a validation scenario.
    const asked = kindOf(r.data.question);
    if (asked !== question && isKind(asked) && isKind(question)) {
      problems.push({
        file,
        index,
        message: `asks a "${asked}" question in a table of "${question}" scenarios: move it to ${asked}.cases.json`,
      });
      return;
    }
    names.add(r.data.name);
    scenarios.push({ ...(r.data as Scenario), index });
  });
  return done();
}

/** Which way a scenario is evaluated: the compiled rules (`evaluate`) or json-rules-engine itself. */
export type ScenarioEngine = 'compiled' | 'interpreter';

/** Options for {@link runScenarios}. */
export interface RunOptions {
  /** `compiled` (default) or `interpreter` (json-rules-engine). */
  readonly engine?: ScenarioEngine;
  /** Stop at the first scenario that fails (mutation testing needs only to know whether one does). */
  readonly stopOnFirstFailure?: boolean;
}

/** The result of one scenario. */
export interface ScenarioResult {
  readonly file: string;
  readonly index: number;
  readonly name: string;
  /** The question kind asked (`''` when the question has none). */
  readonly question: string;
  readonly rule: string | null;
  readonly fires: boolean | null;
  /** A label for the scenario: the primary clause of its rule, else its file. */
  readonly label: string;
  readonly ok: boolean;
  /** One line per unmet expectation; empty when `ok`. */
  readonly failures: readonly string[];
  readonly decision?: Decision;
  readonly issues?: readonly Issue[];
  /** The rules that fired (from the decision's trace). */
  readonly firedRules: readonly string[];
}

/** How one rule is covered: the scenarios about it where it fired and where it did not. */
export interface RuleCoverage {
  readonly question: string;
  readonly file: string;
  readonly name: string;
  /** `decide` or `obligation` / `remedy` / `advisory`. */
  readonly kind: string;
  readonly clauses: readonly string[];
  /** Passing scenarios naming this rule with `fires: true`. */
  readonly firedIn: readonly string[];
  /** Passing scenarios naming this rule with `fires: false`. */
  readonly notFiredIn: readonly string[];
  /** The rule has no conditions (`{ "all": [] }`): it fires for every valid question. */
  readonly unconditional: boolean;
  /** Both sides present. */
  readonly bothSides: boolean;
  /** How many scenarios (about any rule) it fired in. */
  readonly firedInAny: number;
}

/** How one clause is covered: the rules that cite it and how many scenarios exercised them. */
export interface ClauseCoverage {
  readonly id: string;
  readonly decidable: boolean;
  readonly notDecidableReason?: string;
  /** `question/rule` of every rule citing it: deciding rules' `params.clauses`, modifier codes' clause. */
  readonly rules: readonly string[];
  /** Scenarios in which at least one of those rules fired. */
  readonly scenarios: number;
  /** Decidable, cited by a rule and exercised by a scenario; or not decidable with a reason. */
  readonly covered: boolean;
}

/** What {@link runScenarios} returns. */
export interface ScenarioReport {
  readonly engine: ScenarioEngine;
  readonly results: readonly ScenarioResult[];
  readonly passed: number;
  readonly failed: number;
  /** Problems with the scenario files themselves (bad JSON, bad format), with file and index. */
  readonly problems: readonly ScenarioFileProblem[];
  readonly coverage: { readonly rules: readonly RuleCoverage[]; readonly clauses: readonly ClauseCoverage[] };
}

const isKind = (k: string): boolean => (QUESTION_KINDS as readonly string[]).includes(k);

const kindOf = (q: unknown): string =>
  q !== null && typeof q === 'object' && typeof (q as { question?: unknown }).question === 'string'
    ? ((q as { question: string }).question as string)
    : '';

/**
 * The compiled question a scenario's `question` names, if the policy has it: its own members only, so a kind named
 * like a member every object inherits (`toString`, `constructor`) is no question, as the validation says.
 */
function questionOf(policy: Policy, question: string): CompiledQuestion | undefined {
  return Object.hasOwn(policy.loaded.questions, question) ? policy.loaded.questions[question] : undefined;
}

function findRule(policy: Policy, question: string, name: string | undefined): CompiledRule | undefined {
  const cq = questionOf(policy, question);
  if (!cq || !name) return undefined;
  return cq.deciding.find((r) => r.name === name) ?? cq.modifiers.find((r) => r.name === name);
}

/** The label a scenario is known by in test names and reports: the primary clause of its rule, else its file. */
export function scenarioLabel(policy: Policy, file: string, scenario: Scenario): string {
  const r = findRule(policy, kindOf(scenario.question), scenario.rule);
  return r?.clauses[0] ?? file;
}

type Outcome = { decision: Decision; issues?: undefined } | { decision?: undefined; issues: readonly Issue[] };

/**
 * The names an expectation gives that the policy does not have: a clause id, an obligation, remedy or advisory
 * code, a rule of the question. A `…None` or `notFired` list naming one (a typo, a name since changed) can never
 * fail, so it checks nothing; an `…All` list naming one can only fail, and this says why.
 */
function unknownNames(policy: Policy, question: string, e: Expectation): string[] {
  const out: string[] = [];
  const { bundle, clauseIds } = policy.loaded;
  const check = (keys: readonly (keyof Expectation)[], known: (name: string) => boolean, what: string) => {
    for (const key of keys) {
      const names = e[key];
      if (Array.isArray(names))
        for (const n of names)
          if (typeof n === 'string' && !known(n)) out.push(`${key} names "${n}", which is not ${what}`);
    }
  };
  check(
    ['clausesAll', 'clausesAny', 'clausesNone', 'clausesExactly', 'violationClausesAll'],
    (id) => clauseIds.includes(id),
    'a clause id of the policy (clauses.json)',
  );
  for (const [kind, keys] of [
    ['obligations', ['obligationsAll', 'obligationsNone']],
    ['remedies', ['remediesAll', 'remediesNone']],
    ['advisories', ['advisoriesAll', 'advisoriesNone']],
  ] as const)
    check(keys, (code) => Object.hasOwn(bundle.codes[kind], code), `a code of ${kind} (codes.json)`);
  const cq = questionOf(policy, question);
  if (cq) {
    const rules = new Set([...cq.deciding, ...cq.modifiers].map((r) => r.name));
    check(['fired', 'notFired'], (name) => rules.has(name), `a rule of question "${question}"`);
    check(
      ['reasonsAll'],
      (name) => rules.has(name) || name === cq.notCovered.rule,
      `a rule of question "${question}" (nor "${cq.notCovered.rule}")`,
    );
  }
  return out;
}

/**
 * The scenario's rule fired and gives the outcome expected, yet another outcome was decided: a rule of the same or a
 * higher priority decided first (the first deciding rule to fire decides). Say so, and what to change: the usual
 * slip is a new deny placed below the permit it is meant to override.
 */
function outranked(policy: Policy, question: string, s: Scenario, d: Decision): string[] {
  const rule = findRule(policy, question, s.rule);
  const expected = s.expect.outcome;
  if (rule?.kind !== 'decide' || expected === undefined || rule.type !== expected || d.outcome === expected) return [];
  const first = findRule(policy, question, d.reasons[0]?.rule);
  if (first?.kind !== 'decide') return [];
  return [
    `rule "${rule.name}" fired and gives ${expected}, but "${first.name}" (priority ${first.priority}, ${first.type}) ` +
      `is above it (priority ${rule.priority}) and decided first: give "${rule.name}" a higher priority than ` +
      `${first.priority} if it is to override "${first.name}"`,
  ];
}

function finish(policy: Policy, file: string, s: Scenario & { index: number }, got: Outcome): ScenarioResult {
  const question = kindOf(s.question);
  const failures = checkExpectation(got, s.expect);
  // An expected outcome the question never has (`permitted` for `permit`) can only fail: say why.
  const outcomes = questionOf(policy, question)?.outcomes;
  if (outcomes)
    for (const o of [...(s.expect.outcome === undefined ? [] : [s.expect.outcome]), ...(s.expect.outcomeIn ?? [])])
      if (!outcomes.includes(o))
        failures.push(`"${o}" is not an outcome of question "${question}" (its outcomes: ${outcomes.join(', ')})`);
  failures.push(...unknownNames(policy, question, s.expect));
  const trace = got.decision?.trace ?? [];
  const firedRules = trace.filter((t) => t.fired).map((t) => t.rule);
  if (!s.expect.invalid && got.decision && s.rule !== undefined) {
    const entry = trace.find((t) => t.rule === s.rule);
    if (!entry) failures.push(`rule "${s.rule}" is not a rule of question "${question}"`);
    else if (entry.fired !== s.fires)
      failures.push(
        `expected rule "${s.rule}" ${s.fires ? 'to fire' : 'not to fire'}, but it ${entry.fired ? 'fired' : 'did not'}`,
      );
    else if (entry.fired) failures.push(...outranked(policy, question, s, got.decision));
  }
  return {
    file,
    index: s.index,
    name: s.name,
    question,
    rule: s.rule ?? null,
    fires: s.fires ?? null,
    label: scenarioLabel(policy, file, s),
    ok: failures.length === 0,
    failures,
    ...(got.decision ? { decision: got.decision } : { issues: got.issues }),
    firedRules,
  };
}

/**
 * Runs one scenario on the compiled path (synchronous). Questions expected to be invalid are asked with
 * `safeEvaluate`; every other question with `evaluate(…, { explain: true })`.
 */
export function runScenarioSync(policy: Policy, file: string, s: Scenario & { index: number }): ScenarioResult {
  const r = policy.safeEvaluate(structuredClone(s.question), { explain: true });
  return finish(policy, file, s, r.ok ? { decision: r.decision } : { issues: r.issues });
}

/**
 * Runs one scenario on the chosen engine. With `interpreter`, json-rules-engine decides (and explains); a
 * question that does not validate is expected to be rejected with {@link PolicyInputError}.
 */
export async function runScenario(
  policy: Policy,
  file: string,
  s: Scenario & { index: number },
  engine: ScenarioEngine = 'compiled',
): Promise<ScenarioResult> {
  if (engine === 'compiled') return runScenarioSync(policy, file, s);
  let got: Outcome;
  try {
    got = { decision: await policy.evaluateWithEngine(structuredClone(s.question), { explain: true }) };
  } catch (e) {
    if (!(e instanceof PolicyInputError)) throw e;
    got = { issues: e.issues };
  }
  return finish(policy, file, s, got);
}

function isUnconditional(r: CompiledRule): boolean {
  const c = r.json.conditions as { all?: unknown[]; any?: unknown[] };
  return Array.isArray(c.all) && c.all.length === 0;
}

function report(policy: Policy, files: readonly ScenarioFile[], engine: ScenarioEngine, results: ScenarioResult[]) {
  const rules: RuleCoverage[] = [];
  const fired = new Map<string, number>();
  for (const r of results)
    for (const name of r.firedRules) fired.set(`${r.question}/${name}`, (fired.get(`${r.question}/${name}`) ?? 0) + 1);
  const citing = new Map<string, string[]>();
  for (const [kind, cq] of Object.entries(policy.loaded.questions))
    for (const r of [...cq.deciding, ...cq.modifiers]) {
      const about = results.filter((x) => x.ok && x.question === kind && x.rule === r.name);
      // A question that does not validate fires no rule. It counts as a near miss only for a rule with no
      // conditions, which no valid question can miss; every other rule needs a decided near miss.
      const unconditional = isUnconditional(r);
      const firedIn = about.filter((x) => x.fires === true && x.decision).map((x) => `${x.file}: ${x.name}`);
      const notFiredIn = about
        .filter((x) => x.fires === false && (x.decision || unconditional))
        .map((x) => `${x.file}: ${x.name}`);
      rules.push({
        question: kind,
        file: r.file,
        name: r.name,
        kind: r.kind,
        clauses: r.clauses,
        firedIn,
        notFiredIn,
        unconditional,
        bothSides: firedIn.length > 0 && notFiredIn.length > 0,
        firedInAny: fired.get(`${kind}/${r.name}`) ?? 0,
      });
      for (const c of r.clauses) {
        const list = citing.get(c) ?? [];
        list.push(`${kind}/${r.name}`);
        citing.set(c, list);
      }
    }
  const clauses: ClauseCoverage[] = policy.clauses.map((c) => {
    const by = citing.get(c.id) ?? [];
    const byKey = new Set(by);
    const scenarios = results.filter((r) => r.firedRules.some((n) => byKey.has(`${r.question}/${n}`))).length;
    return {
      id: c.id,
      decidable: c.decidable,
      ...(c.notDecidableReason ? { notDecidableReason: c.notDecidableReason } : {}),
      rules: by,
      scenarios,
      covered: c.decidable ? by.length > 0 && scenarios > 0 : Boolean(c.notDecidableReason),
    };
  });
  const passed = results.filter((r) => r.ok).length;
  return {
    engine,
    results,
    passed,
    failed: results.length - passed,
    problems: files.flatMap((f) => f.problems),
    coverage: { rules, clauses },
  };
}

/**
 * Runs every scenario of the files against a policy, on the compiled path or on json-rules-engine, and
 * reports each result with the coverage of rules (both sides?) and clauses.
 *
 * @example
 * const report = await runScenarios(defaultPolicy(), loadScenarios(['rules']), { engine: 'interpreter' });
 * report.failed; // 0
 * coverageFigures(report).rules.percent; // 100
 */
export async function runScenarios(
  policy: Policy,
  files: readonly ScenarioFile[],
  opts: RunOptions = {},
): Promise<ScenarioReport> {
  const engine = opts.engine ?? 'compiled';
  const results: ScenarioResult[] = [];
  outer: for (const f of files)
    for (const s of f.scenarios) {
      const r = await runScenario(policy, f.file, s, engine);
      results.push(r);
      if (!r.ok && opts.stopOnFirstFailure) break outer;
    }
  return report(policy, files, engine, results);
}

/**
 * {@link runScenarios} on the compiled path, synchronously (for mutation testing, which runs the suite
 * thousands of times).
 */
export function runScenariosSync(
  policy: Policy,
  files: readonly ScenarioFile[],
  opts: Omit<RunOptions, 'engine'> = {},
): ScenarioReport {
  const results: ScenarioResult[] = [];
  outer: for (const f of files)
    for (const s of f.scenarios) {
      const r = runScenarioSync(policy, f.file, s);
      results.push(r);
      if (!r.ok && opts.stopOnFirstFailure) break outer;
    }
  return report(policy, files, 'compiled', results);
}

/** Coverage as figures: rules with both sides, and clauses covered, out of all. */
export interface CoverageFigures {
  readonly rules: { readonly covered: number; readonly total: number; readonly percent: number };
  readonly clauses: { readonly covered: number; readonly total: number; readonly percent: number };
}

const pct = (n: number, d: number) => (d === 0 ? 100 : Math.round((1000 * n) / d) / 10);

/**
 * Rule coverage (rules with a scenario on each side) and clause coverage (decidable clauses cited by a rule
 * that a scenario exercised, plus non-decidable clauses that give a reason), as percentages to one decimal.
 *
 * @example
 * coverageFigures(report); // { rules: { covered: 109, total: 109, percent: 100 }, clauses: { … } }
 */
export function coverageFigures(report: ScenarioReport): CoverageFigures {
  const r = report.coverage.rules;
  const c = report.coverage.clauses;
  const rc = r.filter((x) => x.bothSides).length;
  const cc = c.filter((x) => x.covered).length;
  return {
    rules: { covered: rc, total: r.length, percent: pct(rc, r.length) },
    clauses: { covered: cc, total: c.length, percent: pct(cc, c.length) },
  };
}

/**
 * The report as text: a line per scenario (✓ / ✗ with what failed), problems with the files, then the rules
 * missing a side and the clauses not covered, and the coverage figures. With `listCoverage: false` (what
 * `upsu-policy test` does without `--coverage`) the rules and clauses are not listed: the coverage figures are one
 * line, which points to `--coverage` when something is missing.
 *
 * @example
 * console.log(formatScenarioReport(report, { color: process.stdout.isTTY }));
 */
export function formatScenarioReport(
  report: ScenarioReport,
  opts: { color?: boolean; listCoverage?: boolean } = {},
): string {
  const listCoverage = opts.listCoverage ?? true;
  const paint = (code: number) => (s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const green = paint(32);
  const red = paint(31);
  const yellow = paint(33);
  const lines: string[] = [];
  // Scenario names, file names and what a scenario got are the rules folder's: a terminal shows them, never obeys
  // an escape sequence in them.
  const t = (s: string) => printable(s);
  for (const r of report.results) {
    lines.push(`${r.ok ? green('✓') : red('✗')} ${t(r.label)} › ${t(r.name)}  (${t(r.file)}#${r.index})`);
    for (const f of r.failures) lines.push(`    ${red(t(f))}`);
  }
  if (report.problems.length) {
    lines.push('', red(`problems with scenario files (${report.problems.length}):`));
    for (const p of report.problems) lines.push(`  ${t(problemText(p))}`);
  }
  const oneSided = report.coverage.rules.filter((r) => !r.bothSides);
  if (listCoverage && oneSided.length) {
    lines.push('', yellow(`rules without both sides (${oneSided.length}):`));
    for (const r of oneSided) {
      const missing = [
        ...(r.firedIn.length ? [] : ['no scenario where it fires']),
        ...(r.notFiredIn.length ? [] : ['no scenario where it does not fire']),
      ];
      lines.push(`  ${t(r.file)} ${t(r.name)}: ${missing.join('; ')}`);
    }
  }
  const uncovered = report.coverage.clauses.filter((c) => !c.covered);
  if (listCoverage && uncovered.length) {
    lines.push('', yellow(`clauses not covered (${uncovered.length}):`));
    for (const c of uncovered)
      lines.push(
        `  ${t(c.id)}: ${!c.decidable ? 'not decidable and gives no reason' : c.rules.length ? 'no scenario exercises its rules' : 'no rule cites it'}`,
      );
  }
  const f = coverageFigures(report);
  const rules = `rule coverage: ${f.rules.percent}% (${f.rules.covered}/${f.rules.total} rules with both sides)`;
  const clauses = `clause coverage: ${f.clauses.percent}% (${f.clauses.covered}/${f.clauses.total} clauses)`;
  lines.push(
    '',
    `${report.results.length} scenarios (${report.engine}): ${green(`${report.passed} passed`)}, ${report.failed ? red(`${report.failed} failed`) : '0 failed'}${report.problems.length ? `, ${red(`${report.problems.length} file problems`)}` : ''}`,
    ...(listCoverage
      ? [rules, clauses]
      : [`${rules}, ${clauses}${oneSided.length || uncovered.length ? '; --coverage lists what is missing' : ''}`]),
  );
  return lines.join('\n');
}
