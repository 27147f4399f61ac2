// rulesHash changes when any rule changes (every mutant of the rules has its own hash), and is stable across
// key order (the integrity test covers whitespace and re-serialised files).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, rulesHash } from '../../src/engine/hash.js';
import { bundleForHash } from '../../src/engine/policy.js';
import { bundledRules, createPolicy } from '../../src/index.js';
import { generateMutants } from '../../src/scenarios/mutate.js';
import { params, timeout } from '../support/arbitraries.js';

const hashOf = (bundle: typeof bundledRules) => createPolicy(bundle).ref.rulesHash;
const original = hashOf(bundledRules);

/** A deep copy with every object's keys in an order chosen by `pick`. */
function shuffleKeys(v: unknown, pick: (n: number) => number): unknown {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, pick));
  if (v === null || typeof v !== 'object') return v;
  const entries = Object.entries(v);
  const out: [string, unknown][] = [];
  while (entries.length) out.push(entries.splice(pick(entries.length), 1)[0] as [string, unknown]);
  return Object.fromEntries(out.map(([k, x]) => [k, shuffleKeys(x, pick)]));
}

describe('rulesHash', () => {
  it('differs for every single-rule change the mutation generator makes (and for no two different changes)', () => {
    expect(rulesHash(bundleForHash(bundledRules))).toBe(original);
    // hash → the canonical JSON it was computed from: a second JSON with the same hash is a collision.
    const seen = new Map<string, string>([[original, canonicalJson(bundleForHash(bundledRules))]]);
    const mutants = generateMutants(bundledRules);
    for (const m of mutants) {
      const json = canonicalJson(bundleForHash(m.bundle));
      const h = rulesHash(bundleForHash(m.bundle));
      expect(h, m.id).not.toBe(original);
      const before = seen.get(h);
      // Two mutants may be the same JSON (several operators can make the same change): that is no collision.
      if (before !== undefined) expect(before === json, m.id).toBe(true);
      else seen.set(h, json);
    }
    expect(seen.size).toBeGreaterThan(1000);
  }, 120_000);

  it(
    'is the same whatever order the keys of the rules are in',
    () => {
      fc.assert(
        fc.property(fc.infiniteStream(fc.nat()), (stream) => {
          const it = stream[Symbol.iterator]();
          const pick = (len: number) => (it.next().value as number) % len;
          expect(hashOf(shuffleKeys(bundledRules, pick) as typeof bundledRules)).toBe(original);
          return true;
        }),
        params(Math.min(200, Math.ceil(Number(process.env.PROPERTY_RUNS ?? 10_000) / 50))),
      );
    },
    timeout(),
  );
});
