// The rulesHash of the bundled rules is computed once, by scripts/bundle-rules.mjs, instead of at every start of
// the library: it must be exactly what the library would compute.
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/decision/default-policy.js';
import { rulesHash } from '../src/engine/hash.js';
import { bundleForHash, createPolicy } from '../src/engine/policy.js';
import { bundledRules, bundledRulesHash } from '../src/generated/rules.js';

describe('precomputed rulesHash of the bundled rules', () => {
  it('equals rulesHash(bundleForHash(bundledRules))', () => {
    expect(bundledRulesHash).toBe(rulesHash(bundleForHash(bundledRules)));
    expect(bundledRulesHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it('is the hash every decision of the default policy carries, as a policy compiled without it would', () => {
    expect(defaultPolicy().ref.rulesHash).toBe(bundledRulesHash);
    expect(createPolicy(bundledRules).ref).toEqual(defaultPolicy().ref);
  });
});
