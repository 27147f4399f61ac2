// Monotonicity: a question made more restrictive in one fact never gets a less cautious decision, and never loses
// an obligation (an incomplete request never loses a missing item, a non-compliant history never loses a
// violation) when the outcome stays the same. The properties, their caution orders and the pairs they are asked
// on are in test/support/monotonicity.ts, written from CONTRACT.md and the policy text.
//
// Every property is shown able to fail: each is run against a mutant of the bundled rules (an id from
// `generateMutants`, found by running the property against every mutant of its question's rules) or, where no
// single-rule mutant can break it, a mutated decision that carries the defect the property guards against (a
// field left out read as its permissive value; a restriction ignored). If a rule is renamed the mutant id goes
// stale and the test says so: run the property against generateMutants(bundledRules) and pick a new one.
//
// The exceptions the contract fixes are pinned at the end, with their clauses, so that a change to them is seen.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledRules, createPolicy, type Decision, evaluate } from '../../src/index.js';
import { generateMutants } from '../../src/scenarios/mutate.js';
import {
  ALL,
  breaks,
  type Decide,
  EXEMPT,
  type LeftOut,
  leftOutProperties,
  type Monotone,
  type Q,
} from '../support/monotonicity.js';

/** Modest runs: 73 properties, each also run against its mutant, in a few seconds. */
// 80 properties: a thirtieth of the other properties' runs each (about 330 in `npm test`, 33,000 in the long run of
// `npm run test:properties`); MONOTONICITY_RUNS sets it outright.
const RUNS = Number(process.env.MONOTONICITY_RUNS ?? Math.ceil(Number(process.env.PROPERTY_RUNS ?? 10_000) / 30));
const SEED = Number(process.env.PROPERTY_SEED ?? 20261124);

const check = (p: Monotone, decide: Decide, numRuns = RUNS) =>
  fc.check(
    fc.property(p.pairs, (pair) => breaks(p, decide, pair) === null),
    { seed: SEED, numRuns },
  );

/** A decision that ignores one of the question's facts: it decides as if `edit` had been made. */
const deciding =
  (edit: (q: Q) => Q): ((d: Decide) => Decide) =>
  (d) =>
  (q) =>
    d(edit(q as Q));
const permitted = (q: Q): Decision => ({ ...evaluate(q), outcome: 'permit', obligations: [] });

