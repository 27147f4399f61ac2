// The fixed value lists and limits of the question and case-export schemas, with no zod in sight: the decision
// path (rules, facts, the audit's pre-check) reads them without loading zod, which only the schema modules
// (`common.ts`, `disclosure.ts`, …) import. Those build their zod schemas from these very lists.

/**
 * The roles of the organisation's own staff: the only ones a policy's settings may put in the Advice team, name as
 * a line manager or let decide a breach. The others — the University, the case-management supplier, membership
 * bodies, auditors, the client, third parties — are outside it, and a setting that named them would open case
 * records and breaches to outsiders.
 *
 * @example
 * STAFF_ROLES.includes('client'); // false
 * @see P3
 */
export const STAFF_ROLES = [
  'adviser',
  'advice-lead',
  'advice-manager',
  'chief-executive',
  'senior-management',
  'appointed-manager',
  'dpo',
  'advice-support-staff',
  'upsu-staff',
] as const;

/**
 * Every role the contract names, in kebab-case.
 * The Advice team (the "Department") is `adviser` + `advice-lead`.
 *
 * @example
 * import { ROLES } from 'upsu-confidentiality-policy';
 * ROLES.includes('dpo'); // true
 * @see 3.1
 */
export const ROLES = [
  ...STAFF_ROLES,
  'university-staff',
  'pms',
  'membership-body',
  'quality-auditor',
  'client',
  'third-party',
] as const;

/**
 * A role from {@link ROLES}.
 *
 * @example
 * import type { Role } from 'upsu-confidentiality-policy';
 * const r: Role = 'advice-lead';
 * @see 5.4.1
 */
export type Role = (typeof ROLES)[number];

/**
 * Every question kind, in the contract's order. `questionSchemas` (the `/schemas` entry) has one zod schema per
 * kind, keyed in this order.
 *
 * @example
 * import { QUESTION_KINDS } from 'upsu-confidentiality-policy';
 * QUESTION_KINDS[0]; // 'disclosure'
 * @see P1
 */
export const QUESTION_KINDS = [
  'disclosure',
  'access',
  'contact',
  'recording',
  'statistics-release',
  'subject-access',
  'retention',
  'breach',
  'policy-review',
  'staff-readiness',
  'storage',
] as const;

/**
 * The name of a question kind: `disclosure`, `access`, `retention`, …
 *
 * @example
 * import type { QuestionKind } from 'upsu-confidentiality-policy';
 * const kind: QuestionKind = 'disclosure';
 * @see P1
 */
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * Each question kind's outcomes, and the most cautious of them (what a question no rule covers ends in), as the
 * contract fixes them. A rules folder's `questions.json` must say the same: code that reads decisions (the audit,
 * callers) relies on these names, and a folder must not make the fail-closed default a permissive one.
 */
export const CONTRACT_OUTCOMES: Readonly<Record<QuestionKind, { outcomes: readonly string[]; cautious: string }>> = {
  disclosure: { outcomes: ['permit', 'deny', 'escalate'], cautious: 'deny' },
  access: { outcomes: ['permit', 'deny'], cautious: 'deny' },
  contact: { outcomes: ['permit', 'deny'], cautious: 'deny' },
  recording: { outcomes: ['permit', 'deny'], cautious: 'deny' },
  'statistics-release': { outcomes: ['permit', 'deny'], cautious: 'deny' },
  'subject-access': { outcomes: ['proceed', 'incomplete'], cautious: 'incomplete' },
  retention: { outcomes: ['retain', 'destroy', 'review'], cautious: 'review' },
  breach: { outcomes: ['pending', 'authorised', 'refused', 'non-compliant'], cautious: 'non-compliant' },
  'policy-review': { outcomes: ['current', 'overdue', 'incomplete'], cautious: 'incomplete' },
  'staff-readiness': { outcomes: ['ready', 'not-ready'], cautious: 'not-ready' },
  storage: { outcomes: ['compliant', 'non-compliant'], cautious: 'non-compliant' },
};

export const INFORMATION_KINDS = ['case-record', 'presence', 'service-use', 'statistics'] as const;
export const PURPOSES = ['case-management', 'quality-assurance', 'statistics', 'third-party-action', 'other'] as const;
export const CONSENT_METHODS = ['consent-to-share', 'email', 'verbal'] as const;
export const BREACH_GROUNDS = ['harm', 'conflict-of-interest', 'legal-duty', 'other'] as const;
export const CHANNELS = ['phone', 'email', 'post'] as const;
export const SITUATIONS = ['direct', 'message', 'answered-by-other'] as const;
export const DEGREE_STATUSES = ['studying', 'completed', 'withdrawn', 'unknown'] as const;

/** Most steps one breach may record (more: `too-big`). */
export const MAX_STEPS = 1_000;
/** Most disclosures one exported case may record (more: the line is invalid, `too-big`). */
export const MAX_DISCLOSURES = 10_000;
/** Most breaches one exported case may record (each has at most `MAX_STEPS` steps). */
export const MAX_BREACHES = 1_000;
