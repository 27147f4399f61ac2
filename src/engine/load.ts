import { RuleLoadError, type RuleProblem, type RuleProblemCode } from '../decision/errors.js';
import type { CodedNote, Reason } from '../decision/types.js';
import type { FactCatalogue, FactContext, FactDefinition, FactType } from '../derive/context.js';
import { isCalendarDate } from '../derive/dates.js';
import { FACTS } from '../derive/facts/index.js';
import { CONTRACT_OUTCOMES, type QuestionKind, ROLES, STAFF_ROLES } from '../facts/constants.js';
import { zodSchemas } from '../facts/schema-loader.js';
import { cleanPath } from '../facts/validate.js';
import {
  type CompiledQuestion,
  type CompiledRule,
  compileCondition,
  type RuleKind,
  type SetValue,
} from './compiled.js';
import { isFactRef } from './fact-ref.js';
import { OPERATORS } from './operators.js';
import type { ConditionJson, RuleBundle, RuleJson } from './rule-schema.js';

/** Decision fields a rule may set with `event.params.set`. `missing` and `violations` collect into lists. */
export const SETTABLE = ['escalateTo', 'destroyAfter', 'nextStep', 'respondBy', 'missing', 'violations'] as const;
export const COLLECTED: ReadonlySet<string> = new Set(['missing', 'violations']);
/** The event types of modifier rules (they add an obligation, remedy or advisory; every other type is an outcome). */
export const MODIFIER_KINDS: ReadonlySet<string> = new Set(['obligation', 'remedy', 'advisory']);

const freeze = <T>(x: T): T => Object.freeze(x);

/** Options for {@link loadBundle}. */
export interface LoadOptions {
  /**
   * The bundle was checked already (the rules bundled with the library: test/bundled-hash.test.ts loads them with
   * every check): skip, at start-up, the checks that only ever find problems and build nothing: the zod format
   * checks, each condition's facts, operators and values (`checkCondition`), and deciding rules whose conditions are
   * always true. The checks made while building what the policy is made of (codes, clauses, rule parameters) run;
   * `createPolicy` checks the settings.
   */
  readonly prechecked?: boolean;
}

/** A rule bundle checked and compiled: every question kind's rules, ready to evaluate. */
export interface LoadedPolicy {
  readonly bundle: RuleBundle;
  readonly questions: Readonly<Record<string, CompiledQuestion>>;
  /** Clause id → its place in policy order. */
  readonly clauseOrder: ReadonlyMap<string, number>;
  readonly clauseIds: readonly string[];
}

/**
 * The member `key` of a table of this library (facts, operators, the contract's outcomes), or `undefined`: never one
 * the table inherits. A rules folder names these in its text, and `constructor` or `toString` must be unknown
 * names (a problem listed), not Object's own members (a TypeError thrown instead of the RuleLoadError).
 */
const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/**
 * Checks a rule bundle hangs together and compiles it. Every problem is collected, then thrown together as a
 * {@link RuleLoadError} naming the file and rule: an unknown fact, operator, outcome, code, clause id or
 * fact value; a malformed rule; a duplicate name; two deciding rules of one priority with different outcomes.
 */
