// An adapted folder numbers its own clauses: the audit's own words for a consent to record the export does not
// show cite the clause the finding carries (the recording question's fallback clause), not the bundled 1.1.
import { describe, expect, it } from 'vitest';
import { createCaseAuditor } from '../src/audit/audit-case.js';
import { defaultPolicy } from '../src/decision/default-policy.js';
import { bundledRules } from '../src/generated/rules.js';
import { createPolicy, type RuleBundle } from '../src/index.js';

const line = { id: 'C-1', client: { degreeStatus: 'studying' as const } };

describe('consent-to-record-not-recorded in a folder with its own clause numbers', () => {
  it('cites its own clause in the message as in the finding', () => {
    const bundle = JSON.parse(JSON.stringify(bundledRules).replaceAll('"1.1"', '"1.1a"')) as RuleBundle;
    const [f] = createCaseAuditor(createPolicy(bundle), '2026-09-01')(line);
    expect(f).toMatchObject({ code: 'consent-to-record-not-recorded', clause: '1.1a' });
    expect(f?.message).toBe('The export does not show the client consented to recording (1.1a).');
  });

  it('the bundled rules still say 1.1', () => {
    const [f] = createCaseAuditor(defaultPolicy(), '2026-09-01')(line);
    expect(f?.message).toBe('The export does not show the client consented to recording (1.1).');
  });
});
