// Safety of disclosure, written from the policy text (not from src/derive): identifiable client information
// leaves the Advice team with a permit only on one of the policy's grounds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { type DisclosureQ, disclosure, params, type Role, timeout } from '../support/arbitraries.js';

/** P3: the Department is the Advice team — advisers and the Advice Service Lead. */
const inDepartment = (r: Role) => r === 'adviser' || r === 'advice-lead';

/** 2.1: consent is the signed Consent to Share or an email giving consent. Verbal consent is not. */
const consentCounts = (q: DisclosureQ) =>
  q.consent?.given === true && (q.consent.method === 'consent-to-share' || q.consent.method === 'email');

/** 5.4.1: an adviser's line manager is the Advice Service Lead; the Lead's, the Student Focus and Advice Manager. */
const lineManagerOf = (r: Role): Role | null =>
  r === 'adviser' ? 'advice-lead' : r === 'advice-lead' ? 'advice-manager' : null;

/**
 * 5.5.2 / 5.5.4: agreed, with a written record, by the line manager, the Student Focus and Advice Manager, the
 * Chief Executive or another appointed individual — and never by an adviser or by the person breaching.
 */
const authorisationCounts = (q: DisclosureQ) => {
  const a = q.breach?.authorisation;
  if (a?.agreed !== true || a.writtenRecord !== true) return false;
  if (a.decidedBy === 'adviser' || a.decidedBy === q.actor.role) return false;
  return (
    a.decidedBy === lineManagerOf(q.actor.role) ||
    a.decidedBy === 'advice-manager' ||
    a.decidedBy === 'chief-executive' ||
    a.decidedBy === 'appointed-manager'
  );
};

/** The grounds on which the policy lets identifiable information leave the Advice team. */
function grounds(q: DisclosureQ): string[] {
  const r = q.recipient;
  const kind = q.information.kind;
  const out: string[] = [];
  if (consentCounts(q)) out.push('2.1 consent');
  if (r.role === 'upsu-staff' && r.involvedInCase === true && q.clientObjectsToStaffSharing !== true)
    out.push('2.2 involved staff');
  if (r.role === 'pms' && q.purpose === 'case-management') out.push('P5 MoU');
  if (r.role === 'dpo') out.push('3.1 DPO');
  if (r.role === 'quality-auditor' && r.appointedByUpsu === true && q.purpose === 'quality-assurance')
    out.push('3.1 quality auditor');
  if (r.role === 'advice-support-staff' && (kind === 'presence' || kind === 'service-use')) out.push('6.3 reception');
  // The contract's rule 8: an authorisation that counts permits, whoever the actor (5.3 names only the Advice team:
  // the decision then carries the advisory breach-actor-not-covered).
  if (q.breach && authorisationCounts(q)) out.push('5.5.2 authorised breach');
  return out;
}

describe('disclosure fails closed (P2–P6, 2.1, 2.2, 3.1, 5.5.2, 6.3)', () => {
  it(
    'a permit for identifiable information outside the Advice team always rests on a ground of the policy',
    () => {
      fc.assert(
        fc.property(disclosure, (q) => {
          const d = evaluate(q);
          if (d.outcome !== 'permit' || !q.information.identifiable || inDepartment(q.recipient.role)) return true;
          return grounds(q).length > 0;
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'identifiable information to a third party, with no consent and no authorised breach, is never permitted',
    () => {
      const thirdParty = disclosure.map((q) => ({
        ...q,
        recipient: { ...q.recipient, role: 'third-party' as const },
        information: { ...q.information, identifiable: true },
      }));
      fc.assert(
        fc.property(thirdParty, (q) => {
          const d = evaluate(q);
          if (consentCounts(q) || authorisationCounts(q)) return true;
          expect(d.outcome).not.toBe('permit');
          if (d.outcome === 'deny') expect(d.obligations.map((o) => o.code)).toContain('state-policy-and-decline');
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'verbal consent alone never permits what counting consent would (2.1)',
    () => {
      const verbal = disclosure.map(
        (q): DisclosureQ => ({ ...q, consent: { given: true, method: 'verbal', recorded: q.consent?.recorded } }),
      );
      fc.assert(
        fc.property(verbal, (q) => {
          const d = evaluate(q);
          if (d.outcome !== 'permit' || !q.information.identifiable || inDepartment(q.recipient.role)) return true;
          return grounds(q).filter((g) => g !== '2.1 consent').length > 0;
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'every decision has an outcome the question allows; a decision no rule covers is the cautious one',
    () => {
      fc.assert(
        fc.property(disclosure, (q) => {
          const d = evaluate(q);
          expect(['permit', 'deny', 'escalate']).toContain(d.outcome);
          if (d.reasons.some((r) => r.rule === 'not-covered')) expect(d.outcome).toBe('deny');
          if (d.outcome === 'escalate') {
            expect(q.breach).toBeDefined();
            expect(d.escalateTo).toBe(lineManagerOf(q.actor.role));
            expect(d.clauses).toContain('5.4');
          }
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );
});
