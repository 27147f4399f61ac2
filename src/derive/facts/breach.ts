import { BREACH_GROUNDS, ROLES } from '../../facts/constants.js';
import type { BreachQuestion } from '../../facts/question-types.js';
import { analyseBreachChain, type BreachChain } from '../breach-chain.js';
import { type FactContext, type FactDefinition, facts } from '../context.js';

function chain(q: BreachQuestion, ctx: FactContext): BreachChain {
  if (!ctx.chain) ctx.chain = analyseBreachChain(q.raisedBy, q.steps, ctx.settings);
  return ctx.chain;
}

function fromChain<K extends keyof BreachChain>(
  key: K,
  description: string,
  type: 'boolean' | 'string',
  values?: readonly string[],
): FactDefinition<BreachQuestion> {
  return { description, type, ...(values ? { values } : {}), derive: (q, ctx) => chain(q, ctx)[key] as never };
}

/** Facts the breach rules read, from {@link analyseBreachChain} (5.1–5.5). */
export const breachFacts = facts<BreachQuestion>({
  raisedBy: { description: 'who raised the breach', type: 'string', values: ROLES, derive: (q) => q.raisedBy },
  ground: { description: 'the ground for the breach', type: 'string', values: BREACH_GROUNDS, derive: (q) => q.ground },
  lineManager: fromChain('lineManager', "the raiser's line manager (5.4.1)", 'string', ROLES),
  raised: fromChain('raised', 'the matter has been raised', 'boolean'),
  raisedWith: fromChain('raisedWith', 'who the matter was first raised with', 'string', ROLES),
  raisedWithLineManager: fromChain(
    'raisedWithLineManager',
    "it was raised with the raiser's line manager, and with nobody else",
    'boolean',
  ),
  stepBeforeRaised: fromChain('stepBeforeRaised', 'a step happened before the matter was raised', 'boolean'),
  datesOutOfOrder: fromChain(
    'datesOutOfOrder',
    "a step is dated before a step listed ahead of it (the steps' dates contradict their order)",
    'boolean',
  ),
  discussionRecorded: fromChain('discussionRecorded', 'the discussion was recorded in the case notes', 'boolean'),
  decided: fromChain('decided', 'a decision has been taken', 'boolean'),
  decidedBy: fromChain('decidedBy', 'who took the decision', 'string', ROLES),
  decisionAgreed: fromChain(
    'decisionAgreed',
    // Read negated by the `refused` rule: "the decision is not to breach confidentiality", which a reader cannot
    // take for "no decision yet" (the fact is then null, and neither reading holds).
    'the decision is to breach confidentiality (a refusal by someone who may decide is final, whenever it comes)',
    'boolean',
  ),
  decisionWritten: fromChain('decisionWritten', 'there is a written record of the decision', 'boolean'),
  decisionBeforeRecordedDiscussion: fromChain(
    'decisionBeforeRecordedDiscussion',
    'the decision came before a discussion recorded in the case notes',
    'boolean',
  ),
  deciderIsAdviserOrRaiser: fromChain(
    'deciderIsAdviserOrRaiser',
    'an adviser or the raiser took a decision',
    'boolean',
  ),
  decidedByOtherNonDecider: fromChain(
    'decidedByOtherNonDecider',
    'someone other than an adviser or the raiser, who may not decide, took a decision',
    'boolean',
  ),
  decisionAfterRefusal: fromChain('decisionAfterRefusal', 'an agreement followed a refusal', 'boolean'),
  authorised: fromChain('authorised', 'an authorisation that counts exists', 'boolean'),
  disclosedBeforeAuthorisation: fromChain(
    'disclosedBeforeAuthorisation',
    'something was disclosed before an authorisation that counts',
    'boolean',
  ),
  disclosedAfterRefusal: fromChain('disclosedAfterRefusal', 'something was disclosed after a refusal', 'boolean'),
  nextStepKind: {
    description: 'the next step the chain needs',
    type: 'string',
    values: ['raise', 'discuss', 'decide', 'record-decision'],
    derive: (q, ctx) => chain(q, ctx).nextStep?.step ?? null,
  },
  nextStep: {
    description: 'the next step and who takes it',
    type: 'object',
    derive: (q, ctx) => (chain(q, ctx).nextStep as unknown as { [k: string]: unknown }) ?? null,
  },
});
