import { CHANNELS, DEGREE_STATUSES, PURPOSES, ROLES, SITUATIONS } from '../../facts/constants.js';
import type {
  AccessQuestion,
  ContactQuestion,
  PolicyReviewQuestion,
  RecordingQuestion,
  RetentionQuestion,
  StaffReadinessQuestion,
  StatisticsReleaseQuestion,
  StorageQuestion,
  SubjectAccessQuestion,
} from '../../facts/question-types.js';
import { type FactDefinition, facts } from '../context.js';
import { oneMonthAfter, yearsAfter } from '../dates.js';
import { decidesBreaches, inAdviceTeam } from '../roles.js';
import { identifyingFieldCount } from '../statistics.js';

/** "one calendar year", "6 calendar years": a period as the docs word it. */
const years = (n: number): string => (n === 1 ? 'one calendar year' : `${n} calendar years`);

const bool = <Q>(description: string, derive: (q: Q) => boolean): FactDefinition<Q> => ({
  description,
  type: 'boolean',
  derive,
});

/** Facts the access rules read (3.1–3.2). */
export const accessFacts = facts<AccessQuestion>({
  actorRole: { description: "the actor's role", type: 'string', values: ROLES, derive: (q) => q.actor.role },
  actorInAdviceTeam: {
    description: 'the actor is in the Advice team',
    type: 'boolean',
    derive: (q: AccessQuestion, ctx) => inAdviceTeam(q.actor.role, ctx.settings),
  },
  actorAppointedByUpsu: bool(
    'the actor was appointed by UPSU',
    (q: AccessQuestion) => q.actor.appointedByUpsu === true,
  ),
  purpose: { description: 'the purpose of access', type: 'string', values: PURPOSES, derive: (q) => q.purpose ?? null },
  // "stated": a question that says nothing of necessity is read as not necessary (3.1, fail closed), and the rule
  // read aloud must not suggest that only a stated "not necessary" is refused.
  necessary: bool('access is stated to be necessary', (q: AccessQuestion) => q.necessary === true),
});

/** Facts the contact rules read (2.3). */
export const contactFacts = facts<ContactQuestion>({
  channel: { description: 'the channel', type: 'string', values: CHANNELS, derive: (q) => q.channel },
  situation: {
    description: 'who will receive the contact',
    type: 'string',
    values: SITUATIONS,
    derive: (q) => q.situation ?? null,
  },
  channelUnacceptable: bool('the client said this channel is unacceptable', (q: ContactQuestion) =>
    (q.clientPreferences?.unacceptable ?? []).includes(q.channel),
  ),
  serviceMayBeNamed: bool(
    'the client said the service may be named',
    (q: ContactQuestion) => q.clientPreferences?.serviceMayBeNamed === true,
  ),
});

/** Facts the recording rules read (1.1–1.2). */
export const recordingFacts = facts<RecordingQuestion>({
  consentToRecord: bool(
    'the client consented on the Support Request Form',
    (q: RecordingQuestion) => q.consentToRecord,
  ),
  relevant: bool('the information is relevant', (q: RecordingQuestion) => q.relevant),
});

const IDENTIFYING_FIELDS_DESCRIPTION =
  'how many fields of the table identify a client (a name, contact detail, address, date of birth, student, case or other reference number, or case notes)';

/** Facts the statistics-release rules read (4.1–4.3). */
export const statisticsReleaseFacts = facts<StatisticsReleaseQuestion>({
  recipientRole: {
    description: "the recipient's role",
    type: 'string',
    values: ROLES,
    derive: (q) => q.recipient.role,
  },
  identifyingFields: {
    description: IDENTIFYING_FIELDS_DESCRIPTION,
    describe: (s) =>
      s.identifyingColumns.length === 0
        ? IDENTIFYING_FIELDS_DESCRIPTION
        : `${IDENTIFYING_FIELDS_DESCRIPTION.slice(0, -1)}; or one of the policy's own identifying columns: ${s.identifyingColumns.join(', ')})`,
    type: 'number',
    derive: (q, ctx) => identifyingFieldCount(q.fields, ctx.settings.identifyingColumns),
  },
  smallestCount: {
    description: 'the smallest count in the table',
    type: 'number',
    derive: (q) => q.smallestCount ?? null,
  },
  smallestCountKnown: bool(
    'the smallest count is given',
    (q: StatisticsReleaseQuestion) => q.smallestCount !== undefined,
  ),
  smallCountThreshold: {
    description: 'the small-count threshold',
    type: 'number',
    derive: (_q, ctx) => ctx.settings.smallCountThreshold,
  },
});

/** Facts the subject-access rules read (3.2). */
export const subjectAccessFacts = facts<SubjectAccessQuestion>({
  inWriting: bool('the request is in writing', (q: SubjectAccessQuestion) => q.request.inWriting),
  addressedToDpo: bool(
    'the request is addressed to the Data Protection Officer',
    (q: SubjectAccessQuestion) => q.request.addressedTo === 'dpo',
  ),
  feePaid: bool('the £5.00 fee is paid', (q: SubjectAccessQuestion) => q.request.feePaid),
  identityVerified: bool(
    "the enquirer's identity is verified",
    (q: SubjectAccessQuestion) => q.request.identityVerified,
  ),
  receivedOn: {
    description: 'the date the request was received',
    type: 'date',
    derive: (q) => q.request.receivedOn ?? null,
  },
  respondBy: {
    description: 'one month after the request was received (UK GDPR)',
    type: 'date',
    derive: (q) => (q.request.receivedOn ? oneMonthAfter(q.request.receivedOn) : null),
  },
  asOf: { description: 'the date asked', type: 'date', derive: (_q, ctx) => ctx.asOf },
});