export function loadBundle(bundle: RuleBundle, options: LoadOptions = {}): LoadedPolicy {
  const problems: RuleProblem[] = [];
  const zodProblems = (
    file: string,
    r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
    rule?: string,
  ) => {
    if (!r.success)
      for (const i of r.error?.issues ?? [])
        problems.push({
          code: 'invalid-format',
          file,
          ...(rule ? { rule } : {}),
          path: cleanPath(i.path),
          message: `${i.path.map(String).join('.') || '(root)'}: ${i.message}`,
        });
    return r.success;
  };
  // The file formats (zod schemas of rule-schema.ts). Only their verdict is used, never their output, so a
  // bundle checked already (the bundled rules: test/bundled-hash.test.ts) may skip them.
  // zod is loaded (on first use) only to check formats.
  const formats = options.prechecked ? undefined : zodSchemas().ruleFormats;
  type Format = { safeParse(v: unknown): unknown } | undefined;
  const format = (file: string, schema: Format, value: unknown, rule?: string) => {
    if (schema === undefined) return true;
    // zod's records leave out a member named __proto__ rather than refuse it: refused here, wherever it is.
    const proto = protoKeyPaths(value);
    for (const path of proto)
      problems.push({
        code: 'invalid-format',
        file,
        ...(rule ? { rule } : {}),
        path,
        message: `${path.join('.')}: "__proto__" is not a name a rules file may use`,
      });
    return zodProblems(file, schema.safeParse(value) as Parameters<typeof zodProblems>[1], rule) && !proto.length;
  };
  // Every file's format problems at once (not only the first file's).
  const formatsOk = [
    format('policy.json', formats?.policyFile, bundle.policy),
    format('clauses.json', formats?.clausesFile, bundle.clauses),
    format('codes.json', formats?.codesFile, bundle.codes),
    format('questions.json', formats?.questionsFile, bundle.questions),
  ];
  if (formatsOk.includes(false)) throw new RuleLoadError(problems);

  const clauseIds = bundle.clauses.clauses.map((c) => c.id);
  const clauseOrder = new Map(clauseIds.map((id, i) => [id, i]));
  const sectionIds = new Set<string>();
  for (const sec of bundle.clauses.sections) {
    if (sectionIds.has(sec.id))
      problems.push({ code: 'duplicate', file: 'clauses.json', message: `section ${sec.id} is listed twice` });
    sectionIds.add(sec.id);
  }
  const seen = new Set<string>();
  for (const c of bundle.clauses.clauses) {
    if (seen.has(c.id))
      problems.push({ code: 'duplicate', file: 'clauses.json', message: `clause ${c.id} is listed twice` });
    seen.add(c.id);
    if (!sectionIds.has(c.section))
      problems.push({
        code: 'unknown-section',
        file: 'clauses.json',
        message: `clause ${c.id} is in section ${c.section}, which is not listed`,
      });
    if (c.parent !== null && !clauseOrder.has(c.parent))
      problems.push({
        code: 'unknown-clause',
        file: 'clauses.json',
        message: `clause ${c.id} has parent ${c.parent}, which is not a clause`,
      });
    if (!c.decidable && c.notDecidedPart !== undefined)
      problems.push({
        code: 'inconsistent-clause',
        file: 'clauses.json',
        message: `clause ${c.id} is not decidable, so it has no notDecidedPart (that is for a clause decided in part)`,
      });
    if (!c.decidable && !c.notDecidableReason)
      problems.push({
        code: 'inconsistent-clause',
        file: 'clauses.json',
        message: `clause ${c.id} is marked not decidable but gives no reason`,
      });
  }

  const note = (
    kind: 'obligations' | 'remedies' | 'advisories',
    code: string,
    file: string,
    rule?: string,
    path?: (string | number)[],
  ): CodedNote | null => {
    const entry = bundle.codes[kind][code];
    if (!entry) {
      problems.push({
        code: 'unknown-code',
        file,
        ...(rule ? { rule } : {}),
        ...(path ? { path } : {}),
        message: `unknown ${kind === 'remedies' ? 'remedy' : kind === 'advisories' ? 'advisory' : 'obligation'} code "${code}" (not in codes.json)`,
      });
      return null;
    }
    return freeze({ code, clause: entry.clause, text: entry.text });
  };
  for (const kind of ['obligations', 'remedies', 'advisories'] as const)
    for (const [code, e] of Object.entries(bundle.codes[kind]))
      if (!clauseOrder.has(e.clause))
        problems.push({
          code: 'unknown-clause',
          file: 'codes.json',
          message: `${kind} "${code}" cites unknown clause ${e.clause}`,
        });

  const perQuestion = new Map<string, { rule: RuleJson; file: string }[]>();
  for (const q of Object.keys(bundle.questions)) {
    if (!own(FACTS, q))
      problems.push({
        code: 'unknown-question',
        file: 'questions.json',
        message: `question "${q}" has no facts in this library`,
      });
    perQuestion.set(q, []);
    const meta = bundle.questions[q];
    if (meta && !meta.outcomes.includes(meta.cautious))
      problems.push({
        code: 'not-the-contract',
        file: 'questions.json',
        message: `question "${q}": cautious outcome "${meta.cautious}" is not one of its outcomes`,
      });
    const fixed = own(CONTRACT_OUTCOMES as Record<string, (typeof CONTRACT_OUTCOMES)[QuestionKind]>, q);
    if (meta && fixed) {
      // The contract fixes the outcomes and the fail-closed default: a folder may not rename or add outcomes, or
      // make a question no rule covers end in anything but the most cautious one.
      if (meta.outcomes.length !== fixed.outcomes.length || fixed.outcomes.some((o) => !meta.outcomes.includes(o)))
        problems.push({
          code: 'not-the-contract',
          file: 'questions.json',
          message: `question "${q}": its outcomes must be the contract's (${fixed.outcomes.join(', ')}), in any order`,
        });
      if (meta.cautious !== fixed.cautious)
        problems.push({
          code: 'not-the-contract',
          file: 'questions.json',
          message: `question "${q}": its cautious outcome must be "${fixed.cautious}" (the contract's most cautious), not "${meta.cautious}"`,
        });
    }
    for (const c of meta?.fallbackClauses ?? [])
      if (!clauseOrder.has(c))
        problems.push({
          code: 'unknown-clause',
          file: 'questions.json',
          message: `question "${q}" cites unknown clause ${c}`,
        });
  }
  // Rule names per question, across its files.
  const namesSeen = new Map<string, Set<string>>();
  for (const rf of bundle.ruleFiles) {
    const list = perQuestion.get(rf.question);
    if (!list) {
      problems.push({
        code: 'unknown-question',
        file: rf.file,
        message: `unknown question "${rf.question}" (not in questions.json)`,
      });
      continue;
    }
    if (!Array.isArray(rf.rules)) {
      problems.push({
        code: 'invalid-format',
        file: rf.file,
        path: [],
        message: 'a rules file must hold a JSON array of rules',
      });
      continue;
    }
    let seen = namesSeen.get(rf.question);
    if (!seen) namesSeen.set(rf.question, (seen = new Set()));
    rf.rules.forEach((raw, i) => {
      const name = (raw as { name?: unknown })?.name;
      // Checked here, on every rule with a name, so that one whose format is wrong (and is not compiled) cannot
      // hide that its name is taken: the duplicate would only show once the format was fixed.
      if (typeof name === 'string') {
        if (seen.has(name))
          problems.push({
            file: rf.file,
            rule: name,
            code: 'duplicate',
            message: `duplicate rule name in question "${rf.question}"`,
          });
        seen.add(name);
      }
      if (format(rf.file, formats?.ruleJson, raw, typeof name === 'string' ? name : `#${i}`))
        list.push({ rule: raw, file: rf.file });
    });
  }

  const questions: Record<string, CompiledQuestion> = {};
  for (const [kind, entries] of perQuestion) {
    const meta = bundle.questions[kind];
    const facts = own(FACTS, kind);
    if (!meta || !facts) continue;
    const compiled: CompiledRule[] = [];
    for (const { rule, file } of entries) {
      const where = { file, rule: rule.name };
      if (!options.prechecked)
        checkCondition(rule.conditions, facts, (code, message, path) =>
          problems.push({ ...where, code, path, message }),
        );
      const p = rule.event.params;
      const type = rule.event.type;
      // A deciding rule that needs nothing decides every question it is reached for: fine for the cautious
      // outcome, but anything else (an `all: []` left as a placeholder) would quietly permit what the rules
      // below it deny. A modifier (an advisory on every decision) may need nothing.
      if (
        !MODIFIER_KINDS.has(type) &&
        type !== meta.cautious &&
        !options.prechecked &&
        alwaysTrue(rule.conditions, facts)
      )
        problems.push({
          ...where,
          code: 'always-true',
          message: `its conditions are always true (whatever the values of the facts they read), so it would decide "${type}" for every ${kind} question the rules above it leave: give it conditions (only the cautious outcome "${meta.cautious}" may be decided unconditionally)`,
        });
      let ruleKind: RuleKind;
      let clauses: string[] = [];
      let reason: Reason | null = null;
      let when = new Set<string>();
      const obligations: CodedNote[] = [];
      const remedies: CodedNote[] = [];
      const advisories: CodedNote[] = [];
      if (MODIFIER_KINDS.has(type)) {
        ruleKind = type as RuleKind;
        if (!p.code || !p.when)
          problems.push({
            ...where,
            code: 'invalid-params',
            message: `a ${type} rule needs params.code and params.when`,
          });
        if (p.clauses || p.text || p.obligations || p.remedies || p.advisories)
          problems.push({
            ...where,
            code: 'invalid-params',
            message: `a ${type} rule takes its clause and text from codes.json: give only code, when and set`,
          });
        for (const w of p.when ?? [])
          if (!meta.outcomes.includes(w))
            problems.push({ ...where, code: 'unknown-outcome', message: `unknown outcome "${w}" in params.when` });
        when = new Set(p.when ?? []);
        const n = p.code
          ? note(
              type === 'remedy' ? 'remedies' : type === 'advisory' ? 'advisories' : 'obligations',
              p.code,
              file,
              rule.name,
              ['event', 'params', 'code'],
            )
          : null;
        if (n) {
          clauses = [n.clause];
          (type === 'obligation' ? obligations : type === 'remedy' ? remedies : advisories).push(n);
        }
      } else {
        ruleKind = 'decide';
        if (!meta.outcomes.includes(type))
          problems.push({
            ...where,
            code: 'unknown-outcome',
            message: `unknown outcome "${type}" (question "${kind}" has ${meta.outcomes.join(', ')})`,
          });
        if (!p.clauses || !p.text)
          problems.push({
            ...where,
            code: 'invalid-params',
            message: 'a deciding rule needs params.clauses and params.text',
          });
        if (p.code || p.when)
          problems.push({
            ...where,
            code: 'invalid-params',
            message: 'params.code and params.when are for obligation/remedy/advisory rules',
          });
        clauses = p.clauses ?? [];
        const codes = (kind: 'obligations' | 'remedies' | 'advisories', list: readonly string[], into: CodedNote[]) => {
          for (let i = 0; i < list.length; i++) {
            const n = note(kind, list[i] as string, file, rule.name, ['event', 'params', kind, i]);
            if (n) into.push(n);
          }
        };
        codes('obligations', p.obligations ?? [], obligations);
        codes('remedies', p.remedies ?? [], remedies);
        codes('advisories', p.advisories ?? [], advisories);
        reason = freeze({ rule: rule.name, clause: clauses[0] ?? '', text: p.text ?? '' });
      }
      for (let i = 0; i < clauses.length; i++) {
        const c = clauses[i] as string;
        if (!clauseOrder.has(c))
          problems.push({
            ...where,
            code: 'unknown-clause',
            ...(ruleKind === 'decide' ? { path: ['event', 'params', 'clauses', i] } : {}),
            message: `unknown clause id "${c}"`,
          });
      }
      const set: [string, SetValue][] = [];
      for (const [key, v] of Object.entries(p.set ?? {})) {
        if (!(SETTABLE as readonly string[]).includes(key))
          problems.push({
            ...where,
            code: 'invalid-set',
            message: `params.set.${key} is not a decision field a rule may set (${SETTABLE.join(', ')})`,
          });
        if (isFactRef(v)) {
          const f = own(facts, v.fact);
          if (!f)
            problems.push({
              ...where,
              code: 'unknown-fact',
              message: `params.set.${key} reads unknown fact "${v.fact}"`,
            });
          else {
            const wrong = setFactProblem(key, f);
            if (wrong) problems.push({ ...where, code: 'invalid-set', message: `params.set.${key} ${wrong}` });
            set.push([key, { fact: f as FactDefinition<never> }]);
          }
        } else {
          const wrong = setValueProblem(key, v, clauseOrder);
          if (wrong) problems.push({ ...where, code: 'invalid-set', message: `params.set.${key} ${wrong}` });
          set.push([key, { value: freeze(v) }]);
        }
      }

      // decision.clauses: a deciding rule's clauses and every obligation's; remedies and advisories do not justify the outcome.
      const indexes = [...(ruleKind === 'decide' ? clauses : []), ...obligations.map((o) => o.clause)]
        .map((c) => clauseOrder.get(c))
        .filter((x): x is number => x !== undefined);
      compiled.push({
        name: rule.name,
        file,
        kind: ruleKind,
        type,
        priority: rule.priority,
        json: rule,
        test: problems.length ? () => false : compiledOnFirstUse(rule.conditions, facts),
        clauses: freeze(clauses),
        reason,
        when,
        obligations: freeze(obligations),
        remedies: freeze(remedies),
        advisories: freeze(advisories),
        clauseIndexes: freeze([...new Set(indexes)].sort((a, b) => a - b)),
        set: freeze(set),
      });
    }
    const deciding = compiled.filter((r) => r.kind === 'decide').sort((a, b) => b.priority - a.priority);
    // The fields a decision of an outcome carries (the audit and callers read them): some rule of that outcome
    // must set each (the rules of one outcome that fire together combine what they set).
    for (const outcome of meta.outcomes)
      for (const key of REQUIRED_SET[`${kind}/${outcome}`] ?? REQUIRED_SET[`*/${outcome}`] ?? []) {
        const rules = deciding.filter((r) => r.type === outcome);
        if (rules.length && !rules.some((r) => r.set.some(([k]) => k === key)))
          problems.push({
            code: 'missing-set',
            file: (rules[0] as CompiledRule).file,
            rule: (rules[0] as CompiledRule).name,
            message: `no ${outcome} rule of "${kind}" sets ${key} (params.set.${key}), which a ${outcome} decision carries`,
          });
      }
    for (let i = 1; i < deciding.length; i++) {
      const a = deciding[i - 1] as CompiledRule;
      const b = deciding[i] as CompiledRule;
      if (a.priority === b.priority && a.type !== b.type)
        problems.push({
          code: 'ambiguous-priority',
          file: b.file,
          rule: b.name,
          message: `has the same priority (${b.priority}) as "${a.name}" but another outcome: give them different priorities so the order is explicit`,
        });
    }
    const fallback = meta.fallbackClauses;
    questions[kind] = {
      kind,
      title: meta.title,
      outcomes: meta.outcomes,
      cautious: meta.cautious,
      deciding,
      modifiers: compiled.filter((r) => r.kind !== 'decide'),
      facts,
      notCovered: freeze({
        rule: 'not-covered',
        clause: fallback[0] as string,
        text: `No rule of the policy covers this ${kind} question, so the most cautious outcome (${meta.cautious}) applies.`,
      }),
      notCoveredClauseIndexes: freeze(fallback.map((c) => clauseOrder.get(c) ?? 0).sort((a, b) => a - b)),
    };
  }
  if (problems.length) throw new RuleLoadError(problems);
  return { bundle, questions, clauseOrder, clauseIds };
}

