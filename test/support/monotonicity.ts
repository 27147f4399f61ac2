// Monotonicity (safety) properties: a question made more restrictive in one fact never gets a less cautious
// decision. Each property is a pair generator (a question, and the same question with one fact made more
// restrictive) and a caution order for the question's outcomes, written from CONTRACT.md and the policy text,
// not from rules/ or src/derive. test/properties/monotonicity.test.ts runs them against `evaluate`, and against a
// mutant of the rules that each must catch (so none of them holds vacuously).
import fc from 'fast-check';
import type { Decision } from '../../src/index.js';
import {
  access,
  breach,
  CHANNELS,
  contact,
  disclosure,
  IDENTIFYING,
  isoDate,
  policyReview,
  type Role,
  recording,
  retention,
  role,
  staffReadiness,
  statisticsRelease,
  storage,
  subjectAccess,
} from './arbitraries.js';

// Questions are plain JSON here, edited field by field.
export type Q = Record<string, any>;
export type Decide = (q: unknown) => Decision;

/**
 * The caution order of each question's outcomes (higher is more cautious), from CONTRACT.md: `deny` is the
 * disclosure question's cautious outcome and `escalate` is not a permit (the matter goes to the line manager,
 * 5.4); a breach chain that is `refused` (final, 5.5.3) or `non-compliant` is further from a disclosure than one
 * that is `pending`, which is further than `authorised`; a policy review that is `overdue` or `incomplete` is
 * not `current`.
 */
export const CAUTION: Record<string, Record<string, number>> = {
  disclosure: { permit: 0, escalate: 1, deny: 2 },
  access: { permit: 0, deny: 1 },
  contact: { permit: 0, deny: 1 },
  recording: { permit: 0, deny: 1 },
  'statistics-release': { permit: 0, deny: 1 },
  'subject-access': { proceed: 0, incomplete: 1 },
  breach: { authorised: 0, pending: 1, refused: 2, 'non-compliant': 2 },
  'policy-review': { current: 0, overdue: 1, incomplete: 1 },
  'staff-readiness': { ready: 0, 'not-ready': 1 },
  storage: { compliant: 0, 'non-compliant': 1 },
};

/** What a less restrictive question's decision must keep when the more restrictive one has the same outcome. */
export type Kept = 'obligations' | 'missing' | 'violations';

export interface Monotone {
  /** What is made more restrictive, in words. */
  readonly name: string;
  readonly kind: string;
  /** [less restrictive, more restrictive]. */
  readonly pairs: fc.Arbitrary<readonly [Q, Q]>;
  /**
   * Codes the more restrictive decision must keep from the other when both have the same outcome: a permit's
   * obligations, an incomplete request's missing items, a non-compliant history's violations.
   */
  readonly keeps?: Kept;
  /**
   * Codes the restriction may take away with the ground it removes (the more restrictive question may rest on
   * another ground, whose notes differ): e.g. `record-consent` goes with the consent. Each is triaged in the test.
   */
  readonly releases?: readonly string[];
  /** A caution order other than the question's (a weaker one, where the contract fixes an exception). */
  readonly order?: Record<string, number>;
  /**
   * Looser questions the property does not speak of, because the contract fixes their decision above the rule
   * that decides the restricted one (each is pinned by an example in the test, with its clause).
   */
  readonly exempt?: (looser: Q) => boolean;
}

const rankIn = (order: Record<string, number> | undefined, d: Decision) => {
  const r = (order ?? CAUTION[d.question])?.[d.outcome];
  if (r === undefined) throw new Error(`no caution rank for ${d.question}/${d.outcome}`);
  return r;
};

function codes(d: Decision, kept: Kept): string[] {
  if (kept === 'obligations') return d.obligations.map((o) => o.code);
  if (kept === 'missing') return [...(d.missing ?? [])];
  return (d.violations ?? []).map((v) => v.code);
}

