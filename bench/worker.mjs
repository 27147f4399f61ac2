// One benchmark measurement in its own process: `node bench/worker.mjs ENGINE KIND N SEED`. Prints one JSON
// line: microseconds per decision over N generated questions (after warm-up passes), and the peak RSS.
//   ENGINE: evaluate | handwritten | jre | engine (evaluateWithEngine) | cedar
import { fileURLToPath } from 'node:url';
import { loadGenerator } from './lib/questions.mjs';
import { median } from './lib/stats.mjs';

const [engine, kind, nArg, seedArg] = process.argv.slice(2);
const n = Number(nArg);
const seed = Number(seedArg);
const lib = await import(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
const { randomQuestions } = await loadGenerator();
const questions = randomQuestions(kind, n, seed);
const ref = lib.defaultPolicy().ref;

let fn;
let async = false;
if (engine === 'evaluate') fn = lib.evaluate;
else if (engine === 'handwritten') {
  if (kind === 'disclosure') {
    const { createHandwrittenDisclosure } = await import('./baselines/handwritten-disclosure.mjs');
    fn = createHandwrittenDisclosure(lib.bundledRules, ref);
  } else {
    const h = await import('./baselines/handwritten-others.mjs');
    const make = {
      retention: h.createHandwrittenRetention,
      contact: h.createHandwrittenContact,
      access: h.createHandwrittenAccess,
    }[kind];
    if (!make) throw new Error(`no hand-written baseline for ${kind}`);
    fn = make(lib.bundledRules, ref);
  }
} else if (engine === 'jre') {
  const { createPlainJre } = await import('./baselines/jre-plain.mjs');
  fn = createPlainJre(lib, kind);
  async = true;
} else if (engine === 'engine') {
  fn = lib.evaluateWithEngine;
  async = true;
} else if (engine === 'cedar') {
  const { createCedarDisclosure } = await import('./baselines/cedar/cedar-disclosure.mjs');
  fn = await createCedarDisclosure(lib);
} else throw new Error(`unknown engine ${engine}`);

// Warm-up: passes over (up to) the first 20,000 questions for at least WARM_MS, so every engine is timed with
// its JIT settled (on a busy machine the optimising compiler's thread gets little time: one pass is not enough).
const WARM_MS = Number(process.env.BENCH_WARM_MS ?? 1500);
const warm = Math.min(n, 20_000);
let sink = 0;
let warmed = 0;
const w0 = performance.now();
do {
  if (async) for (let i = 0; i < warm; i++) sink += (await fn(questions[i])) ? 1 : 0;
  else for (let i = 0; i < warm; i++) sink += fn(questions[i]) ? 1 : 0;
  warmed += warm;
} while (performance.now() - w0 < WARM_MS);

// The questions were just made: collect now so they sit in the old generation, and no engine's timed loop
// pays for promoting them (run with --expose-gc, as bench/run.mjs does).
globalThis.gc?.();
globalThis.gc?.();
// Timed in ten chunks: the figure is the median chunk, so a burst of other work on the machine (builds and
// tests share these cores) spoils one chunk, not the result. The mean is reported too.
const CHUNKS = n >= 1000 ? 10 : 1;
const per = [];
let total = 0;
for (let c = 0; c < CHUNKS; c++) {
  const from = Math.floor((c * n) / CHUNKS);
  const to = Math.floor(((c + 1) * n) / CHUNKS);
  const t0 = process.hrtime.bigint();
  if (async) for (let i = from; i < to; i++) sink += (await fn(questions[i])) ? 1 : 0;
  else for (let i = from; i < to; i++) sink += fn(questions[i]) ? 1 : 0;
  const ns = Number(process.hrtime.bigint() - t0);
  total += ns;
  per.push(ns / 1000 / (to - from));
}
const us = median(per);
if (sink !== n + warmed) throw new Error('an engine returned nothing');
process.stdout.write(
  `${JSON.stringify({ engine, kind, n, us, meanUs: total / 1000 / n, rssMB: (process.resourceUsage().maxRSS * 1024) / 1048576 })}\n`,
);
