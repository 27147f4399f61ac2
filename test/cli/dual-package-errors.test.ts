// The ESM and CommonJS builds are two copies of the library, and so of its error classes: an application that
// both imports and requires the package (or whose test runner loads the other build) gets an error from one copy
// and checks it against the other's class. `instanceof` must still say what the README promises.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers.js';

beforeAll(() => ensureBuilt());

describe('error classes across the ESM and CommonJS builds', () => {
  it('an error thrown by one build is instanceof the other build’s class, and only of its own kind', () => {
    const script = `import { createRequire } from 'node:module';
const req = createRequire(${JSON.stringify(`${ROOT}/package.json`)});
const esm = await import('upsu-confidentiality-policy');
const cjs = req('upsu-confidentiality-policy');
const thrown = (f) => { try { f(); } catch (e) { return e; } };
const fromEsm = thrown(() => esm.evaluate({ question: 'nope' }));
const fromCjs = thrown(() => cjs.evaluate({ question: 'nope' }));
const rulesEsm = thrown(() => esm.loadPolicy('/nonexistent/rules'));
const rulesCjs = thrown(() => cjs.loadPolicy('/nonexistent/rules'));
class Mine extends cjs.PolicyInputError {}
process.stdout.write(JSON.stringify({
  twoCopies: esm.PolicyInputError !== cjs.PolicyInputError,
  esmInCjs: fromEsm instanceof cjs.PolicyInputError,
  cjsInEsm: fromCjs instanceof esm.PolicyInputError,
  own: fromEsm instanceof esm.PolicyInputError && fromCjs instanceof cjs.PolicyInputError,
  stillError: fromEsm instanceof Error,
  rulesAcross: rulesEsm instanceof cjs.RuleLoadError && rulesCjs instanceof esm.RuleLoadError,
  notCrossKinds: !(fromEsm instanceof cjs.RuleLoadError) && !(rulesCjs instanceof esm.PolicyInputError),
  zodAcross: new esm.ZodUnavailableError('x') instanceof cjs.ZodUnavailableError,
  plain: new Error('x') instanceof esm.PolicyInputError || ({ issues: [] }) instanceof cjs.PolicyInputError || null instanceof esm.PolicyInputError,
  subclass: !(fromCjs instanceof Mine) && new Mine([]) instanceof Mine && new Mine([]) instanceof esm.PolicyInputError,
  json: JSON.stringify(fromCjs.issues),
}));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      twoCopies: true,
      esmInCjs: true,
      cjsInEsm: true,
      own: true,
      stillError: true,
      rulesAcross: true,
      notCrossKinds: true,
      zodAcross: true,
      plain: false,
      subclass: true,
      json: expect.stringContaining('unknown-question'),
    });
  });
});
