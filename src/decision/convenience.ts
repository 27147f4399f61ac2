import type { Party } from '../facts/common.js';
import type { BreachQuestion, DisclosureQuestion } from '../facts/questions.js';
import { evaluate } from './evaluate.js';
import type { Decision, NextStep } from './types.js';

/**
 * May this information go to this recipient? A thin wrapper over {@link evaluate} for a `disclosure`
 * question: pass the fields without `question`.
 *
 * @example
 * mayDisclose({
 *   actor: { role: 'adviser' },
 *   recipient: { role: 'third-party', name: 'housing officer' },
 *   information: { kind: 'case-record', identifiable: true },
 *   purpose: 'third-party-action',
 *   consent: { given: true, method: 'consent-to-share', recorded: true },
 * }).outcome; // 'permit'
 * @see 2.1
 */
export function mayDisclose(fields: Omit<DisclosureQuestion, 'question'>): Decision {
  return evaluate({ question: 'disclosure', ...fields });
}

/**
 * May this person open case records? (3.1)
 *
 * @example
 * mayAccess({ role: 'senior-management' }).outcome; // 'deny'
 * mayAccess({ role: 'dpo' }, { necessary: true }).outcome; // 'permit'
 * @see 3.1
 */
export function mayAccess(
  actor: Party,
  extra: { purpose?: DisclosureQuestion['purpose']; necessary?: boolean } = {},
): Decision {
  return evaluate({ question: 'access', actor, ...extra });
}

/**
 * Keep or destroy a client's case record (3.3)? Returns the outcome and, when the degree's completion date
 * is known, the last day the record may be kept.
 *
 * @example
 * retentionStatus({ degreeStatus: 'completed', degreeCompletedOn: '2024-06-20' }, '2025-06-21');
 * // { outcome: 'destroy', destroyAfter: '2025-06-20', decision: {…} }
 * @see 3.3
 */
export function retentionStatus(
  client: { degreeStatus: 'studying' | 'completed' | 'withdrawn' | 'unknown'; degreeCompletedOn?: string },
  asOf?: string,
): { outcome: 'retain' | 'destroy' | 'review'; destroyAfter?: string; decision: Decision } {
  const decision = evaluate({ question: 'retention', client, ...(asOf ? { asOf } : {}) });
  return {
    outcome: decision.outcome as 'retain' | 'destroy' | 'review',
    ...(decision.destroyAfter ? { destroyAfter: decision.destroyAfter } : {}),
    decision,
  };
}

/**
 * What must happen next in a breach-of-confidentiality chain (5.4–5.5): `null` when the chain is finished
 * (authorised or refused) or has gone wrong (`non-compliant`: see `decision.violations`).
 *
 * @example
 * nextBreachStep({ raisedBy: 'adviser', ground: 'harm', steps: [] }).nextStep;
 * // { step: 'raise', role: 'advice-lead' }
 * @see 5.4
 */
export function nextBreachStep(chain: Omit<BreachQuestion, 'question'>): {
  nextStep: NextStep | null;
  decision: Decision;
} {
  const decision = evaluate({ question: 'breach', ...chain });
  return { nextStep: decision.outcome === 'pending' ? (decision.nextStep ?? null) : null, decision };
}
