#!/usr/bin/env node
// Throughput and memory of `upsu-policy audit` on a generated export (default 1,000,000 cases, written to a
// temporary folder and removed afterwards). Runs the built CLI (`npm run build` first) once per run for each
// worker count, with the report going to /dev/null, in rounds (every configuration once per round), and reports
// the median run with the spread (min–max) over the rounds, speed-ups paired within each round, and the best
// run beside them (other processes on the machine make single runs noisy: the load average is printed with
// the results). Prints JSON, then a table.
//
//   node bench/audit.mjs                         # 1,000,000 cases, --workers 1 and 2, 5 rounds
//   node bench/audit.mjs --cases 200000 --runs 1 --workers 1,2,4 --format sarif
//   node bench/audit.mjs --file /tmp/export.ndjson   # an existing export
//   node bench/audit.mjs --pair                  # also: two --workers 1 audits side by side (the machine's ceilings)
//
// --pair measures what the machine itself gives two busy V8 instances, two ways:
// - two separate `--workers 1` processes, started together, each auditing the whole export: 2 × (one alone) /
//   (the pair's wall time) is the speed-up two fully independent audits get from the machine;
// - two separate `--workers 1` processes, started together, each auditing one half of the export (split at a line
//   boundary): (one alone on the whole) / (the pair's wall time) is the speed-up of splitting this one export
//   between two V8 instances with nothing to coordinate: no hand-over of batches, no merging of findings, the
//   output not even in one file. Each instance still starts, compiles its hot code and warms up on its own, as a
//   worker thread does, on half the cases. `--workers 2` (one process, one export split between two threads,
//   findings merged in order) cannot beat it.
import { spawn } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { auditTable } from './lib/audit-table.mjs';
import { median } from './lib/stats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const AS_OF = '2026-09-01';

function options(argv) {
  const o = { cases: 1_000_000, runs: 5, workers: [1, 2], format: 'json', file: undefined, seed: 7, pair: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--cases') o.cases = Number(v());
    else if (a === '--runs') o.runs = Number(v());
    else if (a === '--workers') o.workers = v().split(',').map(Number);
    else if (a === '--format') o.format = v();
    else if (a === '--file') o.file = v();
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--pair') o.pair = true;
    else {
      process.stderr.write(`bench/audit.mjs: unknown option ${a}\n`);
      process.exit(2);
    }
  }
  return o;
}

function run(cmd, args, opts = {}) {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', rej);
    p.on('close', (code) => res({ code, stderr: err }));
  });
}

