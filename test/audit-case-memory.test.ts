// auditCase remembers answers per policy and audit date (the same kind of disclosure, the same parties' names).
// A long-running server audits as of each day's date: it must not keep every recent day's memo, with the names of
// the parties in it, alive. Measured here as the heap kept after a full collection.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { auditCase, bundledRules, type CaseExport, createPolicy } from '../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapKept = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

it('auditCase keeps the memos of a few audit dates, not of every recent one', () => {
  // A policy of its own, so that no other test's audits are counted.
  const policy = createPolicy(structuredClone(bundledRules));
  const audit = (i: number, asOf: string) =>
    // Parsed, as a request body is: each name its own string, as in a real export.
    auditCase(
      JSON.parse(
        `{"id":"C-${i}","client":{"degreeStatus":"studying","consentToRecord":true},"disclosures":[{"actor":{"role":"adviser"},"recipient":{"role":"third-party","name":"${'Mrs Jennifer Smith-Jones, 12 Example Road, Portsmouth '.repeat(3)}${i}"},"information":{"kind":"presence","identifiable":true}}]}`,
      ),
      asOf,
      policy,
    );
  audit(0, '2026-01-01');
  const before = heapKept();
  // 16 days of 2,000 distinct parties each: about 14 MB when every day's memo was kept (17 days were), under 4 MB
  // with the last 4 days'.
  for (let day = 1; day <= 16; day++)
    for (let i = 0; i < 2000; i++) audit(day * 10_000 + i, `2026-02-${String(day).padStart(2, '0')}`);
  const kept = heapKept() - before;
  expect(kept / 2 ** 20).toBeLessThan(8);
  // The policy is still in use (its memos are kept with it, and would go with it).
  expect(policy.ref.id).toBe('upsu-advice-confidentiality');
});

it('the dates kept are the last 4 used: a date audited again is not the one a new date replaces', () => {
  // A policy whose evaluate is counted: a remembered answer is not asked again.
  const base = createPolicy(structuredClone(bundledRules));
  let asked = 0;
  const policy = Object.create(base, {
    evaluate: {
      value: (...a: Parameters<typeof base.evaluate>) => {
        asked++;
        return base.evaluate(...a);
      },
    },
  }) as typeof base;
  const c = {
    id: 'C-1',
    client: { degreeStatus: 'studying', consentToRecord: true },
    disclosures: [
      {
        actor: { role: 'adviser' },
        recipient: { role: 'third-party', name: 'a parent' },
        information: { kind: 'presence', identifiable: true },
      },
    ],
  } satisfies CaseExport;
  const askedFor = (asOf: string) => {
    const before = asked;
    auditCase(c, asOf, policy);
    return asked - before;
  };
  const today = '2026-03-01';
  expect(askedFor(today)).toBeGreaterThan(0);
  expect(askedFor(today)).toBe(0);
  // Back-filling three other dates, auditing today's between them, then a fourth: today's answers are still there.
  for (const day of ['2026-01-01', '2026-01-02', '2026-01-03']) {
    askedFor(day);
    expect(askedFor(today)).toBe(0);
  }
  askedFor('2026-01-04');
  expect(askedFor(today)).toBe(0);
  // The date used least recently is the one replaced.
  expect(askedFor('2026-01-01')).toBeGreaterThan(0);
});
