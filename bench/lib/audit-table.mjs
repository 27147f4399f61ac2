// The audit's results as markdown lines: printed by bench/audit.mjs and written into bench/RESULTS.md by
// bench/run.mjs (which reads bench/audit.mjs's JSON report).

const n = (x) => x.toLocaleString('en-GB');
const ratio = (s) => (s ? `${s.median}× (${s.min}–${s.max})` : '–');

/** Markdown lines for a bench/audit.mjs report: one row per worker count, then the two-processes lines. */
export function auditTable(report) {
  const rounds = report.results[0]?.runs.length ?? 0;
  const lines = [
    `${n(report.cases)} cases, ${rounds} round${rounds === 1 ? '' : 's'}: median run (min–max over the rounds); speed-ups paired within each round.`,
    '',
    '| workers | seconds, median (min–max) | cases/s (median) | cases/s (best run) | speed-up paired by round, median (min–max) | CPU s (median) | cases per CPU-s | peak RSS (MB) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of report.results)
    lines.push(
      `| ${r.workers} | ${r.seconds.toFixed(2)} (${r.secondsMin.toFixed(2)}–${r.secondsMax.toFixed(2)}) | ${n(r.casesPerSecond)} | ${n(r.bestCasesPerSecond)} | ${ratio(r.pairedSpeedup)} | ${r.cpuSeconds.toFixed(2)} | ${n(r.casesPerCpuSecond)} | ${r.peakRssMB} |`,
    );
  const pair = report.twoSeparateProcesses;
  if (pair)
    lines.push(
      '',
      `Two \`--workers 1\` audits started together as separate processes (each the whole export): ${pair.seconds.toFixed(2)} s for both (median), ${pair.speedup}× one alone; paired by round ${ratio(pair.pairedSpeedup)}. That is about the most two busy V8 instances get from this machine when each has a whole export to amortise its start on.`,
    );
  const halves = report.twoProcessesOnHalves;
  if (halves)
    lines.push(
      '',
      `Two \`--workers 1\` audits started together as separate processes, each on one half of the export: ${halves.seconds.toFixed(2)} s (median), ${halves.speedup}× one \`--workers 1\` audit of the whole; paired by round ${ratio(halves.pairedSpeedup)}. That is the ceiling of splitting this export between two V8 instances that each start, compile and warm up on their own (as a worker thread does) with nothing to coordinate: \`--workers 2\` cannot beat it.`,
    );
  return lines;
}