/** Why the pair breaks monotonicity under `decide`, or null when it does not. */
export function breaks(p: Monotone, decide: Decide, [looser, stricter]: readonly [Q, Q]): string | null {
  if (p.exempt?.(looser)) return null;
  const a = decide(looser);
  const b = decide(stricter);
  if (rankIn(p.order, b) < rankIn(p.order, a)) return `${a.outcome} became ${b.outcome}`;
  if (p.keeps && a.outcome === b.outcome) {
    const kept = codes(b, p.keeps);
    const lost = codes(a, p.keeps).filter((c) => !kept.includes(c) && !p.releases?.includes(c));
    if (lost.length) return `${a.outcome} lost ${p.keeps} ${lost.join(', ')}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const clone = (q: Q): Q => structuredClone(q);
const withField = (q: Q, path: string[], value: unknown): Q => {
  const out = clone(q);
  let cur = out;
  for (const k of path.slice(0, -1)) {
    if (cur[k] === undefined) cur[k] = {};
    cur = cur[k];
  }
  const last = path.at(-1) as string;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return out;
};

/** The earlier and the later of two `YYYY-MM-DD` dates. */
const firstOf = (a: string, b: string) => [a, b].sort()[0] as string;
const lastOf = (a: string, b: string) => [a, b].sort()[1] as string;

/** One of the two ways a JSON question says "no": the field false, or left out (when it is optional). */
const falseOrAbsent = fc.constantFrom(false, undefined);

/** Pairs from a base arbitrary and a restriction that may use a random choice. */
function pairsOf<T>(base: fc.Arbitrary<Q>, choice: fc.Arbitrary<T>, restrict: (q: Q, c: T) => Q) {
  return fc.tuple(base, choice).map(([q, c]) => [q, restrict(q, c)] as const);
}

const lineManagerOf = (r: string): Role | undefined =>
  r === 'adviser' ? 'advice-lead' : r === 'advice-lead' ? 'advice-manager' : undefined;

// ---------------------------------------------------------------------------------------------------------------
// disclosure

/**
 * Disclosure questions that are often permitted (the contract's grounds: involved UPSU staff, PMS for case
 * management, an appointed quality auditor, counting consent, an authorised breach), mixed with any question:
 * a restriction can only show a fail-open where the looser question was permitted or escalated.
 */
const permissive: fc.Arbitrary<Q> = fc
  .record({
    question: fc.constant('disclosure'),
    actor: fc.record({ role: fc.constantFrom<Role>('adviser', 'advice-lead', 'adviser', 'dpo', 'upsu-staff') }),
    recipient: fc.record({
      role: fc.constantFrom<Role>(
        'upsu-staff',
        'pms',
        'quality-auditor',
        'third-party',
        'university-staff',
        'advice-support-staff',
        'membership-body',
        'adviser',
        'dpo',
      ),
      involvedInCase: fc.boolean(),
      appointedByUpsu: fc.boolean(),
    }),
    information: fc.record({
      kind: fc.constantFrom('case-record', 'presence', 'service-use', 'statistics'),
      identifiable: fc.boolean(),
    }),
    purpose: fc.constantFrom('case-management', 'quality-assurance', 'third-party-action', 'other'),
    consent: fc.option(
      fc.record({
        given: fc.constant(true),
        method: fc.constantFrom('consent-to-share', 'email', 'consent-to-share', 'verbal'),
        recorded: fc.boolean(),
      }),
      { nil: undefined },
    ),
    clientObjectsToStaffSharing: fc.option(fc.boolean(), { nil: undefined }),
    breach: fc.option(
      fc.record({
        ground: fc.constantFrom('harm', 'conflict-of-interest', 'legal-duty', 'other'),
        authorisation: fc.option(
          fc.record({
            decidedBy: fc.constantFrom<Role>('advice-lead', 'advice-manager', 'chief-executive', 'appointed-manager'),
            agreed: fc.constant(true),
            writtenRecord: fc.constant(true),
          }),
          { nil: undefined },
        ),
      }),
      { nil: undefined },
    ),
  })
  .map((q) => JSON.parse(JSON.stringify(q)) as Q);

const disclosures = fc.oneof(disclosure as fc.Arbitrary<Q>, permissive);

interface Extra {
  readonly releases?: readonly string[];
  readonly order?: Record<string, number>;
  readonly exempt?: (looser: Q) => boolean;
}

/**
 * Contract-fixed exceptions (CONTRACT.md, disclosure, the ordered list: "each deny is placed above the permits it
 * overrides"). A deny of cases 3, 4 and 6 is decided before consent (case 7) and an authorised breach (case 8) are
 * looked at, so a restriction that takes the question out of the deny's case lets a later case decide.
 */
export const EXEMPT = {
  /** Case 4 (2.2): involved UPSU staff the client objects to sharing with are denied, consent or not. */
  objectedInvolvedStaff: (q: Q) =>
    q.recipient.role === 'upsu-staff' && q.recipient.involvedInCase === true && q.clientObjectsToStaffSharing === true,
  /** Case 6 (3.1): a case record to advice support staff is denied, consent or not. */
  supportStaffCaseRecord: (q: Q) => q.recipient.role === 'advice-support-staff' && q.information.kind === 'case-record',
  /** Case 3 (4.2, 4.3): identifiable statistics outside the Advice team are denied, consent or not. */
  identifiableStatistics: (q: Q) =>
    q.information.kind === 'statistics' &&
    q.information.identifiable === true &&
    !['adviser', 'advice-lead', 'dpo'].includes(q.recipient.role),
};
function discl<T>(name: string, choice: fc.Arbitrary<T>, restrict: (q: Q, c: T) => Q, extra: Extra = {}): Monotone {
  return {
    name,
    kind: 'disclosure',
    pairs: pairsOf(disclosures, choice, restrict),
    keeps: 'obligations',
    ...extra,
  };
}
const one = fc.constant(0);

/**
 * The obligations each ground of a permit carries, which go with the ground. A restriction that takes a ground
 * away may leave a permit on another ground (consent gone, an authorised breach still permits): the first
 * version of these properties (every obligation kept) failed on exactly these, and was wrong, not the rules —
 * `record-consent` has nothing to record once the consent is gone.
 */
export const GROUND_NOTES = {
  consent: ['record-consent'],
  statistics: ['advice-lead-anonymity-check'],
  dpo: ['dpo-only-when-necessary'],
  pms: ['share-as-agreed-in-mou'],
  breachGround: ['limit-to-preventing-harm', 'say-only-cannot-act', 'disclose-what-the-law-requires'],
  breach: [
    'ensure-agreed-actions',
    'limit-to-preventing-harm',
    'say-only-cannot-act',
    'disclose-what-the-law-requires',
    'raise-with-line-manager',
  ],
} as const;

/** The roles that may never decide a breach (5.5.2, 5.5.4): all but the line managers and the three named. */
const NON_DECIDERS: Role[] = [
  'adviser',
  'senior-management',
  'dpo',
  'advice-support-staff',
  'upsu-staff',
  'university-staff',
  'pms',
  'membership-body',
  'quality-auditor',
  'client',
  'third-party',
];

/** The authorisation a breach claim carries, as an agreed one (so removing or weakening it is a restriction). */
const agreedAuthorisation = (q: Q): Q =>
  q.breach?.authorisation ? withField(q, ['breach', 'authorisation', 'agreed'], true) : q;

const ifConsent = (q: Q, edit: (q: Q) => Q) => (q.consent ? edit(q) : q);
const ifAuthorised = (q: Q, edit: (q: Q) => Q) => (q.breach?.authorisation ? edit(q) : q);

export const disclosureProperties: Monotone[] = [
  discl('the client objects to sharing with involved UPSU staff (2.2)', one, (q) =>
    withField(q, ['clientObjectsToStaffSharing'], true),
  ),
  discl('the consent is removed (2.1)', one, (q) => withField(q, ['consent'], undefined), {
    releases: GROUND_NOTES.consent,
  }),
  discl('the consent is not given (2.1)', one, (q) => ifConsent(q, () => withField(q, ['consent', 'given'], false)), {
    releases: GROUND_NOTES.consent,
  }),
  discl('the consent is not yet recorded (2.1)', falseOrAbsent, (q, v) =>
    ifConsent(q, () => withField(q, ['consent', 'recorded'], v)),
  ),
  discl(
    'the consent is verbal, or its method unknown (2.1)',
    fc.constantFrom('verbal', undefined),
    (q, m) => ifConsent(q, () => withField(q, ['consent', 'method'], m)),
    { releases: GROUND_NOTES.consent },
  ),
  discl('the information is identifiable (P3, 4.2)', one, (q) => withField(q, ['information', 'identifiable'], true), {
    releases: GROUND_NOTES.statistics,
  }),
  discl(
    'the information is a case record rather than presence, service use or statistics (P4, 4.2, 6.3)',
    one,
    (q) => withField(q, ['information', 'kind'], 'case-record'),
    { releases: GROUND_NOTES.statistics, exempt: EXEMPT.identifiableStatistics },
  ),
  discl('the recipient is a third party (P3, P6)', one, (q) => withField(q, ['recipient', 'role'], 'third-party'), {
    releases: [...GROUND_NOTES.dpo, ...GROUND_NOTES.pms],
    exempt: (q) => EXEMPT.objectedInvolvedStaff(q) || EXEMPT.supportStaffCaseRecord(q),
  }),
  discl(
    'the recipient was not involved in the case (2.2)',
    falseOrAbsent,
    (q, v) => withField(q, ['recipient', 'involvedInCase'], v),
    { exempt: EXEMPT.objectedInvolvedStaff },
  ),
  discl('the recipient was not appointed by UPSU (3.1)', falseOrAbsent, (q, v) =>
    withField(q, ['recipient', 'appointedByUpsu'], v),
  ),
  discl(
    'the purpose is other, or not given (3.1, P5)',
    fc.constantFrom('other', undefined),
    (q, v) => withField(q, ['purpose'], v),
    { releases: GROUND_NOTES.pms },
  ),
  discl('the breach claim is dropped (5.3)', one, (q) => withField(q, ['breach'], undefined), {
    releases: GROUND_NOTES.breach,
  }),
  discl(
    'the breach ground is one 5.3 does not list',
    one,
    (q) => (q.breach ? withField(q, ['breach', 'ground'], 'other') : q),
    { releases: GROUND_NOTES.breachGround },
  ),
  {
    name: 'an agreed breach authorisation is removed (5.5.2)',
    kind: 'disclosure',
    pairs: disclosures.map((q) => {
      const a = agreedAuthorisation(q);
      return [a, ifAuthorised(a, () => withField(a, ['breach', 'authorisation'], undefined))] as const;
    }),
    keeps: 'obligations',
    releases: GROUND_NOTES.breach,
  },
  discl(
    'the breach authorisation is not agreed (5.5.3)',
    one,
    (q) => ifAuthorised(q, () => withField(q, ['breach', 'authorisation', 'agreed'], false)),
    { releases: GROUND_NOTES.breach },
  ),
  discl(
    'the breach authorisation has no written record (5.5.2)',
    falseOrAbsent,
    (q, v) => ifAuthorised(q, () => withField(q, ['breach', 'authorisation', 'writtenRecord'], v)),
    { releases: GROUND_NOTES.breach },
  ),
  discl(
    'the breach is decided by the actor or by a role that may not decide (5.5.2, 5.5.4)',
    fc.option(fc.constantFrom(...NON_DECIDERS), { nil: undefined }),
    (q, r) => ifAuthorised(q, () => withField(q, ['breach', 'authorisation', 'decidedBy'], r ?? q.actor.role)),
    { releases: GROUND_NOTES.breach },
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// access

const accessQs = fc.oneof(
  access as fc.Arbitrary<Q>,
  fc.record({
    question: fc.constant('access'),
    actor: fc.record({
      role: fc.constantFrom<Role>('dpo', 'quality-auditor', 'adviser'),
      appointedByUpsu: fc.boolean(),
    }),
    purpose: fc.constantFrom('quality-assurance', 'case-management', 'other'),
    necessary: fc.boolean(),
  }),
);
const acc = (name: string, restrict: (q: Q) => Q): Monotone => ({
  name,
  kind: 'access',
  pairs: pairsOf(accessQs, fc.constant(0), restrict),
  keeps: 'obligations',
});

export const accessProperties: Monotone[] = [
  acc('access is not necessary (3.1)', (q) => withField(q, ['necessary'], false)),
  acc('the actor was not appointed by UPSU (3.1)', (q) => withField(q, ['actor', 'appointedByUpsu'], false)),
  acc('the purpose is other (3.1)', (q) => withField(q, ['purpose'], 'other')),
  acc('the actor is a third party (3.1)', (q) => withField(q, ['actor', 'role'], 'third-party')),
];

// ---------------------------------------------------------------------------------------------------------------
// contact, recording

export const contactProperties: Monotone[] = [
  {
    name: 'the client says a channel is unacceptable (2.3)',
    kind: 'contact',
    pairs: pairsOf(contact as fc.Arbitrary<Q>, fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }), (q, c) => {
      const list: string[] = q.clientPreferences?.unacceptable ?? [];
      const add = c ?? q.channel; // often the very channel asked about
      return withField(q, ['clientPreferences', 'unacceptable'], [...new Set([...list, add])]);
    }),
    keeps: 'obligations',
  },
  {
    name: 'the client has not said the service may be named (2.3)',
    kind: 'contact',
    pairs: pairsOf(contact as fc.Arbitrary<Q>, falseOrAbsent, (q, v) =>
      withField(q, ['clientPreferences', 'serviceMayBeNamed'], v),
    ),
    keeps: 'obligations',
  },
  {
    name: 'a message is left or someone else answers (2.3)',
    kind: 'contact',
    pairs: pairsOf(contact as fc.Arbitrary<Q>, fc.constantFrom('message', 'answered-by-other'), (q, s) =>
      q.situation === 'direct' || q.situation === undefined ? withField(q, ['situation'], s) : q,
    ),
    keeps: 'obligations',
  },
];

export const recordingProperties: Monotone[] = [
  {
    name: 'consent to record is withdrawn (1.1)',
    kind: 'recording',
    pairs: pairsOf(recording as fc.Arbitrary<Q>, fc.constant(0), (q) => withField(q, ['consentToRecord'], false)),
    keeps: 'obligations',
  },
  {
    name: 'the information is not relevant (1.2)',
    kind: 'recording',
    pairs: pairsOf(recording as fc.Arbitrary<Q>, fc.constant(0), (q) => withField(q, ['relevant'], false)),
    keeps: 'obligations',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// statistics-release

/** An identifying field as a caller may spell it: any letter case (the contract matches case-insensitively). */
const identifyingField = fc
  .tuple(fc.constantFrom(...IDENTIFYING), fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }))
  .map(([f, up]) => [...f].map((ch, i) => (up[i % up.length] ? ch.toUpperCase() : ch.toLowerCase())).join(''));

const anonymousTables = fc.oneof(
  statisticsRelease as fc.Arbitrary<Q>,
  (statisticsRelease as fc.Arbitrary<Q>).map((q) => ({ ...q, fields: ['faculty', 'issueType', 'month'] })),
);

export const statisticsProperties: Monotone[] = [
  {
    name: 'an identifying field is added (4.2, 4.3)',
    kind: 'statistics-release',
    pairs: pairsOf(anonymousTables, fc.tuple(identifyingField, fc.nat()), (q, [f, at]) => {
      const fields = [...q.fields];
      fields.splice(at % (fields.length + 1), 0, f);
      return { ...q, fields };
    }),
    keeps: 'obligations',
  },
  {
    name: 'the smallest count is lower (4.3)',
    kind: 'statistics-release',
    pairs: fc.tuple(anonymousTables, fc.nat({ max: 50 }), fc.nat({ max: 50 })).map(
      ([q, x, y]) =>
        [
          { ...q, smallestCount: Math.max(x, y) },
          { ...q, smallestCount: Math.min(x, y) },
        ] as const,
    ),
    keeps: 'obligations',
  },
  {
    name: 'the recipient is a third party (4.2)',
    kind: 'statistics-release',
    pairs: pairsOf(anonymousTables, fc.constant(0), (q) => withField(q, ['recipient', 'role'], 'third-party')),
    keeps: 'obligations',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// subject-access

const completeRequests = fc.oneof(
  subjectAccess as fc.Arbitrary<Q>,
  (subjectAccess as fc.Arbitrary<Q>).map((q) => ({
    ...q,
    request: { ...q.request, inWriting: true, addressedTo: 'dpo', feePaid: true, identityVerified: true },
  })),
);
const sar = (name: string, restrict: (q: Q, r: Role) => Q): Monotone => ({
  name,
  kind: 'subject-access',
  pairs: pairsOf(completeRequests, role, restrict),
  keeps: 'missing',
});

export const subjectAccessProperties: Monotone[] = [
  sar('the request is not in writing (3.2)', (q) => withField(q, ['request', 'inWriting'], false)),
  sar('the request is not addressed to the DPO (3.2)', (q, r) =>
    withField(q, ['request', 'addressedTo'], r === 'dpo' ? 'third-party' : r),
  ),
  sar('the fee is not paid (3.2)', (q) => withField(q, ['request', 'feePaid'], false)),
  sar('the identity is not verified (3.2)', (q) => withField(q, ['request', 'identityVerified'], false)),
];

// ---------------------------------------------------------------------------------------------------------------
// breach

type Step = Q;
const stepsOf = (q: Q) => q.steps as Step[];
const DECIDERS: Role[] = ['advice-lead', 'advice-manager', 'chief-executive', 'appointed-manager'];

/** Chains that follow 5.4–5.5 (a prefix of raise, discuss, decide, disclose), raised by the Advice team. */
const orderedChains: fc.Arbitrary<Q> = fc
  .tuple(
    fc.constantFrom<Role>('adviser', 'advice-lead'),
    fc.constantFrom(...DECIDERS),
    fc.constantFrom('harm', 'conflict-of-interest', 'legal-duty'),
    fc.boolean(),
    fc.nat({ max: 4 }),
  )
  .map(([raisedBy, decider, ground, agreed, upTo]) => {
    const by = decider === raisedBy ? 'chief-executive' : decider;
    const steps: Step[] = [
      { step: 'raised', with: lineManagerOf(raisedBy) },
      { step: 'discussed', recordedInCaseNotes: true },
      { step: 'decided', by, agreed, writtenRecord: true },
      ...(agreed ? [{ step: 'disclosed' }] : []),
    ];
    return { question: 'breach', raisedBy, ground, steps: steps.slice(0, upTo + 1) };
  });
const chains = fc.oneof(breach as fc.Arbitrary<Q>, orderedChains);

/** Edits the `n`th step (mod the count) of the kind `kind`; the question as it was when there is none. */
function editStep(q: Q, kind: string, n: number, edit: (s: Step) => Step): Q {
  const at = stepsOf(q)
    .map((s, i) => [s, i] as const)
    .filter(([s]) => s.step === kind)
    .map(([, i]) => i);
  if (!at.length) return q;
  const i = at[n % at.length] as number;
  const steps = stepsOf(q).slice();
  steps[i] = edit({ ...(steps[i] as Step) });
  return { ...q, steps };
}

const br = (
  name: string,
  choice: fc.Arbitrary<number>,
  restrict: (q: Q, n: number) => Q,
  {
    base = chains,
    releases,
    keeps = 'violations',
  }: { base?: fc.Arbitrary<Q>; releases?: string[]; keeps?: Kept | null } = {},
): Monotone => ({
  name,
  kind: 'breach',
  pairs: pairsOf(base, choice, restrict),
  keeps: keeps ?? undefined,
  releases,
});

export const breachProperties: Monotone[] = [
  br('a decision has no written record (5.5.2)', fc.nat(), (q, n) =>
    editStep(q, 'decided', n, (s) => {
      if (n % 2) delete s.writtenRecord;
      else s.writtenRecord = false;
      return s;
    }),
  ),
  br(
    'a decision is not agreed (5.5.3)',
    fc.nat(),
    (q, n) => editStep(q, 'decided', n, (s) => ({ ...s, agreed: false })),
    {
      releases: ['decision-after-refusal'],
    },
  ),
  br('the discussion is not recorded in the case notes (5.4.2)', fc.nat(), (q, n) =>
    editStep(q, 'discussed', n, (s) => ({ ...s, recordedInCaseNotes: false })),
  ),
  br('the matter is raised with someone other than the line manager (5.4.1)', fc.nat(), (q, n) =>
    editStep(q, 'raised', n, (s) => ({ ...s, with: s.with === 'third-party' ? 'upsu-staff' : 'third-party' })),
  ),
  br(
    'a decision is taken by an adviser or by the raiser (5.5.4)',
    fc.nat(),
    (q, n) => editStep(q, 'decided', n, (s) => ({ ...s, by: n % 2 ? 'adviser' : q.raisedBy })),
    // A decision by an adviser or the raiser is its own violation (5.5.4), and no decision: a refusal by someone
    // who may not decide is no refusal, so a disclosure or a decision after it is not one after a refusal.
    { releases: ['decider-may-not-decide', 'disclosed-after-refusal', 'decision-after-refusal'] },
  ),
  br('a disclosure is added anywhere in the chain (5.5.4)', fc.nat(), (q, n) => {
    const steps = stepsOf(q).slice();
    steps.splice(n % (steps.length + 1), 0, { step: 'disclosed' });
    return { ...q, steps };
  }),
  br(
    'two steps of a chain in the policy order are swapped (5.4, 5.5)',
    fc.nat(),
    (q, n) => {
      const steps = stepsOf(q).slice();
      if (steps.length < 2) return q;
      const i = n % (steps.length - 1);
      [steps[i], steps[i + 1]] = [steps[i + 1] as Step, steps[i] as Step];
      return { ...q, steps };
    },
    { base: orderedChains },
  ),
  br('the ground is one 5.3 does not list', fc.nat(), (q) => ({ ...q, ground: 'other' })),
  // The raiser changes, so every violation that compares a step with the raiser (their line manager, 5.4.1; who
  // may decide for them, 5.5.2; a decision by the raiser, 5.5.4) is read against someone else: only the outcome
  // is compared.
  br('the raiser is outside the Advice team (5.1, 5.3)', fc.nat(), (q) => ({ ...q, raisedBy: 'upsu-staff' }), {
    keeps: null,
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// policy-review, staff-readiness, storage

/** A review on or before the day asked (a review dated after `asOf` is the cautious `incomplete` on its own). */
const reviews = fc.tuple(policyReview as fc.Arbitrary<Q>, isoDate(), fc.boolean()).map(([q, asOf, full]) => {
  const [from, to] = [q.lastReviewedOn, asOf].sort() as [string, string];
  return {
    ...q,
    lastReviewedOn: from,
    asOf: to,
    agreedBy: full ? ['advice-lead', 'advice-manager', 'senior-management', ...q.agreedBy] : q.agreedBy,
  };
});

export const policyReviewProperties: Monotone[] = [
  {
    name: 'an agreement is withdrawn (6.4)',
    kind: 'policy-review',
    pairs: pairsOf(reviews, role, (q, r) => ({ ...q, agreedBy: q.agreedBy.filter((x: string) => x !== r) })),
  },
  {
    name: 'the question is asked later (6.4)',
    kind: 'policy-review',
    pairs: pairsOf(reviews, isoDate(), (q, d) => ({ ...q, asOf: lastOf(d, q.asOf) })),
  },
  {
    name: 'the last review was earlier (6.4)',
    kind: 'policy-review',
    pairs: pairsOf(reviews, isoDate(), (q, d) => ({
      ...q,
      lastReviewedOn: firstOf(d, q.lastReviewedOn),
    })),
  },
];

const readyStaff = fc.oneof(
  staffReadiness as fc.Arbitrary<Q>,
  (staffReadiness as fc.Arbitrary<Q>).map((q) => ({
    ...q,
    receivedPolicyCopy: true,
    trainedAtInduction: true,
    confidentialityAgreement: 'signed',
  })),
);
const staff = (
  name: string,
  restrict: (q: Q, v: boolean | undefined) => Q,
  keeps: Kept | null = 'missing',
): Monotone => ({
  name,
  kind: 'staff-readiness',
  pairs: pairsOf(readyStaff, fc.constantFrom(true, false, undefined), restrict),
  keeps: keeps ?? undefined,
});

export const staffReadinessProperties: Monotone[] = [
  staff('no copy of the policy was received (6.1)', (q) => ({ ...q, receivedPolicyCopy: false })),
  staff('no training at induction (6.2)', (q, v) => withField(q, ['trainedAtInduction'], v ? false : undefined)),
  staff('the member of staff is a new starter, or may be (6.2)', (q, v) =>
    withField(q, ['newStarter'], v ? true : undefined),
  ),
  staff('the Confidentiality Agreement was asked for and not signed (6.3)', (q) => ({
    ...q,
    confidentialityAgreement: 'requested-not-signed',
  })),
  // 6.1 asks nothing of a role it does not list: the decision says so rather than listing what is missing.
  staff('the role is one 6.1 does not list', (q) => withField(q, ['staff', 'role'], 'third-party'), null),
];

const compliantStorage = fc.oneof(
  storage as fc.Arbitrary<Q>,
  fc.record({
    question: fc.constant('storage'),
    electronic: fc.constant({ passwordProtected: true, loginShared: false, loggedOffWhenNotInUse: true }),
    paper: fc.constant({ inUse: false, inLockedCabinet: true, keysOutOfPublicView: true }),
  }),
);
const GOOD_ELECTRONIC = { passwordProtected: true, loginShared: false, loggedOffWhenNotInUse: true };
const GOOD_PAPER = { inLockedCabinet: true, keysOutOfPublicView: true };
const store = (name: string, medium: 'electronic' | 'paper', field: string, value: unknown): Monotone => ({
  name,
  kind: 'storage',
  // A medium the question leaves out is described, as compliant, on both sides: describing a medium is no
  // restriction (a question that describes none is the cautious non-compliant, 1.3).
  pairs: compliantStorage.map((q) => {
    const looser = { ...q, [medium]: q[medium] ?? (medium === 'electronic' ? GOOD_ELECTRONIC : GOOD_PAPER) };
    return [looser, { ...looser, [medium]: { ...looser[medium], [field]: value } }] as const;
  }),
  keeps: 'violations',
});

export const storageProperties: Monotone[] = [
  store('the system is not password protected (1.3)', 'electronic', 'passwordProtected', false),
  store('the login is shared (1.4)', 'electronic', 'loginShared', true),
  store('advisers do not log off (1.4)', 'electronic', 'loggedOffWhenNotInUse', false),
  store('paper records are not locked away (1.3)', 'paper', 'inLockedCabinet', false),
  store('the keys are in public view (1.3)', 'paper', 'keysOutOfPublicView', false),
  store('paper records are not in use (1.3)', 'paper', 'inUse', false),
  {
    name: 'a second medium is described (1.3, 1.4)',
    kind: 'storage',
    pairs: (storage as fc.Arbitrary<Q>)
      .filter((q) => (q.electronic === undefined) !== (q.paper === undefined))
      .chain((q) =>
        (storage as fc.Arbitrary<Q>)
          .filter((o) => o.electronic !== undefined && o.paper !== undefined)
          .map((o) => [q, { ...q, electronic: q.electronic ?? o.electronic, paper: q.paper ?? o.paper }] as const),
      ),
    keeps: 'violations',
  },
];

// ---------------------------------------------------------------------------------------------------------------

/** A left-out property: the field, and the restrictive value an absent field must be read as. */
export interface LeftOut extends Monotone {
  readonly path: readonly string[];
  readonly value: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// A fact left out is read as its cautious value (fail closed): the question with the fact at its restrictive
// value is the looser one, the same question without it the stricter.

/** [q with `path` at `value`, q without `path`]; q as it is on both sides when the parent object is missing. */
function leftOut(kind: string, base: fc.Arbitrary<Q>, path: string[], value: unknown, name: string): LeftOut {
  return {
    name,
    kind,
    path,
    value,
    pairs: base.map((q) => {
      let parent: Q | undefined = q;
      for (const k of path.slice(0, -1)) parent = parent?.[k];
      if (parent === undefined || parent === null) return [q, q] as const;
      return [withField(q, path, value), withField(q, path, undefined)] as const;
    }),
    keeps: kind === 'subject-access' || kind === 'staff-readiness' ? 'missing' : 'obligations',
  };
}

export const leftOutProperties: LeftOut[] = [
  leftOut(
    'disclosure',
    disclosures,
    ['recipient', 'involvedInCase'],
    false,
    'disclosure: involvedInCase left out is false (2.2)',
  ),
  leftOut(
    'disclosure',
    disclosures,
    ['recipient', 'appointedByUpsu'],
    false,
    'disclosure: appointedByUpsu left out is false (3.1)',
  ),
  leftOut(
    'disclosure',
    disclosures,
    ['consent', 'recorded'],
    false,
    'disclosure: consent.recorded left out is not recorded (2.1)',
  ),
  leftOut(
    'disclosure',
    disclosures,
    ['consent', 'method'],
    'verbal',
    'disclosure: consent.method left out is not consent (2.1)',
  ),
  leftOut(
    'disclosure',
    disclosures,
    ['breach', 'authorisation', 'writtenRecord'],
    false,
    'disclosure: writtenRecord left out is no written record (5.5.2)',
  ),
  leftOut(
    'disclosure',
    disclosures,
    ['purpose'],
    'other',
    'disclosure: purpose left out is no purpose the policy names (3.1, P5)',
  ),
  leftOut('access', accessQs, ['necessary'], false, 'access: necessary left out is not necessary (3.1)'),
  leftOut('access', accessQs, ['actor', 'appointedByUpsu'], false, 'access: appointedByUpsu left out is false (3.1)'),
  leftOut('access', accessQs, ['purpose'], 'other', 'access: purpose left out is not quality assurance (3.1)'),
  leftOut(
    'contact',
    contact as fc.Arbitrary<Q>,
    ['clientPreferences', 'serviceMayBeNamed'],
    false,
    'contact: serviceMayBeNamed left out is false (2.3)',
  ),
  leftOut(
    'contact',
    contact as fc.Arbitrary<Q>,
    ['situation'],
    'message',
    'contact: situation left out may be a message (2.3)',
  ),
  leftOut(
    'staff-readiness',
    readyStaff,
    ['trainedAtInduction'],
    false,
    'staff-readiness: trainedAtInduction left out is not trained (6.2)',
  ),
  leftOut(
    'staff-readiness',
    readyStaff,
    ['newStarter'],
    true,
    'staff-readiness: newStarter left out may be a new starter (6.2)',
  ),
  leftOut('storage', compliantStorage, ['paper', 'inUse'], false, 'storage: paper.inUse left out is not in use (1.3)'),
];

/** Retention along time: a record is retained, then destroyed, never retained again; `review` does not move. */
export const RETENTION_ORDER = { retain: 0, destroy: 1, review: 2 };

const retentionQs: fc.Arbitrary<Q> = fc.oneof(
  retention as fc.Arbitrary<Q>,
  fc.tuple(isoDate(2000, 2030), fc.option(isoDate(2000, 2032), { nil: undefined })).map(([completed, asOf]) => ({
    question: 'retention',
    ...(asOf ? { asOf } : {}),
    client: { degreeStatus: 'completed', degreeCompletedOn: completed },
  })),
);

export const retentionProperties: Monotone[] = [
  {
    name: 'retention: asked later, a destroyed record is never retained again (3.3)',
    kind: 'retention',
    pairs: fc.tuple(retentionQs, isoDate(2000, 2033), isoDate(2000, 2033)).map(([q, x, y]) => {
      const [early, late] = [x, y].sort() as [string, string];
      return [
        { ...q, asOf: early },
        { ...q, asOf: late },
      ] as const;
    }),
    order: RETENTION_ORDER,
    keeps: 'obligations',
  },
  {
    name: 'retention: a degree completed earlier is never kept longer (3.3)',
    kind: 'retention',
    pairs: fc.tuple(retentionQs, isoDate(1999, 2031), isoDate(2000, 2033)).map(([q, d, asOf]) => {
      const later = q.client.degreeCompletedOn ?? d;
      const earlier = firstOf(d, later);
      const at = (completed: string) => ({
        ...q,
        asOf,
        client: { degreeStatus: 'completed', degreeCompletedOn: completed },
      });
      return [at(later), at(earlier)] as const;
    }),
    order: RETENTION_ORDER,
    keeps: 'obligations',
  },
];

/** Every property, restriction and left-out field alike. */
export const ALL: Monotone[] = [
  ...disclosureProperties,
  ...accessProperties,
  ...contactProperties,
  ...recordingProperties,
  ...statisticsProperties,
  ...subjectAccessProperties,
  ...breachProperties,
  ...policyReviewProperties,
  ...staffReadinessProperties,
  ...storageProperties,
  ...retentionProperties,
  ...leftOutProperties,
];
