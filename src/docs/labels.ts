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
 * The role labels of a policy: its `roleLabels` setting (policy.json) over {@link ROLE_LABELS}, so a role the
 * setting leaves out keeps its built-in label. What the book and its checker show.
 *
 * @example
 * roleLabelsOf({ roleLabels: { dpo: 'Data Protection Officer' } }).dpo; // 'Data Protection Officer'
 * roleLabelsOf({ roleLabels: {} }).dpo; // 'UPSU Data Protection Officer'
 * @see 3.2
 */
export function roleLabelsOf(settings: {
  readonly roleLabels?: Readonly<Partial<Record<string, string>>>;
}): Readonly<Record<string, string>> {
  const labels: Record<string, string> = { ...ROLE_LABELS };
  for (const [role, label] of Object.entries(settings.roleLabels ?? {}))
    if (Object.hasOwn(ROLE_LABELS, role) && typeof label === 'string') labels[role] = label;
  return Object.freeze(labels);
}

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
 * A value as the docs show it: a role's label (from `roles`, the policy's: see {@link roleLabelsOf}; the
 * built-in ones when not given), a known value's label, or the value itself.
 *
 * @example
 * valueLabel('university-staff'); // 'University staff'
 * valueLabel('dpo', roleLabelsOf({ roleLabels: { dpo: 'Data Protection Officer' } })); // 'Data Protection Officer'
 * valueLabel(null); // 'not given'
 * @see P2
 */
export function valueLabel(v: unknown, roles: Readonly<Record<string, string>> = ROLE_LABELS): string {
  if (v === null || v === undefined) return 'not given';
  if (typeof v === 'string')
    return (
      (Object.hasOwn(roles, v) ? roles[v] : undefined) ??
      (Object.hasOwn(VALUE_LABELS, v) ? VALUE_LABELS[v] : undefined) ??
      v
    );
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
 * A breach chain's next step in words: `raise the matter with the Advice Service Lead`, the role named with
 * `roles` (the policy's labels, {@link roleLabelsOf}; the built-in ones when not given).
 *
 * @example
 * nextStepText({ step: 'raise', role: 'advice-lead' }); // 'raise the matter with the Advice Service Lead'
 * @see 5.4.1
 */
export function nextStepText(
  next: { step: string; role: string | null },
  roles: Readonly<Record<string, string>> = ROLE_LABELS,
): string {
  const who = next.role ? `the ${valueLabel(next.role, roles)}` : 'the line manager (none for this raiser)';
  return (NEXT_STEP_PHRASES[next.step] ?? `${valueLabel(next.step, roles)} ({role})`).replace('{role}', () => who);
}
