// The client's objection to staff sharing in the audit (2.2): a recorded disclosure to a member of UPSU staff
// involved in the case reads the objection the disclosure itself records (as it stood on that date) and, where
// the export records none there, the case's (the client's objection now). README, "Auditing a case-management
// export", says so.
import { describe, expect, it } from 'vitest';
import { auditCase } from '../src/index.js';

const AS_OF = '2026-09-01';
const exported = (caseObjects: boolean | undefined, disclosureObjects: boolean | undefined) => ({
  id: 'C-9',
  client: {
    degreeStatus: 'studying' as const,
    consentToRecord: true,
    ...(caseObjects === undefined ? {} : { objectsToStaffSharing: caseObjects }),
  },
  disclosures: [
    {
      on: '2026-03-02',
      actor: { role: 'adviser' as const },
      recipient: { role: 'upsu-staff' as const, involvedInCase: true },
      information: { kind: 'case-record' as const, identifiable: true },
      purpose: 'case-management' as const,
      ...(disclosureObjects === undefined ? {} : { clientObjectsToStaffSharing: disclosureObjects }),
    },
  ],
});
const codes = (caseObjects: boolean | undefined, disclosureObjects: boolean | undefined) =>
  auditCase(exported(caseObjects, disclosureObjects) as Parameters<typeof auditCase>[0], AS_OF).map((f) => f.code);

describe('audit: whose objection to staff sharing a disclosure is judged by (2.2)', () => {
  it.each([
    ['no objection anywhere', undefined, undefined, false],
    ['the case records an objection, the disclosure none', true, undefined, true],
    ['the case records none, the disclosure an objection', false, true, true],
    ['the disclosure records an objection, the case none', undefined, true, true],
    // The disclosure's own record says the client had not objected on that date: an objection the case shows now
    // came later, and the disclosure was allowed when it was made.
    ['the case records an objection, the disclosure that there was none then', true, false, false],
  ] as const)('%s', (_, caseObjects, disclosureObjects, finding) => {
    expect(codes(caseObjects, disclosureObjects).includes('involved-staff-client-objects')).toBe(finding);
  });
});
