import { createPolicy, type Policy } from '../engine/policy.js';
import { bundledRules, bundledRulesHash } from '../generated/rules.js';

let policy: Policy | undefined;

/**
 * The policy this package ships (the bundled `rules/`), compiled on first use.
 *
 * @example
 * import { defaultPolicy } from 'upsu-confidentiality-policy';
 * defaultPolicy().ref.id; // 'upsu-advice-confidentiality'
 * @see P1
 */
export function defaultPolicy(): Policy {
  // The hash was computed when the rules were bundled (scripts/bundle-rules.mjs), and the checks that only find
  // problems (file formats, conditions, always-true rules) are made of the bundle by the test suite
  // (test/bundled-hash.test.ts), not at every start.
  if (!policy) policy = createPolicy(bundledRules, { rulesHash: bundledRulesHash, prechecked: true });
  return policy;
}
