import type { CodedNote, Decision, Issue } from '../decision/types.js';
import type { FactCatalogue, PolicySettings } from '../derive/context.js';
import { lineManager, mayDecideBreach, type PolicyRoles } from '../derive/roles.js';
import type { CompiledRule } from '../engine/compiled.js';
import type { Policy } from '../engine/policy.js';
import type { ClauseJson } from '../engine/rule-schema.js';
import type { Party } from '../facts/common.js';
import { ROLES, type Role } from '../facts/constants.js';
import { readCondition } from './conditions.js';
import { roleLabelsOf } from './labels.js';

/**
 * A scenario from a `*.cases.json` table, as the docs use it for a worked example.
 *
 * @example
 * const s: ScenarioEntry = { file: '0-preamble/disclosure.cases.json', name: 'parent asks', question: q };
 * @see P1
 */
export interface ScenarioEntry {
  /** Path of its table inside the rules folder. */
  readonly file: string;
  readonly name: string;
  readonly rule?: string;
  readonly fires?: boolean;
  readonly question: unknown;
}

/**
 * A rule as the docs show it: its conditions read aloud and what it produces.
 *
 * @example
 * model.questions[0].deciding[0].reads; // 'the recipient is in the Advice team (an adviser or the Advice Service Lead)'
 * @see P3
 */
export interface RuleDoc {
  readonly question: string;
  readonly name: string;
  readonly file: string;
  readonly priority: number;
  /** `decide`, `obligation`, `remedy` or `advisory`. */
  readonly kind: string;
  /** The outcome (deciding rules) or the note kind. */
  readonly type: string;
  /** Modifier rules: the outcomes the note applies to. */
  readonly when: readonly string[];
  readonly reads: string;
  readonly clauses: readonly string[];
  readonly text?: string | undefined;
  /** The rule's own `description`, when its author gave one (e.g. a choice the policy text leaves open). */
  readonly description?: string | undefined;
  readonly obligations: readonly CodedNote[];
  readonly remedies: readonly CodedNote[];
  readonly advisories: readonly CodedNote[];
  /** Decision fields the rule sets: the field, and what it does read aloud ("records the violation …"). */
  readonly sets: readonly (readonly [string, string])[];
  /** Every clause the rule cites: its own, its notes', its violations'. */
  readonly cites: readonly string[];
  /** Deciding rules: how many deciding rules with another outcome are tried before it (and so override it). */
  readonly overriddenBy: number;
}

/**
 * A worked example: a scenario with the decision the real rules give it.
 *
 * @example
 * model.sections[0].clauses[3].examples[0].decision?.outcome; // 'deny'
 * @see P4
 */
export interface ExampleDoc extends ScenarioEntry {
  /** The date the example was asked as of, when the scenario gave none (so the docs stay the same each day). */
  readonly asOfAssumed?: string;
  readonly decision?: Decision;
  readonly issues?: readonly Issue[];
  /**
   * When the example's rule is a deciding rule that fires but does not decide (a rule above it with another
   * outcome does): the rules that decided, so the docs do not read "rule X (a deny) fires → permit".
   */
  readonly decidedBy?: readonly string[];
}

/**
 * A code from codes.json at its clause, with the rules that produce it.
 *
 * @example
 * clauseDoc.codes.filter((c) => c.kind === 'advisory').map((c) => c.code); // ['gdpr-access-free', …]
 * @see 3.2
 */
export interface CodeDoc {
  readonly kind: 'obligation' | 'remedy' | 'advisory';
  readonly code: string;
  readonly text: string;
  readonly producedBy: readonly RuleDoc[];
}

/**
 * One clause with everything the software does with it.
 *
 * @example
 * const c = model.sections[0].clauses[0];
 * c.id; // 'P1'
 * c.decidable; // false
 * @see P1
 */
export interface ClauseDoc extends ClauseJson {
  readonly rules: readonly RuleDoc[];
  readonly codes: readonly CodeDoc[];
  /** Question kinds whose fail-closed outcome cites this clause. */
  readonly fallbackOf: readonly string[];
  readonly examples: readonly ExampleDoc[];
  /** All scenarios behind the clause (examples are at most {@link MAX_EXAMPLES} of them). */
  readonly scenarioCount: number;
  /** The scenario tables those scenarios come from, in path order. */
  readonly scenarioFiles: readonly string[];
}

/**
 * A policy section: its clauses, and the Markdown file it is written to.
 *
 * @example
 * model.sections[2].file; // '2-confidentiality-and-sharing-information.md'
 * @see 2.1
 */