/**
 * The paths of the members named `__proto__` in parsed JSON (an own property there, which an object literal or
 * zod's output would turn into a prototype, so a check of it would pass a value that is then not read).
 *
 * @example
 * protoKeyPaths(JSON.parse('{"a":{"__proto__":1}}')); // [['a', '__proto__']]
 */
export function protoKeyPaths(value: unknown, path: (string | number)[] = [], found: (string | number)[][] = []) {
  if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      const at = [...path, Array.isArray(value) ? Number(k) : k];
      if (k === '__proto__') found.push(at);
      protoKeyPaths(v, at, found);
    }
  return found;
}

/** Fields a deciding rule must set, by question and outcome (`*` stands for every question). */
const REQUIRED_SET: Readonly<Record<string, readonly string[]>> = {
  'disclosure/escalate': ['escalateTo'],
  'retention/destroy': ['destroyAfter'],
  'breach/pending': ['nextStep'],
  '*/non-compliant': ['violations'],
};

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const isRole = (v: unknown) => (ROLES as readonly unknown[]).includes(v);

/** What is wrong with a decision field set from a fact, or `undefined`. */
function setFactProblem(key: string, f: FactDefinition<never>): string | undefined {
  if (key === 'escalateTo')
    return f.type === 'string' && f.values?.every(isRole) ? undefined : 'must read a fact whose values are roles';
  if (key === 'destroyAfter' || key === 'respondBy') return f.type === 'date' ? undefined : 'must read a date fact';
  if (key === 'nextStep') return f.type === 'object' ? undefined : 'must read the nextStep fact';
  return `cannot read a fact: give ${key === 'missing' ? 'a code' : 'code and clause'} here`;
}

