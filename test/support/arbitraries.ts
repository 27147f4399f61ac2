// fast-check arbitraries: valid questions of every kind (as CONTRACT.md describes them, written here from the
// contract rather than from src/facts so a schema bug cannot hide itself), arbitrary JSON, and questions
// made surely malformed.
import fc from 'fast-check';

/** Runs per property: 10,000 in CI; `PROPERTY_RUNS=1000000` (npm run test:properties) for the long run. */
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);
/** A fixed seed, so CI is reproducible; `PROPERTY_SEED` to explore others. */
export const SEED = Number(process.env.PROPERTY_SEED ?? 20261124);
/** The fast-check parameters every property uses. */
export const params = (runs = RUNS) => ({ seed: SEED, numRuns: runs, endOnFailure: true });
/** A vitest timeout that grows with the number of runs (about 1 ms a run, at least 60 s). */
export const timeout = (runs = RUNS) => Math.max(60_000, runs * 1);

// The contract's vocabulary, written once for every test generator (independently of src/facts).
import {
  CHANNELS,
  DEGREE_STATUSES,
  BREACH_GROUNDS as GROUNDS,
  INFORMATION_KINDS as KINDS,
  CONSENT_METHODS as METHODS,
  PURPOSES,
  ROLES,
} from './random-questions.js';

export { CHANNELS, DEGREE_STATUSES, GROUNDS, KINDS, METHODS, PURPOSES, ROLES };
export type Role = (typeof ROLES)[number];

export const role = fc.constantFrom(...ROLES);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A `YYYY-MM-DD` string from a Date, read in UTC. */
export const isoOf = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A real calendar date between two years (inclusive), as `YYYY-MM-DD`. */
export const isoDate = (fromYear = 1990, toYear = 2100) =>
  fc
    .date({
      min: new Date(Date.UTC(fromYear, 0, 1)),
      max: new Date(Date.UTC(toYear, 11, 31, 23, 59, 59)),
      noInvalidDate: true,
    })
    .map(isoOf);

/** `fc.record` with every key optional, for the fields the contract marks optional. */
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Drops the keys whose value is undefined (a JSON question has no `undefined`). */
const clean = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A party whose role is drawn from `roles`. */
export const party = (roles: fc.Arbitrary<Role> = role) =>
  fc
    .record({
      role: roles,
      name: opt(fc.string({ maxLength: 30 })),
      involvedInCase: opt(fc.boolean()),
      appointedByUpsu: opt(fc.boolean()),
    })
    .map(clean);

const asOf = opt(isoDate());

export const disclosure = fc
  .record({
    question: fc.constant('disclosure' as const),
    asOf,
    actor: party(),
    recipient: party(),
    information: fc.record({ kind: fc.constantFrom(...KINDS), identifiable: fc.boolean() }),
    purpose: opt(fc.constantFrom(...PURPOSES)),
    consent: opt(
      fc
        .record({ given: fc.boolean(), method: opt(fc.constantFrom(...METHODS)), recorded: opt(fc.boolean()) })
        .map(clean),
    ),
    clientObjectsToStaffSharing: opt(fc.boolean()),
    breach: opt(
      fc
        .record({
          ground: fc.constantFrom(...GROUNDS),
          authorisation: opt(
            fc.record({ decidedBy: role, agreed: fc.boolean(), writtenRecord: opt(fc.boolean()) }).map(clean),
          ),
        })
        .map(clean),
    ),
  })
  .map(clean);

export type DisclosureQ = typeof disclosure extends fc.Arbitrary<infer T> ? T : never;

export const access = fc
  .record({
    question: fc.constant('access' as const),
    asOf,
    actor: party(),
    purpose: opt(fc.constantFrom(...PURPOSES)),
    necessary: opt(fc.boolean()),
  })
  .map(clean);

export const contact = fc
  .record({
    question: fc.constant('contact' as const),
    asOf,
    channel: fc.constantFrom(...CHANNELS),
    situation: opt(fc.constantFrom('direct', 'message', 'answered-by-other')),
    clientPreferences: opt(
      fc
        .record({
          unacceptable: opt(fc.uniqueArray(fc.constantFrom(...CHANNELS), { maxLength: 3 })),
          serviceMayBeNamed: opt(fc.boolean()),
        })
        .map(clean),
    ),
  })
  .map(clean);

export const recording = fc
  .record({ question: fc.constant('recording' as const), asOf, consentToRecord: fc.boolean(), relevant: fc.boolean() })
  .map(clean);