export interface SectionDoc {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly clauses: readonly ClauseDoc[];
}

/**
 * The rules of one question kind, in the order they are applied.
 *
 * @example
 * model.questions.find((q) => q.kind === 'disclosure')?.cautious; // 'deny'
 * @see P3
 */
export interface QuestionDoc {
  readonly kind: string;
  readonly title: string;
  readonly outcomes: readonly string[];
  readonly cautious: string;
  readonly fallbackClauses: readonly string[];
  readonly deciding: readonly RuleDoc[];
  readonly modifiers: readonly RuleDoc[];
}

/**
 * One cell of the disclosure decision table.
 *
 * @example
 * model.table.rows[0].cells[0]; // { outcome: 'permit', clauses: ['P3', '3.1'], obligations: [], remedies: [] }
 * @see 3.1
 */
export interface TableCell {
  readonly outcome: string;
  readonly clauses: readonly string[];
  readonly obligations: readonly string[];
  readonly remedies: readonly string[];
}

/**
 * The disclosure decision table: recipient × information × consent → outcome, clauses.
 *
 * @example
 * model.table.consents.map((c) => c.label); // ['no consent', 'verbal consent', …]
 * @see 2.1
 */
export interface DecisionTable {
  readonly consents: readonly { readonly label: string }[];
  readonly rows: readonly { readonly recipient: string; readonly information: string; readonly cells: TableCell[] }[];
}

/**
 * The breach-of-confidentiality chain (5.4–5.5), as the code decides it.
 *
 * @example
 * model.chain.raises; // [{ raiser: 'adviser', with: 'advice-lead' }, { raiser: 'advice-lead', with: 'advice-manager' }]
 * @see 5.4.1
 */
export interface ChainModel {
  /** Who raises with whom (5.4.1): every raiser the policy covers and their line manager. */
  readonly raises: readonly { readonly raiser: Role; readonly with: Role }[];
  /** Who may decide a breach raised by each raiser (5.4.3, 5.5.2, 5.5.4). */
  readonly deciders: readonly { readonly raiser: Role; readonly may: readonly Role[] }[];
  /** How the roles are named in the drawing and the list: the policy's labels (the built-in ones when absent). */
  readonly roleLabels?: Readonly<Record<string, string>>;
}

/**
 * Everything the docs show, built once from a compiled policy and its scenarios.
 *
 * @example
 * const model: DocsModel = buildModel(loadPolicy('./rules'), readScenarios('./rules'));
 * @see P1
 */
export interface DocsModel {
  readonly policy: Policy;
  readonly title: string;
  readonly id: string;
  readonly version: string;
  readonly organisation: string;
  readonly rulesHash: string;
  /** Every role's label as the book and its checker show it: the policy's `roleLabels` over the built-in ones. */
  readonly roleLabels: Readonly<Record<string, string>>;
  readonly sections: readonly SectionDoc[];
  readonly clauseFile: ReadonlyMap<string, string>;
  readonly questions: readonly QuestionDoc[];
  readonly table: DecisionTable;
  readonly chain: ChainModel;
  readonly scenarioFiles: readonly string[];
  readonly scenarioTotal: number;
}

/**
 * A decision's violations as a flat list of `{ code, clause }`, whatever nesting the rules' `set` produced.
 *
 * @example
 * violationList(decision).map((v) => v.clause); // ['5.4.3', '5.5.2']
 * @see 5.4
 */
export function violationList(d: Decision): { code: string; clause: string }[] {
  const flat = ((d.violations ?? []) as unknown[]).flat(3) as unknown[];
  return flat
    .filter((v): v is { code: unknown; clause: unknown } => v !== null && typeof v === 'object')
    .map((v) => ({ code: String(v.code ?? ''), clause: String(v.clause ?? '') }));
}

const REF = String.raw`(?:P[1-6]|[1-6](?:\.\d+)+)`;
const REFS = new RegExp(String.raw`\((${REF}(?:(?:, | and |–)${REF})*)\)`, 'g');

/**
 * Turns the clause references in a plain-English text — "(P2, P3)", "(5.4.1)" — into links, leaving the rest
 * to `plain`. Only ids of clauses the policy has are linked.
 *
 * @example
 * linkClauseRefs('Refused (5.5.3).', ids, (t) => t, (id) => `[${id}](#clause-${id})`);
 * // 'Refused ([5.5.3](#clause-5.5.3)).'
 * @see P1
 */
