import type { BreachQuestion, DisclosureQuestion, Party, Question } from '../facts/question-types.js';
import { unreadableIssue } from '../facts/validate.js';
import { issue, PolicyInputError } from './errors.js';
import { evaluate, safeEvaluate } from './evaluate.js';
import type { Decision, Issue, NextStep } from './types.js';

/**
 * May this information go to this recipient? A thin wrapper over {@link evaluate} for a `disclosure`
 * question: pass the fields without `question`.
 *
 * @param fields A {@link DisclosureQuestion} without its `question`: `actor`, `recipient`, `information`, and
 *   `purpose`, `consent`, `clientObjectsToStaffSharing`, `breach`, `asOf` as needed.
 * @returns The {@link Decision}: `permit`, `deny` or `escalate` (with `escalateTo`).
 * @throws {@link PolicyInputError} (`code` `invalid-question`) when the fields given do not make a valid question,
 *   as {@link evaluate} throws.
 * @example
 * import { mayDisclose } from 'upsu-confidentiality-policy';
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
  return evaluate(asKind('disclosure', fields, []));
}

/**
 * The question a wrapper asks: the caller's own fields with the wrapper's `question` (and any `fixed` field,
 * such as `mayAccess`'s actor) over them. A `question` among the fields that names another kind, or a fixed
 * field given again among them, is refused with the rest of the question's issues (never read as given: the
 * wrapper's kind and actor win); fields that are not an object are refused as such.
 */
function asKind(
  kind: Question['question'],
  fields: unknown,
  refused: readonly string[],
  fixed: Record<string, unknown> = {},
): Record<string, unknown> {
  if (typeof fields !== 'object' || fields === null)
    throw new PolicyInputError([issue('invalid-type', [], { expected: 'object' })]);
  // Own fields, enumerable or not (as `evaluate` reads a question), each read once (a getter is not asked twice);
  // into an object without a prototype, so that a `__proto__` field stays a field (and is refused as unknown).
  // Fields that cannot be read (a getter that throws, a revoked Proxy) are refused as `evaluate` refuses them.
  const own: Record<string, unknown> = Object.create(null);
  try {
    if (Array.isArray(fields)) throw new PolicyInputError([issue('invalid-type', [], { expected: 'object' })]);
    for (const key of Object.getOwnPropertyNames(fields)) own[key] = (fields as Record<string, unknown>)[key];
  } catch (e) {
    throw e instanceof PolicyInputError ? e : new PolicyInputError([unreadableIssue()]);
  }
  const issues: Issue[] = [];
  if (Object.hasOwn(own, 'question') && own.question !== kind)
    issues.push(issue('invalid-value', ['question'], { options: [kind] }));
  for (const key of refused) if (Object.hasOwn(own, key)) issues.push(issue('unknown-field', [key]));
  const question = { ...own, ...fixed, question: kind };
  if (issues.length === 0) return question;
  // Every problem at once: the question as the wrapper asks it may have others.
  const r = safeEvaluate(question);
  throw new PolicyInputError(r.ok ? issues : [...issues, ...r.issues]);
}

/**
 * May this person open case records? (3.1)
 *
 * @param actor The {@link Party} who would open them.
 * @param extra The access question's other fields: `purpose`, and `necessary` (the DPO may open them only when it
 *   is necessary).
 * @returns The {@link Decision}: `permit` or `deny`.
 * @throws {@link PolicyInputError} (`code` `invalid-question`) when the fields given do not make a valid question,
 *   as {@link evaluate} throws.
 * @example
 * import { mayAccess } from 'upsu-confidentiality-policy';
 * mayAccess({ role: 'senior-management' }).outcome; // 'deny'
 * mayAccess({ role: 'dpo' }, { necessary: true }).outcome; // 'permit'
 * @see 3.1
 */
export function mayAccess(
  actor: Party,
  // `| undefined` as the question types have it (zod's optional fields), so that an `AccessQuestion`'s fields can be
  // passed on under `exactOptionalPropertyTypes`; a field given as `undefined` is not given.
  extra: { purpose?: DisclosureQuestion['purpose'] | undefined; necessary?: boolean | undefined } = {},
): Decision {
  // The actor is the argument: an `actor` (or another kind's `question`) in `extra` is refused, never used.
  return evaluate(asKind('access', extra, ['actor'], { actor }));
}

/**
 * Keep or destroy a client's case record (3.3)? Returns the outcome and, when the degree's completion date
 * is known, the last day the record may be kept.
 *
 * @param client The client's `degreeStatus`, and `degreeCompletedOn` (`YYYY-MM-DD`) for a completed degree.
 * @param asOf The date to decide on, `YYYY-MM-DD`; today's date in the UK when not given.
 * @returns `outcome` (`retain`, `destroy` or `review`), `destroyAfter` when the completion date is known, and the
 *   whole `decision`.
 * @throws {@link PolicyInputError} (`code` `invalid-question`) when the fields given do not make a valid question,
 *   as {@link evaluate} throws. An `asOf` given is checked too (a real calendar date, `YYYY-MM-DD`).
 * @example
 * import { retentionStatus } from 'upsu-confidentiality-policy';
 * retentionStatus({ degreeStatus: 'completed', degreeCompletedOn: '2024-06-20' }, '2025-06-21');
 * // { outcome: 'destroy', destroyAfter: '2025-06-20', decision: {…} }
 * @see 3.3
 */
export function retentionStatus(
  // `| undefined` as `RetentionQuestion['client']` has it (see mayAccess).
  client: { degreeStatus: 'studying' | 'completed' | 'withdrawn' | 'unknown'; degreeCompletedOn?: string | undefined },
  asOf?: string,
): { outcome: 'retain' | 'destroy' | 'review'; destroyAfter?: string; decision: Decision } {
  // Any `asOf` given is checked (an empty one is an invalid date, not today); only one not given is today.
  const decision = evaluate({ question: 'retention', client, ...(asOf === undefined ? {} : { asOf }) });
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
 * @param chain A {@link BreachQuestion} without its `question`: `raisedBy`, `ground` and the `steps` so far, in the
 *   order they happened.
 * @returns `nextStep` ({@link NextStep}: the step and who takes it) while the breach is `pending`, else `null`; and
 *   the whole `decision`.
 * @throws {@link PolicyInputError} (`code` `invalid-question`) when the fields given do not make a valid question,
 *   as {@link evaluate} throws.
 * @example
 * import { nextBreachStep } from 'upsu-confidentiality-policy';
 * nextBreachStep({ raisedBy: 'adviser', ground: 'harm', steps: [] }).nextStep;
 * // { step: 'raise', role: 'advice-lead' }
 * @see 5.4
 */
export function nextBreachStep(chain: Omit<BreachQuestion, 'question'>): {
  nextStep: NextStep | null;
  decision: Decision;
} {
  const decision = evaluate(asKind('breach', chain, []));
  return { nextStep: decision.outcome === 'pending' ? (decision.nextStep ?? null) : null, decision };
}