/** The identifying fields CONTRACT.md lists for statistics-release (at least these; matched case-insensitively). */
export const IDENTIFYING = [
  'name',
  'firstName',
  'lastName',
  'email',
  'phone',
  'address',
  'postcode',
  'studentId',
  'dateOfBirth',
  'caseNotes',
  'caseId',
];
const field = fc.oneof(
  fc.constantFrom('issueType', 'faculty', 'month', 'outcome', 'count', 'campus', 'level'),
  fc.constantFrom(...IDENTIFYING).map((f) => (Math.abs(f.length) % 2 ? f.toUpperCase() : f)),
  fc.string({ maxLength: 12 }),
);

export const statisticsRelease = fc
  .record({
    question: fc.constant('statistics-release' as const),
    asOf,
    actor: party(),
    recipient: party(),
    fields: fc.array(field, { maxLength: 8 }),
    smallestCount: opt(fc.nat({ max: 50 })),
  })
  .map(clean);

export const subjectAccess = fc
  .record({
    question: fc.constant('subject-access' as const),
    asOf,
    request: fc
      .record({
        inWriting: fc.boolean(),
        addressedTo: role,
        feePaid: fc.boolean(),
        identityVerified: fc.boolean(),
        receivedOn: opt(isoDate()),
      })
      .map(clean),
  })
  .map(clean);

export const retention = fc
  .record({
    question: fc.constant('retention' as const),
    asOf,
    client: fc
      .record({ degreeStatus: fc.constantFrom(...DEGREE_STATUSES), degreeCompletedOn: opt(isoDate()) })
      .map(clean),
  })
  .map(clean);

const step = fc.oneof(
  fc.record({ step: fc.constant('raised'), with: role }),
  fc.record({ step: fc.constant('discussed'), recordedInCaseNotes: fc.boolean() }),
  fc
    .record({ step: fc.constant('decided'), by: role, agreed: fc.boolean(), writtenRecord: opt(fc.boolean()) })
    .map(clean),
  fc.record({ step: fc.constant('recorded') }),
  fc.record({ step: fc.constant('disclosed') }),
);

/** A breach chain: often the policy's own order (raise, discuss, decide…), sometimes any steps at all. */
const steps = fc.oneof(
  fc.array(step, { maxLength: 6 }),
  fc
    .tuple(
      fc.constantFrom('adviser', 'advice-lead', 'advice-manager', 'chief-executive') as fc.Arbitrary<Role>,
      fc.boolean(),
      role,
      fc.boolean(),
      fc.boolean(),
      fc.nat({ max: 4 }),
    )
    .map(([withRole, recorded, by, agreed, written, upTo]) =>
      [
        { step: 'raised', with: withRole },
        { step: 'discussed', recordedInCaseNotes: recorded },
        { step: 'decided', by, agreed, writtenRecord: written },
        { step: 'disclosed' },
      ].slice(0, upTo),
    ),
);

export const breach = fc
  .record({
    question: fc.constant('breach' as const),
    asOf,
    raisedBy: role,
    ground: fc.constantFrom(...GROUNDS),
    steps,
  })
  .map(clean);

export const policyReview = fc
  .record({
    question: fc.constant('policy-review' as const),
    asOf,
    lastReviewedOn: isoDate(),
    agreedBy: fc.array(role, { maxLength: 5 }),
  })
  .map(clean);

export const staffReadiness = fc
  .record({
    question: fc.constant('staff-readiness' as const),
    asOf,
    staff: party(),
    newStarter: opt(fc.boolean()),
    receivedPolicyCopy: fc.boolean(),
    trainedAtInduction: opt(fc.boolean()),
    confidentialityAgreement: opt(fc.constantFrom('signed', 'requested-not-signed', 'not-requested')),
  })
  .map(clean);

export const storage = fc
  .record({
    question: fc.constant('storage' as const),
    asOf,
    electronic: opt(
      fc.record({ passwordProtected: fc.boolean(), loginShared: fc.boolean(), loggedOffWhenNotInUse: fc.boolean() }),
    ),
    paper: opt(
      fc
        .record({ inUse: opt(fc.boolean()), inLockedCabinet: fc.boolean(), keysOutOfPublicView: fc.boolean() })
        .map(clean),
    ),
  })
  .map(clean);

/** A valid question of each kind, by kind. */
export const questionsByKind = {
  disclosure,
  access,
  contact,
  recording,
  'statistics-release': statisticsRelease,
  'subject-access': subjectAccess,
  retention,
  breach,
  'policy-review': policyReview,
  'staff-readiness': staffReadiness,
  storage,
} as const;

