import { defaultPolicy } from '../decision/default-policy.js';
import type { Decision } from '../decision/types.js';
import type { Policy } from '../engine/policy.js';
import type { CaseExport } from '../facts/case-export.js';
import type { Party } from '../facts/common.js';
import type { BreachQuestion, DisclosureQuestion } from '../facts/questions.js';

/**
 * A case whose recorded history the policy would not have allowed. Never holds personal data.
 *
 * @example
 * auditCase(exportedCase, '2026-09-01');
 * // [{ caseId: 'C-1042', code: 'not-destroyed', clause: '3.3', message: '…' }]
 * @see 3.3
 */
export interface Finding {
  readonly caseId: string;
  /** Stable code: the rule that decided, e.g. `third-party-without-consent`, or `not-destroyed`. */
  readonly code: string;
  readonly clause: string;
  readonly message: string;
}

/** Audits one validated case: its findings, in a stable order (retention, recording, disclosures, breaches). */
export type CaseAuditor = (c: CaseExport) => Finding[];

type Disclosure = NonNullable<CaseExport['disclosures']>[number];
type Breach = NonNullable<CaseExport['breaches']>[number];

/** A finding without its case id (what a memoised decision contributes to any case that asks the same). */
interface Template {
  readonly code: string;
  readonly clause: string;
  readonly message: string;
}

const MEMO_LIMIT = 20_000;

function memo<V>(map: Map<string, V>, key: string, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    if (map.size >= MEMO_LIMIT) map.clear();
    map.set(key, v);
  }
  return v;
}

// The name is length-prefixed, so no name can make two different parties share a key.
const partyKey = (p: Party) =>
  `${p.role}\u0001${p.name === undefined ? '-' : `${p.name.length}:${p.name}`}\u0001${p.involvedInCase}\u0001${p.appointedByUpsu}`;

/** Everything of a disclosure question a decision can depend on (not the date it was made on). */
function disclosureKey(d: Disclosure, objects: boolean): string {
  const c = d.consent;
  const b = d.breach;
  const a = b?.authorisation;
  return `${partyKey(d.actor)}\u0002${partyKey(d.recipient)}\u0002${d.information.kind}\u0001${d.information.identifiable}\u0002${d.purpose}\u0002${
    c ? `${c.given}\u0001${c.method}\u0001${c.recorded}` : '-'
  }\u0002${objects}\u0002${b ? `${b.ground}\u0001${a ? `${a.decidedBy}\u0001${a.agreed}\u0001${a.writtenRecord}` : '-'}` : '-'}`;
}

/**
 * Builds an auditor for one audit date and policy. It asks the policy the same questions as {@link auditCase}
 * and remembers the answers to questions that recur across cases (the same retention status and completion
 * date, the same kind of disclosure): the policy is a pure function of the question, so this changes only
 * the speed.
 *
 * @example
 * const audit = createCaseAuditor(defaultPolicy(), '2026-11-24');
 * audit({ id: 'C-1', client: { degreeStatus: 'studying', consentToRecord: true } }); // []
 */
