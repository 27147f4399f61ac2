// A value that rules `set` into a collected field (`violations`) is listed once however many applied rules set
// it: equal values are one entry even when they are different objects, as they are in an adapted rules folder
// whose rules repeat a violation (the bundled rules never set the same one twice, so only a copy shows this).
import { describe, expect, it } from 'vitest';
import { bundledRules, createPolicy } from '../src/index.js';

const SAME = { code: 'decided-by-adviser-or-raiser', clause: '5.5.4' };

function adapted() {
  const rules = structuredClone(bundledRules) as typeof bundledRules;
  const file = rules.ruleFiles.find((f) => f.question === 'breach');
  let changed = 0;
  for (const r of file?.rules ?? [])
    if (r.name === 'decided-by-adviser-or-raiser' || r.name === 'decider-may-not-decide') {
      (r.event.params as { set: { violations: unknown } }).set.violations = { ...SAME };
      changed++;
    }
  expect(changed).toBe(2);
  return createPolicy(rules);
}

describe('collected values are listed once', () => {
  const q = {
    question: 'breach',
    raisedBy: 'adviser',
    ground: 'harm',
    steps: [
      { step: 'raised', with: 'advice-lead' },
      { step: 'discussed', recordedInCaseNotes: true },
      { step: 'decided', by: 'adviser', agreed: true, writtenRecord: true },
      { step: 'decided', by: 'dpo', agreed: true, writtenRecord: true },
    ],
  } as const;

  it('two applied rules setting equal violations (different objects) give one entry, on both paths', async () => {
    const p = adapted();
    const d = p.evaluate(q, { explain: true });
    expect(d.outcome).toBe('non-compliant');
    const setBoth = ['decided-by-adviser-or-raiser', 'decider-may-not-decide'];
    for (const name of setBoth) expect(d.trace?.find((t) => t.rule === name)?.applied, name).toBe(true);
    expect(d.violations).toEqual([SAME]);
    const e = await p.evaluateWithEngine(q);
    expect(e.violations).toEqual([SAME]);
  });

  it('the bundled rules list each violation of the same chain', () => {
    const d = createPolicy(bundledRules).evaluate(q);
    expect(d.violations).toEqual([
      SAME,
      { code: 'decider-may-not-decide', clause: '5.4.3' },
      { code: 'decider-may-not-decide', clause: '5.5.2' },
    ]);
  });
});
