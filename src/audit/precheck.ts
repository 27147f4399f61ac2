import type { Issue } from '../decision/types.js';
import type { CaseExport } from '../facts/case-export.js';
import {
  BREACH_GROUNDS,
  CONSENT_METHODS,
  DEGREE_STATUSES,
  INFORMATION_KINDS,
  MAX_BREACHES,
  MAX_DISCLOSURES,
  MAX_STEPS,
  PURPOSES,
  ROLES,
} from '../facts/constants.js';
import { isCalendarDateFast } from '../facts/fast-validate.js';
import { nearMissTest } from '../facts/near-miss.js';
import { ownData } from '../facts/own-data.js';
import { zodSchemas } from '../facts/schema-loader.js';
import { fromZodIssues, unreadableIssue } from '../facts/validate.js';
import type { Projection } from './json-line.js';

// A hand-written fast path for validating a case-export line. It accepts a value only when the zod schema
// (`caseExport`) would, and then returns what zod would (known fields only, unknown ones dropped). Anything it
// is not sure of goes to zod, which stays the definition: `validateCase` is `caseExport.safeParse` in effect.
// test/cli/precheck.test.ts checks the two agree on valid, invalid and mutated cases.

type Obj = Record<string, unknown>;

const roles: ReadonlySet<unknown> = new Set(ROLES);
const degreeStatuses: ReadonlySet<unknown> = new Set(DEGREE_STATUSES);
const kinds: ReadonlySet<unknown> = new Set(INFORMATION_KINDS);
const purposes: ReadonlySet<unknown> = new Set(PURPOSES);
const methods: ReadonlySet<unknown> = new Set(CONSENT_METHODS);
const grounds: ReadonlySet<unknown> = new Set(BREACH_GROUNDS);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const optBool = (v: unknown) => v === undefined || typeof v === 'boolean';
/**
 * A real calendar date, `YYYY-MM-DD` (the schema's `isoDate`), tested on the characters: no regular expression,
 * and no set of dates already seen, whose lookup hashed each date the line parser had just sliced.
 */
const isDate: (v: unknown) => boolean = isCalendarDateFast;
const optDate = (v: unknown) => v === undefined || isDate(v);

/** Checks that `o` has no key outside `allowed` (for zod strict objects). */
function onlyKeys(o: Obj, allowed: ReadonlySet<string>): boolean {
  for (const k in o) if (!allowed.has(k)) return false;
  return true;
}

const PARTY_KEYS = new Set(['role', 'name', 'involvedInCase', 'appointedByUpsu']);
function party(v: unknown): boolean {
  if (!isObj(v) || !onlyKeys(v, PARTY_KEYS) || !roles.has(v.role)) return false;
  const n = v.name;
  if (n !== undefined && (typeof n !== 'string' || n.length > 200)) return false;
  return optBool(v.involvedInCase) && optBool(v.appointedByUpsu);
}

const INFO_KEYS = new Set(['kind', 'identifiable']);
const CONSENT_KEYS = new Set(['given', 'method', 'recorded']);
const BREACH_CLAIM_KEYS = new Set(['ground', 'authorisation']);
const AUTH_KEYS = new Set(['decidedBy', 'agreed', 'writtenRecord']);

/** Whether `o` has a field `test` refuses: a misnamed objection, list or destruction date (zod refuses the line: near-miss.ts). */
function misnamed(o: Obj, test: (key: string) => boolean): boolean {
  for (const k in o) if (test(k)) return true;
  return false;
}

const DISCLOSURE_KEYS = new Set([
  'on',
  'actor',
  'recipient',
  'information',
  'purpose',
  'consent',
  'clientObjectsToStaffSharing',
  'breach',
]);
const disclosureMisnamed = nearMissTest('disclosure', [...DISCLOSURE_KEYS]);
const BREACH_KEYS = new Set(['raisedBy', 'ground', 'steps']);
const breachMisnamed = nearMissTest('breach', [...BREACH_KEYS]);

