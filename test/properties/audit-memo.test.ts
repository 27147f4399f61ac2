// The audit remembers the policy's answers to questions that recur across cases (a disclosure is looked up by
// a number coding all its fields but the parties' names, joined with the names when there are any). Remembering
// must change only the speed: an auditor that has seen many cases finds exactly what a fresh one finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCaseAuditor, disclosureMemoKey } from '../../src/audit/audit-case.js';
import { defaultPolicy } from '../../src/decision/default-policy.js';
import { caseExport } from '../../src/facts/case-export.js';
import {
  DEGREE_STATUSES,
  disclosure,
  GROUNDS,
  isoDate,
  KINDS,
  METHODS,
  PURPOSES,
  params,
  RUNS,
  role,
  timeout,
} from '../support/arbitraries.js';

const AS_OF = '2026-09-01';
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** A disclosure as a case export records it: the question's fields, a date, no `question` or `asOf`. */
const recorded = fc
  .tuple(disclosure, opt(isoDate(2015, 2026)))
  .map(([{ question: _q, asOf: _a, ...d }, on]) => (on === undefined ? d : { on, ...d }));

const party = ['actor', 'recipient'] as const;
/** One change to one field of a disclosure (`undefined`: the field removed). */
const edit = fc.oneof(
  fc.record({ path: fc.constantFrom(...party.map((p) => [p, 'role'])), value: role }),
  fc.record({
    path: fc.constantFrom(...party.map((p) => [p, 'name'])),
    value: opt(fc.constantFrom('a', 'b', '1:a', ':a', '-', '')),
  }),
  fc.record({
    path: fc.constantFrom(
      ...party.flatMap((p) => [
        [p, 'involvedInCase'],
        [p, 'appointedByUpsu'],
      ]),
      ['consent', 'recorded'],
      ['clientObjectsToStaffSharing'],
      ['breach', 'authorisation', 'writtenRecord'],
    ),
    value: opt(fc.boolean()),
  }),
  fc.record({
    path: fc.constantFrom(['information', 'identifiable'], ['consent', 'given'], ['breach', 'authorisation', 'agreed']),
    value: fc.boolean(),
  }),
  fc.record({ path: fc.constant(['information', 'kind']), value: fc.constantFrom(...KINDS) }),
  fc.record({ path: fc.constant(['purpose']), value: opt(fc.constantFrom(...PURPOSES)) }),
  fc.record({ path: fc.constant(['consent', 'method']), value: opt(fc.constantFrom(...METHODS)) }),
  fc.record({ path: fc.constant(['breach', 'ground']), value: fc.constantFrom(...GROUNDS) }),
  fc.record({ path: fc.constant(['breach', 'authorisation', 'decidedBy']), value: role }),
  fc.record({
    path: fc.constantFrom(['consent'], ['breach'], ['breach', 'authorisation']),
    value: fc.constant(undefined),
  }),
);

/** What a missing parent object starts as when an edit reaches into it (its required fields). */
const PARENTS: Record<string, Record<string, unknown>> = {
  consent: { given: true },
  breach: { ground: 'harm' },
  authorisation: { decidedBy: 'advice-lead', agreed: true },
};

function edited(d: Record<string, unknown>, e: { path: readonly string[]; value: unknown }): Record<string, unknown> {
  const out = structuredClone(d);
  let o: Record<string, unknown> = out;
  for (const k of e.path.slice(0, -1)) {
    if (o[k] === undefined) o[k] = { ...PARENTS[k] };
    o = o[k] as Record<string, unknown>;
  }
  const last = e.path[e.path.length - 1] as string;
  if (e.value === undefined) delete o[last];
  else o[last] = e.value;
  return out;
}

/**
 * Cases whose disclosures are one disclosure and variants of it that differ in one field each: if the memo
 * left a field out of its key, a variant would be given the answer of the disclosure it was mistaken for.
 */
const family = fc
  .tuple(
    recorded,
    fc.array(edit, { minLength: 1, maxLength: 12 }),
    fc.constantFrom(...DEGREE_STATUSES),
    opt(fc.boolean()),
  )
  .map(([base, edits, degreeStatus, objectsToStaffSharing]) =>
    [base, ...edits.map((e) => edited(base, e))].map((d, i) =>
      caseExport.parse({
        id: `C-${i + 1}`,
        client: {
          degreeStatus,
          ...(degreeStatus === 'studying' ? {} : { degreeCompletedOn: '2020-06-30' }),
          consentToRecord: true,
          ...(objectsToStaffSharing === undefined ? {} : { objectsToStaffSharing }),
        },
        disclosures: [d],
      }),
    ),
  );

describe('the audit memo', () => {
  const policy = defaultPolicy();
  it(
    'an auditor that has seen other cases finds what a fresh auditor finds',
    () => {
      fc.assert(
        fc.property(fc.array(family, { minLength: 1, maxLength: 8 }), (families) => {
          const warm = createCaseAuditor(policy, AS_OF);
          for (const c of families.flat()) expect(warm(c)).toEqual(createCaseAuditor(policy, AS_OF)(c));
          return true;
        }),
        params(Math.max(100, Math.round(RUNS / 5))),
      );
    },
    timeout(),
  );

  it(
    'two disclosures share a memo key exactly when they ask the policy the same question',
    () => {
      /** The question a recorded disclosure asks, in a canonical form (keys sorted, `on` left out). */
      const question = (d: Record<string, unknown>, objects: boolean) =>
        JSON.stringify({ ...d, on: undefined, clientObjectsToStaffSharing: objects }, (_k, v) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
            : v,
        );
      fc.assert(
        fc.property(family, fc.boolean(), (cases, fallback) => {
          const ds = cases.map((c) => {
            const d = (c.disclosures ?? [])[0] as NonNullable<typeof c.disclosures>[number];
            const objects = d.clientObjectsToStaffSharing ?? c.client.objectsToStaffSharing ?? fallback;
            return { key: disclosureMemoKey(d, objects), question: question(d, objects) };
          });
          for (const a of ds) {
            expect(a.key).toBeDefined();
            for (const b of ds) expect(a.key === b.key, `${a.question}\n${b.question}`).toBe(a.question === b.question);
          }
          return true;
        }),
        params(Math.max(100, Math.round(RUNS / 5))),
      );
    },
    timeout(),
  );
});