/** What is wrong with a constant decision field, or `undefined`. */
function setValueProblem(key: string, v: unknown, clauses: ReadonlyMap<string, number>): string | undefined {
  const list = Array.isArray(v) ? v : [v];
  switch (key) {
    case 'escalateTo':
      // The contract escalates to a line manager (5.4.1): one of the organisation's own staff, as the role
      // settings require. An escalation to the client, a third party or another organisation would send the
      // breach, and the case with it, outside (fail closed: refused).
      if (!isRole(v)) return `must be a role, not ${JSON.stringify(v)}`;
      return (STAFF_ROLES as readonly unknown[]).includes(v)
        ? undefined
        : `must be one of the organisation's staff roles (a breach is escalated to a line manager, 5.4.1), not ${JSON.stringify(v)} (staff roles: ${STAFF_ROLES.join(', ')})`;
    case 'destroyAfter':
    case 'respondBy':
      return isCalendarDate(v)
        ? undefined
        : `must be a calendar date (YYYY-MM-DD) or a date fact, not ${JSON.stringify(v)}`;
    case 'missing':
      return list.length > 0 && list.every((x) => typeof x === 'string' && KEBAB.test(x))
        ? undefined
        : 'must be a kebab-case code, or a list of them';
    case 'violations':
      for (const x of list) {
        const o = x as { code?: unknown; clause?: unknown } | null;
        if (o === null || typeof o !== 'object' || typeof o.code !== 'string' || !KEBAB.test(o.code))
          return 'must be { code, clause } with a kebab-case code, or a list of them';
        if (typeof o.clause !== 'string' || !clauses.has(o.clause))
          return `cites unknown clause ${JSON.stringify(o.clause)}`;
      }
      return list.length > 0 ? undefined : 'must not be empty';
    default:
      return 'must read a fact';
  }
}

