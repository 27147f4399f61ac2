import { defaultPolicy } from '../decision/default-policy.js';
import type { Policy } from '../engine/policy.js';
import type { CaseExport } from '../facts/case-export.js';
import type { Question } from '../facts/questions.js';

/** A case whose recorded history the policy would not have allowed. Never holds personal data. */
export interface Finding {
  readonly caseId: string;
  /** Stable code: the rule that decided, e.g. `third-party-without-consent`, or `not-destroyed`. */
  readonly code: string;
  readonly clause: string;
  readonly message: string;
}

/**
 * Re-asks the policy about one exported case (already validated): retention as of `asOf` (a record due for
 * destruction and not destroyed is a finding), every recorded disclosure (anything but `permit`), every
 * breach chain (`non-compliant`), and the consent to record (1.1).
 *
 * @example
 * auditCase({ id: 'C-1', client: { degreeStatus: 'completed', degreeCompletedOn: '2020-06-30' } }, '2026-11-24');
 * // [{ caseId: 'C-1', code: 'not-destroyed', clause: '3.3', message: '…' }]
 * @see 3.3
 */
export function auditCase(c: CaseExport, asOf: string, policy: Policy = defaultPolicy()): Finding[] {
  const findings: Finding[] = [];
  const id = c.id;
  const ask = (q: Question) => policy.decideValid(q);

  if (!c.destroyedOn) {
    const r = ask({ question: 'retention', asOf, client: pickClient(c) });
    if (r.outcome === 'destroy')
      findings.push({
        caseId: id,
        code: 'not-destroyed',
        clause: '3.3',
        message: `The record was due for destruction after ${r.destroyAfter} and has not been destroyed.`,
      });
  }
  if (c.client.consentToRecord !== undefined) {
    const r = ask({ question: 'recording', consentToRecord: c.client.consentToRecord, relevant: true });
    if (r.outcome !== 'permit')
      for (const reason of r.reasons)
        findings.push({ caseId: id, code: reason.rule, clause: reason.clause, message: reason.text });
  } else {
    findings.push({
      caseId: id,
      code: 'consent-to-record-not-recorded',
      clause: '1.1',
      message: 'The export does not show the client consented to recording (1.1).',
    });
  }
  for (const [i, d] of (c.disclosures ?? []).entries()) {
    const { on: _on, ...fields } = d;
    const q = {
      question: 'disclosure',
      ...fields,
      clientObjectsToStaffSharing: fields.clientObjectsToStaffSharing ?? c.client.objectsToStaffSharing ?? false,
    } as Question;
    const r = ask(q);
    if (r.outcome !== 'permit')
      for (const reason of r.reasons)
        findings.push({
          caseId: id,
          code: reason.rule,
          clause: reason.clause,
          message: `Disclosure ${i + 1}${d.on ? ` on ${d.on}` : ''} (${r.outcome}): ${reason.text}`,
        });
  }
  for (const [i, b] of (c.breaches ?? []).entries()) {
    const r = ask({ question: 'breach', raisedBy: b.raisedBy, ground: b.ground, steps: b.steps });
    if (r.outcome === 'non-compliant')
      for (const v of r.violations ?? [
        { code: r.reasons[0]?.rule ?? 'not-covered', clause: r.reasons[0]?.clause ?? '5.4' },
      ])
        findings.push({
          caseId: id,
          code: v.code,
          clause: v.clause,
          message: `Breach ${i + 1}: ${r.reasons.find((x) => x.rule === v.code)?.text ?? 'the breach chain does not follow 5.4–5.5.'}`,
        });
  }
  return findings;
}

function pickClient(c: CaseExport): { degreeStatus: CaseExport['client']['degreeStatus']; degreeCompletedOn?: string } {
  return c.client.degreeCompletedOn
    ? { degreeStatus: c.client.degreeStatus, degreeCompletedOn: c.client.degreeCompletedOn }
    : { degreeStatus: c.client.degreeStatus };
}
