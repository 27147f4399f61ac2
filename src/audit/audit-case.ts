import { defaultPolicy } from '../decision/default-policy.js';
import { issue, PolicyInputError, RuleLoadError } from '../decision/errors.js';
import type { Decision, Issue } from '../decision/types.js';
import { daysAfter, isCalendarDate } from '../derive/dates.js';
import type { Policy } from '../engine/policy.js';
import type { CaseExport } from '../facts/case-export.js';
import { BREACH_GROUNDS, CONSENT_METHODS, INFORMATION_KINDS, PURPOSES, ROLES } from '../facts/constants.js';
import { ownData } from '../facts/own-data.js';
import type { BreachQuestion, DisclosureQuestion, Party } from '../facts/question-types.js';
import { validateCase } from './precheck.js';

/**
 * One thing in a case's recorded history that the policy would not have allowed, as {@link auditCase} (and
 * `upsu-policy audit`) reports it. Never holds personal data.
 *
 * @example
 * import { auditCase } from 'upsu-confidentiality-policy';
 * auditCase({ id: 'C-1042', client: { degreeStatus: 'completed', degreeCompletedOn: '2024-06-30', consentToRecord: true } },
 *   '2026-09-01');
 * // [{ caseId: 'C-1042', code: 'not-destroyed', clause: '3.3', message: 'The policy says to destroy the record by the audit date, …' }]
 * @see 3.3
 */