/** The fact types an operator compares (`equal`, `notEqual`, `in` and `notIn`: any but a list or an object). */
const OPERATOR_FACT_TYPES: Readonly<Record<string, readonly FactType[]>> = {
  contains: ['string[]'],
  doesNotContain: ['string[]'],
  lessThan: ['number'],
  lessThanInclusive: ['number'],
  greaterThan: ['number'],
  greaterThanInclusive: ['number'],
  dateAfter: ['date'],
  dateOnOrBefore: ['date'],
};
const SCALAR_TYPES: readonly FactType[] = ['boolean', 'string', 'number', 'date'];
const TYPE_WORDS: Readonly<Record<FactType, string>> = {
  boolean: 'true or false',
  string: 'a string',
  number: 'a number',
  date: 'a calendar date (YYYY-MM-DD)',
  'string[]': 'a list of strings',
  object: 'an object',
};

/** Whether a constant is a value of a fact type (for a list fact: of its elements, which `contains` compares). */
function isValueOf(type: FactType, v: unknown): boolean {
  switch (type) {
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'date':
      return isCalendarDate(v);
    case 'string':
    case 'string[]':
      return typeof v === 'string';
    default:
      return false;
  }
}

/**
 * The values of one fact for which a condition holds: `values` themselves, or (`except`) every value but them.
 * Every fact may be `null` (not known), so `null` is a value like any other here: `notEqual null` does not hold
 * for every value, `notIn []` does.
 */
