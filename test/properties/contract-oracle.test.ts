// An independent oracle: the contract's ordered lists for `disclosure`, `access` and `retention`
// (CONTRACT.md, "Questions and outcomes"), written from CONTRACT.md and the policy text only — not from rules/ or
// src/ — and compared with `evaluate` on generated questions. disclosure-safety.test.ts checks that a permit rests
// on a ground; this checks the exact outcome (so a permit turned into an escalate, a refusal read as an
// escalation, or a deny the contract places above a permit moved below it, is caught too), the obligations the
// contract names, `escalateTo` and `destroyAfter`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import {
  access,
  type DisclosureQ,
  disclosure,
  isoDate,
  params,
  type Role,
  retention,
  timeout,
} from '../support/arbitraries.js';

const TEAM: readonly Role[] = ['adviser', 'advice-lead'];
const lineManagerOf = (r: Role): Role | undefined =>
  r === 'adviser' ? 'advice-lead' : r === 'advice-lead' ? 'advice-manager' : undefined;

interface Expected {
  outcome: 'permit' | 'deny' | 'escalate';
  obligations: string[];
  escalateTo?: Role;
  clauses: string[];
}

/** CONTRACT.md, `disclosure`: the first case that applies decides; when none applies, `deny`. */
function expectedDisclosure(q: DisclosureQ): Expected {
  const r = q.recipient;
  const kind = q.information.kind;
  const identifiable = q.information.identifiable;
  const is = (outcome: Expected['outcome'], clauses: string[], obligations: string[] = []): Expected => ({
    outcome,
    clauses,
    obligations,
  });
  // 1. The Advice team; the DPO.
  if (TEAM.includes(r.role) || r.role === 'dpo') return is('permit', ['3.1']);
  // 2. An appointed quality auditor, for quality assurance.
  if (r.role === 'quality-auditor' && r.appointedByUpsu === true && q.purpose === 'quality-assurance')
    return is('permit', ['3.1']);
  // 3. Statistics: anonymous to anyone, identifiable to no one outside the Advice team.
  if (kind === 'statistics')
    return identifiable ? is('deny', ['4.2']) : is('permit', ['4.2'], ['advice-lead-anonymity-check']);
  // 4. UPSU staff involved in the case (2.2), unless the client objects.
  if (r.role === 'upsu-staff' && r.involvedInCase === true)
    return is(q.clientObjectsToStaffSharing === true ? 'deny' : 'permit', ['2.2']);
  // 5. PMS, for case management (P5).
  if (r.role === 'pms' && q.purpose === 'case-management') return is('permit', ['P5'], ['share-as-agreed-in-mou']);
  // 6. Advice support staff (6.3; 3.1).
  if (r.role === 'advice-support-staff') return kind === 'case-record' ? is('deny', ['3.1']) : is('permit', ['6.3']);
  // 7. Consent under 2.1: the Consent to Share or an email; not yet recorded still permits.
  const c = q.consent;
  if (c?.given === true && (c.method === 'consent-to-share' || c.method === 'email'))
    return is('permit', ['2.1'], c.recorded === true ? [] : ['record-consent']);
  // 8. A breach of confidentiality.
  if (q.breach) {
    const a = q.breach.authorisation;
    const actor = q.actor.role;
    const manager = lineManagerOf(actor);
    if (a) {
      const mayDecide =
        a.decidedBy !== 'adviser' &&
        a.decidedBy !== actor &&
        (a.decidedBy === manager || ['advice-manager', 'chief-executive', 'appointed-manager'].includes(a.decidedBy));
      if (a.agreed && a.writtenRecord === true && mayDecide) return is('permit', ['5.5.2']);
      if (!a.agreed) return is('deny', ['5.5.3']);
    }
    // No counting authorisation: escalate to the actor's line manager (5.4.1). An actor with none (5.3–5.5 name
    // only the Advice team) has nobody to escalate to: the library's documented choice is the cautious deny.
    if (manager) {
      const failed = a === undefined ? [] : a.decidedBy === 'adviser' || a.decidedBy === actor ? ['5.5.4'] : ['5.5.2'];
      return { ...is('escalate', ['5.4', ...failed]), escalateTo: manager };
    }
    return is('deny', []);
  }
  // 9. Otherwise deny; third-party enquirers are told the policy (P6).
  return is('deny', [], r.role === 'third-party' && identifiable ? ['state-policy-and-decline'] : []);
}

describe('an independent oracle from CONTRACT.md agrees with evaluate', () => {
  it(
    'disclosure: outcome, obligations, escalateTo and the clauses the contract names',
    () => {
      fc.assert(
        fc.property(disclosure, (q) => {
          const d = evaluate(q);
          const want = expectedDisclosure(q);
          const ctx = JSON.stringify(q);
          expect(d.outcome, ctx).toBe(want.outcome);
          expect(
            d.obligations.map((o) => o.code),
            ctx,
          ).toEqual(expect.arrayContaining(want.obligations));
          expect(d.clauses, ctx).toEqual(expect.arrayContaining(want.clauses));
          expect(d.escalateTo, ctx).toBe(want.escalateTo);
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'access: the Advice team; the DPO only when necessary; an appointed auditor for quality assurance; nobody else',
    () => {
      fc.assert(
        fc.property(access, (q) => {
          const r = q.actor.role;
          const permit =
            TEAM.includes(r) ||
            (r === 'dpo' && q.necessary === true) ||
            (r === 'quality-auditor' && q.actor.appointedByUpsu === true && q.purpose === 'quality-assurance');
          const d = evaluate(q);
          expect(d.outcome, JSON.stringify(q)).toBe(permit ? 'permit' : 'deny');
          if (r === 'client') expect(d.remedies.map((x) => x.code)).toContain('subject-access-request');
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'retention: one calendar year after the degree is completed (29 February → 28 February), else review',
    () => {
      const withDate = fc.tuple(retention, isoDate()).map(([q, d]) => ({ ...q, asOf: q.asOf ?? d }));
      fc.assert(
        fc.property(withDate, (q) => {
          const d = evaluate(q);
          const { degreeStatus, degreeCompletedOn } = q.client;
          const ctx = JSON.stringify(q);
          if (degreeStatus === 'studying') expect(d.outcome, ctx).toBe('retain');
          else if (degreeStatus !== 'completed' || degreeCompletedOn === undefined)
            expect(d.outcome, ctx).toBe('review');
          else {
            const [y, m, day] = degreeCompletedOn.split('-');
            const leapDay = m === '02' && day === '29';
            const destroyAfter = `${String(Number(y) + 1).padStart(4, '0')}-${m}-${leapDay ? '28' : day}`;
            expect(d.destroyAfter, ctx).toBe(destroyAfter);
            expect(d.outcome, ctx).toBe(q.asOf <= destroyAfter ? 'retain' : 'destroy');
          }
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );
});