export interface Finding {
  /** The case's `id`, as exported: the only thing about the case a finding repeats. */
  readonly caseId: string;
  /** Stable code: the rule that decided, e.g. `third-party-without-consent`, or `not-destroyed`. */
  readonly code: string;
  /** The clause the history breaks. */
  readonly clause: string;
  /** What is wrong, in English for an adviser. */
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

/** What a disclosure's findings need of its decision. */
interface DisclosureAnswer {
  readonly outcome: string;
  readonly reasons: Decision['reasons'];
  /**
   * The obligation to record the client's consent on the case record (2.1), when the permit rests on the consent
   * or a breach authorisation (asked without both, the disclosure is not permitted) and the export does not show
   * the consent `recorded: true`.
   */
  readonly consentNotRecorded: Decision['obligations'][number] | undefined;
}

/** Remembers `v` under `key`, first forgetting everything once the map holds {@link MEMO_LIMIT} answers. */
function remember<K, V>(map: Map<K, V>, key: K, v: V): V {
  if (map.size >= MEMO_LIMIT) map.clear();
  map.set(key, v);
  return v;
}

/** 1, 2, 3… for the values of an enum (0 stands for an absent optional value). */
const codes = (values: readonly string[]): ReadonlyMap<unknown, number> => new Map(values.map((v, i) => [v, i + 1]));
const ROLE = codes(ROLES);
const KIND = codes(INFORMATION_KINDS);
const PURPOSE = codes(PURPOSES);
const METHOD = codes(CONSENT_METHODS);
const GROUND = codes(BREACH_GROUNDS);
/** An optional boolean as 0 (absent), 1 (false), 2 (true). */
const tri = (b: boolean | undefined) => (b === undefined ? 0 : b ? 2 : 1);

const PARTY_RADIX = (ROLES.length + 1) * 9;
const AUTH_RADIX = 1 + ROLES.length * 2 * 3;
const BREACH_RADIX = 1 + BREACH_GROUNDS.length * AUTH_RADIX;
const CONSENT_RADIX = 1 + 2 * (CONSENT_METHODS.length + 1) * 3;

/** A party without its name, as a number below {@link PARTY_RADIX}; -1 for a role not in the list. */
function partyCode(p: Party): number {
  const r = ROLE.get(p.role);
  return r === undefined ? -1 : (r * 3 + tri(p.involvedInCase)) * 3 + tri(p.appointedByUpsu);
}

/**
 * Everything of a disclosure question a decision can depend on, other than the parties' names (and not the
 * date it was made on), as one whole number: each field is a digit in its own base, so two questions share a
 * number only when they share every field. -1 when a value is not one the schema allows (never, for a
 * validated case): such a question is asked every time.
 *
 * @example
 * const d = { actor: { role: 'adviser' }, recipient: { role: 'advice-lead' }, information: { kind: 'case-record', identifiable: true } };
 * disclosureCode(d, false) === disclosureCode({ ...d, on: '2026-01-05' }, false); // true: the date is not asked
 * disclosureCode(d, false) === disclosureCode(d, true); // false
 */
export function disclosureCode(d: Disclosure, objects: boolean): number {
  const actor = partyCode(d.actor);
  const recipient = partyCode(d.recipient);
  const kind = KIND.get(d.information.kind);
  const purpose = d.purpose === undefined ? 0 : PURPOSE.get(d.purpose);
  if (actor < 0 || recipient < 0 || kind === undefined || purpose === undefined) return -1;
  const c = d.consent;
  let consent = 0;
  if (c) {
    const method = c.method === undefined ? 0 : METHOD.get(c.method);
    if (method === undefined) return -1;
    consent = 1 + ((c.given ? 1 : 0) * (CONSENT_METHODS.length + 1) + method) * 3 + tri(c.recorded);
  }
  const b = d.breach;
  let breach = 0;
  if (b) {
    const ground = GROUND.get(b.ground);
    const a = b.authorisation;
    const by = a ? ROLE.get(a.decidedBy) : 0;
    if (ground === undefined || by === undefined) return -1;
    const auth = a ? 1 + ((by - 1) * 2 + (a.agreed ? 1 : 0)) * 3 + tri(a.writtenRecord) : 0;
    breach = 1 + (ground - 1) * AUTH_RADIX + auth;
  }
  // Below 2^53 (a double holds it exactly): see the radixes.
  let k = actor * PARTY_RADIX + recipient;
  k = (k * (INFORMATION_KINDS.length + 1) + kind) * 2 + (d.information.identifiable ? 1 : 0);
  k = k * (PURPOSES.length + 1) + purpose;
  k = k * CONSENT_RADIX + consent;
  k = k * 2 + (objects ? 1 : 0);
  return k * BREACH_RADIX + breach;
}

/**
 * The parties' names ('' when neither has one; each name marked so that no two pairs of names share a key).
 *
 * @example
 * const information = { kind: 'presence', identifiable: true };
 * namesKey({ actor: { role: 'adviser' }, recipient: { role: 'third-party', name: 'landlord' }, information }); // '-\u0001:landlord'
 */
export function namesKey(d: Disclosure): string {
  const a = d.actor.name;
  const r = d.recipient.name;
  if (a === undefined && r === undefined) return '';
  return `${a === undefined ? '-' : `${a.length}:${a}`}\u0001${r === undefined ? '-' : `:${r}`}`;
}

/**
 * What the audit remembers a disclosure's decision by: its {@link disclosureCode}, joined with its
 * {@link namesKey} when the parties have names (a number, or a string); `undefined` when it has no code.
 *
 * @example
 * const information = { kind: 'case-record', identifiable: true };
 * disclosureMemoKey({ actor: { role: 'adviser' }, recipient: { role: 'advice-lead' }, information }, false); // a number
 * disclosureMemoKey({ actor: { role: 'adviser' }, recipient: { role: 'third-party', name: 'landlord' }, information }, false); // a string
 */
export function disclosureMemoKey(d: Disclosure, objects: boolean): number | string | undefined {
  const code = disclosureCode(d, objects);
  if (code < 0) return undefined;
  const names = namesKey(d);
  return names === '' ? code : `${code}\u0002${names}`;
}

/** What the policy says of a record's retention as of the audit date (3.3), for the audit's findings. */
interface Retention {
  readonly outcome: string;
  /** `destroyAfter`: kept to the end of this day. */
  readonly after: string | undefined;
  /**
   * The last day the record may be destroyed on time: `destructionWithinDays` days after `after` (by default the
   * day after). Destroyed by the end of it, it was destroyed on time; still held at the end of it, it was not.
   */
  readonly onTimeBy: string | undefined;
  /** The clause the retention decision cites. */
  readonly clause: string;
  /**
   * A destroy decision with no `destroyAfter`, or one not yet past (an adapted folder): due since a day the audit
   * cannot tell, so neither a window nor an on-time destruction can be checked.
   */
  readonly dueSinceUnknown: boolean;
  /** No rule of the policy covers the record (the cautious `review` of an adapted folder with a gap). */
  readonly notCovered: boolean;
}
/** The question kinds the audit asks about a case (whichever the case needs: every one, over an export). */
const AUDIT_QUESTIONS = ['retention', 'recording', 'disclosure', 'breach'] as const;

/**
 * Refuses a policy the audit cannot ask its questions of: an adapted folder whose questions.json leaves out a
 * kind the audit asks ({@link RuleLoadError}, an `unknown-question` problem per kind), which would otherwise stop
 * the audit at the first case that needs it, part of the report written.
 *
 * @example
 * checkAuditable(defaultPolicy()); // returns: the bundled rules have every kind
 */
export function checkAuditable(policy: Policy): void {
  const missing = AUDIT_QUESTIONS.filter((k) => policy.loaded.questions[k] === undefined);
  if (missing.length)
    throw new RuleLoadError(
      missing.map((k) => ({
        code: 'unknown-question',
        file: 'questions.json',
        message: `question "${k}" is not in questions.json, and the audit asks it about cases (${AUDIT_QUESTIONS.join(', ')})`,
      })),
    );
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
export function createCaseAuditor(policy: Policy, asOf: string, options: { checked?: boolean } = {}): CaseAuditor {
  checkAuditable(policy);
  // `checked` (auditCase): every question asked through `evaluate`, whose copy for deciding has every field as an
  // own property, so that nothing inherited (a polluted Object.prototype) is read as given. The command line's
  // audit asks its own questions, built from validated plain data, straight (its speed).
  const ask =
    options.checked === true
      ? (q: Parameters<Policy['decideValid']>[0]) => policy.evaluate(q)
      : (q: Parameters<Policy['decideValid']>[0]) => policy.decideValid(q);
  // Clauses of the findings the audit words itself, from the policy (an adapted folder numbers its own): the
  // question's first fallback clause (3.3 and 1.1 in the bundled rules).
  const fallback = (kind: string) => policy.loaded.questions[kind]?.notCovered.clause ?? '';
  const retentionClause = fallback('retention');
  const recordingClause = fallback('recording');
  // Days after its destroyAfter a record may still be destroyed on time (policy setting; 1: the day after).
  const within = policy.settings.destructionWithinDays;
  // Retention answers by degree status (a value of the schema's list: a handful), then by completion date ('' for
  // none): two lookups of strings the line parser already has, where one key joining both was a new string to
  // build, flatten and hash for every case.
  const retention = new Map<string, Map<string, Retention>>();
  let retentionCount = 0;
  // Recording findings by the consent to record: absent, false, true (`tri`).
  const recording: (readonly Template[] | undefined)[] = [undefined, undefined, undefined];
  // Decisions by disclosure code (a number), or by code and the parties' names (a string) when they have any.
  const disclosures = new Map<number | string, DisclosureAnswer>();

  /**
   * What the policy says of a record's retention as of the audit date (3.3), with the clause of the rule that
   * decided (an adapted folder's own) and, when it says destroy, the last day the record may be destroyed on time
   * (`destructionWithinDays` after `destroyAfter`; by default the day after).
   */
  const retentionOf = (c: CaseExport): Retention => {
    const status = c.client.degreeStatus;
    const completed = c.client.degreeCompletedOn ?? '';
    let byDate = retention.get(status);
    if (byDate === undefined) retention.set(status, (byDate = new Map()));
    let r = byDate.get(completed);
    if (r === undefined) {
      r = askRetention(c);
      // Up to MEMO_LIMIT answers in all, as one map would hold.
      if (++retentionCount > MEMO_LIMIT) {
        retention.clear();
        retention.set(status, (byDate = new Map()));
        retentionCount = 1;
      }
      byDate.set(completed, r);
    }
    return r;
  };
  const askRetention = (c: CaseExport): Retention => {
    const client = c.client.degreeCompletedOn
      ? { degreeStatus: c.client.degreeStatus, degreeCompletedOn: c.client.degreeCompletedOn }
      : { degreeStatus: c.client.degreeStatus };
    const r = ask({ question: 'retention', asOf, client });
    const clause = r.reasons[0]?.clause ?? retentionClause;
    const after = r.destroyAfter;
    // A destroy decision without a date already past (an adapted folder: a destroy rule that sets no date, or
    // one that says destroy before its own destroyAfter): due since a day the audit cannot tell, so a record
    // still held is not-destroyed and any destruction counts as late (fail closed).
    if (r.outcome === 'destroy' && (after === undefined || after >= asOf))
      return {
        outcome: r.outcome,
        after: undefined,
        onTimeBy: undefined,
        clause,
        dueSinceUnknown: true,
        notCovered: false,
      };
    return {
      outcome: r.outcome,
      after,
      onTimeBy: after === undefined ? undefined : daysAfter(after, within),
      clause,
      dueSinceUnknown: false,
      notCovered: r.reasons[0]?.rule === 'not-covered',
    };
  };

  /**
   * Retention (3.3), from what the policy says as of the audit date. A record it says to destroy is a finding
   * when it was still held then (no `destroyedOn`, or one after the audit date) on or after the last day it could
   * be destroyed on time, `not-destroyed`, or was destroyed after that day, `destroyed-late`: that day is the day
   * after its `destroyAfter`, or as many days after it as the `destructionWithinDays` setting says. A record
   * destroyed by the audit date on a day the policy said keep it (on or before its `destroyAfter`, or while the
   * client studies) is `destroyed-early`. Where the export does not let retention be checked (a completed degree
   * with no completion date, a degree status of `unknown`, a record no rule covers, any other `review` of an
   * adapted folder), `retention-not-checkable` (fail closed). A withdrawn client, for whom a rule says the policy
   * sets no period, is no finding.
   */
  const retentionFinding = (c: CaseExport, out: Finding[]) => {
    const r = retentionOf(c);
    const destroyed = c.destroyedOn && c.destroyedOn <= asOf ? c.destroyedOn : undefined;
    if (r.outcome === 'destroy') {
      // The day it became due is not named: it is the client's completion date a year on (personal data), and
      // the finding's code and clause say what is wrong. Where the rules give no due date, the message says so.
      const unknown =
        'The policy says to destroy the record, and its rules give no destroyAfter already past, so the day it became due is unknown';
      if (!destroyed) {
        // Still held: a finding once the last day it could be destroyed on time has come (the audit date is read
        // as its end, as a `destroyedOn` on it counts as destroyed by then).
        if (r.dueSinceUnknown || asOf >= (r.onTimeBy as string))
          out.push({
            caseId: c.id,
            code: 'not-destroyed',
            clause: r.clause,
            message: r.dueSinceUnknown
              ? `${unknown}, and it has not been destroyed.`
              : 'The policy says to destroy the record by the audit date, and it has not been destroyed.',
          });
      } else if (r.dueSinceUnknown || destroyed > (r.onTimeBy as string))
        out.push({
          caseId: c.id,
          code: 'destroyed-late',
          clause: r.clause,
          message: r.dueSinceUnknown
            ? `${unknown}: it was destroyed on ${destroyed}, which cannot be checked as on time.`
            : `The record was destroyed on ${destroyed}, later than the policy allows.`,
        });
      else if (destroyed <= (r.after as string)) out.push(early(c, destroyed, r));
    } else if (r.outcome === 'retain' && destroyed) out.push(early(c, destroyed, r));
    else if (r.outcome === 'review') {
      // Every review but a withdrawn client's, for whom a rule says the policy sets no period.
      const why = r.notCovered
        ? 'no rule of the policy covers its retention'
        : c.client.degreeStatus === 'unknown'
          ? 'the degree status is unknown'
          : c.client.degreeStatus === 'completed' && !c.client.degreeCompletedOn
            ? 'the degree is completed but the export gives no completion date'
            : c.client.degreeStatus === 'withdrawn'
              ? undefined
              : 'the policy says to review this record';
      if (why)
        out.push({
          caseId: c.id,
          code: 'retention-not-checkable',
          clause: r.clause,
          message: destroyed
            ? `The record was destroyed on ${destroyed}; ${why}, so whether that was on time cannot be checked.`
            : `${why[0]?.toUpperCase()}${why.slice(1)}, so whether the record is due for destruction cannot be checked.`,
        });
    }
  };
  const early = (c: CaseExport, destroyed: string, r: Retention): Finding => ({
    caseId: c.id,
    code: 'destroyed-early',
    clause: r.clause,
    message: `The record was destroyed on ${destroyed}, while the policy still keeps it.`,
  });

  const recordingFindings = (consent: boolean | undefined): readonly Template[] =>
    recording[tri(consent)] ?? (recording[tri(consent)] = askRecording(consent));
  const askRecording = (consent: boolean | undefined): readonly Template[] => {
    if (consent === undefined)
      return [
        {
          code: 'consent-to-record-not-recorded',
          clause: recordingClause,
          message: `The export does not show the client consented to recording (${recordingClause}).`,
        },
      ];
    const r = ask({ question: 'recording', consentToRecord: consent, relevant: true });
    return r.outcome === 'permit'
      ? []
      : r.reasons.map((reason) => ({ code: reason.rule, clause: reason.clause, message: reason.text }));
  };

  const askDisclosure = (d: Disclosure, objects: boolean): DisclosureAnswer => {
    const { on: _on, ...fields } = d;
    const r = ask({ question: 'disclosure', ...fields, clientObjectsToStaffSharing: objects } as DisclosureQuestion);
    // Only a permit that rests on the consent (or on a breach of confidentiality, which does not lift 2.1's duty
    // to record the consent that was also given): asked again without both, the disclosure is no longer
    // permitted. An Advice team recipient, staff involved in the case, anonymous statistics… are permitted whether
    // or not consent was recorded.
    const ob = r.outcome === 'permit' ? r.obligations.find((o) => o.code === 'record-consent') : undefined;
    let consentNotRecorded: typeof ob;
    if (ob) {
      const { consent: _consent, breach: _breach, ...otherGrounds } = fields;
      const without = ask({
        question: 'disclosure',
        ...otherGrounds,
        clientObjectsToStaffSharing: objects,
      } as DisclosureQuestion);
      if (without.outcome !== 'permit') consentNotRecorded = ob;
    }
    return { outcome: r.outcome, reasons: r.reasons, consentNotRecorded };
  };

  const disclosureDecision = (d: Disclosure, objects: boolean): DisclosureAnswer => {
    const key = disclosureMemoKey(d, objects);
    if (key === undefined) return askDisclosure(d, objects);
    return disclosures.get(key) ?? remember(disclosures, key, askDisclosure(d, objects));
  };

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
    retentionFinding(c, out);
    for (const t of recordingFindings(c.client.consentToRecord ?? undefined))
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
        else if (r.consentNotRecorded)
          out.push({
            caseId: id,
            code: 'consent-to-share-not-recorded',
            clause: r.consentNotRecorded.clause,
            // `recorded: false` says the consent is not on the case record; no `recorded` leaves it unknown, and the
            // message does not claim more than the export shows.
            message: `Disclosure ${i + 1}${d.on ? ` on ${d.on}` : ''} (permit): ${d.consent?.recorded === false ? "the client's consent is not recorded on the case record" : "the export does not show the client's consent recorded on the case record"} (${r.consentNotRecorded.clause}).`,
          });
      }
    const bs = c.breaches;
    if (bs) for (let i = 0; i < bs.length; i++) breachFindings(id, bs[i] as Breach, i, out);
    return out;
  };
}