function disclosure(v: unknown, projected: boolean): Obj | undefined {
  if (!isObj(v) || (!projected && misnamed(v, disclosureMisnamed))) return undefined;
  if (!optDate(v.on) || !party(v.actor) || !party(v.recipient)) return undefined;
  const info = v.information;
  if (!isObj(info) || !onlyKeys(info, INFO_KEYS) || !kinds.has(info.kind) || typeof info.identifiable !== 'boolean')
    return undefined;
  if (v.purpose !== undefined && !purposes.has(v.purpose)) return undefined;
  const c = v.consent;
  if (c !== undefined) {
    if (!isObj(c) || !onlyKeys(c, CONSENT_KEYS) || typeof c.given !== 'boolean' || !optBool(c.recorded))
      return undefined;
    if (c.method !== undefined && !methods.has(c.method)) return undefined;
  }
  if (!optBool(v.clientObjectsToStaffSharing)) return undefined;
  const b = v.breach;
  if (b !== undefined) {
    if (!isObj(b) || !onlyKeys(b, BREACH_CLAIM_KEYS) || !grounds.has(b.ground)) return undefined;
    const a = b.authorisation;
    if (
      a !== undefined &&
      (!isObj(a) ||
        !onlyKeys(a, AUTH_KEYS) ||
        !roles.has(a.decidedBy) ||
        typeof a.agreed !== 'boolean' ||
        !optBool(a.writtenRecord))
    )
      return undefined;
  }
  // The line parser's object holds only the schema's fields (it built no others): valid, it is the value.
  if (projected) return v;
  // The schema's fields in its order, unknown ones dropped (written out: one object shape for every copy).
  const out: Obj = {};
  if ('on' in v) out.on = v.on;
  out.actor = v.actor;
  out.recipient = v.recipient;
  out.information = info;
  if ('purpose' in v) out.purpose = v.purpose;
  if ('consent' in v) out.consent = c;
  if ('clientObjectsToStaffSharing' in v) out.clientObjectsToStaffSharing = v.clientObjectsToStaffSharing;
  if ('breach' in v) out.breach = b;
  return out;
}

const STEP_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  raised: new Set(['step', 'with', 'on']),
  discussed: new Set(['step', 'recordedInCaseNotes', 'on']),
  decided: new Set(['step', 'by', 'agreed', 'writtenRecord', 'on']),
  recorded: new Set(['step', 'on']),
  disclosed: new Set(['step', 'on']),
};

function step(v: unknown): boolean {
  if (!isObj(v) || typeof v.step !== 'string') return false;
  // Own keys only: a step named `constructor` or `toString` is not one (zod reports it).
  const keys = Object.hasOwn(STEP_KEYS, v.step) ? STEP_KEYS[v.step] : undefined;
  if (!keys || !onlyKeys(v, keys) || !optDate(v.on)) return false;
  switch (v.step) {
    case 'raised':
      return roles.has(v.with);
    case 'discussed':
      return typeof v.recordedInCaseNotes === 'boolean';
    case 'decided':
      return roles.has(v.by) && typeof v.agreed === 'boolean' && optBool(v.writtenRecord);
    default:
      return true;
  }
}

function breach(v: unknown, projected: boolean): Obj | undefined {
  if (!isObj(v) || (!projected && misnamed(v, breachMisnamed))) return undefined;
  if (!roles.has(v.raisedBy) || !grounds.has(v.ground)) return undefined;
  const steps = v.steps;
  if (!Array.isArray(steps) || steps.length > MAX_STEPS) return undefined;
  for (const s of steps) if (!step(s)) return undefined;
  // The parser's object holds only these three fields: no copy (see fastCaseExport).
  return projected ? v : { raisedBy: v.raisedBy, ground: v.ground, steps };
}

const INVALID: unique symbol = Symbol('invalid');

/**
 * Checks an optional list (an array of at most `max` elements, each passing `check`): INVALID when it does not
 * pass; otherwise the copies `check` made of its elements (schema's fields, in its order), or `undefined` when the
 * value is the parser's (`projected`: kept as it is) or the list is absent.
 */
function checkedList(
  list: unknown,
  max: number,
  check: (v: unknown, projected: boolean) => Obj | undefined,
  projected: boolean,
): Obj[] | undefined | typeof INVALID {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length > max) return INVALID;
  const copies: Obj[] | undefined = projected ? undefined : new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const e = check(list[i], projected);
    if (!e) return INVALID;
    if (copies) copies[i] = e;
  }
  return copies;
}

/** The fields of a case and of its client. */
const CASE_KEYS = new Set(['id', 'client', 'disclosures', 'breaches', 'destroyedOn']);
const CLIENT_KEYS = new Set(['degreeStatus', 'degreeCompletedOn', 'consentToRecord', 'objectsToStaffSharing']);
const caseMisnamed = nearMissTest('case', [...CASE_KEYS]);
const clientMisnamed = nearMissTest('client', [...CLIENT_KEYS]);

/**
 * The members of a case line the audit builds: the case's and its client's fields (both objects drop unknown
 * members, so the client's name, email and student id and a case's notes are never needed; test/json-line.test.ts
 * checks these lists against the schema).
 */
export const CASE_PROJECTION: Projection = {
  keep: CASE_KEYS,
  refuse: caseMisnamed,
  members: {
    client: { keep: CLIENT_KEYS, refuse: clientMisnamed },
    disclosures: { keep: DISCLOSURE_KEYS, refuse: disclosureMisnamed },
    breaches: { keep: BREACH_KEYS, refuse: breachMisnamed },
  },
};

/**
 * Every property name and enum value of a valid case (the audit's line parser returns these very strings
 * rather than new copies: see json-line.ts), and names of fields exports commonly carry that the audit skips (a
 * speed hint only: the parser then remembers by name that they are not misnamed fields).
 */
