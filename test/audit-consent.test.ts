// Consent to share in the audit (2.1): consent "should be recorded on the case record", so a disclosure the export
// shows made on consent that was not recorded is a finding, though the disclosure itself was allowed.
import { describe, expect, it } from 'vitest';
import { auditCase, bundledRules, createPolicy } from '../src/index.js';

const AS_OF = '2026-09-01';
const withDisclosure = (consent: Record<string, unknown> | undefined) => ({
  id: 'C-7',
  client: { degreeStatus: 'studying' as const, consentToRecord: true },
  disclosures: [
    {
      on: '2026-03-02',
      actor: { role: 'adviser' as const },
      recipient: { role: 'third-party' as const },
      information: { kind: 'case-record' as const, identifiable: true },
      purpose: 'third-party-action' as const,
      ...(consent ? { consent } : {}),
    },
  ],
});
/** The table's consents are plain objects; auditCase takes a validated case. */
const findings = (consent: Record<string, unknown> | undefined) =>
  auditCase(withDisclosure(consent) as Parameters<typeof auditCase>[0], AS_OF);

describe('audit: consent to share (2.1)', () => {
  it.each([
    ['a signed Consent to Share, recorded', { given: true, method: 'consent-to-share', recorded: true }, []],
    ['an email giving consent, recorded', { given: true, method: 'email', recorded: true }, []],
    [
      'a signed Consent to Share, not recorded on the case record',
      { given: true, method: 'consent-to-share', recorded: false },
      ['consent-to-share-not-recorded'],
    ],
    [
      'an email giving consent, not recorded',
      { given: true, method: 'email', recorded: false },
      ['consent-to-share-not-recorded'],
    ],
  ] as const)('%s → %j', (_, consent, expected) => {
    expect(findings(consent).map((f) => f.code)).toEqual(expected);
  });

  it('names the disclosure and clause 2.1, and nothing of the client', () => {
    expect(findings({ given: true, method: 'email', recorded: false })).toEqual([
      {
        caseId: 'C-7',
        code: 'consent-to-share-not-recorded',
        clause: '2.1',
        message: "Disclosure 1 on 2026-03-02 (permit): the client's consent is not recorded on the case record (2.1).",
      },
    ]);
  });

  it('consent with no `recorded` is not shown recorded: a finding (fail closed)', () => {
    expect(findings({ given: true, method: 'consent-to-share' }).map((f) => f.code)).toEqual([
      'consent-to-share-not-recorded',
    ]);
  });

  it('consent with no `recorded` is said not shown recorded, not said unrecorded (the export does not say)', () => {
    expect(findings({ given: true, method: 'consent-to-share' }).map((f) => f.message)).toEqual([
      "Disclosure 1 on 2026-03-02 (permit): the export does not show the client's consent recorded on the case record (2.1).",
    ]);
  });

  it('a disclosure permitted on other grounds is no finding, whether or not consent was recorded', () => {
    const unrecorded = { given: true, method: 'email', recorded: false };
    const to = (recipient: Record<string, unknown>, information = { kind: 'case-record', identifiable: true }) => {
      const c = withDisclosure(unrecorded);
      Object.assign(c.disclosures[0] as object, { recipient, information, purpose: 'case-management' });
      return auditCase(c as Parameters<typeof auditCase>[0], AS_OF);
    };
    expect(to({ role: 'advice-lead' })).toEqual([]);
    expect(to({ role: 'dpo' })).toEqual([]);
    expect(to({ role: 'upsu-staff', involvedInCase: true })).toEqual([]);
    expect(to({ role: 'membership-body', name: 'NUS' }, { kind: 'statistics', identifiable: false })).toEqual([]);
  });

  it('a breach authorisation alongside the consent does not lift the duty to record it', () => {
    const c = withDisclosure({ given: true, method: 'email', recorded: false });
    Object.assign(c.disclosures[0] as object, {
      breach: { ground: 'harm', authorisation: { decidedBy: 'advice-lead', agreed: true, writtenRecord: true } },
    });
    expect(auditCase(c as Parameters<typeof auditCase>[0], AS_OF).map((f) => f.code)).toEqual([
      'consent-to-share-not-recorded',
    ]);
  });

  it('a disclosure the policy did not allow is reported by its deny, not as unrecorded consent', () => {
    // Verbal consent is not consent under 2.1: the disclosure is denied whether or not it was recorded.
    for (const recorded of [true, false]) {
      const codes = findings({ given: true, method: 'verbal', recorded }).map((f) => f.code);
      expect(codes.length).toBeGreaterThan(0);
      expect(codes).not.toContain('consent-to-share-not-recorded');
    }
    expect(findings(undefined).length).toBeGreaterThan(0);
  });

  it('in an adapted folder where the disclosure without consent would be escalated (not denied), still a finding', () => {
    // The bundled rules deny a third-party disclosure without consent; an adapted folder may escalate it instead.
    // Either way the permit rests on the consent, so its record is missing.
    const rules = structuredClone(bundledRules) as typeof bundledRules;
    const file = rules.ruleFiles.find((f) => f.file === '2-sharing/disclosure.rules.json');
    file?.rules.push({
      name: 'third-party-without-consent-escalates',
      priority: 45,
      conditions: {
        all: [
          { fact: 'recipientRole', operator: 'equal', value: 'third-party' },
          { fact: 'consentCounts', operator: 'equal', value: false },
        ],
      },
      event: { type: 'escalate', params: { clauses: ['2.1'], text: 'Ask the Advice Service Lead first (2.1).' } },
    } as (typeof bundledRules.ruleFiles)[number]['rules'][number]);
    const policy = createPolicy(rules);
    const c = withDisclosure({ given: true, method: 'consent-to-share', recorded: false });
    const { on: _on, ...asked } = c.disclosures[0] as Record<string, unknown>;
    const { consent: _consent, ...without } = asked;
    expect(policy.evaluate({ question: 'disclosure', ...without } as never).outcome).toBe('escalate');
    expect(auditCase(c as Parameters<typeof auditCase>[0], AS_OF, policy).map((f) => f.code)).toEqual([
      'consent-to-share-not-recorded',
    ]);
  });
});