const auditors = new WeakMap<Policy, Map<string, CaseAuditor>>();
/**
 * Audit dates whose auditor (and memo) {@link auditCase} keeps per policy; a new date beyond them replaces the
 * one used least recently. Each memo holds up to {@link MEMO_LIMIT} answers per kind, keyed by the parties' names too: a server
 * that audits as of each day's date kept 17 days of them (about 10 MB a day, and the names of up to 340,000
 * third parties) before clearing them all.
 */
const DATES_KEPT = 4;

/** Whether `p` is a compiled policy, as `createPolicy` returns it (not `null`, a bundle or a settings object). */
function isPolicy(p: unknown): p is Policy {
  if (typeof p !== 'object' || p === null) return false;
  const o = p as Partial<Policy>;
  return typeof o.decideValid === 'function' && typeof o.loaded === 'object' && o.loaded !== null;
}

/**
 * Re-asks the policy about one exported case: retention as of `asOf` (a record due for
 * destruction and still held on `asOf`, past the days `destructionWithinDays` allows, is a finding,
 * `not-destroyed`; so is one destroyed after them, `destroyed-late`, one destroyed while the policy kept it,
 * `destroyed-early`, and one whose retention the export does not let be checked (a completed degree with no
 * completion date, an `unknown` degree status), `retention-not-checkable`), every recorded disclosure (anything
 * but `permit`, and a permit resting on consent, or a breach authorisation, that the export does not show
 * recorded on the case record, `consent-to-share-not-recorded` (2.1); the client's objection to staff sharing is
 * taken from the case when the disclosure does not say), every breach chain (`non-compliant`), and the consent to
 * record (1.1).
 *
 * The case is validated first, as `upsu-policy audit` validates each line of an export (the same checks: a
 * field that looks like a misnamed objection or list, such as `Disclosures`, is refused rather than dropped),
 * and so is `asOf` (a real calendar date, `YYYY-MM-DD`). Anything not valid throws {@link PolicyInputError}
 * listing every issue (`asOf`'s at the path `['asOf']`, the case's at their paths in it): bad input is never
 * read as "no findings". Only the case's own properties are read. A `policy` (an adapted folder's) whose
 * questions.json leaves out a question the audit asks (retention, recording, disclosure, breach) throws
 * {@link RuleLoadError}.
 *
 * @param c One case, as one line of a case-management export holds it.
 * @param asOf The date of the audit, `YYYY-MM-DD`: retention is decided as of it.
 * @param policy The policy to audit against; the bundled one when not given.
 * @returns Every {@link Finding} of the case, in a stable order (retention, recording, disclosures, breaches); `[]`
 *   when its history is as the policy allows.
 * @throws {@link PolicyInputError} (`code` `invalid-question`, its message saying `case`) when the case or `asOf` is
 *   not valid, listing every issue.
 * @throws {@link RuleLoadError} (`code` `invalid-rules`) when `policy` does not ask a question the audit needs.
 * @throws `TypeError` when `policy` is given but is not a {@link Policy} (`null`, a rule bundle, a settings object):
 *   a caller's mistake, never read as the bundled rules.
 * @example
 * import { auditCase } from 'upsu-confidentiality-policy';
 * auditCase({ id: 'C-1', client: { degreeStatus: 'completed', degreeCompletedOn: '2020-06-30' } }, '2026-11-24');
 * // [{ caseId: 'C-1', code: 'not-destroyed', clause: '3.3', message: '…' }, { caseId: 'C-1', code: 'consent-to-record-not-recorded', … }]
 * auditCase({ id: 'C-2', client: { degreeStatus: 'studying' } }, '2026-02-30');
 * // throws PolicyInputError: [{ path: ['asOf'], code: 'invalid-date', … }]
 * @see 3.3
 */
