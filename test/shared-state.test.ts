// A policy is made from a frozen copy of the rules it is given: what its decisions and traces hand out of the rules
// (a `violations` entry, a trace condition's `value`) cannot be changed by a caller to change later decisions, and
// the caller's own bundle is neither kept nor frozen in place. A server that loads an adapted rules folder, and
// post-processes decisions in place (translating codes, trimming a trace for display), must not change the next
// decision, under a rules hash that no longer describes the rules.
import { describe, expect, it } from 'vitest';
import { frozenCopy } from '../src/engine/deep-freeze.js';
import { bundledRules, createPolicy, type Decision, evaluate, loadPolicy, type Policy } from '../src/index.js';
import { randomQuestions } from './support/random-questions.js';

const RULES = new URL('../rules/', import.meta.url).pathname;

/** Tries to change a value in place; a frozen one refuses (strict mode throws), which is the point. */
function attempt(change: () => void): void {
  try {
    change();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
}

/** Every array or object inside `v` (itself included). */
function* parts(v: unknown, seen = new Set<object>()): Generator<object> {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  yield v;
  for (const x of Object.values(v)) yield* parts(x, seen);
}

/** Changes everything it can inside a decision: every array emptied, every string field overwritten. */
function vandalise(d: unknown): void {
  for (const p of [...parts(d)])
    attempt(() => {
      if (Array.isArray(p)) p.length = 0;
      else
        for (const k of Object.keys(p))
          if (typeof (p as Record<string, unknown>)[k] === 'string') (p as Record<string, unknown>)[k] = 'vandalised';
    });
}

const breachByDpo = {
  question: 'breach',
  raisedBy: 'adviser',
  ground: 'harm',
  steps: [
    { step: 'raised', with: 'advice-lead' },
    { step: 'discussed', recordedInCaseNotes: true },
    { step: 'decided', by: 'dpo', agreed: true, writtenRecord: true },
  ],
};

const policies: [string, () => Policy][] = [
  ['createPolicy(structuredClone(bundledRules))', () => createPolicy(structuredClone(bundledRules))],
  ['loadPolicy(rules/)', () => loadPolicy(RULES)],
];

describe('decisions do not share mutable state with the rules', () => {
  for (const [label, make] of policies) {
    it(`${label}: changing a decision's violations does not change the next decision`, () => {
      const policy = make();
      const first = policy.evaluate(breachByDpo);
      const want = JSON.stringify(first);
      expect(first.violations?.map((v) => v.code)).toContain('decider-may-not-decide');
      for (const v of first.violations ?? [])
        attempt(() => {
          (v as { code: string }).code = 'all-fine';
        });
      expect(JSON.stringify(policy.evaluate(breachByDpo))).toBe(want);
    });

    it(`${label}: changing anything in a decision or its trace does not change later decisions`, () => {
      const policy = make();
      const questions = [
        ...randomQuestions('disclosure', 1500, 3),
        ...randomQuestions('breach', 500, 3),
        ...randomQuestions('statistics-release', 300, 3),
      ].map((q) => ({ asOf: '2026-06-15', ...q }));
      const before = questions.map((q) => JSON.stringify(policy.evaluate(q)));
      for (const q of questions.slice(0, 200)) vandalise(policy.evaluate(q, { explain: true }));
      const after = questions.map((q) => JSON.stringify(policy.evaluate(q)));
      expect(after.filter((a, i) => a !== before[i]).length).toBe(0);
    });
  }

  it('the default policy too (its rules are bundledRules, frozen)', () => {
    const want = JSON.stringify(evaluate(breachByDpo, { explain: true }));
    vandalise(evaluate(breachByDpo, { explain: true }));
    expect(JSON.stringify(evaluate(breachByDpo, { explain: true }))).toBe(want);
  });
});

describe('createPolicy copies the bundle it is given', () => {
  it('freezes nothing of the caller’s bundle', () => {
    const bundle = structuredClone(bundledRules);
    createPolicy(bundle);
    expect([...parts(bundle)].filter((p) => Object.isFrozen(p))).toEqual([]);
    // So the caller can go on editing its copy, say to make another policy from it.
    const rule = bundle.ruleFiles.flatMap((f) => f.rules as { event: { params: { clauses?: string[] } } }[])[0];
    expect(() => rule?.event.params.clauses?.push('P1')).not.toThrow();
  });

  it('changing the bundle afterwards changes no decision, trace or json-rules-engine run', async () => {
    const bundle = structuredClone(bundledRules);
    const policy = createPolicy(bundle);
    const questions = [
      ...randomQuestions('disclosure', 300, 5),
      ...randomQuestions('breach', 200, 5),
      ...randomQuestions('retention', 50, 5),
    ].map((q) => ({ asOf: '2026-06-15', ...q }));
    const before = questions.map((q) => policy.evaluate(q, { explain: true }));
    const clauses = JSON.stringify(policy.clauses);
    // Every rule inverted, every text and clause changed: none of it may reach the policy made before.
    for (const p of [...parts(bundle)])
      if (!Array.isArray(p))
        for (const [k, v] of Object.entries(p))
          if (typeof v === 'boolean') (p as Record<string, unknown>)[k] = !v;
          else if (typeof v === 'string' && k !== 'operator') (p as Record<string, unknown>)[k] = 'changed';
    expect(questions.map((q) => policy.evaluate(q, { explain: true }))).toEqual(before);
    expect(JSON.stringify(policy.clauses)).toBe(clauses);
    // json-rules-engine is built from the rules on first use, after the change: from the policy's own copy.
    const strip = (d: Decision) => ({ ...d, trace: undefined });
    for (let i = 0; i < questions.length; i++)
      expect(strip(await policy.evaluateWithEngine(questions[i]))).toEqual(strip(before[i] as Decision));
  });
});

/** Freezes an object and the plain objects and arrays in it (not an object of a class). */
function deepFreezePlain(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype) return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreezePlain(x);
}