export const CASE_STRINGS: readonly string[] = [
  ...['clientName', 'email', 'studentId', 'notes', 'caseNotes', 'phone'],
  ...CASE_KEYS,
  ...CLIENT_KEYS,
  ...DISCLOSURE_KEYS,
  ...PARTY_KEYS,
  ...INFO_KEYS,
  ...CONSENT_KEYS,
  ...BREACH_CLAIM_KEYS,
  ...AUTH_KEYS,
  ...BREACH_KEYS,
  ...Object.keys(STEP_KEYS),
  ...Object.values(STEP_KEYS).flatMap((keys) => [...keys]),
  ...ROLES,
  ...DEGREE_STATUSES,
  ...INFORMATION_KINDS,
  ...PURPOSES,
  ...CONSENT_METHODS,
  ...BREACH_GROUNDS,
];

/**
 * The fast path: the validated case when `v` certainly passes `caseExport`, else `undefined` (then ask zod).
 * `projected`: `v` is the line parser's value under {@link CASE_PROJECTION}, whose case, client, disclosure and
 * breach objects hold only their schema's fields (the parser gave up on misnamed ones), so they are not looked
 * for again.
 *
 * @example
 * fastCaseExport({ id: 'C-1', client: { degreeStatus: 'studying', email: 'x@example.invalid' } });
 * // { id: 'C-1', client: { degreeStatus: 'studying' } }
 */
export function fastCaseExport(v: unknown, projected = false): CaseExport | undefined {
  if (!isObj(v) || (!projected && misnamed(v, caseMisnamed))) return undefined;
  const id = v.id;
  if (typeof id !== 'string' || id.length < 1 || id.length > 200) return undefined;
  const cl = v.client;
  if (!isObj(cl) || (!projected && misnamed(cl, clientMisnamed))) return undefined;
  if (!degreeStatuses.has(cl.degreeStatus)) return undefined;
  if (cl.degreeCompletedOn != null && !isDate(cl.degreeCompletedOn)) return undefined;
  if (cl.consentToRecord != null && typeof cl.consentToRecord !== 'boolean') return undefined;
  if (!optBool(cl.objectsToStaffSharing)) return undefined;
  const disclosures = checkedList(v.disclosures, MAX_DISCLOSURES, disclosure, projected);
  if (disclosures === INVALID) return undefined;
  const breaches = checkedList(v.breaches, MAX_BREACHES, breach, projected);
  if (breaches === INVALID) return undefined;
  const destroyedOn = v.destroyedOn;
  if (destroyedOn != null && !isDate(destroyedOn)) return undefined;
  // The line parser's objects hold only the schema's fields (it built no others): valid, they are the value.
  if (projected) return v as CaseExport;
  // Otherwise a copy with the schema's fields in its order, unknown ones dropped (written out: one object shape).
  const client: Obj = { degreeStatus: cl.degreeStatus };
  if ('degreeCompletedOn' in cl) client.degreeCompletedOn = cl.degreeCompletedOn;
  if ('consentToRecord' in cl) client.consentToRecord = cl.consentToRecord;
  if ('objectsToStaffSharing' in cl) client.objectsToStaffSharing = cl.objectsToStaffSharing;
  const out: Obj = { id, client };
  if ('disclosures' in v) out.disclosures = disclosures;
  if ('breaches' in v) out.breaches = breaches;
  if ('destroyedOn' in v) out.destroyedOn = destroyedOn;
  return out as CaseExport;
}

/** A validated case, or its issues (from zod: the definition). Never throws. */
export type CaseCheck = { ok: true; value: CaseExport } | { ok: false; issues: Issue[] };

/**
 * Validates one parsed case-export line: the fast path, falling back to `caseExport.safeParse` for anything
 * the fast path does not accept (which also builds the issue report; zod reports an array over its maximum
 * once, `too-big`, without checking its elements). `projected`: as for {@link fastCaseExport} (zod's report is the
 * same either way: the members the projection left out are ones zod drops without an issue).
 *
 * @example
 * validateCase({ id: 'C-1', client: {} }); // { ok: false, issues: [{ path: ['client', 'degreeStatus'], code: 'required', … }] }
 */
export function validateCase(v: unknown, projected = false): CaseCheck {
  // Only own properties count. A projected value is the audit's line parser's, plain data built from JSON text,
  // read as it is (the audit's speed); anything else is read through a copy of its own properties
  // (objects without a prototype), so that neither check reads an inherited field (a polluted
  // Object.prototype, an `Object.create(proto)` case) as given.
  let data: unknown;
  try {
    data = projected ? v : ownData(v);
  } catch {
    // A case that cannot be read (a getter that throws, a revoked Proxy; never the audit's own parsed lines).
    return { ok: false, issues: [unreadableIssue()] };
  }
  const fast = fastCaseExport(data, projected);
  if (fast) return { ok: true, value: fast };
  const r = zodSchemas().caseExport.safeParse(data);
  // Without prototypes, as in validateQuestion: an absent optional field is not read from Object.prototype.
  if (r.success) return { ok: true, value: ownData(r.data) as typeof r.data };
  return { ok: false, issues: fromZodIssues(r.error.issues, data) };
}
