// A seeded generator of valid questions of every kind, for the differential test (compiled path vs
// json-rules-engine), the fast-validation test and the benchmarks (bench/ bundles this file with esbuild).
//
// Plain TypeScript with no imports, so it runs anywhere: every enum value and every optional-field
// combination comes up often enough (thousands of questions) to fire every rule of the bundled policy. The
// values are written here from the contract (CONTRACT.md), not read from src/facts.

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same questions on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ROLES = [
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
] as const;
export const INFORMATION_KINDS = ['case-record', 'presence', 'service-use', 'statistics'] as const;
export const PURPOSES = ['case-management', 'quality-assurance', 'statistics', 'third-party-action', 'other'] as const;
export const CONSENT_METHODS = ['consent-to-share', 'email', 'verbal'] as const;
export const BREACH_GROUNDS = ['harm', 'conflict-of-interest', 'legal-duty', 'other'] as const;
export const CHANNELS = ['phone', 'email', 'post'] as const;
export const SITUATIONS = ['direct', 'message', 'answered-by-other'] as const;
export const DEGREE_STATUSES = ['studying', 'completed', 'withdrawn', 'unknown'] as const;
export const AGREEMENTS = ['signed', 'requested-not-signed', 'not-requested'] as const;
const IDENTIFYING = ['name', 'firstName', 'lastName', 'email', 'phone', 'address', 'postcode', 'studentId'];
const HARMLESS = ['faculty', 'issueType', 'month', 'outcome', 'count', 'campus', 'level'];
/** Roles that decide breaches (5.4.3, 5.5.2), over-represented so authorisations often count. */
const DECIDERS = ['advice-lead', 'advice-manager', 'chief-executive', 'appointed-manager', 'adviser', 'dpo'] as const;

export const QUESTION_KINDS = [
  'disclosure',
  'access',
  'contact',
  'recording',
  'statistics-release',
  'subject-access',
  'retention',
  'breach',
  'policy-review',
  'staff-readiness',
  'storage',
] as const;
export type Kind = (typeof QUESTION_KINDS)[number];

type Q = Record<string, unknown>;