/** Facts the retention rules read (3.3). */
export const retentionFacts = facts<RetentionQuestion>({
  degreeStatus: {
    description: "the client's degree status",
    type: 'string',
    values: DEGREE_STATUSES,
    derive: (q) => q.client.degreeStatus,
  },
  degreeCompletedOn: {
    description: 'the date the degree was completed',
    type: 'date',
    derive: (q) => q.client.degreeCompletedOn ?? null,
  },
  destroyAfter: {
    description: 'the end of the retention period: the completion date plus retentionYears calendar years',
    describe: (s) => `${years(s.retentionYears)} after the degree was completed`,
    type: 'date',
    derive: (q, ctx) =>
      q.client.degreeCompletedOn ? yearsAfter(q.client.degreeCompletedOn, ctx.settings.retentionYears) : null,
  },
  asOf: { description: 'the date asked', type: 'date', derive: (_q, ctx) => ctx.asOf },
});

/** Facts the policy-review rules read (6.4). */
export const policyReviewFacts = facts<PolicyReviewQuestion>({
  lastReviewedOn: { description: 'the date of the last review', type: 'date', derive: (q) => q.lastReviewedOn },
  reviewDue: {
    description: 'the day the next review is due: the last review plus reviewIntervalYears calendar years',
    describe: (s) => `${years(s.reviewIntervalYears)} after the last review`,
    type: 'date',
    derive: (q, ctx) => yearsAfter(q.lastReviewedOn, ctx.settings.reviewIntervalYears),
  },
  asOf: { description: 'the date asked', type: 'date', derive: (_q, ctx) => ctx.asOf },
  agreedBy: { description: 'who agreed the review', type: 'string[]', values: ROLES, derive: (q) => q.agreedBy },
});

const POLICY_COPY_ROLES = [
  'adviser',
  'advice-lead',
  'dpo',
  'advice-support-staff',
  'chief-executive',
  'senior-management',
  'appointed-manager',
] as const;

/** Facts the staff-readiness rules read (6.1–6.3). */
export const staffReadinessFacts = facts<StaffReadinessQuestion>({
  staffRole: { description: "the staff member's role", type: 'string', values: ROLES, derive: (q) => q.staff.role },
  breachManager: {
    description: "the role may decide a breach of confidentiality under the policy's roles (6.1.6)",
    type: 'boolean',
    derive: (q: StaffReadinessQuestion, ctx) => decidesBreaches(q.staff.role, ctx.settings),
  },
  // 6.1.1–6.1.6; 6.1.6 also lists whoever may take on the role of Manager in a breach case (the policy's roles).
  listedIn61: {
    description: 'the role is one 6.1 lists',
    type: 'boolean',
    derive: (q: StaffReadinessQuestion, ctx) =>
      (POLICY_COPY_ROLES as readonly string[]).includes(q.staff.role) || decidesBreaches(q.staff.role, ctx.settings),
  },
  receivedPolicyCopy: bool(
    'they have received a copy of the policy',
    (q: StaffReadinessQuestion) => q.receivedPolicyCopy,
  ),
  trainingSettled: bool(
    'they were trained at induction, or are known not to be a new starter',
    (q: StaffReadinessQuestion) => q.trainedAtInduction === true || q.newStarter === false,
  ),
  confidentialityAgreement: {
    description: 'where the Confidentiality Agreement stands',
    type: 'string',
    values: ['signed', 'requested-not-signed', 'not-requested'],
    derive: (q) => q.confidentialityAgreement ?? null,
  },
});

/** Facts the storage rules read (1.3–1.4). */
export const storageFacts = facts<StorageQuestion>({
  hasElectronic: bool('electronic records are described', (q: StorageQuestion) => q.electronic !== undefined),
  hasPaper: bool('paper records are described', (q: StorageQuestion) => q.paper !== undefined),
  passwordProtected: bool(
    'the system is password protected',
    (q: StorageQuestion) => q.electronic?.passwordProtected === true,
  ),
  loginShared: bool('the login details are shared', (q: StorageQuestion) => q.electronic?.loginShared === true),
  loggedOffWhenNotInUse: bool(
    'advisers log off when not in use',
    (q: StorageQuestion) => q.electronic?.loggedOffWhenNotInUse === true,
  ),
  paperInUse: bool('the paper records are being used', (q: StorageQuestion) => q.paper?.inUse === true),
  inLockedCabinet: bool(
    'paper records are in a lockable filing cabinet',
    (q: StorageQuestion) => q.paper?.inLockedCabinet === true,
  ),
  keysOutOfPublicView: bool(
    'the cabinet keys are kept away from public view',
    (q: StorageQuestion) => q.paper?.keysOutOfPublicView === true,
  ),
});
