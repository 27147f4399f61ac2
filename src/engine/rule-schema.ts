import { z } from 'zod';
import { identifyingColumnProblem } from '../derive/statistics.js';
import { ROLES, STAFF_ROLES } from '../facts/constants.js';

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case');

/** A fact reference in a condition's `value`: compare with another fact instead of a constant. */
export const factRef = z.strictObject({ fact: z.string() });

/**
 * A rule condition as written in JSON: a fact compared with a value (or another fact), or `all` / `any` / `not` of conditions.
 *
 * @example
 * import type { ConditionJson } from 'upsu-confidentiality-policy';
 * const c: ConditionJson = { all: [{ fact: 'identifiable', operator: 'equal', value: true }] };
 * @see P3
 */
export type ConditionJson =
  | { fact: string; operator: string; value: unknown }
  | { all: ConditionJson[] }
  | { any: ConditionJson[] }
  | { not: ConditionJson };

export const condition: z.ZodType<ConditionJson> = z.lazy(() =>
  z.union([
    z.strictObject({ fact: z.string(), operator: z.string(), value: z.unknown() }),
    z.strictObject({ all: z.array(condition) }),
    z.strictObject({ any: z.array(condition) }),
    z.strictObject({ not: condition }),
  ]),
) as z.ZodType<ConditionJson>;

/** Values a rule's event may set on the decision: a constant, or `{ fact }` to copy a fact's value. */
const settable = z.record(z.string(), z.unknown());

/** A json-rules-engine rule, as written in `rules/**\/<question>.rules.json`. */
export const ruleJson = z.strictObject({
  name: kebab,
  description: z.string().optional(),
  priority: z.number().int().min(1),
  conditions: z.union([
    z.strictObject({ all: z.array(condition) }),
    z.strictObject({ any: z.array(condition) }),
    z.strictObject({ not: condition }),
  ]),
  event: z.strictObject({
    type: kebab,
    params: z.strictObject({
      /** Deciding rules: the clauses the outcome rests on, the primary first. */
      clauses: z.array(z.string()).min(1).optional(),
      /** Deciding rules: why, in plain English for an adviser. */
      text: z.string().optional(),
      obligations: z.array(kebab).optional(),
      remedies: z.array(kebab).optional(),
      advisories: z.array(kebab).optional(),
      /** Modifier rules (obligation/remedy/advisory): the code they add, and the outcomes they apply to. */
      code: kebab.optional(),
      when: z.array(kebab).min(1).optional(),
      set: settable.optional(),
    }),
  }),
});

/**
 * One rule of a `*.rules.json` file, as json-rules-engine reads it: a kebab-case `name`, a `priority` (the higher
 * decides first), `conditions` ({@link ConditionJson}) and an `event` whose `type` is the outcome it decides (with
 * `params.clauses` and `params.text`), or `obligation` / `remedy` / `advisory` for a rule that adds that code
 * (`params.code`) to the decisions whose outcome is in `params.when`.
 *
 * @example
 * import type { RuleJson } from 'upsu-confidentiality-policy';
 * const rule: RuleJson = {
 *   name: 'third-party-without-consent', priority: 10,
 *   conditions: { all: [{ fact: 'identifiable', operator: 'equal', value: true }] },
 *   event: { type: 'deny', params: { clauses: ['P3'], text: '…' } },
 * };
 * @see P3
 * @useDeclaredType
 */
export type RuleJson = z.infer<typeof ruleJson>;

/**
 * One `*.rules.json` file: the rules of one question kind in one section of the policy.
 *
 * @inline
 */
export interface RuleFile {
  /** Path inside the rules folder, e.g. `2-sharing/disclosure.rules.json`. */
  file: string;
  /** The question kind its rules decide, e.g. `disclosure`. */
  question: string;
  rules: RuleJson[];
}

/**
 * A section or clause id: letters and digits, with single dots or hyphens between them (`P`, `P1`, `5.4.1`,
 * `A-2`). The policy book names its Markdown files by section id (`5-breaches-of-confidentiality.md`) and its
 * anchors and links by clause id, so an id holds nothing else: a `/` or `..` would write the book outside its
 * folder, and a quote, `<` or a control character would be markup or a terminal escape wherever an id is shown.
 */