interface FactValues {
  readonly fact: string;
  readonly except: boolean;
  readonly values: ReadonlySet<unknown>;
}

/** The values a fact can take, `null` included, when they are a closed set (a boolean, a listed string). */
function domainOf(f: FactDefinition<never> | undefined): readonly unknown[] | undefined {
  if (f?.type === 'boolean') return [true, false, null];
  return f?.type === 'string' && f.values ? [...f.values, null] : undefined;
}

const unite = (a: FactValues, b: FactValues): FactValues => {
  const has = (x: FactValues, v: unknown) => x.values.has(v) !== x.except;
  if (!a.except && !b.except) return { fact: a.fact, except: false, values: new Set([...a.values, ...b.values]) };
  // At least one is "every value but": the union is every value but those neither holds for.
  const pool = [...a.values, ...b.values];
  return { fact: a.fact, except: true, values: new Set(pool.filter((v) => !has(a, v) && !has(b, v))) };
};
const negate = (a: FactValues): FactValues => ({ ...a, except: !a.except });
const intersect = (a: FactValues, b: FactValues): FactValues => negate(unite(negate(a), negate(b)));

/**
 * A condition that reads one fact only, as the values of it for which it holds: `equal`, `in`, `notEqual` and
 * `notIn` with constants, and `not`, `all` and `any` of such on the same fact; otherwise `undefined`.
 */
