import { issue, kindOfValue, PolicyInputError, RuleLoadError, type RuleProblem } from '../decision/errors.js';
import type { Decision, EvaluateOptions, Issue, PolicyRef } from '../decision/types.js';
import { DEFAULT_SETTINGS, FactContext, type PolicySettings } from '../derive/context.js';
import type { Question } from '../facts/question-types.js';
import { zodSchemas } from '../facts/schema-loader.js';
import { cleanPath, validateForDecision, validateQuestion } from '../facts/validate.js';
import { bundledRules } from '../generated/rules.js';
import { decideCompiled } from './combine.js';
import type { CompiledQuestion } from './compiled.js';
import { deepFreeze, frozenCopy } from './deep-freeze.js';
import { rulesHash as hashOf } from './hash.js';
import { buildEngine, type InterpreterQuestion, interpret } from './interpreter.js';
import { type LoadedPolicy, loadBundle, protoKeyPaths } from './load.js';
import type { ClauseJson, RuleBundle } from './rule-schema.js';
import { traceQuestion } from './trace.js';

/**
 * What {@link safeEvaluate} returns: the decision, or every validation issue. Never throws on bad input.
 *
 * @example
 * import { safeEvaluate, type SafeResult } from 'upsu-confidentiality-policy';
 * const r: SafeResult = safeEvaluate({ question: 'retention', client: { degreeStatus: 'studying' } });
 * if (r.ok) r.decision.outcome; // 'retain'
 * @see 3.3
 */
export type SafeResult = { ok: true; decision: Decision } | { ok: false; issues: readonly Issue[] };

/**
 * Options for {@link createPolicy}.
 *
 * @example
 * import { bundledRules, createPolicy } from 'upsu-confidentiality-policy';
 * const strict = createPolicy(bundledRules, { settings: { smallCountThreshold: 10 } });
 * @see 4.3
 */
export interface PolicyOptions {
  /**
   * Override settings from the rules' `policy.json` (e.g. `smallCountThreshold`): checked as policy.json's are
   * (else a {@link RuleLoadError}), and part of the rules hash, as if policy.json said them.
   */
  readonly settings?: Partial<PolicySettings>;
  /**
   * @internal A precomputed `rulesHash` for the bundle given as it is (the bundled rules carry theirs; the mutation
   * run, which builds thousands of policies, stamps its own). Trusted, not checked: it is what every decision says
   * its rules were, so the library's users leave it out and let the bundle be hashed.
   */
  readonly rulesHash?: string;
  /**
   * @internal The bundle is the library's bundled rules (`bundledRules`, deep-frozen, and checked by the test suite):
   * it is used as it is, not copied, and the checks `LoadOptions.prechecked` names are skipped. Ignored for any other
   * bundle.
   */
  readonly prechecked?: boolean;
}

/**
 * A policy, compiled once: ask it questions.
 *
 * @example
 * import { loadPolicy, type Policy } from 'upsu-confidentiality-policy';
 * const policy: Policy = loadPolicy('./rules');
 * policy.evaluate({ question: 'access', actor: { role: 'dpo' }, necessary: true }).outcome; // 'permit'
 * @see 3.1
 */
export interface Policy {
  /** `{ id, version, rulesHash }`, as every decision carries it. */
  readonly ref: PolicyRef;
  /** The settings in force: the bundle's `policy.json` with any given to {@link createPolicy} over them. */
  readonly settings: PolicySettings;
  /** The clause catalogue, in policy order. */
  readonly clauses: readonly ClauseJson[];
  /** @internal The checked and compiled rules (the library's own use: the docs, the audit, the mutation run). */
  readonly loaded: LoadedPolicy;
  /** Decides a question, as {@link evaluate} does; throws {@link PolicyInputError} when it is not valid. Synchronous, compiled. */
  evaluate(question: unknown, options?: EvaluateOptions): Decision;
  /** Decides a question, as {@link safeEvaluate} does: returns `{ ok: false, issues }` instead of throwing. */
  safeEvaluate(question: unknown, options?: EvaluateOptions): SafeResult;
  /** Decides a question with json-rules-engine itself, the reference interpreter. Same decisions, slower. */
  evaluateWithEngine(question: unknown, options?: EvaluateOptions): Promise<Decision>;
  /**
   * @internal Decides a question already validated, skipping validation (the audit's own questions, built from
   * validated data). Given anything else it may decide what `evaluate` would refuse: not for callers.
   */
  decideValid(question: Question, options?: EvaluateOptions): Decision;
}