const P = 'disclosure.rules.json';
/** The mutant (or mutated decision) that breaks each property, by name. */
const KILLERS: Record<string, string | ((d: Decide) => Decide)> = {
  // disclosure
  'the client objects to sharing with involved UPSU staff (2.2)': `2-sharing/${P}#consent-to-share:change-fact@all.0:clientObjectsToStaffSharing`,
  'the consent is removed (2.1)': `2-sharing/${P}#involved-staff-client-objects:change-fact@all.1:consentGiven`,
  'the consent is not given (2.1)': `2-sharing/${P}#involved-staff-client-objects:change-fact@all.1:consentGiven`,
  'the consent is not yet recorded (2.1)': `2-sharing/${P}#record-consent:negate-condition@all.1`,
  'the consent is verbal, or its method unknown (2.1)': `2-sharing/${P}#consent-to-share:negate-condition@all.0`,
  'the information is identifiable (P3, 4.2)': `2-sharing/${P}#consent-to-share:change-fact@all.0:identifiable`,
  'the information is a case record rather than presence, service use or statistics (P4, 4.2, 6.3)': `3-access/${P}#support-staff-case-record:negate-condition@all.1`,
  'the recipient is a third party (P3, P6)': `0-preamble/${P}#pms-case-management:flip-outcome:deny`,
  'the recipient was not involved in the case (2.2)': `2-sharing/${P}#involved-staff-client-objects:negate-condition@all.0`,
  'the recipient was not appointed by UPSU (3.1)': `3-access/${P}#appointed-quality-auditor:flip-outcome:deny`,
  'the purpose is other, or not given (3.1, P5)': `0-preamble/${P}#pms-case-management:negate-condition@all.1`,
  'the breach claim is dropped (5.3)': `5-breaches/${P}#breach-needs-authorisation:negate-condition@all.0`,
  // The ground changes no outcome (an authorisation that counts permits on any ground, case 8): only a decision
  // that let an unlisted ground through without one breaks it.
  'the breach ground is one 5.3 does not list': (d) => (q) =>
    (q as Q).breach?.ground === 'other' ? permitted(q as Q) : d(q),
  'an agreed breach authorisation is removed (5.5.2)': `5-breaches/${P}#breach-authorised:flip-outcome:deny`,
  'the breach authorisation is not agreed (5.5.3)': `2-sharing/${P}#consent-to-share:change-fact@all.0:refusalByNonDecider`,
  'the breach authorisation has no written record (5.5.2)': `5-breaches/${P}#breach-authorised:negate-condition@all.0`,
  'the breach is decided by the actor or by a role that may not decide (5.5.2, 5.5.4)': `5-breaches/${P}#breach-authorised:remove-rule`,
  // access
  'access is not necessary (3.1)': '3-access/access.rules.json#dpo-access-when-necessary:negate-condition@all.0',
  'the actor was not appointed by UPSU (3.1)':
    '3-access/access.rules.json#appointed-quality-auditor-access:negate-condition@all.1',
  'the purpose is other (3.1)': '3-access/access.rules.json#appointed-quality-auditor-access:negate-condition@all.2',
  'the actor is a third party (3.1)': '3-access/access.rules.json#advice-team-access:negate-condition@all.0',
  // contact: removing the deny rule leaves the cautious fallback, so no single-rule mutant breaks it.
  'the client says a channel is unacceptable (2.3)': (d) => (q) =>
    ((q as Q).clientPreferences?.unacceptable ?? []).includes((q as Q).channel) ? permitted(q as Q) : d(q),
  'the client has not said the service may be named (2.3)':
    '2-sharing/contact.rules.json#no-service-reference:negate-condition@all.1',
  'a message is left or someone else answers (2.3)':
    '2-sharing/contact.rules.json#no-service-reference:negate-condition@all.0',
  // recording
  'consent to record is withdrawn (1.1)':
    '1-case-recording/recording.rules.json#consented-and-relevant:flip-outcome:deny',
  'the information is not relevant (1.2)':
    '1-case-recording/recording.rules.json#consented-and-relevant:flip-outcome:deny',
  // statistics-release: a table with an identifying field, or to a third party, falls to the cautious deny
  // whatever one rule does; a decision that permitted it breaks them (one that ignored the fields would not: both
  // sides of every pair would be decided alike, which no monotonicity property can see).
  'an identifying field is added (4.2, 4.3)': (d) => (q) =>
    ((q as Q).fields as string[]).some((f) =>
      /^(name|email|phone|address|postcode|studentid|dateofbirth|casenotes|caseid|firstname|lastname)$/i.test(f),
    )
      ? permitted(q as Q)
      : d(q),
  'the smallest count is lower (4.3)': '4-statistics/statistics-release.rules.json#small-counts:negate-condition@all.0',
  'the recipient is a third party (4.2)': (d) => (q) =>
    (q as Q).recipient.role === 'third-party' ? permitted(q as Q) : d(q),
  // subject-access
  'the request is not in writing (3.2)': '3-access/subject-access.rules.json#not-in-writing:negate-condition@all.0',
  'the request is not addressed to the DPO (3.2)':
    '3-access/subject-access.rules.json#not-addressed-to-dpo:negate-condition@all.0',
  'the fee is not paid (3.2)': '3-access/subject-access.rules.json#fee-unpaid:negate-condition@all.0',
  'the identity is not verified (3.2)':
    '3-access/subject-access.rules.json#identity-not-verified:negate-condition@all.0',
  // breach
  'a decision has no written record (5.5.2)': '5-breaches/breach.rules.json#authorised:negate-condition@all.0',
  'a decision is not agreed (5.5.3)': '5-breaches/breach.rules.json#disclosed-after-refusal:negate-condition@all.0',
  'the discussion is not recorded in the case notes (5.4.2)':
    '5-breaches/breach.rules.json#decision-before-recorded-discussion:negate-condition@all.0',
  'the matter is raised with someone other than the line manager (5.4.1)':
    '5-breaches/breach.rules.json#raised-with-wrong-person:negate-condition@all.1',
  'a decision is taken by an adviser or by the raiser (5.5.4)':
    '5-breaches/breach.rules.json#raised-with-wrong-person:change-fact@all.1:deciderIsAdviserOrRaiser',
  'a disclosure is added anywhere in the chain (5.5.4)':
    '5-breaches/breach.rules.json#disclosed-before-authorisation:negate-condition@all.0',
  'two steps of a chain in the policy order are swapped (5.4, 5.5)':
    '5-breaches/breach.rules.json#step-before-raised:negate-condition@all.0',
  // An unlisted ground is an advisory, never an outcome (5.3 says "include"): only a decision that authorised
  // on it breaks the property.
  'the ground is one 5.3 does not list': (d) => (q) =>
    (q as Q).ground === 'other' ? { ...d(q), outcome: 'authorised', violations: [] } : d(q),
  'the raiser is outside the Advice team (5.1, 5.3)': '5-breaches/breach.rules.json#raiser-not-covered:remove-rule',
  // policy-review
  'an agreement is withdrawn (6.4)':
    '6-effectiveness/policy-review.rules.json#not-agreed-by-advice-lead:negate-condition@all.0',
  'the question is asked later (6.4)': '6-effectiveness/policy-review.rules.json#review-overdue:flip-outcome:current',
  'the last review was earlier (6.4)': '6-effectiveness/policy-review.rules.json#review-overdue:flip-outcome:current',
  // staff-readiness
  'no copy of the policy was received (6.1)':
    '6-effectiveness/staff-readiness.rules.json#no-policy-copy-advice-team:negate-condition@all.1',
  'no training at induction (6.2)':
    '6-effectiveness/staff-readiness.rules.json#not-trained-at-induction:negate-condition@all.1',
  'the member of staff is a new starter, or may be (6.2)':
    '6-effectiveness/staff-readiness.rules.json#not-trained-at-induction:negate-condition@all.1',
  'the Confidentiality Agreement was asked for and not signed (6.3)':
    '6-effectiveness/staff-readiness.rules.json#agreement-requested-not-signed:negate-condition@all.0',
  'the role is one 6.1 does not list': '6-effectiveness/staff-readiness.rules.json#role-not-listed:flip-outcome:ready',
  // storage
  'the system is not password protected (1.3)':
    '1-case-recording/storage.rules.json#not-password-protected:negate-condition@all.1',
  'the login is shared (1.4)': '1-case-recording/storage.rules.json#login-shared:negate-condition@all.1',
  'advisers do not log off (1.4)': '1-case-recording/storage.rules.json#not-logged-off:negate-condition@all.1',
  'paper records are not locked away (1.3)':
    '1-case-recording/storage.rules.json#paper-not-locked:negate-condition@all.2',
  'the keys are in public view (1.3)': '1-case-recording/storage.rules.json#keys-in-public-view:negate-condition@all.1',
  'paper records are not in use (1.3)': '1-case-recording/storage.rules.json#paper-not-locked:negate-condition@all.1',
  'a second medium is described (1.3, 1.4)':
    '1-case-recording/storage.rules.json#not-password-protected:negate-condition@all.0',
  // retention
  'retention: asked later, a destroyed record is never retained again (3.3)':
    '3-access/retention.rules.json#within-year-after-completion:flip-outcome:review',
  'retention: a degree completed earlier is never kept longer (3.3)':
    '3-access/retention.rules.json#within-year-after-completion:flip-outcome:review',
};

