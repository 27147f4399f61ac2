// The hand-written baseline for `disclosure`: what a careful developer would write by hand for the same rules —
// validation by hand (types, enums, unknown keys, calendar dates, lengths), the rules as plain conditions in
// priority order, and the same decision object (outcome, clauses, reasons, obligations, remedies, advisories,
// escalateTo, policy). No engine, no tables of closures, no copying of the input.
//
// The texts (reasons, codes, clause order) are read once from the rule bundle, as a hand-written version would
// hold them as constants. bench/run.mjs checks on every generated question that this returns exactly what
// `evaluate` returns; if the rules change and this file does not, the benchmark says so and stops.

export const ROLES = new Set([
  'adviser',
  'advice-lead',
  'advice-manager',
  'chief-executive',
  'senior-management',
  'appointed-manager',
  'dpo',
  'advice-support-staff',
  'upsu-staff',
  'university-staff',
  'pms',
  'membership-body',
  'quality-auditor',
  'client',
  'third-party',
]);
const KINDS = new Set(['case-record', 'presence', 'service-use', 'statistics']);
export const PURPOSES = new Set(['case-management', 'quality-assurance', 'statistics', 'third-party-action', 'other']);
const METHODS = new Set(['consent-to-share', 'email', 'verbal']);
const GROUNDS = new Set(['harm', 'conflict-of-interest', 'legal-duty', 'other']);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function invalid() {
  throw new Error('invalid question');
}
export const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
export function isDate(s) {
  if (typeof s !== 'string' || s.length !== 10 || s[4] !== '-' || s[7] !== '-') return false;
  const y = +s.slice(0, 4);
  const m = +s.slice(5, 7);
  const d = +s.slice(8, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || y < 1 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS[m - 1]);
}
export const optBool = (v) => v === undefined || typeof v === 'boolean';
function codePoints(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function checkParty(p) {
  if (!isObject(p)) invalid();
  for (const k in p) if (k !== 'role' && k !== 'name' && k !== 'involvedInCase' && k !== 'appointedByUpsu') invalid();
  if (!ROLES.has(p.role)) invalid();
  if (p.name !== undefined && (typeof p.name !== 'string' || (p.name.length > 200 && codePoints(p.name) > 200)))
    invalid();
  if (!optBool(p.involvedInCase) || !optBool(p.appointedByUpsu)) invalid();
}

/** Hand validation of a disclosure question: throws on anything the contract does not allow. */
export function validateDisclosure(q) {
  if (!isObject(q)) invalid();
  for (const k in q)
    switch (k) {
      case 'question':
      case 'asOf':
      case 'actor':
      case 'recipient':
      case 'information':
      case 'purpose':
      case 'consent':
      case 'clientObjectsToStaffSharing':
      case 'breach':
        break;
      default:
        invalid();
    }
  if (q.question !== 'disclosure') invalid();
  if (q.asOf !== undefined && !isDate(q.asOf)) invalid();
  checkParty(q.actor);
  checkParty(q.recipient);
  const info = q.information;
  if (!isObject(info)) invalid();
  for (const k in info) if (k !== 'kind' && k !== 'identifiable') invalid();
  if (!KINDS.has(info.kind) || typeof info.identifiable !== 'boolean') invalid();
  if (q.purpose !== undefined && !PURPOSES.has(q.purpose)) invalid();
  const c = q.consent;
  if (c !== undefined) {
    if (!isObject(c)) invalid();
    for (const k in c) if (k !== 'given' && k !== 'method' && k !== 'recorded') invalid();
    if (typeof c.given !== 'boolean' || (c.method !== undefined && !METHODS.has(c.method)) || !optBool(c.recorded))
      invalid();
  }
  if (!optBool(q.clientObjectsToStaffSharing)) invalid();
  const b = q.breach;
  if (b !== undefined) {
    if (!isObject(b)) invalid();
    for (const k in b) if (k !== 'ground' && k !== 'authorisation') invalid();
    if (!GROUNDS.has(b.ground)) invalid();
    const a = b.authorisation;
    if (a !== undefined) {
      if (!isObject(a)) invalid();
      for (const k in a) if (k !== 'decidedBy' && k !== 'agreed' && k !== 'writtenRecord') invalid();
      if (!ROLES.has(a.decidedBy) || typeof a.agreed !== 'boolean' || !optBool(a.writtenRecord)) invalid();
    }
  }
}

const lineManager = (role) => (role === 'adviser' ? 'advice-lead' : role === 'advice-lead' ? 'advice-manager' : null);

function authorisationStatus(a, actor) {
  if (!a) return 'none';
  if (a.agreed !== true) return 'refused';
  if (a.decidedBy === 'adviser' || a.decidedBy === actor) return 'adviser-or-actor';
  const d = a.decidedBy;
  if (!(d === lineManager(actor) || d === 'advice-manager' || d === 'chief-executive' || d === 'appointed-manager'))
    return 'role-may-not-decide';
  if (a.writtenRecord !== true) return 'no-written-record';
  return 'counts';
}

/**
 * Builds the hand-written `disclosure` decider over a rule bundle's texts.
 *
 * @param bundle the bundled rules (`bundledRules`): texts and clause order only
 * @param policy the `{ id, version, rulesHash }` every decision carries
 */
export function createHandwrittenDisclosure(bundle, policy) {
  const rules = new Map();
  for (const f of bundle.ruleFiles) if (f.question === 'disclosure') for (const r of f.rules) rules.set(r.name, r);
  const clauseIds = bundle.clauses.clauses.map((c) => c.id);
  if (clauseIds.length > 62) throw new Error('the hand-written baseline keeps clauses in two 31-bit masks');
  const at = new Map(clauseIds.map((id, i) => [id, i]));
  const bit = (id) => {
    const i = at.get(id);
    return i < 31 ? [1 << i, 0] : [0, 1 << (i - 31)];
  };
  const reason = (name) => {
    const p = rules.get(name).event.params;
    return Object.freeze({ rule: name, clause: p.clauses[0], text: p.text });
  };
  const note = (kind, code) => {
    const e = bundle.codes[kind][code];
    return Object.freeze({ code, clause: e.clause, text: e.text });
  };
  // A rule: its reason, its clauses as masks, the codes it adds.
  const rule = (name, type, obligations = [], remedies = []) => {
    const p = rules.get(name).event.params;
    let lo = 0;
    let hi = 0;
    for (const c of [...p.clauses, ...obligations.map((o) => note('obligations', o).clause)]) {
      const [l, h] = bit(c);
      lo |= l;
      hi |= h;
    }
    return {
      type,
      reason: reason(name),
      lo,
      hi,
      obligations: obligations.map((o) => note('obligations', o)),
      remedies: remedies.map((r) => note('remedies', r)),
    };
  };
  const modifier = (kind, code) => {
    const n = note(kind, code);
    const [lo, hi] = bit(n.clause);
    return { note: n, lo, hi };
  };

  // The deciding rules in priority order (highest first), as the contract lists them.
  const R_TEAM = rule('advice-team-recipient', 'permit');
  const R_DPO = rule('dpo-recipient', 'permit', ['dpo-only-when-necessary']);
  const R_AUDITOR = rule('appointed-quality-auditor', 'permit');
  const R_STATS_PMS = rule('anonymous-statistics-to-pms', 'permit', ['advice-lead-anonymity-check']);
  const R_STATS = rule('anonymous-statistics', 'permit', ['advice-lead-anonymity-check']);
  const R_STATS_BODY = rule('anonymous-statistics-to-membership-body', 'permit');
  const R_ID_STATS = rule('identifiable-statistics', 'deny', [], ['anonymise-statistics']);
  const R_OBJECTS = rule('involved-staff-client-objects', 'deny');
  const R_STAFF = rule('involved-upsu-staff', 'permit');
  const R_PMS = rule('pms-case-management', 'permit', ['share-as-agreed-in-mou']);
  const R_SUPPORT_RECORD = rule('support-staff-case-record', 'deny');
  const R_SUPPORT_PRESENCE = rule('support-staff-presence', 'permit');
  const R_CONSENT_UNI = rule('consent-to-share-university', 'permit');
  const R_CONSENT_PRESENCE = rule('consent-to-share-presence', 'permit');
  const R_CONSENT = rule('consent-to-share', 'permit');
  const R_BREACH_OK = rule('breach-authorised', 'permit', ['ensure-agreed-actions']);
  const R_BREACH_REFUSED = rule('breach-refused', 'deny');
  const R_BREACH_ESCALATE = rule('breach-needs-authorisation', 'escalate', ['raise-with-line-manager']);
  const R_NOT_WRITTEN = rule('breach-authorisation-not-written', 'escalate');
  const R_MAY_NOT = rule('breach-authorisation-role-may-not-decide', 'escalate');
  const R_ADVISER_ACTOR = rule('breach-authorisation-by-adviser-or-actor', 'escalate');
  const R_ADVISER_ACTOR_NOT_WRITTEN = rule('breach-authorisation-by-adviser-or-actor-not-written', 'escalate');
  const R_UNI = rule('university-staff-without-consent', 'deny');
  const R_PRESENCE = rule('presence-without-consent', 'deny');
  const R_THIRD = rule('third-party-without-consent', 'deny');
  const R_CLIENT = rule('client-own-record', 'deny', [], ['subject-access-request']);
  const M_DECLINE = modifier('obligations', 'state-policy-and-decline');
  const M_RECORD = modifier('obligations', 'record-consent');
  const M_CONSENT = modifier('remedies', 'obtain-consent-to-share');
  const M_HARM = modifier('obligations', 'limit-to-preventing-harm');
  const M_CONFLICT = modifier('obligations', 'say-only-cannot-act');
  const M_LAW = modifier('obligations', 'disclose-what-the-law-requires');
  const M_TERRORISM = modifier('advisories', 'terrorism-act-2000');
  const M_GROUND = modifier('advisories', 'ground-not-listed');
  const M_NOT_COVERED = modifier('advisories', 'breach-actor-not-covered');
  const M_REFUSAL = modifier('advisories', 'refusal-not-by-a-decider');
  const notCovered = Object.freeze({
    rule: 'not-covered',
    clause: bundle.questions.disclosure.fallbackClauses[0],
    text: `No rule of the policy covers this disclosure question, so the most cautious outcome (${bundle.questions.disclosure.cautious}) applies.`,
  });
  const [NC_LO, NC_HI] = bit(notCovered.clause);

  const hasCode = (list, code) => {
    for (let i = 0; i < list.length; i++) if (list[i].code === code) return true;
    return false;
  };

  return function decideDisclosure(q) {
    validateDisclosure(q);
    const actor = q.actor.role;
    const role = q.recipient.role;
    const team = role === 'adviser' || role === 'advice-lead';
    const involved = q.recipient.involvedInCase === true;
    const kind = q.information.kind;
    const identifiable = q.information.identifiable;
    const purpose = q.purpose;
    const consent = q.consent;
    const consentGiven = consent !== undefined && consent.given === true;
    const consentCounts = consentGiven && (consent.method === 'consent-to-share' || consent.method === 'email');
    const objects = q.clientObjectsToStaffSharing === true;
    const presence = kind === 'presence' || kind === 'service-use';
    const ground = q.breach === undefined ? null : q.breach.ground;
    const status = q.breach === undefined ? 'none' : authorisationStatus(q.breach.authorisation, actor);
    const manager = lineManager(actor);
    const breachOpen = ground !== null && manager !== null;

    // Every deciding rule, in priority order: does it hold?
    const holds = [
      team,
      role === 'dpo',
      role === 'quality-auditor' && q.recipient.appointedByUpsu === true && purpose === 'quality-assurance',
      kind === 'statistics' && !identifiable && role === 'pms',
      kind === 'statistics' && !identifiable,
      kind === 'statistics' && !identifiable && role === 'membership-body',
      kind === 'statistics' && identifiable && !team && role !== 'dpo',
      role === 'upsu-staff' && involved && objects,
      role === 'upsu-staff' && involved && !objects,
      role === 'pms' && purpose === 'case-management',
      role === 'advice-support-staff' && kind === 'case-record',
      role === 'advice-support-staff' && presence,
      consentCounts && role === 'university-staff',
      consentCounts && presence,
      consentCounts,
      ground !== null && status === 'counts',
      ground !== null && status === 'refused',
      breachOpen && status !== 'counts' && status !== 'refused',
      breachOpen && status === 'no-written-record',
      breachOpen && status === 'role-may-not-decide',
      breachOpen && status === 'adviser-or-actor',
      breachOpen && status === 'adviser-or-actor' && q.breach.authorisation.writtenRecord !== true,
      role === 'university-staff' && identifiable && !consentCounts,
      presence && identifiable && !team && role !== 'client' && !consentCounts,
      kind === 'case-record' &&
        identifiable &&
        !team &&
        role !== 'university-staff' &&
        role !== 'client' &&
        !consentCounts,
      role === 'client' && kind === 'case-record',
    ];
    const table = [
      R_TEAM,
      R_DPO,
      R_AUDITOR,
      R_STATS_PMS,
      R_STATS,
      R_STATS_BODY,
      R_ID_STATS,
      R_OBJECTS,
      R_STAFF,
      R_PMS,
      R_SUPPORT_RECORD,
      R_SUPPORT_PRESENCE,
      R_CONSENT_UNI,
      R_CONSENT_PRESENCE,
      R_CONSENT,
      R_BREACH_OK,
      R_BREACH_REFUSED,
      R_BREACH_ESCALATE,
      R_NOT_WRITTEN,
      R_MAY_NOT,
      R_ADVISER_ACTOR,
      R_ADVISER_ACTOR_NOT_WRITTEN,
      R_UNI,
      R_PRESENCE,
      R_THIRD,
      R_CLIENT,
    ];
    let first = 0;
    while (first < holds.length && !holds[first]) first++;
    const outcome = first < holds.length ? table[first].type : 'deny';
    const reasons = [];
    const obligations = [];
    const remedies = [];
    const advisories = [];
    let lo = 0;
    let hi = 0;
    let escalate = false;
    if (first === holds.length) {
      reasons.push(notCovered);
      lo |= NC_LO;
      hi |= NC_HI;
    } else
      for (let i = first; i < holds.length; i++) {
        const r = table[i];
        if (!holds[i] || r.type !== outcome) continue;
        reasons.push(r.reason);
        lo |= r.lo;
        hi |= r.hi;
        for (const o of r.obligations) if (!hasCode(obligations, o.code)) obligations.push(o);
        for (const m of r.remedies) if (!hasCode(remedies, m.code)) remedies.push(m);
        if (r === R_BREACH_ESCALATE) escalate = true;
      }
    // Obligations, remedies and advisories of their own (an obligation's clause joins the decision's clauses).
    const add = (m, list) => {
      if (!hasCode(list, m.note.code)) list.push(m.note);
      if (list === obligations) {
        lo |= m.lo;
        hi |= m.hi;
      }
    };
    if (outcome === 'deny' && (role === 'third-party' || role === 'university-staff')) add(M_DECLINE, obligations);
    if (outcome === 'permit' && consentCounts && consent.recorded !== true) add(M_RECORD, obligations);
    // Consent would turn a deny into a permit, unless a deny that consent does not lift applies.
    const consentWouldHelp =
      !consentCounts &&
      !(role === 'advice-support-staff' && kind === 'case-record') &&
      !(role === 'upsu-staff' && involved && objects) &&
      !(kind === 'statistics' && identifiable) &&
      !(role === 'client' && kind === 'case-record');
    if (outcome === 'deny' && consentWouldHelp) add(M_CONSENT, remedies);
    if (outcome === 'permit' && status === 'counts') {
      if (ground === 'harm') add(M_HARM, obligations);
      else if (ground === 'conflict-of-interest') add(M_CONFLICT, obligations);
      else if (ground === 'legal-duty') add(M_LAW, obligations);
    }
    if (ground === 'legal-duty') add(M_TERRORISM, advisories);
    else if (ground === 'other') add(M_GROUND, advisories);
    // Only the Advice team breaches confidentiality (5.3, 5.4.1); a refusal by someone who may not decide (5.4.3).
    if (ground !== null && manager === null) add(M_NOT_COVERED, advisories);
    const a = q.breach === undefined ? undefined : q.breach.authorisation;
    if (
      outcome === 'deny' &&
      manager !== null &&
      a !== undefined &&
      a.agreed !== true &&
      authorisationStatus({ ...a, agreed: true, writtenRecord: true }, actor) !== 'counts'
    )
      add(M_REFUSAL, advisories);

    const clauses = [];
    for (let i = 0; lo !== 0 && i < 31; i++) if (lo & (1 << i)) clauses.push(clauseIds[i]);
    for (let i = 0; hi !== 0 && i < 31; i++) if (hi & (1 << i)) clauses.push(clauseIds[31 + i]);
    return escalate
      ? {
          question: 'disclosure',
          outcome,
          escalateTo: manager,
          clauses,
          reasons,
          obligations,
          remedies,
          advisories,
          policy,
        }
      : { question: 'disclosure', outcome, clauses, reasons, obligations, remedies, advisories, policy };
  };
}
