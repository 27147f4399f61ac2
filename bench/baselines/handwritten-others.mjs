// Hand-written baselines for `retention`, `contact` and `access`: validation by hand and the same decision
// object as `evaluate`, for the same rules, written as a developer would write them without an engine. Texts
// and clause order come from the rule bundle once, at set-up. bench/run.mjs checks on every generated question
// that each returns exactly what `evaluate` returns.

import { checkParty, invalid, isDate, isObject, optBool, PURPOSES } from './handwritten-disclosure.mjs';

const CHANNELS = new Set(['phone', 'email', 'post']);
const SITUATIONS = new Set(['direct', 'message', 'answered-by-other']);
const STATUSES = new Set(['studying', 'completed', 'withdrawn', 'unknown']);
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** One calendar year later; 29 February → 28 February (as date-fns addYears). */
function oneYearAfter(iso) {
  const y = +iso.slice(0, 4) + 1;
  const md = iso.slice(5);
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap(y) ? '02-28' : md}`;
}
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Texts and clause order from the bundle: what a hand-written version would hold as constants. */
function texts(bundle, question) {
  const rules = new Map();
  for (const f of bundle.ruleFiles) if (f.question === question) for (const r of f.rules) rules.set(r.name, r);
  const order = new Map(bundle.clauses.clauses.map((c, i) => [c.id, i]));
  const byOrder = (a, b) => order.get(a) - order.get(b);
  const reason = (name) => {
    const p = rules.get(name).event.params;
    return Object.freeze({ rule: name, clause: p.clauses[0], text: p.text });
  };
  const clausesOf = (name, extra = []) =>
    [...new Set([...rules.get(name).event.params.clauses, ...extra])].sort(byOrder);
  const note = (kind, code) => {
    const e = bundle.codes[kind][code];
    return Object.freeze({ code, clause: e.clause, text: e.text });
  };
  return { reason, clausesOf, note, byOrder };
}

/** `retention` (3.3), by hand. */
export function createHandwrittenRetention(bundle, policy) {
  const { reason, clausesOf, note } = texts(bundle, 'retention');
  const STUDYING = reason('still-studying');
  const WITHIN = reason('within-year-after-completion');
  const PASSED = reason('year-after-completion-passed');
  const WITHDRAWN = reason('withdrawn-no-period');
  const UNKNOWN = reason('degree-status-unknown');
  const MISSING = reason('completion-date-missing');
  const DESTROY = note('obligations', 'destroy-all-copies');
  const SET_PERIOD = note('remedies', 'set-retention-period');
  const CONFIRM = note('remedies', 'confirm-degree-status');
  const RECORD_DATE = note('remedies', 'record-degree-completion-date');
  const C = clausesOf('still-studying');
  const C_DESTROY = clausesOf('year-after-completion-passed', [DESTROY.clause]);
  return function decideRetention(q) {
    if (!isObject(q)) invalid();
    for (const k in q) if (k !== 'question' && k !== 'asOf' && k !== 'client') invalid();
    if (q.question !== 'retention' || (q.asOf !== undefined && !isDate(q.asOf))) invalid();
    const c = q.client;
    if (!isObject(c)) invalid();
    for (const k in c) if (k !== 'degreeStatus' && k !== 'degreeCompletedOn') invalid();
    if (!STATUSES.has(c.degreeStatus) || (c.degreeCompletedOn !== undefined && !isDate(c.degreeCompletedOn))) invalid();
    switch (c.degreeStatus) {
      case 'studying':
        return {
          question: 'retention',
          outcome: 'retain',
          clauses: C.slice(),
          reasons: [STUDYING],
          obligations: [],
          remedies: [],
          advisories: [],
          policy,
        };
      case 'withdrawn':
        return {
          question: 'retention',
          outcome: 'review',
          clauses: C.slice(),
          reasons: [WITHDRAWN],
          obligations: [],
          remedies: [SET_PERIOD],
          advisories: [],
          policy,
        };
      case 'unknown':
        return {
          question: 'retention',
          outcome: 'review',
          clauses: C.slice(),
          reasons: [UNKNOWN],
          obligations: [],
          remedies: [CONFIRM],
          advisories: [],
          policy,
        };
      default: {
        if (c.degreeCompletedOn === undefined)
          return {
            question: 'retention',
            outcome: 'review',
            clauses: C.slice(),
            reasons: [MISSING],
            obligations: [],
            remedies: [RECORD_DATE],
            advisories: [],
            policy,
          };
        const destroyAfter = oneYearAfter(c.degreeCompletedOn);
        const asOf = q.asOf ?? today();
        return asOf <= destroyAfter
          ? {
              question: 'retention',
              outcome: 'retain',
              destroyAfter,
              clauses: C.slice(),
              reasons: [WITHIN],
              obligations: [],
              remedies: [],
              advisories: [],
              policy,
            }
          : {
              question: 'retention',
              outcome: 'destroy',
              destroyAfter,
              clauses: C_DESTROY.slice(),
              reasons: [PASSED],
              obligations: [DESTROY],
              remedies: [],
              advisories: [],
              policy,
            };
      }
    }
  };
}

/** `contact` (2.3), by hand. */
export function createHandwrittenContact(bundle, policy) {
  const { reason, clausesOf, note, byOrder } = texts(bundle, 'contact');
  const DENY = reason('channel-unacceptable');
  const PERMIT = reason('channel-acceptable');
  const NO_REF = note('obligations', 'no-service-reference');
  const USE_OTHER = note('remedies', 'use-acceptable-channel');
  const C_DENY = clausesOf('channel-unacceptable');
  const C_PERMIT = clausesOf('channel-acceptable');
  const C_PERMIT_REF = [...new Set([...C_PERMIT, NO_REF.clause])].sort(byOrder);
  return function decideContact(q) {
    if (!isObject(q)) invalid();
    for (const k in q)
      if (k !== 'question' && k !== 'asOf' && k !== 'channel' && k !== 'situation' && k !== 'clientPreferences')
        invalid();
    if (q.question !== 'contact' || (q.asOf !== undefined && !isDate(q.asOf))) invalid();
    if (!CHANNELS.has(q.channel) || (q.situation !== undefined && !SITUATIONS.has(q.situation))) invalid();
    const p = q.clientPreferences;
    let unacceptable = false;
    let named = false;
    if (p !== undefined) {
      if (!isObject(p)) invalid();
      for (const k in p) if (k !== 'unacceptable' && k !== 'serviceMayBeNamed') invalid();
      const u = p.unacceptable;
      if (u !== undefined) {
        if (!Array.isArray(u) || u.length > 3) invalid();
        for (let i = 0; i < u.length; i++) {
          if (!CHANNELS.has(u[i])) invalid();
          if (u[i] === q.channel) unacceptable = true;
        }
      }
      if (!optBool(p.serviceMayBeNamed)) invalid();
      named = p.serviceMayBeNamed === true;
    }
    if (unacceptable)
      return {
        question: 'contact',
        outcome: 'deny',
        clauses: C_DENY.slice(),
        reasons: [DENY],
        obligations: [],
        remedies: [USE_OTHER],
        advisories: [],
        policy,
      };
    // The rule reads "not direct": a contact whose situation is not given gets the obligation too.
    const noRef = q.situation !== 'direct' && !named;
    return noRef
      ? {
          question: 'contact',
          outcome: 'permit',
          clauses: C_PERMIT_REF.slice(),
          reasons: [PERMIT],
          obligations: [NO_REF],
          remedies: [],
          advisories: [],
          policy,
        }
      : {
          question: 'contact',
          outcome: 'permit',
          clauses: C_PERMIT.slice(),
          reasons: [PERMIT],
          obligations: [],
          remedies: [],
          advisories: [],
          policy,
        };
  };
}

/** `access` (3.1, 3.2), by hand. */
export function createHandwrittenAccess(bundle, policy) {
  const { reason, clausesOf, note } = texts(bundle, 'access');
  const LOG_OFF = note('obligations', 'log-off-when-not-in-use');
  const TEAM = reason('advice-team-access');
  const DPO = reason('dpo-access-when-necessary');
  const DPO_NO = reason('dpo-access-not-necessary');
  const AUDITOR = reason('appointed-quality-auditor-access');
  const AUDITOR_NO = reason('quality-auditor-not-appointed-or-other-purpose');
  const CLIENT = reason('client-own-records');
  const OUTSIDE = reason('outside-advice-team');
  const STATE = note('remedies', 'state-necessity');
  const APPOINTED = note('remedies', 'appointed-auditor-only');
  const SAR = note('remedies', 'subject-access-request');
  const C_TEAM = clausesOf('advice-team-access', [LOG_OFF.clause]);
  const C_DPO = clausesOf('dpo-access-when-necessary', [LOG_OFF.clause]);
  const C = clausesOf('outside-advice-team');
  const C_CLIENT = clausesOf('client-own-records');
  return function decideAccess(q) {
    if (!isObject(q)) invalid();
    for (const k in q)
      if (k !== 'question' && k !== 'asOf' && k !== 'actor' && k !== 'purpose' && k !== 'necessary') invalid();
    if (q.question !== 'access' || (q.asOf !== undefined && !isDate(q.asOf))) invalid();
    checkParty(q.actor);
    if ((q.purpose !== undefined && !PURPOSES.has(q.purpose)) || !optBool(q.necessary)) invalid();
    const role = q.actor.role;
    if (role === 'adviser' || role === 'advice-lead')
      return {
        question: 'access',
        outcome: 'permit',
        clauses: C_TEAM.slice(),
        reasons: [TEAM],
        obligations: [LOG_OFF],
        remedies: [],
        advisories: [],
        policy,
      };
    if (role === 'dpo')
      return q.necessary === true
        ? {
            question: 'access',
            outcome: 'permit',
            clauses: C_DPO.slice(),
            reasons: [DPO],
            obligations: [LOG_OFF],
            remedies: [],
            advisories: [],
            policy,
          }
        : {
            question: 'access',
            outcome: 'deny',
            clauses: C.slice(),
            reasons: [DPO_NO],
            obligations: [],
            remedies: [STATE],
            advisories: [],
            policy,
          };
    if (role === 'quality-auditor')
      return q.actor.appointedByUpsu === true && q.purpose === 'quality-assurance'
        ? {
            question: 'access',
            outcome: 'permit',
            clauses: C.slice(),
            reasons: [AUDITOR],
            obligations: [],
            remedies: [],
            advisories: [],
            policy,
          }
        : {
            question: 'access',
            outcome: 'deny',
            clauses: C.slice(),
            reasons: [AUDITOR_NO],
            obligations: [],
            remedies: [APPOINTED],
            advisories: [],
            policy,
          };
    if (role === 'client')
      return {
        question: 'access',
        outcome: 'deny',
        clauses: C_CLIENT.slice(),
        reasons: [CLIENT],
        obligations: [],
        remedies: [SAR],
        advisories: [],
        policy,
      };
    return {
      question: 'access',
      outcome: 'deny',
      clauses: C.slice(),
      reasons: [OUTSIDE],
      obligations: [],
      remedies: [],
      advisories: [],
      policy,
    };
  };
}
