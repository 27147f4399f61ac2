import type { z } from 'zod';
// The public `NextStep`, not a copy: a second interface of that name made the published types call the public one
// `NextStep$1`, in consumers' editors and error messages.
import type { NextStep } from '../decision/types.js';
import type { breachStep } from '../facts/breach.js';
import type { Role } from '../facts/constants.js';
import { lineManager, mayDecideBreach, type PolicyRoles, UPSU_ROLES } from './roles.js';

type Step = z.infer<typeof breachStep>;

/** What the steps of a breach chain show, computed once and read by the breach rules as facts. */
export interface BreachChain {
  /** The raiser's line manager (5.4.1), `null` for a raiser the policy does not cover. */
  lineManager: Role | null;
  raised: boolean;
  /** Who the chain was first raised with, `null` when it has not been raised. */
  raisedWith: Role | null;
  /** Raised with the raiser's line manager, and with nobody else (every `raised` step, not only the first). */
  raisedWithLineManager: boolean;
  /** A discussion, a decision or a disclosure happened before the matter was raised. */
  stepBeforeRaised: boolean;
  /**
   * A step is dated (`on`) before a step listed ahead of it: the dates contradict the order the steps are given
   * in, which every other fact reads as the order they happened, so the record cannot show the procedure was
   * followed (a disclosure listed last but dated before the decision).
   */
  datesOutOfOrder: boolean;
  /** A discussion recorded in the case notes happened before the decision (or so far, if none). */
  discussionRecorded: boolean;
  decided: boolean;
  /** Who took the first decision. */
  decidedBy: Role | null;
  /**
   * Where the chain stands: `false` once someone who may decide has refused (a refusal is final, 5.5.3), else
   * the first decision.
   */
  decisionAgreed: boolean | null;
  /** The decision has a written record: on the decision itself or in a later `recorded` step. */
  decisionWritten: boolean;
  decisionBeforeRecordedDiscussion: boolean;
  /** An adviser or the raiser took a decision, first or later (5.5.4). */
  deciderIsAdviserOrRaiser: boolean;
  /**
   * Someone other than an adviser or the raiser, who may not decide, took a decision, first or later (5.4.3,
   * 5.5.2). With {@link deciderIsAdviserOrRaiser} it covers every decision by someone who may not decide, so a
   * chain with both kinds of decider reports both violations.
   */
  decidedByOtherNonDecider: boolean;
  /** An agreement was taken after a refusal, which is final (5.5.3). */
  decisionAfterRefusal: boolean;
  /** Agreed, written and by a role that may decide, and nobody has refused since: the breach is authorised (5.5.2). */
  authorised: boolean;
  /** Something was disclosed before an authorisation that counts existed (5.5.4). */
  disclosedBeforeAuthorisation: boolean;
  /** Something was disclosed after a refusal, which is final (5.5.3). */
  disclosedAfterRefusal: boolean;
  nextStep: NextStep | null;
}

/**
 * Reads a breach-of-confidentiality chain (5.4–5.5) step by step: who it was raised with, whether the
 * discussion was recorded before the decision, who decided, whether the decision counts and was written
 * down, whether anything was disclosed too early, and what comes next. The first decision is the
 * decision; every decider is checked (an adviser, the raiser or a role that may not decide is a violation
 * wherever it comes); a refusal by someone who may decide is final, whenever it comes (5.5.3): a refusal
 * after an agreement (the Chief Executive overruling the line manager) ends the chain refused, an agreement
 * after a refusal is a violation, and so is anything disclosed after a refusal. What was disclosed while an
 * authorisation that counts stood, before the refusal, was allowed.
 *
 * @example
 * analyseBreachChain('adviser', [{ step: 'raised', with: 'advice-lead' }]).nextStep;
 * // { step: 'discuss', role: 'advice-lead' }
 * @see 5.4
 */
