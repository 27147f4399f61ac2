import { describe, expect, it } from 'vitest';
import { evaluate, mayAccess, mayDisclose, nextBreachStep, PolicyInputError, retentionStatus } from '../src/index.js';
import { issuesOf } from './support/thrown-issues.js';

const codes = (xs: readonly { code: string }[]) => xs.map((x) => x.code);

describe('mayDisclose', () => {
  it('a parent asking whether a student came in → deny, state the policy and decline (P4, P6)', () => {
    const d = mayDisclose({
      actor: { role: 'adviser' },
      recipient: { role: 'third-party', name: 'parent' },
      information: { kind: 'presence', identifiable: true },
    });
    expect(d.question).toBe('disclosure');
    expect(d.outcome).toBe('deny');
    expect(d.clauses).toEqual(expect.arrayContaining(['P4', 'P6']));
    expect(codes(d.obligations)).toContain('state-policy-and-decline');
    expect(codes(d.remedies)).toContain('obtain-consent-to-share');
  });

  it('a housing officer with a signed Consent to Share → permit (2.1), same as evaluate', () => {
    const fields = {
      actor: { role: 'adviser' as const },
      recipient: { role: 'third-party' as const, name: 'housing officer' },
      information: { kind: 'case-record' as const, identifiable: true },
      purpose: 'third-party-action' as const,
      consent: { given: true, method: 'consent-to-share' as const, recorded: true },
    };
    const d = mayDisclose(fields);
    expect(d.outcome).toBe('permit');
    expect(d.clauses).toContain('2.1');
    expect(d).toEqual(evaluate({ question: 'disclosure', ...fields }));
  });

  it('police with a harm ground and nothing authorised → escalate to the Advice Lead', () => {
    const d = mayDisclose({
      actor: { role: 'adviser' },
      recipient: { role: 'third-party', name: 'police' },
      information: { kind: 'case-record', identifiable: true },
      breach: { ground: 'harm' },
    });
    expect([d.outcome, d.escalateTo]).toEqual(['escalate', 'advice-lead']);
  });

  it('throws PolicyInputError on a bad question', () => {
    expect(() => mayDisclose({ actor: { role: 'adviser' } } as never)).toThrow(PolicyInputError);
  });
});

describe('mayAccess', () => {
  it('a member of SMT → deny (3.1)', () => {
    const d = mayAccess({ role: 'senior-management' });
    expect(d.question).toBe('access');
    expect(d.outcome).toBe('deny');
    expect(d.clauses).toContain('3.1');
  });

  it('the DPO: permit only when necessary', () => {
    expect(mayAccess({ role: 'dpo' }, { necessary: true }).outcome).toBe('permit');
    expect(mayAccess({ role: 'dpo' }).outcome).toBe('deny');
    expect(codes(mayAccess({ role: 'dpo' }, { necessary: false }).remedies)).toContain('state-necessity');
  });

  it('an auditor appointed by UPSU, for quality assurance only', () => {
    const auditor = { role: 'quality-auditor' as const, appointedByUpsu: true };
    expect(mayAccess(auditor, { purpose: 'quality-assurance' }).outcome).toBe('permit');
    expect(mayAccess(auditor, { purpose: 'statistics' }).outcome).toBe('deny');
  });

  it('the client is pointed to a subject access request (3.2)', () => {
    const d = mayAccess({ role: 'client' });
    expect(d.outcome).toBe('deny');
    expect(codes(d.remedies)).toEqual(['subject-access-request']);
  });

  it('the Advice team → permit; same as evaluate', () => {
    expect(mayAccess({ role: 'advice-lead' })).toEqual(
      evaluate({ question: 'access', actor: { role: 'advice-lead' } }),
    );
    expect(mayAccess({ role: 'adviser' }).outcome).toBe('permit');
  });
});

describe('retentionStatus', () => {
  it('a graduate a year and a day on → destroy, with destroyAfter', () => {
    const r = retentionStatus({ degreeStatus: 'completed', degreeCompletedOn: '2024-06-20' }, '2025-06-21');
    expect(r.outcome).toBe('destroy');
    expect(r.destroyAfter).toBe('2025-06-20');
    expect(r.decision.outcome).toBe('destroy');
    expect(codes(r.decision.obligations)).toContain('destroy-all-copies');
  });

  it('on the anniversary → retain', () => {
    const r = retentionStatus({ degreeStatus: 'completed', degreeCompletedOn: '2024-06-20' }, '2025-06-20');
    expect([r.outcome, r.destroyAfter]).toEqual(['retain', '2025-06-20']);
  });

  it('studying → retain, and no destroyAfter key at all', () => {
    const r = retentionStatus({ degreeStatus: 'studying' }, '2026-11-24');
    expect(r.outcome).toBe('retain');
    expect('destroyAfter' in r).toBe(false);
  });

  it('withdrawn → review', () => {
    expect(retentionStatus({ degreeStatus: 'withdrawn' }, '2026-11-24').outcome).toBe('review');
  });

  it('an impossible date throws PolicyInputError', () => {
    expect(() => retentionStatus({ degreeStatus: 'completed', degreeCompletedOn: '2025-02-30' })).toThrow(
      PolicyInputError,
    );
  });
});