export function auditCase(c: CaseExport, asOf: string, policy: Policy = defaultPolicy()): Finding[] {
  const issues: Issue[] = [];
  if (!isCalendarDate(asOf)) issues.push(issue('invalid-date', ['asOf']));
  const check = validateCase(c);
  if (!check.ok) issues.push(...check.issues);
  if (!check.ok || issues.length > 0) throw new PolicyInputError(issues, 'case');
  if (!isPolicy(policy))
    throw new TypeError(
      'auditCase: policy must be a Policy (from createPolicy, loadPolicy or defaultPolicy), or left out for the bundled rules',
    );
  let byDate = auditors.get(policy);
  if (!byDate) auditors.set(policy, (byDate = new Map()));
  let auditor = byDate.get(asOf);
  if (auditor) {
    // The most recently used date goes last: a date in use every call (today's) is never the one replaced.
    if (byDate.size > 1) {
      byDate.delete(asOf);
      byDate.set(asOf, auditor);
    }
  } else {
    if (byDate.size >= DATES_KEPT) byDate.delete(byDate.keys().next().value as string);
    byDate.set(asOf, (auditor = createCaseAuditor(policy, asOf, { checked: true })));
  }
  // The validated case as plain data without prototypes: a field it does not have reads as absent, whatever
  // Object.prototype holds.
  return auditor(ownData(check.value) as CaseExport);
}