/** A field left out is read as its permissive value: the defect every left-out property guards against. */
const PERMISSIVE: Record<string, unknown> = {
  involvedInCase: true,
  appointedByUpsu: true,
  recorded: true,
  method: 'consent-to-share',
  writtenRecord: true,
  purpose: 'quality-assurance',
  necessary: true,
  serviceMayBeNamed: true,
  situation: 'direct',
  trainedAtInduction: true,
  newStarter: false,
  inUse: true,
};
const readAsPermissive = (p: LeftOut) =>
  deciding((q) => {
    const out = structuredClone(q);
    let parent: Q | undefined = out;
    for (const k of p.path.slice(0, -1)) parent = parent?.[k];
    const last = p.path.at(-1) as string;
    if (parent && typeof parent === 'object' && !(last in parent)) parent[last] = PERMISSIVE[last];
    return out;
  });

const mutants = new Map(generateMutants(bundledRules).map((m) => [m.id, m]));
function killerOf(p: Monotone): Decide {
  const left = leftOutProperties.find((l) => l === p);
  if (left) return readAsPermissive(left)(evaluate);
  const k = KILLERS[p.name];
  if (k === undefined) throw new Error(`no mutant named for "${p.name}"`);
  if (typeof k === 'function') return k(evaluate);
  const m = mutants.get(k);
  if (!m) throw new Error(`mutant ${k} no longer exists: pick another that breaks "${p.name}"`);
  const policy = createPolicy(m.bundle);
  return (q) => policy.evaluate(q);
}

describe('a more restrictive fact never gives a less cautious decision', () => {
  for (const p of ALL) {
    it(`${p.kind}: ${p.name}`, () => {
      const r = check(p, evaluate);
      if (r.failed) {
        const pair = r.counterexample?.[0] as readonly [Q, Q];
        expect.fail(`${breaks(p, evaluate, pair)}\n${JSON.stringify(pair[0])}\n${JSON.stringify(pair[1])}`);
      }
      // …and the property can fail: its mutant breaks it.
      expect(check(p, killerOf(p)).failed, `the mutant of "${p.name}" is not caught`).toBe(true);
    });
  }

  it('every restriction has a mutant, and no mutant is named for a property that is gone', () => {
    const names = new Set(ALL.map((p) => p.name));
    for (const k of Object.keys(KILLERS)) expect(names, k).toContain(k);
  });
});