describe('nextBreachStep', () => {
  const raised = { step: 'raised' as const, with: 'advice-lead' as const };
  const discussed = { step: 'discussed' as const, recordedInCaseNotes: true };

  it('nothing done yet → raise it with the line manager', () => {
    expect(nextBreachStep({ raisedBy: 'adviser', ground: 'harm', steps: [] }).nextStep).toEqual({
      step: 'raise',
      role: 'advice-lead',
    });
    expect(nextBreachStep({ raisedBy: 'advice-lead', ground: 'harm', steps: [] }).nextStep).toEqual({
      step: 'raise',
      role: 'advice-manager',
    });
  });

  it('raised → discuss; discussed and recorded → decide', () => {
    expect(nextBreachStep({ raisedBy: 'adviser', ground: 'harm', steps: [raised] }).nextStep).toEqual({
      step: 'discuss',
      role: 'advice-lead',
    });
    expect(nextBreachStep({ raisedBy: 'adviser', ground: 'harm', steps: [raised, discussed] }).nextStep).toEqual({
      step: 'decide',
      role: 'advice-lead',
    });
  });

  it('agreed without a written record → the decider records it', () => {
    const r = nextBreachStep({
      raisedBy: 'adviser',
      ground: 'harm',
      steps: [raised, discussed, { step: 'decided', by: 'chief-executive', agreed: true, writtenRecord: false }],
    });
    expect(r.decision.outcome).toBe('pending');
    expect(r.nextStep).toEqual({ step: 'record-decision', role: 'chief-executive' });
  });

  it('authorised or refused → no next step', () => {
    const done = nextBreachStep({
      raisedBy: 'adviser',
      ground: 'legal-duty',
      steps: [raised, discussed, { step: 'decided', by: 'advice-lead', agreed: true, writtenRecord: true }],
    });
    expect([done.decision.outcome, done.nextStep]).toEqual(['authorised', null]);
    const refused = nextBreachStep({
      raisedBy: 'adviser',
      ground: 'harm',
      steps: [raised, discussed, { step: 'decided', by: 'advice-lead', agreed: false }],
    });
    expect([refused.decision.outcome, refused.nextStep]).toEqual(['refused', null]);
  });

  it('a chain that went wrong → no next step; the violations say why', () => {
    const r = nextBreachStep({
      raisedBy: 'adviser',
      ground: 'harm',
      steps: [{ step: 'disclosed' }, raised],
    });
    expect(r.decision.outcome).toBe('non-compliant');
    expect(r.nextStep).toBeNull();
    expect(r.decision.violations?.map((v) => v.code)).toEqual(
      expect.arrayContaining(['step-before-raised', 'disclosed-before-authorisation']),
    );
  });

  it('throws PolicyInputError on a bad chain', () => {
    expect(() =>
      nextBreachStep({ raisedBy: 'adviser', ground: 'harm', steps: [{ step: 'shrugged' }] } as never),
    ).toThrow(PolicyInputError);
  });
});

describe('the wrapper’s own kind and actor win', () => {
  const secret = 'Zq7-SECRET-Jane-Doe';

  it('a `question` of another kind among mayDisclose’s or nextBreachStep’s fields is refused, with the rest', () => {
    expect(issuesOf(() => mayDisclose(JSON.parse('{"question":"contact","channel":"email"}')))).toEqual([
      ['invalid-value', ['question']],
      ['required', ['actor']],
      ['required', ['recipient']],
      ['required', ['information']],
      ['unknown-field', ['channel']],
    ]);
    expect(issuesOf(() => nextBreachStep({ question: 'contact', channel: 'email' } as never))).toContainEqual([
      'invalid-value',
      ['question'],
    ]);
  });

  it('mayAccess: an `actor` or another `question` in its extra fields is refused, never used', () => {
    expect(issuesOf(() => mayAccess({ role: 'third-party' }, { actor: { role: 'adviser' } } as never))).toEqual([
      ['unknown-field', ['actor']],
    ]);
    const extra = { question: 'statistics-release', recipient: { role: 'dpo' }, fields: [], smallestCount: 9 };
    expect(issuesOf(() => mayAccess({ role: 'third-party' }, extra as never))).toEqual([
      ['invalid-value', ['question']],
      ['unknown-field', ['recipient']],
      ['unknown-field', ['fields']],
      ['unknown-field', ['smallestCount']],
    ]);
    // The same kind is no conflict; no message repeats a value given.
    expect(mayAccess({ role: 'dpo' }, { question: 'access', necessary: true } as never).outcome).toBe('permit');
    expect(() => mayAccess({ role: 'third-party' }, { question: secret } as never)).toThrow(PolicyInputError);
    try {
      mayAccess({ role: 'third-party' }, { question: secret } as never);
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
      expect(JSON.stringify((e as PolicyInputError).issues)).not.toContain(secret);
    }
  });

  it('own fields that are not enumerable count, as evaluate reads them (an objection is not lost)', () => {
    const fields = {
      actor: { role: 'adviser' },
      recipient: { role: 'upsu-staff', involvedInCase: true },
      information: { kind: 'case-record', identifiable: true },
    };
    Object.defineProperty(fields, 'clientObjectsToStaffSharing', { value: true, enumerable: false });
    const question = Object.defineProperty({ question: 'disclosure', ...fields }, 'clientObjectsToStaffSharing', {
      value: true,
      enumerable: false,
    });
    expect(evaluate(question).outcome).toBe('deny');
    expect(mayDisclose(fields as never).outcome).toBe('deny');
  });

  it('retentionStatus: an empty asOf is an invalid date, not today', () => {
    expect(issuesOf(() => retentionStatus({ degreeStatus: 'completed', degreeCompletedOn: '2020-06-30' }, ''))).toEqual(
      [['invalid-date', ['asOf']]],
    );
  });
});
