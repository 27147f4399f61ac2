// Who is who (policy.json settings adviceTeam, lineManagers, breachDeciders): the bundled values are UPSU's, and
// an advice service adapting the rules can state its own; every decision that reads a role follows them, on
// both engines, and the book draws the chain from them.
import { describe, expect, it } from 'vitest';
import {
  decidesBreaches,
  inAdviceTeam,
  lineManager,
  mayDecideBreach,
  type PolicyRoles,
  UPSU_ROLES,
} from '../src/derive/roles.js';
import { buildModel } from '../src/docs/model.js';
import { ROLES } from '../src/facts/constants.js';
import { bundledRules, createPolicy, defaultPolicy, RuleLoadError } from '../src/index.js';
import { problemsThrown } from './support/thrown-issues.js';

const bundled = defaultPolicy();
// Another service: only the Chief Executive decides a breach; an adviser's line manager is the advice manager;
// the advice manager is in the Advice team.
const other = createPolicy(bundledRules, {
  settings: {
    breachDeciders: ['chief-executive'],
    lineManagers: { adviser: 'advice-manager' },
    adviceTeam: ['adviser', 'advice-lead', 'advice-manager'],
  },
});

const toPolice = (decidedBy: string) => ({
  question: 'disclosure',
  actor: { role: 'adviser' },
  recipient: { role: 'third-party', name: 'police' },
  information: { kind: 'case-record', identifiable: true },
  breach: { ground: 'harm', authorisation: { decidedBy, agreed: true, writtenRecord: true } },
});
const chain = (decider: string, raisedWith = 'advice-lead') => ({
  question: 'breach',
  raisedBy: 'adviser',
  ground: 'harm',
  steps: [
    { step: 'raised', with: raisedWith },
    { step: 'discussed', recordedInCaseNotes: true },
    { step: 'decided', by: decider, agreed: true, writtenRecord: true },
  ],
});

/** The decision on both engines, which must agree. */
async function both(policy: typeof bundled, q: unknown) {
  const compiled = policy.evaluate(q);
  expect(await policy.evaluateWithEngine(q)).toEqual(compiled);
  return compiled;
}