/** Where a problem of `createPolicy`'s own arguments is reported (no file of the rules folder is at fault). */
const OPTIONS = 'createPolicy options';
const OPTION_KEYS: readonly string[] = ['settings', 'rulesHash', 'prechecked'];
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks `createPolicy`'s arguments before anything is compiled, and returns the bundle to compile: a deep-frozen
 * copy of the one given, with the settings given over its policy.json's (the bundled rules, deep-frozen already, as
 * they are). The bundle is an object (a folder's path
 * goes to `loadPolicy`) of plain data (no cycle, not nested deeper than JSON is read), every option is one it
 * knows (a misspelt `setting` would be dropped and the policy.json value used, unnoticed), and the settings given
 * are known and valid, checked as policy.json's are. Every problem is listed in one {@link RuleLoadError},
 * reported against the options, not policy.json. What is checked is the copy (each value of the caller's objects
 * is read once), so what passes the checks is what is compiled.
 */
function checkArguments(given: unknown, options: unknown): { bundle: RuleBundle; asGiven: boolean; bundled: boolean } {
  const problems: RuleProblem[] = [];
  const optionsOk = isObject(options);
  const settings: unknown = optionsOk ? frozenCopy(options.settings) : undefined;
  const asGiven = settings === undefined;
  // The bundled rules (`prechecked`, internal) are deep-frozen when bundled and generated from JSON files: used as
  // they are, with no walk at start-up. Only they: the option cannot make the checks skip another bundle.
  const prechecked = optionsOk && options.prechecked === true && given === bundledRules;
  let copy: Record<string, unknown> | undefined;
  if (!isObject(given))
    problems.push({
      code: 'invalid-options',
      file: OPTIONS,
      message: `the rules must be a rule bundle (bundledRules, or what readRulesFolder returns), not ${kindOfValue(given)}; to load a folder by its path, use loadPolicy`,
    });
  else {
    copy = prechecked ? given : frozenCopy(given);
    // Plain data, as a rules folder read as JSON is: a bundle that holds itself (a cycle) or is nested deeper than
    // JSON is read would overflow the stack of the checks and the hash below, a RangeError instead of this error.
    const shape = prechecked ? undefined : unreadableShape(copy);
    if (shape)
      throw new RuleLoadError([{ code: 'invalid-options', file: OPTIONS, path: shape.path, message: shape.message }]);
    // What the bundle must hold before anything reads it (its files' formats are checked after, file by file).
    if (!isObject(copy.policy))
      problems.push({ code: 'invalid-options', file: 'policy.json', message: 'missing from the bundle' });
    for (const k of ['clauses', 'codes', 'questions'])
      if (!isObject(copy[k]))
        problems.push({ code: 'invalid-options', file: `${k}.json`, message: 'missing from the bundle' });
    if (!Array.isArray(copy.ruleFiles))
      problems.push({
        code: 'invalid-options',
        file: OPTIONS,
        message: 'the bundle has no ruleFiles list (the rules files, read)',
      });
  }
  if (!optionsOk) {
    problems.push({ code: 'invalid-options', file: OPTIONS, message: 'the options must be an object' });
    throw new RuleLoadError(problems);
  }
  for (const k of Object.keys(options))
    if (!OPTION_KEYS.includes(k))
      problems.push({
        code: 'invalid-options',
        file: OPTIONS,
        message: `unknown option "${k}" (createPolicy takes settings)`,
      });
  if (settings !== undefined) {
    if (!isObject(settings))
      problems.push({
        code: 'invalid-setting',
        file: OPTIONS,
        path: ['settings'],
        message: 'settings: must be an object',
      });
    else {
      // The checks below walk the settings as the bundle's are walked: a cycle or deep nesting is reported instead.
      const shape = unreadableShape(
        settings,
        'the settings object',
        'settings are JSON data, as policy.json holds them',
      );
      if (shape)
        problems.push({
          code: 'invalid-setting',
          file: OPTIONS,
          path: ['settings', ...shape.path],
          message: shape.message,
        });
      else {
        problems.push(...undefinedSettings(settings, OPTIONS));
        for (const path of protoKeyPaths(settings))
          problems.push({
            code: 'invalid-setting',
            file: OPTIONS,
            path: ['settings', ...path],
            message: `settings.${path.join('.')}: "__proto__" is not a role or a setting`,
          });
        const r = zodSchemas().ruleFormats.policyFile.shape.settings.partial().safeParse(settings);
        if (!r.success)
          // A setting given as undefined is reported once, above.
          for (const i of r.error.issues)
            if (settings[String(i.path[0])] !== undefined || i.path.length === 0)
              problems.push({
                code: 'invalid-setting',
                file: OPTIONS,
                path: ['settings', ...cleanPath(i.path)],
                message: `settings${i.path.length ? `.${i.path.map(String).join('.')}` : ''}: ${i.message}`,
              });
      }
    }
  }
  if (problems.length) throw new RuleLoadError(problems);
  // Both are deep-frozen copies already: only the three objects withSettings makes are left to freeze (deepFreeze
  // stops at what is frozen), not the whole bundle walked again.
  const bundle = (
    asGiven ? copy : deepFreeze(withSettings(copy as unknown as RuleBundle, settings as object))
  ) as RuleBundle;
  return { bundle, asGiven, bundled: prechecked && asGiven };
}

