// Before any timing: do the baselines decide as `evaluate` does, on the same generated questions? Prints JSON:
// one entry per baseline with the number checked and the mismatches (and the first one, to fix it).
//   node --no-turbo-inline-js-wasm-calls bench/verify.mjs N SEED
import { fileURLToPath } from 'node:url';
import { createCedarDisclosure } from './baselines/cedar/cedar-disclosure.mjs';
import { createHandwrittenDisclosure } from './baselines/handwritten-disclosure.mjs';
import {
  createHandwrittenAccess,
  createHandwrittenContact,
  createHandwrittenRetention,
} from './baselines/handwritten-others.mjs';
import { loadGenerator } from './lib/questions.mjs';

const n = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 1);
const lib = await import(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
const { randomQuestions } = await loadGenerator();
const ref = lib.defaultPolicy().ref;
const out = [];
const makers = {
  disclosure: createHandwrittenDisclosure,
  retention: createHandwrittenRetention,
  contact: createHandwrittenContact,
  access: createHandwrittenAccess,
};
for (const [kind, make] of Object.entries(makers)) {
  const hw = make(lib.bundledRules, ref);
  let mismatches = 0;
  let example;
  for (const q of randomQuestions(kind, n, seed)) {
    const a = JSON.stringify(lib.evaluate(q));
    const b = JSON.stringify(hw(q));
    if (a !== b && mismatches++ === 0) example = { question: q, evaluate: JSON.parse(a), handwritten: JSON.parse(b) };
  }
  out.push({ what: `hand-written ${kind}`, checked: n, mismatches, example });
}
const cedar = await createCedarDisclosure(lib);
const cn = Math.min(n, 5_000);
let mismatches = 0;
let example;
for (const q of randomQuestions('disclosure', cn, seed)) {
  const permit = lib.evaluate(q).outcome === 'permit';
  const r = cedar(q);
  if ((r.decision === 'allow') !== permit && mismatches++ === 0) example = { question: q, cedar: r };
}
out.push({ what: 'Cedar disclosure (allow ⇔ permit)', checked: cn, mismatches, example });
process.stdout.write(`${JSON.stringify(out)}\n`);