const clauseId = z
  .string()
  .regex(
    /^[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*$/,
    'an id is letters and digits, with single dots or hyphens between them (P1, 5.4.1)',
  );

export const clauseJson = z.strictObject({
  id: clauseId,
  section: z.string(),
  parent: z.string().nullable(),
  text: z.string(),
  decidable: z.boolean(),
  notDecidableReason: z.string().optional(),
  /** For a decidable clause: the part of it software does not decide, and why (the docs say "partly"). */
  notDecidedPart: z.string().optional(),
});

export type ClauseJson = z.infer<typeof clauseJson>;

export const clausesFile = z.strictObject({
  $comment: z.string().optional(),
  sections: z.array(z.strictObject({ id: clauseId, title: z.string() })),
  clauses: z.array(clauseJson),
});

const codeEntry = z.strictObject({ clause: z.string(), text: z.string() });
export const codesFile = z.strictObject({
  $comment: z.string().optional(),
  obligations: z.record(kebab, codeEntry),
  remedies: z.record(kebab, codeEntry),
  advisories: z.record(kebab, codeEntry),
});

export const questionsFile = z.record(
  z.string(),
  z.strictObject({
    title: z.string(),
    outcomes: z.array(kebab).min(1),
    cautious: kebab,
    fallbackClauses: z.array(z.string()).min(1),
  }),
);

/**
 * `settings.roleLabels`: role → the label people read. Every key a role of the contract (any role: the book names
 * the client and outsiders too), each problem at its own path; every label a string with something in it. No
 * message repeats a label.
 */
const roleLabels = z.record(
  z.string().refine((key) => (ROLES as readonly string[]).includes(key)),
  // Blank is blank to a reader: spaces, and characters that show nothing (a zero-width space, a soft hyphen, a
  // Hangul filler, a control character) left out, something must remain.
  z
    .string()
    .refine((label) => label.replace(/[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]+/gu, '') !== '', {
      message: 'a role label must not be empty or blank',
      abort: true,
    })
    // A label is plain text: the Markdown book, its Mermaid drawing and the checker show it as written, so
    // nothing in it may be read as formatting there (`*Lead*` would be emphasis, `~~Lead~~` struck through, `<b>`
    // a tag, `|` a new table cell, a line break (U+2028 and U+2029 too) a new paragraph, and a character
    // reference, `&amp;` in Markdown or `#quot;` in Mermaid, another character).
    .refine(
      (label) => !/[`*_~[\]<>|\\\p{Cc}\p{Zl}\p{Zp}]|[&#]#?[\da-z]+;/iu.test(label),
      'a role label is plain text: no line break, no character reference such as &amp; or #quot;, and none of ` * _ ~ [ ] < > | \\ (they would format the policy book)',
    ),
  {
    error: (issue) =>
      issue.code === 'invalid_key' ? `not a role of the contract (roles: ${ROLES.join(', ')})` : undefined,
  },
);

/**
 * `settings.lineManagers`: staff role → its line manager (5.4.1), a staff role too. Each problem at the role's own
 * path, as `roleLabels` reports them; no message repeats a key given.
 */
const lineManagers = z
  .record(
    z.string().refine((key) => (STAFF_ROLES as readonly string[]).includes(key)),
    z.enum(STAFF_ROLES),
    {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? `only staff roles have a line manager, and this is not one (staff roles: ${STAFF_ROLES.join(', ')})`
          : undefined,
    },
  )
  .superRefine(
    (m, ctx) => {
      for (const [role, manager] of Object.entries(m))
        if (role === manager)
          ctx.addIssue({ code: 'custom', path: [role], message: 'no role is its own line manager' });
    },
    // Also when another member has a problem, so that every problem is listed at once.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
  );

/** One name of `settings.identifyingColumns` (the message never repeats it: see `identifyingColumnProblem`). */
const identifyingColumn = z.string().superRefine((name, ctx) => {
  const problem = identifyingColumnProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const policyFile = z.strictObject({
  $comment: z.string().optional(),
  id: z.string(),
  version: z.string(),
  title: z.string(),
  organisation: z.string(),
  inForceFrom: z.string().optional(),
  settings: z.strictObject({
    smallCountThreshold: z.number().int().min(1),
    destructionWithinDays: z.number().int().min(1).max(366).optional(),
    retentionYears: z.number().int().min(1).max(100).optional(),
    reviewIntervalYears: z.number().int().min(1).max(10).optional(),
    // Staff roles only: a setting naming the client or a third party would open case records to outsiders.
    adviceTeam: z.array(z.enum(STAFF_ROLES)).min(1).optional(),
    lineManagers: lineManagers.optional(),
    breachDeciders: z
      .array(z.union([z.enum(STAFF_ROLES), z.literal('line-manager')]))
      .min(1)
      .refine((d) => !d.includes('adviser'), 'an adviser never decides a breach (5.5.4): leave adviser out')
      .optional(),
    roleLabels: roleLabels.optional(),
    identifyingColumns: z.array(identifyingColumn).optional(),
  }),
});

/**
 * Everything a policy is made of: what `rules/` holds, as data.
 *
 * @example
 * import { readRulesFolder, type RuleBundle } from 'upsu-confidentiality-policy';
 * const bundle: RuleBundle = readRulesFolder('./rules');
 * bundle.clauses.clauses.length; // 44
 * @see P1
 */
export interface RuleBundle {
  /** `policy.json`: the policy's id, title, organisation and version, and its {@link PolicySettings}. */
  policy: z.infer<typeof policyFile>;
  /** `clauses.json`: the policy's sections and clauses, with their text and whether software decides them. */
  clauses: z.infer<typeof clausesFile>;
  /** `codes.json`: the text and clause of every obligation, remedy and advisory code. */
  codes: z.infer<typeof codesFile>;
  /**
   * `questions.json`: for each question kind, `{ title, outcomes, cautious, fallbackClauses }`: its outcomes, the
   * most cautious of them (the outcome when no rule applies) and the clauses that outcome then rests on.
   */
  questions: z.infer<typeof questionsFile>;
  /** Every `<section>/<question>.rules.json` file, read: `{ file, question, rules }`, each rule a {@link RuleJson}. */
  ruleFiles: RuleFile[];
}