/** As deep as a rules file read from JSON may nest (the strict JSON reader's limit). */
const MAX_BUNDLE_DEPTH = 512;

/**
 * Where a bundle stops being JSON-like data that the checks can walk: an object or array that holds itself (a
 * cycle), or nesting deeper than {@link MAX_BUNDLE_DEPTH}. Walked without recursion; shared parts that are not
 * cycles (one array in two places) are fine. The bundled rules as the default policy loads them are not walked
 * (they are generated from JSON files); passed to `createPolicy` by a caller they are, in about a millisecond.
 */
function unreadableShape(
  bundle: object,
  what = 'the bundle',
  tail = 'a rule bundle is JSON data',
): { path: (string | number)[]; message: string } | undefined {
  const onPath = new Set<object>();
  const done = new Set<object>();
  type Frame = { v: object; keys: string[]; i: number; key: string | number | undefined };
  const stack: Frame[] = [{ v: bundle, keys: Object.keys(bundle), i: 0, key: undefined }];
  onPath.add(bundle);
  const pathOf = () => stack.slice(1).map((f) => f.key as string | number);
  while (stack.length) {
    const top = stack[stack.length - 1] as Frame;
    if (top.i >= top.keys.length) {
      stack.pop();
      onPath.delete(top.v);
      done.add(top.v);
      continue;
    }
    const k = top.keys[top.i++] as string;
    const child = (top.v as Record<string, unknown>)[k];
    if (child === null || typeof child !== 'object' || done.has(child)) continue;
    const key = Array.isArray(top.v) ? Number(k) : k;
    if (onPath.has(child)) {
      const path = [...pathOf(), key];
      return { path, message: `${what} holds itself at ${path.join('.')} (a cycle): ${tail}` };
    }
    if (stack.length > MAX_BUNDLE_DEPTH) {
      const path = pathOf();
      return { path, message: `${what} is nested more than ${MAX_BUNDLE_DEPTH} deep: ${tail}` };
    }
    onPath.add(child);
    stack.push({ v: child, keys: Object.keys(child), i: 0, key });
  }
  return undefined;
}