export function linkClauseRefs(
  text: string,
  known: ReadonlyMap<string, unknown>,
  plain: (t: string) => string,
  link: (id: string) => string,
): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(REFS)) {
    const start = (m.index ?? 0) + 1;
    out += plain(text.slice(at, start));
    out += (m[1] ?? '').replace(new RegExp(REF, 'g'), (id) => (known.has(id) ? link(id) : plain(id)));
    at = start + (m[1] ?? '').length;
  }
  return out + plain(text.slice(at));
}

/**
 * At most this many worked examples are shown under one clause; the coverage summary counts them all.
 *
 * @example
 * clause.examples.length <= MAX_EXAMPLES; // true
 * @see P1
 */
export const MAX_EXAMPLES = 6;
/**
 * The date examples without an `asOf` are asked as of, so that the generated docs do not change by the day.
 *
 * @example
 * // a retention scenario without asOf is shown as asked on EXAMPLES_AS_OF
 * @see 3.3
 */
export const EXAMPLES_AS_OF = '2026-09-01';
/** Question kinds whose decision depends on the date asked: their examples say the date they assume. */
const DATED_QUESTIONS = ['retention', 'policy-review', 'subject-access'];

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The Markdown file a section is written to: `2-confidentiality-and-sharing-information.md`.
 *
 * @example
 * sectionFile('2', 'Confidentiality and sharing information'); // '2-confidentiality-and-sharing-information.md'
 * @see P1
 */
export function sectionFile(id: string, title: string): string {
  return `${id}-${slug(title)}.md`;
}

function ruleDoc(
  question: string,
  r: CompiledRule,
  policy: Policy,
  labels: Readonly<Record<string, string>>,
  above: readonly CompiledRule[] = [],
): RuleDoc {
  const facts = withSettings(policy.loaded.questions[question]?.facts ?? {}, policy.settings);
  const p = r.json.event.params;
  const sets: [string, string][] = [];
  const cites = new Set<string>([
    ...r.clauses,
    ...r.obligations.map((n) => n.clause),
    ...r.remedies.map((n) => n.clause),
    ...r.advisories.map((n) => n.clause),
  ]);
  for (const [k, v] of Object.entries(p.set ?? {})) {
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { fact?: unknown }).fact === 'string') {
      const f = (v as { fact: string }).fact;
      sets.push([k, `sets ${k} to ${facts[f]?.description ?? f}`]);
    } else {
      const items = Array.isArray(v) ? v : [v];
      for (const x of items)
        if (x && typeof x === 'object' && typeof (x as { clause?: unknown }).clause === 'string')
          cites.add((x as { clause: string }).clause);
      if (k === 'violations')
        sets.push([
          k,
          `records the violation ${items.map((x) => `${(x as { code?: unknown }).code} (${(x as { clause?: unknown }).clause})`).join(' and ')}`,
        ]);
      else if (k === 'missing') sets.push([k, `lists ${items.join(', ')} as missing`]);
      else sets.push([k, `sets ${k} to ${typeof v === 'string' ? v : JSON.stringify(v)}`]);
    }
  }
  const order = policy.loaded.clauseOrder;
  return {
    question,
    name: r.name,
    file: r.file,
    priority: r.priority,
    kind: r.kind,
    type: r.type,
    when: [...r.when],
    reads: readCondition(r.json.conditions, facts, labels),
    clauses: r.clauses,
    text: r.kind === 'decide' ? r.reason?.text : undefined,
    description: r.json.description,
    obligations: r.obligations,
    remedies: r.remedies,
    advisories: r.advisories,
    sets,
    cites: [...cites].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    overriddenBy: above.filter((x) => x.priority > r.priority && x.type !== r.type).length,
  };
}

function example(policy: Policy, s: ScenarioEntry): ExampleDoc {
  const q = s.question as Record<string, unknown> | null;
  let asked: unknown = s.question;
  let asOfAssumed: string | undefined;
  if (q && typeof q === 'object' && !Array.isArray(q) && q.asOf === undefined) {
    asked = { ...q, asOf: EXAMPLES_AS_OF };
    if (DATED_QUESTIONS.includes(String(q.question))) asOfAssumed = EXAMPLES_AS_OF;
  }
  const r = policy.safeEvaluate(asked);
  if (!r.ok) return { ...s, asOfAssumed, issues: r.issues };
  const kind = String(q?.question);
  const rule = policy.loaded.questions[kind]?.deciding.find((x) => x.name === s.rule);
  const deciders = r.decision.reasons.map((x) => x.rule);
  const outranked = s.fires !== false && rule !== undefined && !deciders.includes(rule.name);
  return { ...s, asOfAssumed, decision: r.decision, ...(outranked ? { decidedBy: deciders } : {}) };
}