describe('createPolicy copies objects of a class in the bundle too', () => {
  // A rule built in code by a class of the caller's: the format checks take its objects as they take plain ones.
  class Condition {
    constructor(fields: object) {
      Object.assign(this, fields);
    }
  }
  const question = {
    question: 'disclosure',
    actor: { role: 'advice-lead' },
    recipient: { role: 'pms' },
    information: { kind: 'statistics', identifiable: false },
    purpose: 'statistics',
  };
  /** The bundle with the PMS statistics rule's recipient condition an object of a class (frozen or not), and it. */
  const withClassCondition = (freeze: boolean) => {
    const bundle = structuredClone(bundledRules);
    const rule = bundle.ruleFiles
      .flatMap((f) => f.rules as { name: string; conditions: { all: Record<string, unknown>[] } }[])
      .find((r) => r.name === 'anonymous-statistics-to-pms');
    const all = rule?.conditions.all as Record<string, unknown>[];
    const i = all.findIndex((c) => c.fact === 'recipientRole');
    const condition = new Condition(all[i] as object) as Record<string, unknown>;
    all[i] = condition;
    // Frozen, everything in it but the object of a class: plain data frozen all the way down, as a caller sharing
    // parts of bundledRules gives it.
    if (freeze) for (const c of [...all.filter((c) => c !== condition), all]) deepFreezePlain(c);
    return { bundle, condition };
  };

  it('changing such an object after createPolicy changes no decision, nor json-rules-engine built later', async () => {
    const { bundle, condition } = withClassCondition(false);
    const policy = createPolicy(bundle);
    const rulesOf = (d: Decision) => d.reasons.map((r) => r.rule);
    expect(rulesOf(policy.evaluate(question))).toContain('anonymous-statistics-to-pms');
    condition.value = 'nobody';
    expect(rulesOf(policy.evaluate(question))).toContain('anonymous-statistics-to-pms');
    expect(rulesOf(await policy.evaluateWithEngine(question))).toContain('anonymous-statistics-to-pms');
    expect(Object.isFrozen(condition)).toBe(false);
  });

  it('inside a frozen array as well (frozen is not shared unless it is plain data all the way down)', async () => {
    const { bundle, condition } = withClassCondition(true);
    const policy = createPolicy(bundle);
    condition.value = 'nobody';
    const d = await policy.evaluateWithEngine(question);
    expect(d.reasons.map((r) => r.rule)).toContain('anonymous-statistics-to-pms');
  });
});