function factValues(c: ConditionJson): FactValues | undefined {
  if ('not' in c) {
    const v = factValues(c.not);
    return v && negate(v);
  }
  if ('all' in c || 'any' in c) {
    const list = ('all' in c ? c.all : c.any).map(factValues);
    if (list.length === 0 || list.some((x) => x === undefined || x.fact !== list[0]?.fact)) return undefined;
    return (list as FactValues[]).reduce('all' in c ? intersect : unite);
  }
  if (isFactRef(c.value)) return undefined;
  const values = new Set(Array.isArray(c.value) ? c.value : [c.value]);
  if (c.operator === 'equal' || c.operator === 'in') return { fact: c.fact, except: false, values };
  if (c.operator === 'notEqual' || c.operator === 'notIn') return { fact: c.fact, except: true, values };
  return undefined;
}

/** Whether the values hold for every value the fact can take (`null` included). */
function coversAll(v: FactValues, facts: FactCatalogue<never>): boolean {
  const domain = domainOf(own(facts, v.fact));
  if (v.except) return v.values.size === 0 || domain?.every((x) => !v.values.has(x)) === true;
  return domain?.every((x) => v.values.has(x)) === true;
}

/** Whether the values hold for no value the fact can take. */
const coversNone = (v: FactValues, facts: FactCatalogue<never>): boolean => coversAll(negate(v), facts);

/** The conditions of a list that read one fact each, combined fact by fact (`unite` for `any`, `intersect` for `all`). */
function perFact(list: readonly ConditionJson[], combine: (a: FactValues, b: FactValues) => FactValues): FactValues[] {
  const byFact = new Map<string, FactValues>();
  for (const x of list) {
    const v = factValues(x);
    if (!v) continue;
    const before = byFact.get(v.fact);
    byFact.set(v.fact, before ? combine(before, v) : v);
  }
  return [...byFact.values()];
}

/**
 * Whether a condition holds whatever the facts' values (`null`, not known, included): an empty `all`; conditions
 * on one fact that together hold for every value it can take (`notIn []`; `relevant in [true, false, null]`;
 * `x = true` or `not (x = true)`); `all` of such, `any` with one such or whose conditions on one fact cover it,
 * `not` of a never. A deciding rule with such conditions decides every question it is reached for: a
 * placeholder, unless it decides the cautious outcome.
 */
function alwaysTrue(c: ConditionJson, facts: FactCatalogue<never>): boolean {
  const one = factValues(c);
  if (one && coversAll(one, facts)) return true;
  if ('all' in c) return c.all.every((x) => alwaysTrue(x, facts));
  if ('any' in c) {
    if (c.any.some((x) => alwaysTrue(x, facts))) return true;
    return perFact(c.any, unite).some((v) => coversAll(v, facts));
  }
  if ('not' in c) return alwaysFalse(c.not, facts);
  return false;
}

/** Whether a condition holds for no values of the facts: an empty `any`, `in []`, conditions on one fact that exclude each other, `all` with one such, `any` of such, `not` of an always. */
function alwaysFalse(c: ConditionJson, facts: FactCatalogue<never>): boolean {
  const one = factValues(c);
  if (one && coversNone(one, facts)) return true;
  if ('all' in c) {
    if (c.all.some((x) => alwaysFalse(x, facts))) return true;
    return perFact(c.all, intersect).some((v) => coversNone(v, facts));
  }
  if ('any' in c) return c.any.every((x) => alwaysFalse(x, facts));
  if ('not' in c) return alwaysTrue(c.not, facts);
  return false;
}

/**
 * Checks a condition against the facts it reads: the fact and operator exist, the operator compares the fact's
 * type, and every constant is a value the fact can have (a number for a number, a calendar date for a date, one
 * of the listed values for a closed set), or a fact of the same type. A condition that could never be true
 * because of a type mismatch would silently switch its rule off, so each is refused. An `all` with two
 * conditions asking the same fact to equal two different values, and an empty `any`, can never be true either.
 */
