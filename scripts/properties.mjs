#!/usr/bin/env node
// The long run of the property tests: every property with PROPERTY_RUNS runs (default 1,000,000; CI runs
// 10,000). `npm run test:properties`, or `npm run test:properties -- 200000`; PROPERTY_SEED picks another seed.
import { spawnSync } from 'node:child_process';

const runs = process.argv[2] ?? process.env.PROPERTY_RUNS ?? '1000000';
if (!/^\d+$/.test(runs)) {
  console.error(`properties: the number of runs must be a whole number, not ${JSON.stringify(runs)}`);
  process.exit(2);
}
console.log(`property tests, ${Number(runs).toLocaleString('en-GB')} runs each…`);
const started = Date.now();
const r = spawnSync('npx', ['vitest', 'run', 'test/properties'], {
  stdio: 'inherit',
  env: { ...process.env, PROPERTY_RUNS: runs },
});
console.log(`property tests: ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(r.status ?? 1);