/** The rows of the decision table: who receives it, named with the policy's role labels. */
const disclosureRecipients = (
  labels: Readonly<Record<string, string>>,
): readonly { label: string; recipient: Party; purpose?: string; objects?: boolean }[] => {
  const roleLabel = (role: string) => `${labels[role] ?? role} (${role})`;
  return [
    ...ROLES.map((role) => ({ label: roleLabel(role), recipient: { role } })),
    {
      label: `${roleLabel('upsu-staff')}, involved in the case`,
      recipient: { role: 'upsu-staff', involvedInCase: true },
    },
    {
      label: `${roleLabel('upsu-staff')}, involved in the case; the client objects`,
      recipient: { role: 'upsu-staff', involvedInCase: true },
      objects: true,
    },
    {
      label: `${roleLabel('quality-auditor')} appointed by UPSU, for quality assurance`,
      recipient: { role: 'quality-auditor', appointedByUpsu: true },
      purpose: 'quality-assurance',
    },
    { label: `${roleLabel('pms')}, for case management`, recipient: { role: 'pms' }, purpose: 'case-management' },
  ];
};

const DISCLOSURE_INFORMATION = [
  { label: 'case record (identifiable)', information: { kind: 'case-record', identifiable: true } },
  { label: 'presence (identifiable)', information: { kind: 'presence', identifiable: true } },
  { label: 'service use (identifiable)', information: { kind: 'service-use', identifiable: true } },
  { label: 'statistics (identifiable)', information: { kind: 'statistics', identifiable: true } },
  { label: 'statistics (anonymous)', information: { kind: 'statistics', identifiable: false } },
];

const DISCLOSURE_CONSENTS = [
  { label: 'no consent', consent: undefined },
  { label: 'verbal consent', consent: { given: true, method: 'verbal', recorded: true } },
  { label: 'email consent, recorded', consent: { given: true, method: 'email', recorded: true } },
  {
    label: 'Consent to Share, not yet recorded',
    consent: { given: true, method: 'consent-to-share', recorded: false },
  },
];

function decisionTable(policy: Policy, labels: Readonly<Record<string, string>>): DecisionTable {
  const rows: DecisionTable['rows'][number][] = [];
  for (const r of disclosureRecipients(labels))
    for (const i of DISCLOSURE_INFORMATION)
      rows.push({
        recipient: r.label,
        information: i.label,
        cells: DISCLOSURE_CONSENTS.map((c) => {
          const d = policy.evaluate({
            question: 'disclosure',
            actor: { role: 'adviser' },
            recipient: r.recipient,
            information: i.information,
            ...(r.purpose ? { purpose: r.purpose } : {}),
            ...(c.consent ? { consent: c.consent } : {}),
            ...(r.objects ? { clientObjectsToStaffSharing: true } : {}),
          });
          return {
            outcome: d.outcome,
            clauses: d.clauses,
            obligations: d.obligations.map((o) => o.code),
            remedies: d.remedies.map((o) => o.code),
          };
        }),
      });
  return { consents: DISCLOSURE_CONSENTS.map((c) => ({ label: c.label })), rows };
}

function chainModel(roles: PolicyRoles, roleLabels: Readonly<Record<string, string>>): ChainModel {
  const raisers = ROLES.filter((r) => lineManager(r, roles) !== null);
  return {
    raises: raisers.map((r) => ({ raiser: r, with: lineManager(r, roles) as Role })),
    deciders: raisers.map((r) => ({ raiser: r, may: ROLES.filter((d) => mayDecideBreach(d, r, roles)) })),
    roleLabels,
  };
}

/**
 * Builds the model the Markdown and HTML renderers share: every clause in policy order with the rules citing
 * it, the codes at it, its worked examples (each decided by the real rules), the disclosure decision table
 * (evaluated, not written by hand) and the breach chain.
 *
 * @example
 * const model = buildModel(loadPolicy('./rules'), []);
 * model.sections.flatMap((s) => s.clauses).length; // 44
 * @see P1
 */