export function createCaseAuditor(policy: Policy, asOf: string): CaseAuditor {
  const ask = (q: Parameters<Policy['decideValid']>[0]) => policy.decideValid(q);
  const retention = new Map<string, readonly Template[]>();
  const recording = new Map<string, readonly Template[]>();
  const disclosures = new Map<string, { outcome: string; reasons: Decision['reasons'] }>();

  const retentionFindings = (c: CaseExport): readonly Template[] =>
    memo(retention, `${c.client.degreeStatus}\u0001${c.client.degreeCompletedOn ?? ''}`, () => {
      const client = c.client.degreeCompletedOn
        ? { degreeStatus: c.client.degreeStatus, degreeCompletedOn: c.client.degreeCompletedOn }
        : { degreeStatus: c.client.degreeStatus };
      const r = ask({ question: 'retention', asOf, client });
      return r.outcome === 'destroy'
        ? [
            {
              code: 'not-destroyed',
              clause: '3.3',
              message: `The record was due for destruction after ${r.destroyAfter} and has not been destroyed.`,
            },
          ]
        : [];
    });

  const recordingFindings = (consent: boolean | undefined): readonly Template[] =>
    memo(recording, String(consent), () => {
      if (consent === undefined)
        return [
          {
            code: 'consent-to-record-not-recorded',
            clause: '1.1',
            message: 'The export does not show the client consented to recording (1.1).',
          },
        ];
      const r = ask({ question: 'recording', consentToRecord: consent, relevant: true });
      return r.outcome === 'permit'
        ? []
        : r.reasons.map((reason) => ({ code: reason.rule, clause: reason.clause, message: reason.text }));
    });

  const disclosureDecision = (d: Disclosure, objects: boolean) =>
    memo(disclosures, disclosureKey(d, objects), () => {
      const { on: _on, ...fields } = d;
      const r = ask({ question: 'disclosure', ...fields, clientObjectsToStaffSharing: objects } as DisclosureQuestion);
      return { outcome: r.outcome, reasons: r.reasons };
    });

  const breachFindings = (id: string, b: Breach, i: number, out: Finding[]) => {
    const q: BreachQuestion = { question: 'breach', raisedBy: b.raisedBy, ground: b.ground, steps: b.steps };
    const r = ask(q);
    if (r.outcome !== 'non-compliant') return;
    const violations = r.violations ?? [
      { code: r.reasons[0]?.rule ?? 'not-covered', clause: r.reasons[0]?.clause ?? '5.4' },
    ];
    for (const v of violations)
      out.push({
        caseId: id,
        code: v.code,
        clause: v.clause,
        message: `Breach ${i + 1}: ${r.reasons.find((x) => x.rule === v.code)?.text ?? 'the breach chain does not follow 5.4–5.5.'}`,
      });
  };

  return (c) => {
    const out: Finding[] = [];
    const id = c.id;
    if (!c.destroyedOn)
      for (const t of retentionFindings(c))
        out.push({ caseId: id, code: t.code, clause: t.clause, message: t.message });
    for (const t of recordingFindings(c.client.consentToRecord))
      out.push({ caseId: id, code: t.code, clause: t.clause, message: t.message });
    const ds = c.disclosures;
    if (ds)
      for (let i = 0; i < ds.length; i++) {
        const d = ds[i] as Disclosure;
        const objects = d.clientObjectsToStaffSharing ?? c.client.objectsToStaffSharing ?? false;
        const r = disclosureDecision(d, objects);
        if (r.outcome !== 'permit')
          for (const reason of r.reasons)
            out.push({
              caseId: id,
              code: reason.rule,
              clause: reason.clause,
              message: `Disclosure ${i + 1}${d.on ? ` on ${d.on}` : ''} (${r.outcome}): ${reason.text}`,
            });
      }
    const bs = c.breaches;
    if (bs) for (let i = 0; i < bs.length; i++) breachFindings(id, bs[i] as Breach, i, out);
    return out;
  };
}

const auditors = new WeakMap<Policy, Map<string, CaseAuditor>>();

/**
 * Re-asks the policy about one exported case (already validated): retention as of `asOf` (a record due for
 * destruction and not destroyed is a finding), every recorded disclosure (anything but `permit`; the
 * client's objection to staff sharing is taken from the case when the disclosure does not say), every
 * breach chain (`non-compliant`), and the consent to record (1.1).
 *
 * @example
 * auditCase({ id: 'C-1', client: { degreeStatus: 'completed', degreeCompletedOn: '2020-06-30' } }, '2026-11-24');
 * // [{ caseId: 'C-1', code: 'not-destroyed', clause: '3.3', message: '…' }, { caseId: 'C-1', code: 'consent-to-record-not-recorded', … }]
 * @see 3.3
 */
export function auditCase(c: CaseExport, asOf: string, policy: Policy = defaultPolicy()): Finding[] {
  let byDate = auditors.get(policy);
  if (!byDate) auditors.set(policy, (byDate = new Map()));
  let auditor = byDate.get(asOf);
  if (!auditor) {
    if (byDate.size > 16) byDate.clear();
    byDate.set(asOf, (auditor = createCaseAuditor(policy, asOf)));
  }
  return auditor(c);
}