/** The bundle with `settings` (already checked) over its policy.json's. */
function withSettings(bundle: RuleBundle, settings: object): RuleBundle {
  return { ...bundle, policy: { ...bundle.policy, settings: { ...bundle.policy.settings, ...settings } } };
}

/**
 * A setting given as `undefined` (in `createPolicy`'s settings or a bundle built in code) is refused, not read as
 * absent: it would pass an optional setting's check and then stand in for its default. One problem per such
 * setting, reported against `file`.
 */
function undefinedSettings(settings: Record<string, unknown>, file: string): RuleProblem[] {
  return Object.keys(settings)
    .filter((k) => settings[k] === undefined)
    .map(
      (k): RuleProblem => ({
        code: 'invalid-setting',
        file,
        path: ['settings', k],
        message: `settings.${k}: given as undefined; leave it out or give a value`,
      }),
    );
}

/** {@link undefinedSettings} of a bundle's policy.json, thrown (anything but an object is left to its format check). */
function refuseUndefinedSettings(settings: unknown): void {
  if (!isObject(settings)) return;
  const problems = undefinedSettings(settings, 'policy.json');
  if (problems.length > 0) throw new RuleLoadError(problems);
}

/**
 * Compiles a policy from a rule bundle (what `rules/` holds). Rules are checked and compiled once; the
 * returned policy answers questions synchronously.
 *
 * @param given The rules: {@link bundledRules}, a changed copy of it (`structuredClone(bundledRules)`), or what
 *   {@link readRulesFolder} returns.
 * @param options `settings` to use over those of the bundle's `policy.json`.
 * @returns The compiled {@link Policy}: `evaluate`, `safeEvaluate`, `evaluateWithEngine`, its `ref`, `settings` and
 *   `clauses`.
 * @throws {@link RuleLoadError} (`code` `invalid-rules`) listing every problem of the bundle or the options, each a
 *   {@link RuleProblem} with its {@link RuleProblemCode}, file and rule.
 * @throws {@link ZodUnavailableError} (`code` `zod-unavailable`) when zod, which checks the formats of any bundle but
 *   the bundled one, fails to load.
 * @example
 * import { bundledRules, createPolicy } from 'upsu-confidentiality-policy';
 * const strict = createPolicy(bundledRules, { settings: { smallCountThreshold: 10 } });
 * strict.evaluate({ question: 'recording', consentToRecord: true, relevant: true }).outcome; // 'permit'
 * @see P1
 */