export function buildModel(policy: Policy, scenarios: readonly ScenarioEntry[]): DocsModel {
  const bundle = policy.loaded.bundle;
  const labels = roleLabelsOf(policy.settings);
  const questions: QuestionDoc[] = [];
  const allRules: RuleDoc[] = [];
  const byQuestionAndName = new Map<string, RuleDoc>();
  for (const kind of Object.keys(bundle.questions)) {
    const cq = policy.loaded.questions[kind];
    const meta = bundle.questions[kind];
    if (!cq || !meta) continue;
    const deciding = cq.deciding.map((r) => ruleDoc(kind, r, policy, labels, cq.deciding));
    const modifiers = cq.modifiers.map((r) => ruleDoc(kind, r, policy, labels));
    questions.push({
      kind,
      title: meta.title,
      outcomes: meta.outcomes,
      cautious: meta.cautious,
      fallbackClauses: meta.fallbackClauses,
      deciding,
      modifiers,
    });
    for (const r of [...deciding, ...modifiers]) {
      allRules.push(r);
      byQuestionAndName.set(`${kind}/${r.name}`, r);
    }
  }

  const examples = scenarios.map((s) => example(policy, s));
  const clauseFile = new Map<string, string>();
  for (const sec of bundle.clauses.sections)
    for (const c of bundle.clauses.clauses)
      if (c.section === sec.id) clauseFile.set(c.id, sectionFile(sec.id, sec.title));

  const codeDocs = (clause: string): CodeDoc[] => {
    const out: CodeDoc[] = [];
    for (const [kind, key] of [
      ['obligation', 'obligations'],
      ['remedy', 'remedies'],
      ['advisory', 'advisories'],
    ] as const)
      for (const [code, e] of Object.entries(bundle.codes[key]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        if (e.clause === clause)
          out.push({
            kind,
            code,
            text: e.text,
            producedBy: allRules.filter((r) =>
              [...r.obligations, ...r.remedies, ...r.advisories].some((n) => n.code === code),
            ),
          });
    return out;
  };

  const sections: SectionDoc[] = bundle.clauses.sections.map((sec) => ({
    id: sec.id,
    title: sec.title,
    file: sectionFile(sec.id, sec.title),
    clauses: bundle.clauses.clauses
      .filter((c) => c.section === sec.id)
      .map((c) => {
        const rules = allRules.filter((r) => r.cites.includes(c.id));
        const names = new Set(rules.map((r) => `${r.question}/${r.name}`));
        const rank = (e: ExampleDoc): number => {
          const kind = (e.question as { question?: unknown } | null)?.question;
          if (e.rule && names.has(`${String(kind)}/${e.rule}`)) return e.fires === false ? 1 : 0;
          return e.decision?.clauses.includes(c.id) === true ? 2 : 3;
        };
        // Tables written for mutation testing (`*.mutation.cases.json`) come after the hand-written ones.
        const mutation = (e: ExampleDoc) => (e.file.endsWith('.mutation.cases.json') ? 1 : 0);
        // The scenarios about a rule citing the clause first (where it fires, then where it does not), then
        // those whose decision cites the clause; in table order within each.
        const behind = examples
          .map((e, i) => ({ e, i, r: rank(e) }))
          .filter((x) => x.r < 3)
          .sort((x, y) => x.r - y.r || mutation(x.e) - mutation(y.e) || x.i - y.i)
          .map((x) => x.e);
        return {
          ...c,
          rules,
          codes: codeDocs(c.id),
          fallbackOf: questions.filter((q) => q.fallbackClauses.includes(c.id)).map((q) => q.kind),
          examples: behind.slice(0, MAX_EXAMPLES),
          scenarioCount: behind.length,
          scenarioFiles: [...new Set(behind.map((e) => e.file))].sort(),
        };
      }),
  }));

  return {
    policy,
    title: bundle.policy.title,
    id: bundle.policy.id,
    version: bundle.policy.version,
    organisation: bundle.policy.organisation,
    rulesHash: policy.ref.rulesHash,
    roleLabels: labels,
    sections,
    clauseFile,
    questions,
    table: decisionTable(policy, labels),
    chain: chainModel(policy.settings, labels),
    scenarioFiles: [...new Set(scenarios.map((s) => s.file))],
    scenarioTotal: scenarios.length,
  };
}

/**
 * The facts with the policy's settings in their descriptions: a setting read as a fact gets its value ("the
 * small-count threshold (5, from policy.json)"), and a fact whose meaning depends on a setting is described with
 * it ("one calendar year after the degree was completed").
 */
function withSettings(facts: FactCatalogue<never>, settings: PolicySettings): FactCatalogue<never> {
  const out: Record<string, FactCatalogue<never>[string]> = { ...facts };
  for (const [k, f] of Object.entries(out)) if (f.describe) out[k] = { ...f, description: f.describe(settings) };
  for (const [k, v] of Object.entries(settings)) {
    const f = out[k];
    if (f) out[k] = { ...f, description: `${f.description} (${String(v)}, from policy.json)` };
  }
  return out;
}