describe('roles as policy settings', () => {
  it('the bundled settings are UPSU’s: the same decisions as before the settings existed', async () => {
    expect(bundled.settings.breachDeciders).toEqual([
      'line-manager',
      'advice-manager',
      'chief-executive',
      'appointed-manager',
    ]);
    expect((await both(bundled, toPolice('advice-lead'))).outcome).toBe('permit');
    expect((await both(bundled, chain('advice-lead'))).outcome).toBe('authorised');
  });

  it('breachDeciders: a disclosure authorised by someone the policy does not let decide is not permitted', async () => {
    expect((await both(other, toPolice('advice-lead'))).outcome).not.toBe('permit');
    expect((await both(other, toPolice('chief-executive'))).outcome).toBe('permit');
    const d = await both(other, chain('advice-lead', 'advice-manager'));
    expect(d.outcome).toBe('non-compliant');
    expect(d.violations?.map((v) => v.code)).toContain('decider-may-not-decide');
    expect((await both(other, chain('chief-executive', 'advice-manager'))).outcome).toBe('authorised');
  });

  it('breachDeciders alone changed (the Advice team and line managers UPSU’s): only those deciders count', async () => {
    const onlyChief = createPolicy(bundledRules, { settings: { breachDeciders: ['chief-executive'] } });
    expect((await both(bundled, toPolice('advice-manager'))).outcome).toBe('permit');
    expect((await both(onlyChief, toPolice('advice-manager'))).outcome).not.toBe('permit');
    expect((await both(onlyChief, toPolice('advice-lead'))).outcome).not.toBe('permit');
    expect((await both(onlyChief, toPolice('chief-executive'))).outcome).toBe('permit');
    const d = await both(onlyChief, chain('advice-lead'));
    expect(d.violations?.map((v) => v.code)).toContain('decider-may-not-decide');
    expect((await both(onlyChief, chain('chief-executive'))).outcome).toBe('authorised');
  });

  it('lineManagers: the breach is raised with, and escalated to, the line manager the policy names', async () => {
    const pending = await both(other, { ...chain('x'), steps: [] });
    expect(pending.nextStep).toEqual({ step: 'raise', role: 'advice-manager' });
    const raisedWithLead = await both(other, chain('chief-executive', 'advice-lead'));
    expect(raisedWithLead.violations?.map((v) => v.code)).toContain('raised-with-wrong-person');
    const noAuthorisation = await both(other, { ...toPolice('x'), breach: { ground: 'harm' } });
    expect(noAuthorisation.outcome).toBe('escalate');
    expect(noAuthorisation.escalateTo).toBe('advice-manager');
    // A role with no line manager: fail closed, as the bundled policy does for a DPO.
    const dpo = await both(other, { ...chain('chief-executive'), raisedBy: 'advice-lead' });
    expect(dpo.outcome).not.toBe('authorised');
  });

  it('adviceTeam: a recipient the policy puts in the Advice team is one', async () => {
    const q = {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'advice-manager' },
      information: { kind: 'case-record', identifiable: true },
    };
    expect((await both(bundled, q)).outcome).toBe('deny');
    expect((await both(other, q)).outcome).toBe('permit');
    const access = { question: 'access', actor: { role: 'advice-manager' }, necessary: true };
    expect((await both(other, access)).outcome).not.toBe((await both(bundled, access)).outcome);
  });

  it("UPSU's roles answer as constants (a fast path) exactly as the generic lookup does, for every pair of roles", () => {
    // The same roles in another order are not recognised as UPSU's, so they take the lookup.
    const reordered: PolicyRoles = {
      adviceTeam: ['advice-lead', 'adviser'],
      lineManagers: { 'advice-lead': 'advice-manager', adviser: 'advice-lead' },
      breachDeciders: ['appointed-manager', 'chief-executive', 'advice-manager', 'line-manager'],
    };
    for (const a of ROLES) {
      expect(inAdviceTeam(a, reordered), a).toBe(inAdviceTeam(a, UPSU_ROLES));
      expect(lineManager(a, reordered), a).toBe(lineManager(a, UPSU_ROLES));
      for (const b of ROLES) expect(mayDecideBreach(a, b, reordered), `${a} for ${b}`).toBe(mayDecideBreach(a, b));
    }
    expect(ROLES.filter((d) => mayDecideBreach(d, 'adviser'))).toEqual([
      'advice-lead',
      'advice-manager',
      'chief-executive',
      'appointed-manager',
    ]);
  });

  it('are copied and frozen when the policy is made: changing the arrays given afterwards changes nothing', () => {
    const team = ['adviser', 'advice-lead'];
    const deciders = ['line-manager', 'advice-manager', 'chief-executive', 'appointed-manager'];
    const p = createPolicy(bundledRules, {
      settings: { adviceTeam: team as never, breachDeciders: deciders as never },
    });
    const toDpo = {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'dpo' },
      information: { kind: 'case-record', identifiable: true },
    };
    const before = p.evaluate(toDpo).outcome;
    team.push('dpo');
    deciders.push('dpo');
    expect(p.evaluate(toDpo).outcome).toBe(before);
    expect(p.settings.adviceTeam).toEqual(['adviser', 'advice-lead']);
    expect(Object.isFrozen(p.settings.adviceTeam)).toBe(true);
    expect(Object.isFrozen(p.settings.lineManagers)).toBe(true);
    expect(() => (p.settings.adviceTeam as string[]).push('client')).toThrow(TypeError);
  });

  it('the book describes the Advice team the policy states', () => {
    const reads = (policy: typeof bundled) =>
      buildModel(policy, [])
        .questions.flatMap((q) => [...q.deciding, ...q.modifiers].map((r) => r.reads))
        .join('\n');
    expect(reads(bundled)).toContain('the recipient is in the Advice team (an adviser or the Advice Service Lead)');
    expect(reads(other)).toContain('the recipient is in the Advice team (adviser, advice-lead, advice-manager)');
  });

  it('the book draws the chain from them', () => {
    const drawn = buildModel(other, []).chain;
    expect(drawn.raises).toEqual([{ raiser: 'adviser', with: 'advice-manager' }]);
    expect(drawn.deciders).toEqual([{ raiser: 'adviser', may: ['chief-executive'] }]);
    expect(buildModel(bundled, []).chain.raises).toEqual([
      { raiser: 'adviser', with: 'advice-lead' },
      { raiser: 'advice-lead', with: 'advice-manager' },
    ]);
  });

  it('are checked as settings are: known roles, no adviser deciding, no role its own line manager; and hashed', () => {
    for (const settings of [
      { breachDeciders: ['adviser', 'chief-executive'] },
      { breachDeciders: [] },
      { breachDeciders: ['ceo'] },
      { lineManagers: { adviser: 'adviser' } },
      { lineManagers: { adviser: 'boss' } },
      { lineManagers: { intern: 'adviser' } },
      { adviceTeam: [] },
      { adviceTeam: ['advisor'] },
      // Outsiders: the client, a third party, the University, the supplier, a membership body, an auditor.
      { adviceTeam: ['adviser', 'advice-lead', 'client'] },
      { adviceTeam: ['adviser', 'third-party'] },
      { breachDeciders: ['third-party'] },
      { breachDeciders: ['line-manager', 'university-staff'] },
      { lineManagers: { adviser: 'membership-body' } },
      { lineManagers: { client: 'advice-lead' } },
      { adviceTeam: ['adviser', 'pms'] },
      { breachDeciders: ['quality-auditor'] },
    ])
      expect(() => createPolicy(bundledRules, { settings: settings as never }), JSON.stringify(settings)).toThrow(
        RuleLoadError,
      );
    expect(other.ref.rulesHash).not.toBe(bundled.ref.rulesHash);
  });

  it('lineManagers: each problem at its own role, as roleLabels reports them, and no message repeats a key', () => {
    const given = {
      adviser: 'adviser',
      'Secret Key': 'advice-lead',
      client: 'advice-manager',
      'advice-lead': 'boss',
      'advice-manager': 'chief-executive',
    };
    const problems = problemsThrown(() => createPolicy(bundledRules, { settings: { lineManagers: given as never } }));
    expect(problems.map((p) => [p.code, p.path])).toEqual(
      expect.arrayContaining([
        ['invalid-setting', ['settings', 'lineManagers', 'adviser']],
        ['invalid-setting', ['settings', 'lineManagers', 'Secret Key']],
        ['invalid-setting', ['settings', 'lineManagers', 'client']],
        ['invalid-setting', ['settings', 'lineManagers', 'advice-lead']],
      ]),
    );
    expect(problems).toHaveLength(4);
    for (const p of problems) expect(p.message.replace(p.path?.join('.') ?? '', '')).not.toMatch(/Secret|boss/);
    const message = (role: string) => problems.find((p) => p.path?.[2] === role)?.message;
    expect(message('adviser')).toMatch(/no role is its own line manager/);
    expect(message('client')).toMatch(/only staff roles have a line manager/);
  });
});

