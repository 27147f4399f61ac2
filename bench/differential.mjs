#!/usr/bin/env node
// `npm run test:differential`: the long differential run on the built dist/ — for every question kind, N
// generated questions (default 100,000) decided by `evaluate` (compiled) and `evaluateWithEngine`
// (json-rules-engine); every decision must be identical (same JSON, keys in the same order), and on a sample
// the explain traces must agree on which rules fired and applied. Exit 1 on the first kind with a difference.
//   node bench/differential.mjs [N] [SEED]
import { fileURLToPath } from 'node:url';
import { loadGenerator } from './lib/questions.mjs';

const n = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 20261124);
const lib = await import(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
const { QUESTION_KINDS, questionStream } = await loadGenerator();
let failed = false;
for (const kind of QUESTION_KINDS) {
  const next = questionStream(kind, seed);
  const t = Date.now();
  let diffs = 0;
  let traced = 0;
  const fired = new Set();
  for (let i = 0; i < n; i++) {
    const q = next();
    const explain = i % 100 === 0;
    const a = lib.evaluate(q, { explain });
    const b = await lib.evaluateWithEngine(q, { explain });
    if (explain) {
      traced++;
      const flags = (d) => JSON.stringify(d.trace.map((x) => [x.rule, x.fired, x.applied]));
      if (flags(a) !== flags(b)) {
        if (diffs++ < 3) console.error(`${kind}: traces differ for ${JSON.stringify(q)}`);
      }
      for (const x of a.trace) if (x.fired) fired.add(x.rule);
      delete a.trace;
      delete b.trace;
    }
    if (JSON.stringify(a) !== JSON.stringify(b) && diffs++ < 3)
      console.error(
        `${kind}: decisions differ for ${JSON.stringify(q)}\n  compiled: ${JSON.stringify(a)}\n  engine:   ${JSON.stringify(b)}`,
      );
  }
  const cq = lib.defaultPolicy().loaded.questions[kind];
  const rules = [...cq.deciding, ...cq.modifiers].map((r) => r.name);
  const never = rules.filter((r) => !fired.has(r));
  console.log(
    `${kind.padEnd(18)} ${n.toLocaleString('en-GB')} questions, ${traced.toLocaleString('en-GB')} traced: ${diffs === 0 ? 'identical' : `${diffs} differences`}; rules fired in the traced sample ${rules.length - never.length}/${rules.length} (${((Date.now() - t) / 1000).toFixed(1)} s)`,
  );
  if (diffs) failed = true;
}
process.exit(failed ? 1 : 0);
