import { createPolicy, type Policy } from '../engine/policy.js';
import { bundledRules } from '../generated/rules.js';

let policy: Policy | undefined;

/**
 * The policy this package ships (the bundled `rules/`), compiled on first use.
 *
 * @example
 * defaultPolicy().ref.id; // 'upsu-advice-confidentiality'
 * @see P1
 */
export function defaultPolicy(): Policy {
  if (!policy) policy = createPolicy(bundledRules);
  return policy;
}