/** A valid question of any kind. */
export const anyQuestion: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  ...(Object.values(questionsByKind) as fc.Arbitrary<Record<string, unknown>>[]),
);

/** Any JSON value: any shape, depth and size (strings with any code points, keys like `__proto__`). */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.jsonValue({ depthSize: 'large', maxDepth: 30 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'question', 'toString'), fc.jsonValue()),
  // Objects that look like questions: a real kind, and arbitrary JSON in its fields.
  fc
    .tuple(
      fc.constantFrom(...Object.keys(questionsByKind), 'nope', ''),
      fc.dictionary(
        fc.constantFrom(
          'actor',
          'recipient',
          'information',
          'consent',
          'breach',
          'client',
          'request',
          'steps',
          'fields',
          'asOf',
          'channel',
          'staff',
          'paper',
          'electronic',
          'agreedBy',
          'lastReviewedOn',
        ),
        fc.jsonValue({ maxDepth: 3 }),
      ),
    )
    .map(([question, rest]) => ({ ...rest, question })),
);

/** A value every schema rejects in any field: a marker string, so a message that echoes it can be caught. */
export const SECRET = 'Zq7-SECRET-Jane-Doe-07700900123';

/** Paths to the nested objects of a question that have a closed set of keys. */
function objectPaths(q: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (q === null || typeof q !== 'object') return [];
  const out: (string | number)[][] = Array.isArray(q) ? [] : [path];
  for (const [k, v] of Object.entries(q)) out.push(...objectPaths(v, [...path, Array.isArray(q) ? Number(k) : k]));
  return out;
}

function at(q: Record<string, unknown>, path: readonly (string | number)[]): Record<string, unknown> {
  let cur: unknown = q;
  for (const p of path) cur = (cur as Record<string | number, unknown>)[p];
  return cur as Record<string, unknown>;
}

/** Required fields of each kind at the top level (from the contract). */
const REQUIRED: Record<string, string[]> = {
  disclosure: ['actor', 'recipient', 'information'],
  access: ['actor'],
  contact: ['channel'],
  recording: ['consentToRecord', 'relevant'],
  'statistics-release': ['actor', 'recipient', 'fields'],
  'subject-access': ['request'],
  retention: ['client'],
  breach: ['raisedBy', 'ground', 'steps'],
  'policy-review': ['lastReviewedOn', 'agreedBy'],
  'staff-readiness': ['staff', 'receivedPolicyCopy'],
  storage: [],
};

/**
 * A valid question made surely malformed, with {@link SECRET} (or a variant of it) as the bad value where one
 * is put in: an unknown field in any object, a required field removed, a field of the wrong type, an enum
 * value nobody uses, a date that is not a date.
 */
export const malformedQuestion: fc.Arbitrary<{ question: Record<string, unknown>; how: string }> = fc
  .tuple(
    anyQuestion,
    fc.nat(),
    fc.nat(),
    fc.constantFrom('unknown-field', 'remove-required', 'wrong-type', 'bad-value'),
  )
  .map(([valid, i, j, how]) => {
    const q = structuredClone(valid);
    const kind = q.question as string;
    if (how === 'remove-required' && (REQUIRED[kind] ?? []).length) {
      const req = REQUIRED[kind] as string[];
      delete q[req[i % req.length] as string];
      return { question: q, how };
    }
    if (how === 'wrong-type' || how === 'bad-value') {
      // Replace a leaf (string, boolean or number) somewhere in the question, except `question` itself.
      const leaves: (string | number)[][] = [];
      const walk = (v: unknown, p: (string | number)[]) => {
        if (v !== null && typeof v === 'object')
          for (const [k, x] of Object.entries(v)) walk(x, [...p, Array.isArray(v) ? Number(k) : k]);
        else if (p.length && p[0] !== 'question' && p[0] !== 'fields' && p.at(-1) !== 'name') leaves.push(p);
      };
      walk(q, []);
      if (leaves.length) {
        const p = leaves[i % leaves.length] as (string | number)[];
        const parent = at(q, p.slice(0, -1));
        const old = parent[p.at(-1) as string];
        parent[p.at(-1) as string] =
          how === 'bad-value' || typeof old !== 'string'
            ? typeof old === 'string'
              ? `${SECRET}-${j}`
              : { secret: SECRET }
            : [SECRET];
        return { question: q, how };
      }
    }
    const objs = objectPaths(q);
    const p = objs[i % objs.length] as (string | number)[];
    at(q, p)[`x${SECRET.slice(0, 3)}${j % 100}`] = SECRET;
    return { question: q, how: 'unknown-field' };
  });

/** Freezes an object and everything in it. */
export function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}
