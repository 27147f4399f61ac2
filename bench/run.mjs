#!/usr/bin/env node
// `npm run bench` (builds first): decisions per engine, each measured in its own child process, over the same
// generated questions (test/support/random-questions.ts, seeded), repeated; ratios are paired within each
// repetition (both sides measured seconds apart, under the same load). Prints a markdown table and writes it,
// with the raw figures, to bench/RESULTS.md.
//
//   npm run bench                    # full: 100,000 questions per fast engine, 5 repetitions, audit of 1M cases
//   npm run bench -- --quick         # tiny sizes, 2 repetitions (CI: checks that it runs; RESULTS.md untouched)
//   node bench/run.mjs --reps 7 --n 200000 --slow-n 20000 --audit-cases 200000 --out /tmp/results.md
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { auditTable } from './lib/audit-table.mjs';
import { loadGenerator } from './lib/questions.mjs';
import { median } from './lib/stats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

function options(argv) {
  const quick = argv.includes('--quick');
  const o = {
    quick,
    reps: quick ? 2 : 5,
    n: quick ? 2_000 : 100_000,
    slowN: quick ? 200 : 10_000,
    cedarN: quick ? 200 : 5_000,
    coldRuns: quick ? 3 : 15,
    auditCases: quick ? 5_000 : 1_000_000,
    seed: 20261124,
    out: quick ? null : here('./RESULTS.md'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--quick') continue;
    else if (a === '--reps') o.reps = Number(v());
    else if (a === '--n') o.n = Number(v());
    else if (a === '--slow-n') o.slowN = Number(v());
    else if (a === '--cedar-n') o.cedarN = Number(v());
    else if (a === '--cold-runs') o.coldRuns = Number(v());
    else if (a === '--audit-cases') o.auditCases = Number(v());
    else if (a === '--no-audit') o.auditCases = 0;
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--out') o.out = v();
    else {
      process.stderr.write(`bench/run.mjs: unknown option ${a}\n`);
      process.exit(2);
    }
  }
  return o;
}

const o = options(process.argv.slice(2));
if (!existsSync(`${ROOT}dist/index.js`)) {
  process.stderr.write('dist/ is missing: run `npm run build` first (npm run bench does)\n');
  process.exit(2);
}
const { QUESTION_KINDS } = await loadGenerator();
const HANDWRITTEN = ['disclosure', 'retention', 'contact', 'access'];
const CEDAR_FLAGS = ['--no-turbo-inline-js-wasm-calls'];

function child(args, flags = []) {
  const r = spawnSync(process.execPath, [...flags, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}
const log = (s) => process.stderr.write(`${s}\n`);

// 1. The baselines must decide exactly as `evaluate` does, or the comparison means nothing.
log('checking the hand-written baselines and the Cedar policies against evaluate…');
const verify = JSON.parse(child([here('./verify.mjs'), String(Math.max(o.n, 20_000)), String(o.seed)], CEDAR_FLAGS));
for (const v of verify) log(`  ${v.what}: ${v.checked.toLocaleString('en-GB')} questions, ${v.mismatches} mismatches`);
if (verify.some((v) => v.mismatches > 0)) {
  log('a baseline no longer decides as evaluate does (have the rules changed?): fix it before benchmarking.');
  for (const v of verify) if (v.example) log(JSON.stringify(v.example, null, 1));
  process.exit(1);
}

// 2. Decisions: every engine in its own process, the same questions, `reps` times; pairs within a repetition.
const tasks = [];
for (const kind of QUESTION_KINDS) tasks.push({ engine: 'evaluate', kind, n: o.n });
for (const kind of HANDWRITTEN) tasks.push({ engine: 'handwritten', kind, n: o.n });
tasks.push({ engine: 'jre', kind: 'disclosure', n: o.slowN });
tasks.push({ engine: 'engine', kind: 'disclosure', n: o.slowN });
tasks.push({ engine: 'cedar', kind: 'disclosure', n: o.cedarN, flags: CEDAR_FLAGS });
const results = new Map(); // "engine:kind" → [{ us, rssMB }] one per repetition
const load = [loadavg()[0]];
for (let rep = 0; rep < o.reps; rep++) {
  for (const t of tasks) {
    const out = JSON.parse(
      child(
        [here('./worker.mjs'), t.engine, t.kind, String(t.n), String(o.seed + rep)],
        ['--expose-gc', ...(t.flags ?? [])],
      ),
    );
    const key = `${t.engine}:${t.kind}`;
    if (!results.has(key)) results.set(key, []);
    results.get(key).push(out);
  }
  load.push(loadavg()[0]);
  log(`repetition ${rep + 1}/${o.reps} done (load average ${loadavg()[0].toFixed(2)})`);
}

// 3. Cold start: a fresh `node` importing dist/index.js and deciding one question.
const cold = [];
for (let i = 0; i < o.coldRuns; i++) cold.push(JSON.parse(child([here('./cold-start.mjs')])));
// What the import is made of: the two dependencies loaded at import, each alone in a fresh process.
const depCold = (name) => {
  const xs = [];
  for (let i = 0; i < o.coldRuns; i++)
    xs.push(
      Number(
        child([
          '--input-type=module',
          '-e',
          `const t = performance.now(); await import(${JSON.stringify(name)}); process.stdout.write(String(performance.now() - t));`,
        ]),
      ),
    );
  return xs;
};
const zodCold = depCold('zod');
const bare = [];
for (let i = 0; i < o.coldRuns; i++) {
  const t = process.hrtime.bigint();
  child(['-e', '0']);
  bare.push(Number(process.hrtime.bigint() - t) / 1e6);
}

// 4. The audit, when the CLI's benchmark is there.
let audit = null;
if (o.auditCases > 0 && existsSync(here('./audit.mjs'))) {
  log(`auditing ${o.auditCases.toLocaleString('en-GB')} generated cases (bench/audit.mjs)…`);
  const args = [here('./audit.mjs'), '--cases', String(o.auditCases), '--runs', o.quick ? '1' : String(o.reps)];
  // Also two --workers 1 audits side by side, on the whole export and on its halves: the machine's ceilings for
  // two busy V8 instances (the quick run too, so that CI runs every path of bench/audit.mjs).
  if (o.quick) args.push('--workers', '1');
  args.push('--pair');
  const text = child(args);
  audit = JSON.parse(text.slice(0, text.indexOf('\n\n')));
}

// 5. Report.
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const spread = (xs) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
const us = (key) => (results.get(key) ?? []).map((r) => r.us);
const rss = (key) => Math.max(...(results.get(key) ?? []).map((r) => r.rssMB));
const paired = (a, b) => us(a).map((x, i) => x / us(b)[i]);

const cpu = cpus();
const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version} (${process.platform} ${process.arch})`;
const lines = [];
const p = (s = '') => lines.push(s);
p(`Machine: ${machine}. Load average during the run: ${load.map((x) => x.toFixed(2)).join(' → ')}.`);
p(
  `Sizes: ${o.n.toLocaleString('en-GB')} generated questions per fast engine, ${o.slowN.toLocaleString('en-GB')} for json-rules-engine, ${o.cedarN.toLocaleString('en-GB')} for Cedar; ${o.reps} repetitions, each engine in a fresh process (warm-up pass first). Median, with min–max over the repetitions; ratios are paired within each repetition.`,
);
p();
p('### Disclosure: the public API against the baselines');
p();
p('| engine | µs per decision (median) | min–max | evaluate is … | paired ratio min–max | peak RSS (MB) |');
p('|---|---:|---:|---:|---:|---:|');
const ev = 'evaluate:disclosure';
const row = (label, key, relation) => {
  const ratio = relation === 'self' ? null : relation === 'slower' ? paired(ev, key) : paired(key, ev);
  const said =
    ratio === null
      ? '—'
      : relation === 'slower'
        ? `${fmt(median(ratio))}× the time`
        : `**${fmt(median(ratio))}× faster**`;
  p(
    `| ${label} | ${fmt(median(us(key)))} | ${spread(us(key))} | ${said} | ${ratio ? spread(ratio) : '—'} | ${rss(key).toFixed(0)} |`,
  );
};
row('`evaluate` (validation + compiled rules + full decision)', ev, 'self');
row('hand-written TypeScript (hand validation + the same decision object)', 'handwritten:disclosure', 'slower');
row('json-rules-engine 7.3, one engine, `await engine.run(facts)`', 'jre:disclosure', 'faster');
row('`evaluateWithEngine` (validation + json-rules-engine + combine)', 'engine:disclosure', 'faster');
row('@cedar-policy/cedar-wasm, `statefulIsAuthorized`, policies pre-parsed', 'cedar:disclosure', 'faster');
p();
p('### Every question kind through `evaluate`');
p();
p(
  '| question | `evaluate` µs (median) | min–max | hand-written µs | evaluate / hand-written (paired median, min–max) |',
);
p('|---|---:|---:|---:|---:|');
for (const kind of QUESTION_KINDS) {
  const k = `evaluate:${kind}`;
  const h = `handwritten:${kind}`;
  const has = results.has(h);
  const r = has ? paired(k, h) : null;
  p(
    `| ${kind} | ${fmt(median(us(k)))} | ${spread(us(k))} | ${has ? fmt(median(us(h))) : '—'} | ${r ? `${fmt(median(r))}× (${spread(r)})` : '—'} |`,
  );
}
p();
p('### Cold start');
p();
const c = (f) => cold.map(f);
p('| measure | median ms | min–max |');
p('|---|---:|---:|');
p(
  `| import dist/index.js + first \`evaluate\` (in the process) | ${fmt(median(c((x) => x.total)))} | ${spread(c((x) => x.total))} |`,
);
p(`| … of which import | ${fmt(median(c((x) => x.import)))} | ${spread(c((x) => x.import))} |`);
p(
  `| … of which first decision (compiles the policy) | ${fmt(median(c((x) => x.first)))} | ${spread(c((x) => x.first))} |`,
);
p(`| whole \`node\` process, start to exit | ${fmt(median(c((x) => x.process)))} | ${spread(c((x) => x.process))} |`);
p(`| for comparison: \`node -e 0\` | ${fmt(median(bare))} | ${spread(bare)} |`);
p(
  `| for reference: \`import('zod')\` alone (which the import above does not load) | ${fmt(median(zodCold))} | ${spread(zodCold)} |`,
);
if (audit) {
  p();
  p('### Audit (bench/audit.mjs)');
  p();
  for (const l of auditTable(audit)) p(l);
}
const table = lines.join('\n');
process.stdout.write(`${table}\n`);

if (o.out) {
  const raw = Object.fromEntries([...results].map(([k, v]) => [k, v.map((r) => +r.us.toFixed(4))]));
  writeFileSync(
    o.out,
    `<!-- generated by bench/run.mjs (npm run bench) on ${new Date().toISOString().slice(0, 10)} — do not edit -->
# Benchmark results

${table}

Notes:
- Single figures are noisy: the machine is a shared VM whose speed drifts, and the load average above counts
  the benchmark's own processes as well as anything else running. The ratios are paired within each repetition
  (the audit's within each round), which is what the targets are about.
- Every baseline was checked first against \`evaluate\` on the same generated questions: the hand-written
  functions return identical decisions; Cedar allows exactly when \`evaluate\` permits (it answers allow/deny
  only, so it does less work than the others).
- Cold start: importing the library loads neither zod (required on first need: an error report, JSON Schema,
  a rules folder's format checks; the zod row shows what it would cost) nor json-rules-engine (\`evaluateWithEngine\`
  only), nor Node's \`node:fs\` (loaded when a rules folder is read); date-fns is bundled. The policy itself (hash
  precomputed; the bundled rules' formats and conditions checked by the tests, not at start-up) compiles in the
  first decision.
- Cedar runs with \`node --no-turbo-inline-js-wasm-calls\` (cedar-wasm aborts Node 20 after a major GC in a hot
  loop without it).

Raw µs per decision, one per repetition:

\`\`\`json
${JSON.stringify(raw, null, 1)}
\`\`\`
`,
  );
  // Laid out as the project's formatter (biome) lays out Markdown, so `npm run lint` stays clean.
  const biome = `${ROOT}node_modules/.bin/biome`;
  if (existsSync(biome)) spawnSync(biome, ['format', '--write', o.out], { cwd: ROOT, stdio: 'ignore' });
  log(`written to ${o.out}`);
}