/** Helpers over one random stream. */
class Draw {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  /** Sets `key` on `o` with probability `p`; very rarely sets it to `undefined` (present but undefined). */
  maybe(o: Q, key: string, p: number, value: () => unknown): void {
    if (this.bool(p)) o[key] = value();
    else if (this.bool(0.01)) o[key] = undefined;
  }
  date(from = 2015, to = 2031): string {
    const y = from + this.int(to - from);
    const m = 1 + this.int(12);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
    // Month ends (29 February, 31 January…) come up often: they are where date arithmetic differs.
    const d = this.bool(0.2) ? days : 1 + this.int(days);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  party(roles: readonly string[] = ROLES): Q {
    const p: Q = { role: this.pick(roles) };
    this.maybe(p, 'name', 0.3, () =>
      this.pick(['parent', 'landlord', 'NUS', 'Jo Bloggs', 'x'.repeat(200), 'Ünïcödé 🙂']),
    );
    this.maybe(p, 'involvedInCase', 0.6, () => this.bool());
    this.maybe(p, 'appointedByUpsu', 0.5, () => this.bool());
    return p;
  }
  asOf(q: Q, p = 0.7): void {
    this.maybe(q, 'asOf', p, () => this.date(2016, 2032));
  }
}

const generators: Record<Kind, (d: Draw) => Q> = {
  disclosure(d) {
    const q: Q = { question: 'disclosure' };
    d.asOf(q, 0.3);
    q.actor = d.party(d.bool(0.6) ? ['adviser', 'advice-lead'] : ROLES);
    q.recipient = d.party();
    q.information = { kind: d.pick(INFORMATION_KINDS), identifiable: d.bool(0.7) };
    d.maybe(q, 'purpose', 0.7, () => d.pick(PURPOSES));
    d.maybe(q, 'consent', 0.6, () => {
      const c: Q = { given: d.bool(0.7) };
      d.maybe(c, 'method', 0.8, () => d.pick(CONSENT_METHODS));
      d.maybe(c, 'recorded', 0.6, () => d.bool());
      return c;
    });
    d.maybe(q, 'clientObjectsToStaffSharing', 0.5, () => d.bool());
    d.maybe(q, 'breach', 0.4, () => {
      const b: Q = { ground: d.pick(BREACH_GROUNDS) };
      d.maybe(b, 'authorisation', 0.7, () => {
        const a: Q = { decidedBy: d.bool(0.7) ? d.pick(DECIDERS) : d.pick(ROLES), agreed: d.bool(0.7) };
        d.maybe(a, 'writtenRecord', 0.7, () => d.bool(0.7));
        return a;
      });
      return b;
    });
    return q;
  },
  access(d) {
    const q: Q = { question: 'access' };
    d.asOf(q, 0.2);
    // The roles 3.1 treats specially come up often.
    q.actor = d.party(d.bool(0.4) ? ['quality-auditor', 'dpo', 'client'] : ROLES);
    d.maybe(q, 'purpose', 0.6, () => (d.bool(0.4) ? 'quality-assurance' : d.pick(PURPOSES)));
    d.maybe(q, 'necessary', 0.6, () => d.bool());
    return q;
  },
  contact(d) {
    const q: Q = { question: 'contact', channel: d.pick(CHANNELS) };
    d.asOf(q, 0.2);
    d.maybe(q, 'situation', 0.7, () => d.pick(SITUATIONS));
    d.maybe(q, 'clientPreferences', 0.7, () => {
      const p: Q = {};
      d.maybe(p, 'unacceptable', 0.7, () => CHANNELS.filter(() => d.bool(0.4)));
      d.maybe(p, 'serviceMayBeNamed', 0.6, () => d.bool());
      return p;
    });
    return q;
  },
  recording(d) {
    const q: Q = { question: 'recording', consentToRecord: d.bool(0.7), relevant: d.bool(0.7) };
    d.asOf(q, 0.2);
    return q;
  },
  'statistics-release'(d) {
    const q: Q = { question: 'statistics-release' };
    d.asOf(q, 0.2);
    q.actor = d.party(['adviser', 'advice-lead', 'advice-manager']);
    q.recipient = d.party();
    const n = d.int(6);
    const fields: string[] = [];
    for (let i = 0; i < n; i++) {
      let f = d.bool(0.2) ? d.pick(IDENTIFYING) : d.pick(HARMLESS);
      if (d.bool(0.2)) f = f.toUpperCase();
      fields.push(f);
    }
    q.fields = fields;
    d.maybe(q, 'smallestCount', 0.7, () => d.int(12));
    return q;
  },
  'subject-access'(d) {
    const q: Q = { question: 'subject-access' };
    d.asOf(q, 0.2);
    const r: Q = {
      inWriting: d.bool(0.7),
      addressedTo: d.bool(0.6) ? 'dpo' : d.pick(ROLES),
      feePaid: d.bool(0.7),
      identityVerified: d.bool(0.7),
    };
    d.maybe(r, 'receivedOn', 0.6, () => d.date());
    q.request = r;
    return q;
  },
  retention(d) {
    const q: Q = { question: 'retention' };
    // asOf is nearly always given: without it the decision depends on today's date.
    d.asOf(q, 0.95);
    const c: Q = { degreeStatus: d.bool(0.5) ? 'completed' : d.pick(DEGREE_STATUSES) };
    d.maybe(c, 'degreeCompletedOn', 0.8, () => d.date(2014, 2031));
    q.client = c;
    return q;
  },
  breach(d) {
    const raisedBy = d.bool(0.7) ? d.pick(['adviser', 'advice-lead'] as const) : d.pick(ROLES);
    const q: Q = { question: 'breach', raisedBy, ground: d.pick(BREACH_GROUNDS) };
    d.asOf(q, 0.2);
    const steps: Q[] = [];
    const line = raisedBy === 'adviser' ? 'advice-lead' : raisedBy === 'advice-lead' ? 'advice-manager' : 'dpo';
    const on = (s: Q) => {
      d.maybe(s, 'on', 0.3, () => d.date());
      return s;
    };
    if (d.bool(0.6)) {
      // A chain in roughly the right order, cut short or bent here and there.
      const len = d.int(6);
      if (len > 0) steps.push(on({ step: 'raised', with: d.bool(0.8) ? line : d.pick(ROLES) }));
      if (len > 1) steps.push(on({ step: 'discussed', recordedInCaseNotes: d.bool(0.8) }));
      if (len > 2) {
        const s: Q = { step: 'decided', by: d.bool(0.7) ? line : d.pick(DECIDERS), agreed: d.bool(0.7) };
        d.maybe(s, 'writtenRecord', 0.7, () => d.bool(0.7));
        steps.push(on(s));
      }
      if (len > 3) steps.push(on({ step: d.bool(0.5) ? 'recorded' : 'disclosed' }));
      if (len > 4) steps.push(on({ step: 'disclosed' }));
    } else {
      const n = d.int(5);
      for (let i = 0; i < n; i++) {
        const kind = d.pick(['raised', 'discussed', 'decided', 'recorded', 'disclosed'] as const);
        if (kind === 'raised') steps.push(on({ step: kind, with: d.pick(ROLES) }));
        else if (kind === 'discussed') steps.push(on({ step: kind, recordedInCaseNotes: d.bool() }));
        else if (kind === 'decided') {
          const s: Q = { step: kind, by: d.pick(ROLES), agreed: d.bool() };
          d.maybe(s, 'writtenRecord', 0.6, () => d.bool());
          steps.push(on(s));
        } else steps.push(on({ step: kind }));
      }
    }
    q.steps = steps;
    return q;
  },
  'policy-review'(d) {
    const q: Q = { question: 'policy-review', lastReviewedOn: d.date(2018, 2030) };
    d.asOf(q, 0.95);
    const agreed = ['advice-lead', 'advice-manager', 'senior-management'].filter(() => d.bool(0.8));
    if (d.bool(0.3)) agreed.push(d.pick(ROLES));
    q.agreedBy = agreed;
    return q;
  },
  'staff-readiness'(d) {
    const q: Q = { question: 'staff-readiness' };
    d.asOf(q, 0.2);
    q.staff = d.party();
    d.maybe(q, 'newStarter', 0.6, () => d.bool());
    q.receivedPolicyCopy = d.bool(0.7);
    d.maybe(q, 'trainedAtInduction', 0.6, () => d.bool(0.7));
    d.maybe(q, 'confidentialityAgreement', 0.7, () => d.pick(AGREEMENTS));
    return q;
  },
  storage(d) {
    const q: Q = { question: 'storage' };
    d.asOf(q, 0.2);
    d.maybe(q, 'electronic', 0.7, () => ({
      passwordProtected: d.bool(0.7),
      loginShared: d.bool(0.3),
      loggedOffWhenNotInUse: d.bool(0.7),
    }));
    d.maybe(q, 'paper', 0.7, () => {
      const p: Q = { inLockedCabinet: d.bool(0.7), keysOutOfPublicView: d.bool(0.7) };
      d.maybe(p, 'inUse', 0.5, () => d.bool());
      return p;
    });
    return q;
  },
};

/**
 * `n` valid questions of one kind, the same for the same seed.
 *
 * @example
 * randomQuestions('disclosure', 300, 1).length; // 300
 */
export function randomQuestions(kind: Kind, n: number, seed = 1): Record<string, unknown>[] {
  const d = new Draw(rng(seed ^ hash(kind)));
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) out.push(generators[kind](d));
  return out;
}

