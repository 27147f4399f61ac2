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