export function analyseBreachChain(
  raisedBy: Role,
  steps: readonly Step[],
  roles: PolicyRoles = UPSU_ROLES,
): BreachChain {
  const manager = lineManager(raisedBy, roles);
  let raisedAt = -1;
  let raisedWith: Role | null = null;
  // A later `raised` step with someone else is as much a violation of 5.4.1 as a first one.
  let raisedWithOther = false;
  let stepBeforeRaised = false;
  let recordedDiscussionAt = -1;
  let decisionAt = -1;
  let decision: Extract<Step, { step: 'decided' }> | null = null;
  let writtenAt = -1;
  let refusedAt = -1;
  let decisionAfterRefusal = false;
  let anyByAdviserOrRaiser = false;
  let anyByOtherNonDecider = false;
  // The first decision by an adviser, the raiser or someone who may not decide: an authorisation stands only if
  // it was written before any such decision.
  let firstBadDecisionAt = -1;
  let firstDisclosedAt = -1;
  let lastDisclosedAt = -1;
  // The latest date of the steps so far (`YYYY-MM-DD` strings order as their dates do).
  let latestOn = '';
  let datesOutOfOrder = false;

  for (let i = 0; i < steps.length; i++) {
    const s = steps[i] as Step;
    if (s.on !== undefined) {
      if (s.on < latestOn) datesOutOfOrder = true;
      else latestOn = s.on;
    }
    switch (s.step) {
      case 'raised':
        if (s.with !== manager) raisedWithOther = true;
        if (raisedAt < 0) {
          raisedAt = i;
          raisedWith = s.with;
        }
        break;
      case 'discussed':
        if (raisedAt < 0) stepBeforeRaised = true;
        if (s.recordedInCaseNotes && recordedDiscussionAt < 0 && decisionAt < 0) recordedDiscussionAt = i;
        break;
      case 'decided': {
        if (raisedAt < 0) stepBeforeRaised = true;
        // Every decision is checked, not only the first: an adviser or the raiser deciding (5.5.4), or someone
        // who may not decide (5.4.3, 5.5.2), is a violation wherever it comes; and only a refusal by someone who
        // may decide is the final one (5.5.3).
        const byAdviserOrRaiser = s.by === 'adviser' || s.by === raisedBy;
        const mayDecide = !byAdviserOrRaiser && mayDecideBreach(s.by, raisedBy, roles);
        if (byAdviserOrRaiser) anyByAdviserOrRaiser = true;
        else if (!mayDecide) anyByOtherNonDecider = true;
        if (!mayDecide && firstBadDecisionAt < 0) firstBadDecisionAt = i;
        if (refusedAt >= 0) {
          if (s.agreed) decisionAfterRefusal = true;
        } else if (!s.agreed) {
          if (mayDecide) refusedAt = i;
        } else if (decision?.agreed && writtenAt < 0 && mayDecide && s.writtenRecord === true) {
          // The agreement written down by the first decider, or by another who may decide (5.5.2: the line
          // manager, the Chief Executive or another appointed individual).
          writtenAt = i;
        }
        if (!decision) {
          decision = s;
          decisionAt = i;
          if (s.agreed && s.writtenRecord === true) writtenAt = i;
        }
        break;
      }
      case 'recorded':
        if (decision?.agreed && writtenAt < 0 && refusedAt < 0) writtenAt = i;
        break;
      case 'disclosed':
        if (raisedAt < 0) stepBeforeRaised = true;
        if (firstDisclosedAt < 0) firstDisclosedAt = i;
        lastDisclosedAt = i;
        break;
    }
  }

  const decidedBy = decision?.by ?? null;
  const decisionWritten = writtenAt >= 0;
  const agreed = decision === null ? null : decision.agreed && refusedAt < 0;
  // When an authorisation that counts existed (until a refusal, if one came after it): agreed, written, and no
  // one who may not decide had decided before it was written (a stray decision after it is its own violation).
  const authorisedAt =
    decision?.agreed === true && decisionWritten && (firstBadDecisionAt < 0 || firstBadDecisionAt > writtenAt)
      ? writtenAt
      : Number.POSITIVE_INFINITY;

  let nextStep: NextStep | null = null;
  if (raisedAt < 0) nextStep = { step: 'raise', role: manager };
  else if (recordedDiscussionAt < 0 && !decision) nextStep = { step: 'discuss', role: manager };
  else if (!decision) nextStep = { step: 'decide', role: manager };
  else if (agreed && !decisionWritten) nextStep = { step: 'record-decision', role: decision.by };

  return {
    lineManager: manager,
    raised: raisedAt >= 0,
    raisedWith,
    raisedWithLineManager: raisedAt >= 0 && manager !== null && !raisedWithOther,
    stepBeforeRaised,
    datesOutOfOrder,
    discussionRecorded: recordedDiscussionAt >= 0,
    decided: decision !== null,
    decidedBy,
    decisionAgreed: agreed,
    decisionWritten,
    decisionBeforeRecordedDiscussion: decision !== null && recordedDiscussionAt < 0,
    deciderIsAdviserOrRaiser: anyByAdviserOrRaiser,
    decidedByOtherNonDecider: anyByOtherNonDecider,
    decisionAfterRefusal,
    authorised: agreed === true && authorisedAt !== Number.POSITIVE_INFINITY,
    disclosedBeforeAuthorisation: firstDisclosedAt >= 0 && firstDisclosedAt < authorisedAt,
    disclosedAfterRefusal: refusedAt >= 0 && lastDisclosedAt > refusedAt,
    nextStep,
  };
}
