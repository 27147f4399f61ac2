// A rule's constant escalateTo names a role a breach is escalated to: the contract's is a line manager (5.4.1),
// one of the organisation's staff, as the role settings require. Naming an outsider does not load.
import { describe, expect, it } from 'vitest';
import { bundledRules } from '../src/generated/rules.js';
import { createPolicy, type RuleBundle, RuleLoadError } from '../src/index.js';

function withEscalateTo(role: string): RuleBundle {
  const b = structuredClone(bundledRules) as unknown as {
    ruleFiles: { file: string; rules: { name: string; event: { params: { set?: Record<string, unknown> } } }[] }[];
  };
  const file = b.ruleFiles.find((f) => f.file === '5-breaches/disclosure.rules.json');
  const rule = file?.rules.find((r) => r.name === 'breach-needs-authorisation');
  if (!rule?.event.params.set) throw new Error('no breach-needs-authorisation with set');
  rule.event.params.set.escalateTo = role;
  return b as unknown as RuleBundle;
}

const problems = (role: string) => {
  try {
    createPolicy(withEscalateTo(role));
    return [];
  } catch (e) {
    if (!(e instanceof RuleLoadError)) throw e;
    return e.problems;
  }
};

describe('params.set.escalateTo', () => {
  it.each(['client', 'third-party', 'university-staff', 'membership-body', 'pms', 'quality-auditor'])(
    'naming %s does not load (invalid-set, file and rule)',
    (role) => {
      const [p, ...rest] = problems(role);
      expect(rest).toEqual([]);
      expect(p).toMatchObject({
        code: 'invalid-set',
        file: '5-breaches/disclosure.rules.json',
        rule: 'breach-needs-authorisation',
      });
      expect(p?.message).toContain(`must be one of the organisation's staff roles`);
      expect(p?.message).toContain(`not "${role}"`);
    },
  );

  it('a staff role loads', () => {
    expect(problems('advice-manager')).toEqual([]);
    expect(problems('senior-management')).toEqual([]);
  });
});
