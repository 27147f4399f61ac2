import { BREACH_GROUNDS, CONSENT_METHODS, INFORMATION_KINDS, PURPOSES, ROLES } from '../../facts/constants.js';
import type { DisclosureQuestion } from '../../facts/question-types.js';
import { AUTHORISATION_STATUSES, authorisationStatus } from '../authorisation.js';
import { consentCounts } from '../consent.js';
import { facts } from '../context.js';
import { inAdviceTeam, lineManager } from '../roles.js';

/** Facts the disclosure rules read (P2–P6, 2.1–2.2, 3.1, 4.2–4.3, 5.3–5.5, 6.3). */
export const disclosureFacts = facts<DisclosureQuestion>({
  actorRole: { description: "the actor's role", type: 'string', values: ROLES, derive: (q) => q.actor.role },
  actorLineManager: {
    description: "the actor's line manager (5.4.1)",
    type: 'string',
    values: ROLES,
    derive: (q, ctx) => lineManager(q.actor.role, ctx.settings),
  },
  recipientRole: {
    description: "the recipient's role",
    type: 'string',
    values: ROLES,
    derive: (q) => q.recipient.role,
  },
  recipientInAdviceTeam: {
    description: 'the recipient is in the Advice team (an adviser or the Advice Service Lead)',
    // The prose names the Advice Service Lead by UPSU's label: with other labels (roleLabels), the roles' names.
    describe: (s) =>
      s.adviceTeam.length === 2 &&
      s.adviceTeam.includes('adviser') &&
      s.adviceTeam.includes('advice-lead') &&
      (s.roleLabels?.adviser ?? 'Adviser') === 'Adviser' &&
      (s.roleLabels?.['advice-lead'] ?? 'Advice Service Lead') === 'Advice Service Lead'
        ? 'the recipient is in the Advice team (an adviser or the Advice Service Lead)'
        : `the recipient is in the Advice team (${s.adviceTeam.join(', ')})`,
    type: 'boolean',
    derive: (q, ctx) => inAdviceTeam(q.recipient.role, ctx.settings),
  },
  recipientInvolvedInCase: {
    description: 'the recipient has been involved in the case',
    type: 'boolean',
    derive: (q) => q.recipient.involvedInCase === true,
  },
  recipientAppointedByUpsu: {
    description: 'the recipient was appointed by UPSU',
    type: 'boolean',
    derive: (q) => q.recipient.appointedByUpsu === true,
  },
  informationKind: {
    description: 'the kind of information',
    type: 'string',
    values: INFORMATION_KINDS,
    derive: (q) => q.information.kind,
  },
  identifiable: {
    description: 'the information identifies the client',
    type: 'boolean',
    derive: (q) => q.information.identifiable,
  },
  purpose: {
    description: 'the purpose of the disclosure',
    type: 'string',
    values: PURPOSES,
    derive: (q) => q.purpose ?? null,
  },
  consentGiven: {
    description: 'the client has given consent',
    type: 'boolean',
    derive: (q) => q.consent?.given === true,
  },
  consentMethod: {
    description: 'how consent was given',
    type: 'string',
    values: CONSENT_METHODS,
    derive: (q) => q.consent?.method ?? null,
  },
  consentCounts: {
    description: 'consent counts under 2.1 (Consent to Share or email)',
    type: 'boolean',
    derive: (q) => consentCounts(q.consent),
  },
  consentRecorded: {
    description: 'the consent is recorded on the case record',
    type: 'boolean',
    derive: (q) => q.consent?.recorded === true,
  },
  clientObjectsToStaffSharing: {
    description: 'the client has told the adviser not to share more with the UPSU staff member',
    type: 'boolean',
    derive: (q) => q.clientObjectsToStaffSharing === true,
  },
  breachGround: {
    description: 'the ground given for breaching confidentiality',
    type: 'string',
    values: BREACH_GROUNDS,
    derive: (q) => q.breach?.ground ?? null,
  },
  authorisation: {
    description: 'where the authorisation to breach confidentiality stands',
    type: 'string',
    values: AUTHORISATION_STATUSES,
    derive: (q, ctx) => (q.breach ? authorisationStatus(q.breach.authorisation, q.actor.role, ctx.settings) : 'none'),
  },
  authorisationWritten: {
    description: 'the authorisation to breach confidentiality has a written record (5.5.2)',
    type: 'boolean',
    // Read beside `authorisation`, whose one status names the first way an authorisation fails: one decided by an
    // adviser or by the actor with no written record fails 5.5.2 as well as 5.5.4, and cites both.
    derive: (q) => q.breach?.authorisation?.writtenRecord === true,
  },
  refusalByNonDecider: {
    description:
      'the refusal was given by someone who may not decide a breach (an adviser, the actor, or a role 5.5.2 does not name)',
    type: 'boolean',
    derive: (q, ctx) => {
      const a = q.breach?.authorisation;
      if (!a || a.agreed) return false;
      // The status the same decision would have had, agreed and written: anything but 'counts' is a non-decider.
      return authorisationStatus({ ...a, agreed: true, writtenRecord: true }, q.actor.role, ctx.settings) !== 'counts';
    },
  },
});