/** An endless stream of questions of one kind (for runs too big to hold in memory). */
export function questionStream(kind: Kind, seed = 1): () => Record<string, unknown> {
  const d = new Draw(rng(seed ^ hash(kind)));
  return () => generators[kind](d);
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A copy of a valid question broken in one place (a wrong type, an unknown value or key, a missing field,
 * a bad date, an over-long string…) — or, now and then, left valid. For checking that two validators agree.
 */
export function mutate(q: Record<string, unknown>, next: () => number): unknown {
  const d = new Draw(next);
  const copy = structuredClone(q) as Q;
  // Collect every (object, key) position in the question.
  const spots: [Q | unknown[], string | number][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        spots.push([v, i]);
        walk(x);
      });
    else if (v && typeof v === 'object')
      for (const k of Object.keys(v)) {
        spots.push([v as Q, k]);
        walk((v as Q)[k]);
      }
  };
  walk(copy);
  const containers = spots.map(([o]) => o).filter((o) => !Array.isArray(o)) as Q[];
  const [o, k] = d.pick(spots);
  const set = (v: unknown) => {
    (o as Record<string | number, unknown>)[k] = v;
  };
  const badValues: unknown[] = [
    null,
    undefined,
    0,
    1.5,
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 60,
    '',
    'nope',
    'ADVISER',
    '2025-02-29',
    '2024-02-29',
    '2024-13-01',
    '24-01-01',
    ' 2024-01-01',
    'x'.repeat(201),
    '🙂'.repeat(150),
    '🙂'.repeat(201),
    true,
    false,
    [],
    ['phone', 'phone', 'phone', 'phone'],
    {},
    { step: 'raised', with: 'dpo' },
    { step: 'nope' },
  ];
  switch (d.int(6)) {
    case 0:
      set(d.pick(badValues));
      break;
    case 1:
      if (!Array.isArray(o)) delete o[k as string];
      else set(d.pick(badValues));
      break;
    case 2:
      // An own key the schema does not name (defineProperty, so even `__proto__` is an own key, as JSON.parse makes it).
      Object.defineProperty(
        d.pick(containers.length ? containers : [copy]),
        d.pick(['extra', 'Role', '__proto__', 'constructor', 'toString']),
        { value: d.pick(badValues), enumerable: true, writable: true, configurable: true },
      );
      break;
    case 3: {
      // A field's value taken from another field (right type elsewhere, wrong here).
      const [o2, k2] = d.pick(spots);
      set(structuredClone((o2 as Record<string | number, unknown>)[k2]));
      break;
    }
    case 4:
      // An inherited enumerable property: not given (only own properties count; zod is given an own-data copy).
      if (!Array.isArray(o) && o[k as string] && typeof o[k as string] === 'object' && !Array.isArray(o[k as string]))
        set(Object.assign(Object.create({ inherited: true }), o[k as string]));
      break;
    default:
      // Left valid.
      break;
  }
  return copy;
}
