// Reason texts read true for the question they answer. A deny where the client gave only verbal consent said
// "without the client's consent" and nothing more, as if none had been given; the escalation of a breach raised
// by the Advice Service Lead began "An Adviser who feels…".
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/index.js';

const verbal = { given: true, method: 'verbal', recorded: true };

describe('reason texts', () => {
  it.each([
    [
      'a third party (P3)',
      { role: 'third-party' },
      { kind: 'case-record', identifiable: true },
      'third-party-without-consent',
    ],
    [
      'University staff (P2, P3)',
      { role: 'university-staff' },
      { kind: 'case-record', identifiable: true },
      'university-staff-without-consent',
    ],
    [
      'presence to a third party (P4)',
      { role: 'third-party' },
      { kind: 'presence', identifiable: true },
      'presence-without-consent',
    ],
  ])('a deny for lack of consent says verbal consent does not count: %s', (_, recipient, information, rule) => {
    const d = evaluate({ question: 'disclosure', actor: { role: 'adviser' }, recipient, information, consent: verbal });
    expect(d.outcome).toBe('deny');
    const reason = d.reasons.find((r) => r.rule === rule);
    expect(reason?.text).toMatch(/not verbal consent \(2\.1\)/);
    expect(d.remedies.map((r) => r.code)).toContain('obtain-consent-to-share');
  });

  it.each([
    ['adviser', 'advice-lead'],
    ['advice-lead', 'advice-manager'],
  ])('the escalation of a breach raised by the %s does not say only an Adviser raises it', (role, lineManager) => {
    const d = evaluate({
      question: 'disclosure',
      actor: { role },
      recipient: { role: 'third-party' },
      information: { kind: 'case-record', identifiable: true },
      purpose: 'third-party-action',
      breach: { ground: 'harm' },
    });
    expect(d.outcome).toBe('escalate');
    expect(d.escalateTo).toBe(lineManager);
    const reason = d.reasons.find((r) => r.rule === 'breach-needs-authorisation');
    expect(reason?.text).toMatch(/^Whoever feels confidentiality should be breached/);
    expect(reason?.text).toContain('the Lead with the Student Focus and Advice Manager');
  });
});

// The same for texts that named an Adviser where the Advice Service Lead raised the breach, claimed a recorded
// discussion that the chain does not have, called the Chief Executive a line manager, said storage that was not
// described was secure, and said staff not required to be trained had been.
describe('texts that read true for every question that produces them', () => {
  const breach = (raisedBy: string, steps: unknown[]) =>
    evaluate({ question: 'breach', raisedBy, ground: 'harm', steps } as never);

  it.each([
    ['adviser', 'advice-lead'],
    ['advice-lead', 'advice-manager'],
  ])('awaiting the discussion of a breach raised by the %s does not say an Adviser raised it', (raisedBy, manager) => {
    const d = breach(raisedBy, [{ step: 'raised', with: manager }]);
    expect(d.outcome).toBe('pending');
    const text = d.reasons.find((r) => r.rule === 'awaiting-discussion')?.text;
    expect(text).toMatch(
      /^Whoever raised the matter \(an Adviser or the Advice Service Lead\) must brief their line manager/,
    );
  });

  it.each([
    ['no discussion at all', [{ step: 'raised', with: 'advice-lead' }]],
    [
      'a discussion not recorded',
      [
        { step: 'raised', with: 'advice-lead' },
        { step: 'discussed', recordedInCaseNotes: false },
      ],
    ],
  ])('a decision with %s does not claim a recorded discussion came after it', (_, before) => {
    const d = breach('adviser', [...before, { step: 'decided', by: 'advice-lead', agreed: true, writtenRecord: true }]);
    expect(d.outcome).toBe('non-compliant');
    const text = d.reasons.find((r) => r.rule === 'decision-before-recorded-discussion')?.text;
    expect(text).toBe('No discussion was recorded in the case notes before the decision was taken (5.4.2).');
  });

  it.each(['chief-executive', 'appointed-manager', 'advice-lead'])(
    'an authorisation by the %s does not call whoever decided the line manager',
    (by) => {
      const d = breach('adviser', [
        { step: 'raised', with: 'advice-lead' },
        { step: 'discussed', recordedInCaseNotes: true },
        { step: 'decided', by, agreed: true, writtenRecord: true },
      ]);
      expect(d.outcome).toBe('authorised');
      const text = d.obligations.find((o) => o.code === 'ensure-agreed-actions')?.text;
      expect(text).toMatch(
        /^Whoever agreed to the breach \(the line manager, the Chief Executive or an appointed individual\)/,
      );
    },
  );

  it.each([
    [
      'electronic records only',
      { electronic: { passwordProtected: true, loginShared: false, loggedOffWhenNotInUse: true } },
    ],
    ['paper records in use, not locked', { paper: { inUse: true, inLockedCabinet: false, keysOutOfPublicView: true } }],
  ])('compliant storage of %s does not claim paper locked away or a system not described', (_, storage) => {
    const d = evaluate({ question: 'storage', ...storage } as never);
    expect(d.outcome).toBe('compliant');
    const text = d.reasons.find((r) => r.rule === 'storage-compliant')?.text;
    expect(text).toMatch(/^The case records described are kept securely/);
    expect(text).not.toMatch(/locked away on paper|password-protected electronically/);
  });

  it('a member of staff who is not a new starter and was not trained at induction is not said to be trained', () => {
    const d = evaluate({
      question: 'staff-readiness',
      staff: { role: 'adviser' },
      newStarter: false,
      receivedPolicyCopy: true,
      trainedAtInduction: false,
    } as never);
    expect(d.outcome).toBe('ready');
    const text = d.reasons.find((r) => r.rule === 'staff-ready')?.text;
    expect(text).not.toMatch(/have been trained/);
    expect(text).toMatch(/or are not a new starter/);
  });
});

describe('the refusal-not-by-a-decider advisory', () => {
  it.each([
    ['an adviser', 'adviser', 'adviser'],
    ['the actor themself', 'advice-lead', 'advice-lead'],
  ])('cites 5.5.4 when the refusal was given by %s', (_, actor, decidedBy) => {
    const d = evaluate({
      question: 'disclosure',
      actor: { role: actor },
      recipient: { role: 'third-party' },
      information: { kind: 'case-record', identifiable: true },
      breach: { ground: 'harm', authorisation: { decidedBy, agreed: false, writtenRecord: true } },
    } as never);
    expect(d.outcome).toBe('deny');
    const text = d.advisories.find((a) => a.code === 'refusal-not-by-a-decider')?.text;
    expect(text).toMatch(/never may, 5\.5\.4\)/);
  });
});