// The exceptions: pairs where a restriction does give a less cautious outcome, because the contract says so.
const decide = (q: Q) => evaluate(q).outcome;
const adviser = { role: 'adviser' };
const caseRecord = { kind: 'case-record', identifiable: true };
const authorised = { ground: 'harm', authorisation: { decidedBy: 'advice-lead', agreed: true, writtenRecord: true } };
const consent = { given: true, method: 'consent-to-share', recorded: true };

describe('exceptions the contract fixes (not defects)', () => {
  it('2.2: an objection denies involved UPSU staff before consent or an authorised breach is looked at (case 4 above 7 and 8); staff not involved, or a third party, may then be permitted', () => {
    const involved = { role: 'upsu-staff', involvedInCase: true };
    for (const ground of [{ breach: authorised }, { consent }]) {
      const q = {
        question: 'disclosure',
        actor: adviser,
        recipient: involved,
        information: caseRecord,
        clientObjectsToStaffSharing: true,
        ...ground,
      };
      expect(EXEMPT.objectedInvolvedStaff(q)).toBe(true);
      expect(decide(q)).toBe('deny');
      expect(decide({ ...q, recipient: { ...involved, involvedInCase: false } })).toBe('permit');
      expect(decide({ ...q, recipient: { role: 'third-party' } })).toBe('permit');
    }
    // Without a ground, an unauthorised breach claim: deny for involved staff, escalate once they are not involved.
    const claim = {
      question: 'disclosure',
      actor: adviser,
      recipient: involved,
      information: caseRecord,
      clientObjectsToStaffSharing: true,
      breach: { ground: 'harm' },
    };
    expect(decide(claim)).toBe('deny');
    expect(decide({ ...claim, recipient: { ...involved, involvedInCase: false } })).toBe('escalate');
  });

  it('3.1, 6.3: a case record to advice support staff is denied before consent or an authorised breach (case 6 above 7 and 8); to a third party it may be permitted', () => {
    const q = {
      question: 'disclosure',
      actor: adviser,
      recipient: { role: 'advice-support-staff' },
      information: caseRecord,
      breach: authorised,
    };
    expect(EXEMPT.supportStaffCaseRecord(q)).toBe(true);
    expect(decide(q)).toBe('deny');
    expect(decide({ ...q, recipient: { role: 'third-party' } })).toBe('permit');
    expect(decide({ ...q, breach: { ground: 'harm' }, recipient: { role: 'third-party' } })).toBe('escalate');
  });

  it('4.2, 4.3: identifiable statistics are denied even with consent (case 3 above 7); a case record with consent is permitted (2.1)', () => {
    const q = {
      question: 'disclosure',
      actor: adviser,
      recipient: { role: 'upsu-staff' },
      information: { kind: 'statistics', identifiable: true },
      consent,
    };
    expect(EXEMPT.identifiableStatistics(q)).toBe(true);
    expect(decide(q)).toBe('deny');
    expect(decide({ ...q, information: caseRecord })).toBe('permit');
  });

  it('2.2: an objection left out is no objection ("the assumption will be that the client has given consent")', () => {
    const q = {
      question: 'disclosure',
      actor: adviser,
      recipient: { role: 'upsu-staff', involvedInCase: true },
      information: caseRecord,
    };
    expect(decide({ ...q, clientObjectsToStaffSharing: true })).toBe('deny');
    expect(decide(q)).toBe('permit');
  });

  it('4.3: a smallest count left out is not one below the threshold: permitted, with the obligation to check small counts', () => {
    const q = { question: 'statistics-release', actor: adviser, recipient: { role: 'pms' }, fields: ['faculty'] };
    expect(decide({ ...q, smallestCount: 0 })).toBe('deny');
    const d = evaluate(q);
    expect(d.outcome).toBe('permit');
    expect(d.obligations.map((o) => o.code)).toContain('check-small-counts');
  });

  it('6.3: a Confidentiality Agreement left out is one not asked for ("may be asked to sign"), which does not stop readiness', () => {
    const q = { question: 'staff-readiness', staff: adviser, receivedPolicyCopy: true, trainedAtInduction: true };
    expect(decide({ ...q, confidentialityAgreement: 'requested-not-signed' })).toBe('not-ready');
    expect(decide(q)).toBe('ready');
  });
});
