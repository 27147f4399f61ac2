// auditCase (a public export) validates the case and the audit date as `upsu-policy audit` validates an export's
// lines: bad input throws PolicyInputError listing every issue, never reads as "no findings".

import { describe, expect, it } from 'vitest';
import { auditCase, bundledRules, createPolicy, RuleLoadError } from '../src/index.js';
import { issuesOf } from './support/thrown-issues.js';

const client = { degreeStatus: 'completed', degreeCompletedOn: '2020-06-30', consentToRecord: true } as const;
const c = { id: 'C-1', client };
const thirdParty = {
  actor: { role: 'adviser' },
  recipient: { role: 'third-party' },
  information: { kind: 'case-record', identifiable: true },
} as const;
const studying = { degreeStatus: 'studying', consentToRecord: true } as const;

describe('auditCase refuses what the audit refuses', () => {
  it('a valid case is audited', () => {
    expect(auditCase(c, '2026-09-01').map((f) => f.code)).toEqual(['not-destroyed']);
    expect(
      auditCase({ id: 'C-3', client: studying, disclosures: [thirdParty] }, '2026-09-01').map((f) => f.code),
    ).toEqual(['third-party-without-consent']);
  });

  it('a policy argument that is not a policy is a clear TypeError, never the bundled rules', () => {
    const message = /auditCase: policy must be a Policy \(from createPolicy, loadPolicy or defaultPolicy\)/;
    for (const notAPolicy of [null, {}, bundledRules, { settings: {} }, 'rules'])
      expect(() => auditCase(c, '2026-09-01', notAPolicy as never), String(notAPolicy)).toThrow(message);
    expect(() => auditCase(c, '2026-09-01', null as never)).toThrow(TypeError);
    // Left out (or undefined), the bundled rules, as documented.
    expect(auditCase(c, '2026-09-01', undefined).map((f) => f.code)).toEqual(['not-destroyed']);
    expect(auditCase(c, '2026-09-01', createPolicy(bundledRules)).map((f) => f.code)).toEqual(['not-destroyed']);
  });

  it('a policy without a question the audit asks is refused, whatever the case needs', () => {
    const bundle = structuredClone(bundledRules) as {
      questions: Record<string, unknown>;
      ruleFiles: { question: string }[];
    };
    delete bundle.questions.breach;
    bundle.ruleFiles = bundle.ruleFiles.filter((f) => f.question !== 'breach');
    const policy = createPolicy(bundle as unknown as typeof bundledRules);
    // The policy answers its other questions…
    expect(policy.evaluate({ question: 'access', actor: { role: 'dpo' }, necessary: true }).outcome).toBe('permit');
    // …but cannot audit, even a case with no breach.
    let thrown: unknown;
    try {
      auditCase(c, '2026-09-01', policy);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RuleLoadError);
    expect((thrown as RuleLoadError).problems.map((p) => [p.code, p.file])).toEqual([
      ['unknown-question', 'questions.json'],
    ]);
    expect((thrown as RuleLoadError).problems[0]?.message).toContain('"breach"');
  });

  it('an audit date that is not a calendar date', () => {
    expect(issuesOf(() => auditCase(c, '0000-00-00'))).toEqual([['invalid-date', ['asOf']]]);
    expect(issuesOf(() => auditCase(c, ''))).toEqual([['invalid-date', ['asOf']]]);
  });

  it('an impossible date in the case, a misnamed list, a list that is not an array', () => {
    expect(
      issuesOf(() => auditCase({ ...c, client: { ...client, degreeCompletedOn: '2099-02-30' } }, '2026-09-01')),
    ).toEqual([['invalid-date', ['client', 'degreeCompletedOn']]]);
    expect(
      issuesOf(() => auditCase({ id: 'C-2', client: studying, Disclosures: [thirdParty] } as never, '2026-09-01')),
    ).toEqual([['unknown-field', ['Disclosures']]]);
    expect(
      issuesOf(() =>
        auditCase({ id: 'C-3', client: studying, disclosures: { 0: thirdParty, length: 0 } } as never, '2026-09-01'),
      ),
    ).toEqual([['invalid-type', ['disclosures']]]);
  });

  it('every issue at once, the audit date’s and the case’s', () => {
    expect(issuesOf(() => auditCase({ id: '', client: {} } as never, '2026-13-01'))).toEqual([
      ['invalid-date', ['asOf']],
      ['too-small', ['id']],
      ['required', ['client', 'degreeStatus']],
    ]);
  });

  it('only the case’s own fields are read', () => {
    const consent = { given: true, method: 'consent-to-share', recorded: true };
    const d = Object.assign(Object.create({ consent }), thirdParty);
    expect(auditCase({ id: 'C-4', client: studying, disclosures: [d] }, '2026-09-01').map((f) => f.code)).toEqual([
      'third-party-without-consent',
    ]);
    expect(
      issuesOf(() => auditCase(Object.assign(Object.create({ client: studying }), { id: 'C-5' }), '2026-09-01')),
    ).toEqual([['required', ['client']]]);
    try {
      Object.defineProperty(Object.prototype, 'objectsToStaffSharing', { value: true, configurable: true });
      Object.defineProperty(Object.prototype, 'destroyedOn', { value: '2020-01-01', configurable: true });
      const staff = { ...thirdParty, recipient: { role: 'upsu-staff' as const, involvedInCase: true } };
      expect(auditCase({ id: 'C-6', client: studying, disclosures: [staff] }, '2026-09-01')).toEqual([]);
    } finally {
      delete (Object.prototype as Record<string, unknown>).objectsToStaffSharing;
      delete (Object.prototype as Record<string, unknown>).destroyedOn;
    }
  });
});
