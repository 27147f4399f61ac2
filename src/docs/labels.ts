// Plain-English labels the generated docs (and the browser checker) show instead of kebab-case codes.

/**
 * Each role of the contract, as an adviser would say it.
 *
 * @example
 * ROLE_LABELS['advice-lead']; // 'Advice Service Lead'
 * @see 5.4.1
 */
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  adviser: 'Adviser',
  'advice-lead': 'Advice Service Lead',
  'advice-manager': 'Student Focus and Advice Manager',
  'chief-executive': 'Chief Executive',
  'senior-management': 'member of the Senior Management Team',
  'appointed-manager': 'appointed manager (6.1.6)',
  dpo: 'UPSU Data Protection Officer',
  'advice-support-staff': 'Advice support staff (reception and others, 6.3)',
  'upsu-staff': 'other UPSU staff',
  'university-staff': 'University staff',
  pms: 'Portsmouth Mediation Service',
  'membership-body': 'membership body (NUS, AdviceUK, UKCISA, NHAS…)',
  'quality-auditor': 'quality auditor',
  client: 'the client',
  'third-party': 'third party (parent, landlord, police, employer…)',
};

/**
 * Values of the closed-set facts other than roles.
 *
 * @example
 * VALUE_LABELS['consent-to-share']; // 'the signed Consent to Share'
 * @see 2.1
 */
export const VALUE_LABELS: Readonly<Record<string, string>> = {
  'case-record': 'a case record',
  presence: 'presence (the client is or was at the Advice Centre)',
  'service-use': 'use of the service',
  statistics: 'statistics',
  'case-management': 'case management',
  'quality-assurance': 'quality assurance',
  'third-party-action': 'action with a third party',
  other: 'other',
  'consent-to-share': 'the signed Consent to Share',
  email: 'email',
  verbal: 'verbal',
  harm: 'serious harm (5.3.1)',
  'conflict-of-interest': 'a conflict of interest (5.3.2)',
  'legal-duty': 'a legal duty (5.3.3)',
  none: 'none given',
  counts: 'one that counts (5.5.2)',
  refused: 'refused',
  'adviser-or-actor': 'given by an adviser or by the actor',
  'role-may-not-decide': 'given by a role that may not decide',
  'no-written-record': 'agreed without a written record',
  phone: 'phone',
  post: 'post',
  direct: 'to the client directly',
  message: 'a message left for the client',
  'answered-by-other': 'answered by someone else',
  studying: 'studying',
  completed: 'completed',
  withdrawn: 'withdrawn',
  unknown: 'unknown',
  raise: 'raise the matter',
  discuss: 'discuss it',
  decide: 'decide',
  'record-decision': 'record the decision in writing',
  signed: 'signed',
  'requested-not-signed': 'requested but not signed',
  'not-requested': 'not requested',
};

/**
 * A value as the docs show it: a role's label, a known value's label, or the value itself.
 *
 * @example
 * valueLabel('university-staff'); // 'University staff'
 * valueLabel(null); // 'not given'
 * @see P2
 */
export function valueLabel(v: unknown): string {
  if (v === null || v === undefined) return 'not given';
  if (typeof v === 'string') return ROLE_LABELS[v] ?? VALUE_LABELS[v] ?? v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return JSON.stringify(v);
}

/**
 * How each next step of a breach chain reads with the role `nextStep` names: the role is who the matter is raised
 * or discussed with, who decides, or who records the decision (`{role}` stands for it).
 *
 * @example
 * NEXT_STEP_PHRASES.raise; // 'raise the matter with {role}'
 * @see 5.4
 */
export const NEXT_STEP_PHRASES: Readonly<Record<string, string>> = {
  raise: 'raise the matter with {role}',
  discuss: 'discuss it with {role}',
  decide: '{role} decides',
  'record-decision': '{role} records the decision in writing',
};

/**
 * A breach chain's next step in words: `raise the matter with the Advice Service Lead`.
 *
 * @example
 * nextStepText({ step: 'raise', role: 'advice-lead' }); // 'raise the matter with the Advice Service Lead'
 * @see 5.4.1
 */
export function nextStepText(next: { step: string; role: string | null }): string {
  const who = next.role ? `the ${valueLabel(next.role)}` : 'the line manager (none for this raiser)';
  return (NEXT_STEP_PHRASES[next.step] ?? `${valueLabel(next.step)} ({role})`).replace('{role}', who);
}