export function createPolicy(given: RuleBundle, options: PolicyOptions = {}): Policy {
  // Settings given here are the policy's as if its policy.json said them: checked the same way (an unknown key,
  // a threshold that is not a whole number of at least 1, `undefined` or NaN are refused, never used), and part
  // of the rules hash, so a decision says which settings made it.
  // The policy is made from a deep-frozen copy of what it is given (parts frozen already, such as bundledRules,
  // are shared): the caller's objects are neither kept nor frozen in place, changing them afterwards changes no
  // decision (nor what evaluateWithEngine builds later from the rules), and the rules' own values that decisions
  // and traces hand out (a `violations` entry, a condition's `value`) cannot be changed to change later decisions.
  // The bundled rules (`prechecked`, internal) are deep-frozen when bundled: used as they are, with no walk at
  // start-up, and the checks the test suite makes of them are not made again.
  const { bundle, asGiven, bundled } = checkArguments(given, options);
  refuseUndefinedSettings((bundle.policy as { settings?: unknown } | undefined)?.settings);
  const loaded = loadBundle(bundle, { prechecked: bundled });
  // A frozen copy: the caller's own arrays (adviceTeam, …) changed after this would otherwise change decisions
  // past the checks, under a rules hash that no longer describes them. The bundled rules' settings, deep-frozen
  // already, need no copy (a first structuredClone takes ~0.4 ms of a cold start).
  const merged = { ...DEFAULT_SETTINGS, ...bundle.policy.settings };
  const settings: PolicySettings = deepFreeze(bundled ? merged : structuredClone(merged));
  const ref: PolicyRef = Object.freeze({
    id: bundle.policy.id,
    version: bundle.policy.version,
    rulesHash: (asGiven ? options.rulesHash : undefined) ?? hashOf(bundleForHash(bundle)),
  });
  const ids = loaded.clauseIds;
  const engines = new Map<string, Promise<InterpreterQuestion>>();

  const questionFor = (q: Question): CompiledQuestion => {
    const cq = loaded.questions[q.question];
    if (!cq)
      throw new PolicyInputError([issue('unknown-question', ['question'], { options: Object.keys(loaded.questions) })]);
    return cq;
  };

  const decideValid = (q: Question, opts?: EvaluateOptions): Decision => {
    const cq = questionFor(q);
    const ctx = new FactContext(settings, q.asOf);
    const decision = decideCompiled(cq, q as never, ctx, ref, ids);
    if (!explainWanted(opts)) return decision;
    const trace = traceQuestion(
      cq,
      q as never,
      ctx,
      (r, fired) => fired && (r.kind === 'decide' ? r.type === decision.outcome : r.when.has(decision.outcome)),
    );
    return { ...decision, trace };
  };

  const evaluate = (question: unknown, opts?: EvaluateOptions): Decision => {
    const valid = validateForDecision(question);
    if (valid !== undefined) return decideValid(valid, opts);
    const v = validateQuestion(question);
    if (!v.ok) throw new PolicyInputError(v.issues);
    return decideValid(v.value, opts);
  };

  return {
    ref,
    settings,
    clauses: bundle.clauses.clauses,
    loaded,
    evaluate,
    decideValid,
    safeEvaluate(question, opts) {
      let value = validateForDecision(question);
      if (value === undefined) {
        const v = validateQuestion(question);
        if (!v.ok) return { ok: false, issues: v.issues };
        value = v.value;
      }
      try {
        return { ok: true, decision: decideValid(value, opts) };
      } catch (e) {
        if (e instanceof PolicyInputError) return { ok: false, issues: e.issues };
        throw e;
      }
    },
    async evaluateWithEngine(question, opts) {
      // The same validation as `evaluate`: the copy laid out for deciding (every field the schema names is an own
      // property, so nothing inherited is read when the facts are derived), or zod's report.
      let value = validateForDecision(question);
      if (value === undefined) {
        const v = validateQuestion(question);
        if (!v.ok) throw new PolicyInputError(v.issues);
        value = v.value;
      }
      const cq = questionFor(value);
      let built = engines.get(cq.kind);
      if (!built) engines.set(cq.kind, (built = buildEngine(cq)));
      const iq = await built;
      return interpret(iq, value as never, value.asOf, settings, ref, ids, explainWanted(opts));
    },
  };
}

/**
 * Whether the caller asked for a trace: an own `explain` of `true`, as the options' type says. Anything else — an
 * `explain` inherited from a prototype (a polluted `Object.prototype`), a string `'false'` — is no trace, the way
 * only own properties of a question are read.
 */
function explainWanted(opts: EvaluateOptions | undefined): boolean {
  return typeof opts === 'object' && opts !== null && Object.hasOwn(opts, 'explain') && opts.explain === true;
}

/** What `rulesHash` covers: the policy metadata, clauses, codes, question settings and every rule file. */
export function bundleForHash(bundle: RuleBundle): unknown {
  return {
    policy: bundle.policy,
    clauses: bundle.clauses,
    codes: bundle.codes,
    questions: bundle.questions,
    ruleFiles: [...bundle.ruleFiles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
  };
}