async function main() {
  const o = options(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const tmp = mkdtempSync(join(tmpdir(), 'upsu-bench-'));
  try {
    let file = o.file;
    if (!file) {
      file = join(tmp, 'cases.ndjson');
      const t = Date.now();
      process.stderr.write(`generating ${o.cases.toLocaleString('en-GB')} cases… `);
      const g = await run(process.execPath, [
        join(ROOT, 'scripts/generate-cases.mjs'),
        '--count',
        String(o.cases),
        '--seed',
        String(o.seed),
        '--out',
        file,
      ]);
      if (g.code !== 0) throw new Error(`generate-cases failed: ${g.stderr}`);
      process.stderr.write(`${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    }
    const bytes = statSync(file).size;
    // Reports the child's peak RSS (all its threads) when it exits.
    const hook = join(tmp, 'peak-rss.cjs');
    writeFileSync(
      hook,
      "process.on('exit', () => require('fs').writeSync(2, '\\nBENCH ' + JSON.stringify({ maxRSS: process.resourceUsage().maxRSS * 1024, cpu: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6 }) + '\\n'));\n",
    );
    const cases = o.file ? lineFeeds(file).lines : o.cases;
    const results = [];
    const auditArgs = (workers, input = file) => [
      '-r',
      hook,
      CLI,
      'audit',
      input,
      '--as-of',
      AS_OF,
      '--format',
      o.format,
      '--workers',
      String(workers),
      '--out',
      '/dev/null',
    ];
    // Rounds: each round runs every worker count once (and the pair), so a machine whose speed drifts (other
    // tenants, CPU credit) affects every configuration alike.
    const runsOf = new Map(o.workers.map((w) => [w, []]));
    const pairs = [];
    const halfPairs = [];
    let halves;
    if (o.pair) {
      const at = lineFeeds(file, Math.floor(cases / 2)).offset;
      halves = [join(tmp, 'first-half.ndjson'), join(tmp, 'second-half.ndjson')];
      await pipeline(createReadStream(file, { end: at - 1 }), createWriteStream(halves[0]));
      await pipeline(createReadStream(file, { start: at }), createWriteStream(halves[1]));
    }
    for (let i = 0; i < o.runs; i++) {
      for (const workers of o.workers) {
        const load = loadavg()[0];
        const t = process.hrtime.bigint();
        const r = audited(await run(process.execPath, auditArgs(workers)));
        const seconds = Number(process.hrtime.bigint() - t) / 1e9;
        const m = /BENCH (.*)/.exec(r.stderr);
        const child = m ? JSON.parse(m[1]) : { maxRSS: Number.NaN, cpu: Number.NaN };
        const peakRssMB = child.maxRSS / 1048576;
        runsOf.get(workers).push({ seconds, peakRssMB, load, cpuSeconds: child.cpu });
        process.stderr.write(
          `  workers=${workers} run ${i + 1}: ${seconds.toFixed(2)} s (CPU ${child.cpu.toFixed(2)} s), peak RSS ${peakRssMB.toFixed(0)} MB (load ${load.toFixed(2)})\n`,
        );
      }
      if (o.pair) {
        const t = process.hrtime.bigint();
        const both = await Promise.all([run(process.execPath, auditArgs(1)), run(process.execPath, auditArgs(1))]);
        const seconds = Number(process.hrtime.bigint() - t) / 1e9;
        both.forEach(audited);
        pairs.push(seconds);
        process.stderr.write(`  two --workers 1 side by side, run ${i + 1}: ${seconds.toFixed(2)} s\n`);
        const th = process.hrtime.bigint();
        const halfRuns = await Promise.all(halves.map((h) => run(process.execPath, auditArgs(1, h))));
        const halfSeconds = Number(process.hrtime.bigint() - th) / 1e9;
        halfRuns.forEach(audited);
        halfPairs.push(halfSeconds);
        process.stderr.write(`  two --workers 1 side by side on halves, run ${i + 1}: ${halfSeconds.toFixed(2)} s\n`);
      }
    }
    for (const [workers, runs] of runsOf) {
      const seconds = runs.map((r) => r.seconds);
      const cpu = runs.map((r) => r.cpuSeconds);
      results.push({
        workers,
        // The median run, and the spread over the rounds.
        seconds: +median(seconds).toFixed(3),
        secondsMin: +Math.min(...seconds).toFixed(3),
        secondsMax: +Math.max(...seconds).toFixed(3),
        casesPerSecond: Math.round(cases / median(seconds)),
        bestCasesPerSecond: Math.round(cases / Math.min(...seconds)),
        peakRssMB: Math.round(Math.max(...runs.map((r) => r.peakRssMB))),
        // CPU time of all the process's threads: what the audit costs, whatever else the machine is doing.
        cpuSeconds: +median(cpu).toFixed(3),
        casesPerCpuSecond: Math.round(cases / median(cpu)),
        runs: runs.map((r) => ({
          seconds: +r.seconds.toFixed(3),
          cpuSeconds: +r.cpuSeconds.toFixed(3),
          peakRssMB: Math.round(r.peakRssMB),
          load: +r.load.toFixed(2),
        })),
      });
    }
    const base = results.find((r) => r.workers === 1);
    // Paired within each round (the same moment of the machine): --workers N against that round's --workers 1.
    if (base)
      for (const r of results) {
        r.pairedSpeedup = spread(r.runs.map((x, i) => base.runs[i].seconds / x.seconds));
      }
    let pair;
    if (pairs.length && base) {
      pair = {
        seconds: +median(pairs).toFixed(3),
        // Two exports audited in that time, against one in the median --workers 1 time.
        speedup: +((2 * base.seconds) / median(pairs)).toFixed(2),
        pairedSpeedup: spread(pairs.map((p, i) => (2 * base.runs[i].seconds) / p)),
        runs: pairs.map((x) => +x.toFixed(3)),
      };
    }
    let halvesPair;
    if (halfPairs.length && base) {
      halvesPair = {
        seconds: +median(halfPairs).toFixed(3),
        // One export audited in that time (in two halves), against the median --workers 1 time for the whole.
        speedup: +(base.seconds / median(halfPairs)).toFixed(2),
        pairedSpeedup: spread(halfPairs.map((p, i) => base.runs[i].seconds / p)),
        runs: halfPairs.map((x) => +x.toFixed(3)),
      };
    }
    const report = {
      cases,
      bytes,
      format: o.format,
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadAverage: loadavg().map((x) => +x.toFixed(2)),
      note: 'seconds: the median run by wall time (process start included), with min–max over the rounds; bestCasesPerSecond: the fastest run; cpuSeconds: user+system of all threads, median; peak RSS: the largest seen, all threads; speed-ups paired within each round. With other processes busy (see loadAverage) wall-time figures and the speed-up understate what idle cores give.',
      results,
      ...(pair ? { twoSeparateProcesses: pair } : {}),
      ...(halvesPair ? { twoProcessesOnHalves: halvesPair } : {}),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n\n`);
    process.stdout.write(`${auditTable(report).join('\n')}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Median, min and max of ratios, to 2 decimals. */
function spread(ratios) {
  return {
    median: +median(ratios).toFixed(2),
    min: +Math.min(...ratios).toFixed(2),
    max: +Math.max(...ratios).toFixed(2),
  };
}

/**
 * Line feeds of a file, read in chunks (a 1M-line export is ~440 MB): `lines`, how many up to the `upTo`-th (all, by
 * default), and `offset`, the byte just after the last one counted (the file's size if it has fewer than `upTo`).
 */
function lineFeeds(file, upTo = Number.POSITIVE_INFINITY) {
  let lines = 0;
  let offset = 0;
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) return { lines, offset };
      for (let i = buf.indexOf(10); i >= 0 && i < got; i = buf.indexOf(10, i + 1))
        if (++lines === upTo) return { lines, offset: offset + i + 1 };
      offset += got;
    }
  } finally {
    closeSync(fd);
  }
}

/** An audit's result, unless it exited with a code other than 0 (no findings) or 1 (findings). */
function audited(r) {
  if (r.code !== 0 && r.code !== 1) throw new Error(`audit exited ${r.code}: ${r.stderr}`);
  return r;
}

main().catch((e) => {
  process.stderr.write(`bench/audit.mjs: ${e.message}\n`);
  process.exit(2);
});