function checkCondition(
  c: ConditionJson,
  facts: FactCatalogue<never>,
  report: (code: RuleProblemCode, message: string, path: (string | number)[]) => void,
  at: (string | number)[] = ['conditions'],
): void {
  // Each problem is at the condition it is about, in the rule (`conditions.all.1`), as format problems are.
  const problem = (code: RuleProblemCode, message: string, path = at) => report(code, message, path);
  if ('all' in c || 'any' in c) {
    const key = 'all' in c ? 'all' : 'any';
    const list = 'all' in c ? c.all : c.any;
    // Index loops and `concat`, not `entries()` and spreads: this runs once per condition in the first decision
    // (cold code, where iterator protocols cost most of a millisecond over the bundled rules).
    if ('any' in c && list.length === 0) problem('never-true', 'an empty "any" is never true', at.concat(key));
    if ('all' in c) {
      const equals = new Map<string, unknown>();
      for (let i = 0; i < list.length; i++) {
        const x = list[i] as ConditionJson;
        if ('fact' in x && x.operator === 'equal' && x.value !== null && !isFactRef(x.value)) {
          if (equals.has(x.fact) && equals.get(x.fact) !== x.value)
            problem(
              'never-true',
              `"all" asks fact "${x.fact}" to equal both ${JSON.stringify(equals.get(x.fact))} and ${JSON.stringify(x.value)}: it is never true`,
              at.concat(key, i),
            );
          equals.set(x.fact, x.value);
        }
      }
    }
    for (let i = 0; i < list.length; i++) checkCondition(list[i] as ConditionJson, facts, report, at.concat(key, i));
    return;
  }
  if ('not' in c) {
    checkCondition(c.not, facts, report, at.concat('not'));
    return;
  }
  const f = own(facts, c.fact);
  if (!f) {
    problem('unknown-fact', `unknown fact "${c.fact}" (this question's facts: ${Object.keys(facts).join(', ')})`);
    return;
  }
  const op = own(OPERATORS, c.operator);
  if (!op) {
    problem('unknown-operator', `unknown operator "${c.operator}" (operators: ${Object.keys(OPERATORS).join(', ')})`);
    return;
  }
  const types = own(OPERATOR_FACT_TYPES, c.operator) ?? SCALAR_TYPES;
  if (!types.includes(f.type)) {
    problem(
      'type-mismatch',
      `operator "${c.operator}" does not compare fact "${c.fact}" (${f.type}); it compares ${types.join(' or ')}`,
    );
    return;
  }
  const v = c.value;
  if (isFactRef(v)) {
    const g = own(facts, v.fact);
    if (!g) problem('unknown-fact', `condition compares with unknown fact "${v.fact}"`);
    else if (op.valueIsArray || g.type !== (f.type === 'string[]' ? 'string' : f.type))
      problem(
        'type-mismatch',
        `fact "${c.fact}" (${f.type}) is compared with fact "${v.fact}" (${g.type}) by "${c.operator}"`,
      );
    return;
  }
  if (op.valueIsArray && !Array.isArray(v)) {
    problem('type-mismatch', `operator "${c.operator}" needs an array value`);
    return;
  }
  if (c.operator === 'in' && Array.isArray(v) && v.length === 0)
    problem('never-true', '"in" an empty list is never true');
  const constants = Array.isArray(v) ? v : [v];
  // null (not known) is a value every fact may have, for equal and notEqual and in a list.
  if (!op.valueIsArray && v === null && !(c.operator === 'equal' || c.operator === 'notEqual'))
    problem('type-mismatch', `operator "${c.operator}" needs a value, not null`);
  for (const k of constants)
    if (k !== null && !isValueOf(f.type, k))
      problem(
        'type-mismatch',
        `fact "${c.fact}" is ${TYPE_WORDS[f.type]}: ${JSON.stringify(k)} is not one${f.type === 'boolean' ? '; compare it with true or false' : ''}`,
      );
  if (f.values)
    for (const k of Array.isArray(v) ? v : [v])
      if (k !== null && !f.values.includes(k as string))
        problem(
          'unknown-value',
          `fact "${c.fact}" never has the value ${JSON.stringify(k)} (it takes ${f.values.join(', ')})`,
        );
}

/**
 * A rule's test, compiled the first time it is called. Deciding runs each question kind's rules as one generated
 * function (`compileDecider`), so the single rules' tests are called only where that cannot be generated (or a
 * kind has more rules than it takes); compiling all of them when a policy loads cost the first decision a few
 * milliseconds of `new Function` for tests that are never called.
 */
function compiledOnFirstUse(
  conditions: ConditionJson,
  facts: FactCatalogue<never>,
): (question: never, ctx: FactContext) => boolean {
  let test: ((question: never, ctx: FactContext) => boolean) | undefined;
  return (question, ctx) => (test ??= compileCondition(conditions, facts, OPERATORS))(question, ctx);
}
