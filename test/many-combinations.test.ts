// A policy whose rules can apply in more combinations than the library keeps decision shapes for (4,096 per
// question kind): every combination still decides as the rules say, and as json-rules-engine does.
import { describe, expect, it } from 'vitest';
import { bundledRules, createPolicy } from '../src/index.js';

const BITS = 13; // 2^13 = 8,192 combinations of the advisories below
const FILE = '4-statistics/statistics-release.rules.json';

/**
 * The bundled rules plus `bits` advisories on `statistics-release`, advisory j applying when bit j of the smallest
 * count (less 5) is set; beyond 13 advisories, advisory j applies to a count of its own (2^13 + 5 + j) alone.
 */
function adapted(bits = BITS) {
  const b = structuredClone(bundledRules) as unknown as {
    codes: { advisories: Record<string, { clause: string; text: string }> };
    ruleFiles: { file: string; rules: unknown[] }[];
  };
  const file = b.ruleFiles.find((f) => f.file === FILE);
  if (!file) throw new Error(`no ${FILE}`);
  for (let j = 0; j < bits; j++) {
    b.codes.advisories[`bit-${j}`] = { clause: '4.3', text: `Bit ${j} of the smallest count is set.` };
    const values: number[] = [];
    if (j < BITS) {
      for (let n = 0; n < 2 ** BITS; n++) if ((n >> j) & 1) values.push(n + 5);
    } else values.push(2 ** BITS + 5 + j); // beyond the 13 bits: advisory j alone, for a count of its own
    file.rules.push({
      name: `bit-${j}`,
      priority: 1,
      conditions: { all: [{ fact: 'smallestCount', operator: 'in', value: values }] },
      event: { type: 'advisory', params: { code: `bit-${j}`, when: ['permit'] } },
    });
  }
  return createPolicy(b as never);
}

/** The advisories a count of `n + 5` gets (n below 2^13). */
const expected = (n: number) =>
  Array.from({ length: BITS }, (_, j) => j)
    .filter((j) => (n >> j) & 1)
    .map((j) => `bit-${j}`);

const question = (n: number) => ({
  question: 'statistics-release',
  actor: { role: 'advice-lead' },
  recipient: { role: 'university-staff' },
  fields: ['issueCategory', 'count'],
  smallestCount: n + 5,
});

describe('more rule combinations than are kept (4,096 per question kind)', () => {
  const policy = adapted();

  it('every one of 8,192 combinations decides as the rules say, twice (kept and not kept)', () => {
    for (let round = 0; round < 2; round++)
      for (let n = 0; n < 2 ** BITS; n++) {
        const d = policy.evaluate(question(n) as never);
        expect(d.outcome).toBe('permit');
        expect(d.advisories.map((a) => a.code)).toEqual(expected(n));
        expect(d.obligations.map((o) => o.code)).toEqual(['advice-lead-anonymity-check']);
      }
  }, 60_000);

  it('and as json-rules-engine decides them (a sample beyond the kept ones)', async () => {
    for (let n = 2 ** BITS - 1; n >= 2 ** BITS - 200; n--) {
      const q = question(n) as never;
      expect(policy.evaluate(q)).toEqual(await policy.evaluateWithEngine(q));
    }
  }, 60_000);
});

describe('a question kind with more rules than one generated decider takes (52)', () => {
  // 60 advisories: statistics-release then has 66 rules, so each rule's own test decides (compiled on first use).
  const policy = adapted(60);
  const codes = (d: { advisories: readonly { code: string }[] }) => d.advisories.map((a) => a.code);

  it('decides as the rules say, and as json-rules-engine does', async () => {
    for (let i = 0; i < 300; i++) {
      const n = (i * 27) % 2 ** BITS;
      const q = question(n) as never;
      const d = policy.evaluate(q);
      expect(codes(d)).toEqual(expected(n));
      expect(d).toEqual(await policy.evaluateWithEngine(q));
    }
    for (let j = BITS; j < 60; j++) {
      const q = question(2 ** BITS + j) as never;
      const d = policy.evaluate(q);
      expect(codes(d)).toEqual([`bit-${j}`]);
      expect(d).toEqual(await policy.evaluateWithEngine(q));
    }
  }, 60_000);
});