describe('frozenCopy', () => {
  it('shares what is plain data frozen all the way down (bundledRules is never copied), and copies the rest', () => {
    expect(frozenCopy(bundledRules)).toBe(bundledRules);
    const withMore = { ...bundledRules, extra: [1] };
    const copy = frozenCopy(withMore);
    expect(copy).not.toBe(withMore);
    expect(copy.ruleFiles).toBe(bundledRules.ruleFiles);
    expect(Object.isFrozen(copy.extra)).toBe(true);
    expect(Object.isFrozen(withMore.extra)).toBe(false);
  });

  it('keeps sharing and cycles, reads each property once, keeps an own __proto__ as a member', () => {
    const shared = { a: 1 };
    const given: Record<string, unknown> = { x: shared, y: shared, list: [shared] };
    given.self = given;
    let reads = 0;
    Object.defineProperty(given, 'got', { enumerable: true, get: () => ++reads });
    const copy = frozenCopy(given) as Record<string, unknown>;
    expect(copy.x).toBe(copy.y);
    expect((copy.list as unknown[])[0]).toBe(copy.x);
    expect(copy.self).toBe(copy);
    expect([copy.got, copy.got, reads]).toEqual([1, 1, 1]);
    const proto = frozenCopy(JSON.parse('{"__proto__": {"a": 1}}'));
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__']);
  });

  it('copies any depth without recursion, and copies a frozen object whose property is a getter', () => {
    const root: Record<string, unknown> = {};
    let at = root;
    for (let i = 0; i < 200_000; i++) at = (at.next = {}) as Record<string, unknown>;
    let depth = 0;
    for (let c = frozenCopy(root) as Record<string, unknown> | undefined; c; c = c.next as typeof c) depth++;
    expect(depth).toBe(200_001);
    // Frozen, but a getter may give another value at each read: not shared as data.
    let n = 0;
    const frozenGetter: { readonly text: string } = Object.freeze(
      Object.defineProperty({ text: '' }, 'text', { enumerable: true, get: () => `read ${++n}` }),
    );
    const copy = frozenCopy({ clause: frozenGetter });
    expect(copy.clause).not.toBe(frozenGetter);
    expect([copy.clause.text, copy.clause.text]).toEqual(['read 1', 'read 1']);
  });

  it('a chain of frozen objects ending in one that is not frozen is walked once, not once per object', () => {
    // Each object's keys are listed through a proxy that counts: walked once from each object of the chain (to its
    // end), a chain of n is listed n²/2 times; once, about 2n.
    let listed = 0;
    const counted = <T extends object>(o: T): T =>
      new Proxy(o, {
        ownKeys: (t) => {
          listed++;
          return Reflect.ownKeys(t);
        },
      });
    let chain: Record<string, unknown> = { last: [] };
    for (let i = 0; i < 2_000; i++) chain = counted(Object.freeze({ next: chain }));
    let depth = 0;
    for (let c = frozenCopy(chain) as Record<string, unknown> | undefined; c; c = c.next as typeof c) {
      expect(Object.isFrozen(c)).toBe(true);
      depth++;
    }
    expect(depth).toBe(2_001);
    expect(listed).toBeLessThan(5 * 2_000);
    listed = 0;
    expect(() => createPolicy({ ...structuredClone(bundledRules), extra: chain } as never)).toThrow(
      /nested more than 512/,
    );
    expect(listed).toBeLessThan(5 * 2_000);
  });

  it('a frozen object is shared only when all it reaches is: not one in a cycle with an object that is not', () => {
    const notFrozen = { v: 1 };
    const a: Record<string, unknown> = { c: notFrozen };
    const b = Object.freeze({ a });
    a.b = b;
    Object.freeze(a);
    const copy = frozenCopy({ b, a }) as { a: { b: unknown; c: unknown }; b: { a: unknown } };
    expect(copy.b).not.toBe(b);
    expect(copy.a).not.toBe(a);
    expect(copy.b.a).toBe(copy.a);
    expect(copy.a.c).not.toBe(notFrozen);
    expect(Object.isFrozen(copy.a.c)).toBe(true);
  });

  it('an object of a class, or an array of a subclass, becomes plain data (own enumerable properties)', () => {
    class Box {
      constructor(readonly inside: unknown) {}
      get hidden() {
        return 'not own';
      }
    }
    class List extends Array<unknown> {}
    const copy = frozenCopy({ box: new Box([1]), list: List.from([1, 2]) });
    expect(Object.getPrototypeOf(copy.box)).toBe(Object.prototype);
    expect(copy.box).toEqual({ inside: [1] });
    expect(Object.isFrozen(copy.box.inside)).toBe(true);
    expect(Object.getPrototypeOf(copy.list)).toBe(Array.prototype);
    expect(copy.list).toEqual([1, 2]);
  });
});

describe('createPolicy reads what it is given once: what it checks is what it compiles', () => {
  /** A getter that gives `first` at its first read and `later` after. */
  const changing = (first: unknown, later: () => unknown) => {
    let reads = 0;
    return { enumerable: true, get: () => (reads++ === 0 ? first : later()) };
  };
  const deepList = () => {
    const root: unknown[] = [];
    let at = root;
    for (let i = 0; i < 100_000; i++) at.push((at = []));
    return root;
  };
  const question = { question: 'contact', channel: 'email', situation: 'direct' };

  it('a rules list that is data at the first read and 100,000 deep after: compiled from the first, no RangeError', () => {
    const bundle = structuredClone(bundledRules) as unknown as Record<string, unknown>;
    const files = bundle.ruleFiles;
    Object.defineProperty(bundle, 'ruleFiles', changing(files, deepList));
    const policy = createPolicy(bundle as never);
    expect(policy.evaluate(question).outcome).toBe(evaluate(question).outcome);
  });

  it('a frozen clause whose text is a getter: the policy keeps the text it read', () => {
    const bundle = structuredClone(bundledRules) as unknown as { clauses: { clauses: Record<string, unknown>[] } };
    const first = bundle.clauses.clauses[0] as Record<string, unknown>;
    const text = first.text;
    delete first.text;
    Object.defineProperty(
      first,
      'text',
      changing(text, () => 'changed after the policy was made'),
    );
    Object.freeze(first);
    const policy = createPolicy(bundle as never);
    expect([policy.clauses[0]?.text, policy.clauses[0]?.text]).toEqual([text, text]);
  });

  it('settings valid at the first read and invalid after: checked and used as read', () => {
    const settings = Object.defineProperty(
      {},
      'smallCountThreshold',
      changing(10, () => -1),
    );
    const policy = createPolicy(
      bundledRules,
      Object.defineProperty(
        {},
        'settings',
        changing(settings, () => ({})),
      ),
    );
    expect(policy.settings.smallCountThreshold).toBe(10);
  });
});