describe("6.1.6 lists whoever may decide a breach under the policy's roles (staff-readiness)", () => {
  const readiness = (role: string, receivedPolicyCopy: boolean) => ({
    question: 'staff-readiness',
    staff: { role },
    receivedPolicyCopy,
    newStarter: false,
  });
  it("UPSU's: the Student Focus and Advice Manager (the Advice Service Lead's line Manager) is listed and can be ready", async () => {
    expect(ROLES.filter((r) => decidesBreaches(r))).toEqual([
      'advice-lead',
      'advice-manager',
      'chief-executive',
      'appointed-manager',
    ]);
    expect((await both(bundled, readiness('advice-manager', true))).outcome).toBe('ready');
    const without = await both(bundled, readiness('advice-manager', false));
    expect([without.outcome, without.clauses, without.remedies.map((r) => r.code)]).toEqual([
      'not-ready',
      ['6.1', '6.1.6'],
      ['provide-policy-copy'],
    ]);
  });
  it("another service's: a line manager the settings name decides, so is listed; a manager who decides nothing is not", async () => {
    const upsuStaffManages = createPolicy(bundledRules, {
      settings: { lineManagers: { adviser: 'upsu-staff' }, breachDeciders: ['line-manager'] },
    });
    expect((await both(upsuStaffManages, readiness('upsu-staff', true))).outcome).toBe('ready');
    expect((await both(upsuStaffManages, readiness('upsu-staff', false))).clauses).toEqual(['6.1', '6.1.6']);
    expect((await both(bundled, readiness('upsu-staff', true))).outcome).toBe('not-ready');
    // `other`: only the Chief Executive decides, so the advice manager is not listed by 6.1 there.
    const notListed = await both(other, readiness('advice-manager', true));
    expect([notListed.outcome, notListed.clauses]).toEqual(['not-ready', ['6.1']]);
    expect(notListed.remedies).toEqual([]);
  });
});
