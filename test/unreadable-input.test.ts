// Input that cannot be read — a property getter that throws, a revoked Proxy; nothing JSON.parse makes, but an
// object a request handler builds can be one — is bad input like any other: refused with one `invalid` issue at the
// root (where it threw is not known), never decided, and the error it threw is neither passed on nor repeated (its
// message may hold the values). `safeEvaluate` does not throw; `evaluate`, the wrappers and `auditCase` throw
// PolicyInputError, as for any invalid question.
import { describe, expect, it } from 'vitest';
import { auditCase } from '../src/audit/audit-case.js';
import { mayAccess, mayDisclose, nextBreachStep, retentionStatus } from '../src/decision/convenience.js';
import { PolicyInputError } from '../src/decision/errors.js';
import { evaluate, evaluateWithEngine, safeEvaluate } from '../src/decision/evaluate.js';
import type { Issue } from '../src/decision/types.js';

const SECRET = 'Jane Doe 07700 900123';
const throwing = <T extends object>(base: T, key: string): T =>
  Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      throw new Error(SECRET);
    },
  });
const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

// Permitted with the client's recorded Consent to Share (2.1; one of the contract's examples).
const disclosure = {
  question: 'disclosure',
  actor: { role: 'adviser' },
  recipient: { role: 'third-party', name: 'housing officer' },
  information: { kind: 'case-record', identifiable: true },
  purpose: 'third-party-action',
  consent: { given: true, method: 'consent-to-share', recorded: true },
};

// Each: a question that cannot be read, at the root or deep inside.
const unreadable: [string, () => unknown][] = [
  ['a getter that throws on the question', () => throwing(disclosure, 'question')],
  ['a getter that throws on a field', () => throwing(disclosure, 'information')],
  [
    'a getter that throws in a nested object',
    () => ({ ...disclosure, recipient: throwing(disclosure.recipient, 'role') }),
  ],
  ['a getter that throws on a field no schema names', () => throwing(disclosure, 'notes')],
  ['a revoked Proxy as the question', revoked],
  ['a revoked Proxy as a field', () => ({ ...disclosure, consent: revoked() })],
  [
    'a getter that throws inside a breach step',
    () => ({
      question: 'breach',
      raisedBy: { role: 'adviser' },
      ground: 'harm-to-client',
      steps: [throwing({ action: 'raised', with: 'line-manager' }, 'with')],
    }),
  ],
];

const refusedAsUnreadable = (issues: readonly Issue[]) => {
  expect(issues).toEqual([{ path: [], code: 'invalid', message: expect.stringMatching(/could not be read/) }]);
  expect(JSON.stringify(issues)).not.toContain('Jane');
};

/** Asks, and expects a PolicyInputError refusing the input as unreadable (its message without the error's either). */
const throwsUnreadable = (ask: () => unknown) => {
  let thrown: unknown;
  try {
    ask();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(PolicyInputError);
  refusedAsUnreadable((thrown as PolicyInputError).issues);
  expect((thrown as Error).message).not.toContain('Jane');
};

describe('input that cannot be read is refused, never decided', () => {
  it.each(unreadable)('%s: safeEvaluate returns one invalid issue, without the error', (_name, make) => {
    const r = safeEvaluate(make());
    expect(r.ok).toBe(false);
    if (!r.ok) refusedAsUnreadable(r.issues);
  });

  it.each(unreadable)('%s: evaluate and evaluateWithEngine throw PolicyInputError', async (_name, make) => {
    throwsUnreadable(() => evaluate(make()));
    await expect(evaluateWithEngine(make())).rejects.toBeInstanceOf(PolicyInputError);
  });

  it('the question as it reads without the getter is decided (the refusal is the getter, not the question)', () => {
    expect(evaluate(disclosure).outcome).toBe('permit');
    // A getter that returns is read once, as a data field is.
    let reads = 0;
    const q = Object.defineProperty({ ...disclosure }, 'information', {
      enumerable: true,
      get() {
        reads++;
        return disclosure.information;
      },
    });
    expect(evaluate(q).outcome).toBe('permit');
    expect(reads).toBe(1);
  });

  it('the wrappers throw PolicyInputError for fields that cannot be read', () => {
    const { question: _, ...fields } = disclosure;
    for (const ask of [
      () => mayDisclose(throwing(fields, 'recipient') as never),
      () => mayDisclose(revoked() as never),
      () => mayAccess({ role: 'adviser' }, throwing({ purpose: 'case-work' }, 'purpose') as never),
      () => retentionStatus(throwing({ degreeStatus: 'completed' }, 'degreeCompletedOn') as never, '2026-01-01'),
      () =>
        nextBreachStep(
          throwing({ raisedBy: { role: 'adviser' }, ground: 'harm-to-client', steps: [] }, 'steps') as never,
        ),
    ])
      throwsUnreadable(ask);
  });

  it('auditCase throws PolicyInputError for a case that cannot be read', () => {
    const c = { id: 'C-1', client: { degreeStatus: 'studying', consentToRecord: true }, disclosures: [] };
    expect(auditCase(c as never, '2026-01-01')).toEqual([]);
    for (const bad of [throwing(c, 'client'), { ...c, disclosures: [revoked()] }, revoked()])
      throwsUnreadable(() => auditCase(bad as never, '2026-01-01'));
  });
});
