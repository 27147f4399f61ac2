// Audit workers started by the binary before it loads the rest of the command line (`dist/cli.js` is a small
// entry that calls prespawnAuditWorkers, then imports the command line): a worker loads and compiles its
// policy while this thread is still loading its modules, and `runAudit` takes the workers when it starts.
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

/** What a worker is given when it starts (the rest, in a first `AuditSetup` message). */
export interface WorkerStart {
  readonly rulesDir?: string;
}

/**
 * Heap limits of a worker, which keep `--workers 2` under 300 MB on any export (3,000,000 cases: ~300 MB with
 * V8's defaults, ~255 MB with these, both with `JSON.parse`; 144 MB with these since the audit's own line parser):
 * - a young generation of 12 MB (4 MB semi-spaces, V8's default is 16): the young objects of one line at a time
 *   fit, and callgrind counts 0.4 % more instructions than with 32 MB;
 * - an old generation of at most 256 MB, which also makes V8 collect it before it grows far past what is live
 *   (~10 MB). The densest lines the reader accepts (8 MB of `{}` or of nested `[`) need well under that; the
 *   tests audit one in a worker.
 * (`UPSU_AUDIT_WORKER_YOUNG_MB` and `UPSU_AUDIT_WORKER_OLD_MB` are tuning knobs for bench/audit.mjs experiments.)
 */
function workerLimits() {
  return {
    maxYoungGenerationSizeMb: Number(process.env.UPSU_AUDIT_WORKER_YOUNG_MB ?? 12),
    maxOldGenerationSizeMb: Number(process.env.UPSU_AUDIT_WORKER_OLD_MB ?? 256),
  };
}

/** An audit worker, with an error it raised before anyone listened (a prespawned one is not listened to). */
export interface StartedWorker {
  readonly worker: Worker;
  error?: Error;
  exitCode?: number;
}

export function spawnAuditWorker(url: URL, rulesDir: string | undefined): StartedWorker {
  const start: WorkerStart = rulesDir ? { rulesDir } : {};
  // Node pipes each worker's stdout and stderr into this process's, adding a listener of each kind to
  // process.stdout and process.stderr: allow one more per worker, or more than ten workers make Node warn on
  // stderr (a possible leak, which it is not).
  for (const stream of [process.stdout, process.stderr]) {
    const max = stream.getMaxListeners();
    if (max !== 0) stream.setMaxListeners(max + 1);
  }
  const worker = new Worker(url, { workerData: start, resourceLimits: workerLimits() });
  // …and take it back when the worker is gone, so that a real leak is still warned about later.
  worker.once('exit', () => {
    for (const stream of [process.stdout, process.stderr]) {
      const max = stream.getMaxListeners();
      if (max > 10) stream.setMaxListeners(max - 1);
    }
  });
  const started: StartedWorker = { worker };
  worker.on('error', (e) => {
    started.error ??= e;
  });
  worker.on('exit', (code) => {
    started.exitCode = code;
  });
  return started;
}

/** The options of `upsu-policy audit` (besides `--help`): the command line and this pre-spawner parse the same. */
export const AUDIT_OPTIONS = {
  'as-of': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  workers: { type: 'string' },
  rules: { type: 'string' },
  'no-progress': { type: 'boolean' },
} as const;

/**
 * The first value option of `parseArgs` tokens given more than once (`--as-of 2026-09-01 … --as-of 2025-09-01`), which
 * the command line refuses as ambiguous (parseArgs keeps the last); `undefined` when none is. A flag may repeat.
 *
 * @example
 * repeatedOption(parseArgs({ args: ['--out=a', '--out', 'b'], options: { out: { type: 'string' } }, tokens: true }).tokens); // 'out'
 */
export function repeatedOption(tokens: readonly { kind: string; name?: string; value?: string }[]): string | undefined {
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option' || t.value === undefined || t.name === undefined) continue;
    if (seen.has(t.name)) return t.name;
    seen.add(t.name);
  }
  return undefined;
}

/**
 * The thread count `--workers` gives, written as a whole number in decimal digits from 1 to 64 (`1` when absent);
 * `undefined` for anything else (`0`, `2.5`, `1e1`, `0x2`, ` 2`), which the command line refuses.
 */
export function workerCount(value: unknown): number | undefined {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[0-9]{1,2}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= 64 ? n : undefined;
}

let spare: { url: string; rulesDir: string | undefined; workers: StartedWorker[] } | undefined;

/**
 * Starts the worker threads `upsu-policy audit --workers N` will use (N - 1 of them), when `argv` is such a
 * command that parses. They do not keep the process alive until {@link takePrespawned} takes them.
 */
export function prespawnAuditWorkers(argv: readonly string[], url: URL): void {
  if (argv[0] !== 'audit') return;
  let values: Record<string, unknown>;
  try {
    // The options of `audit` as the command line parses them (anything it would reject, a value option given
    // twice too: no workers here).
    const r = parseArgs({
      args: argv.slice(1),
      options: { help: { type: 'boolean', short: 'h' }, ...AUDIT_OPTIONS },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    if (repeatedOption(r.tokens) !== undefined) return;
    values = r.values;
  } catch {
    return;
  }
  const workers = workerCount(values.workers);
  if (values.help || workers === undefined || workers < 2) return;
  const rulesDir = values.rules as string | undefined;
  spare = { url: url.href, rulesDir, workers: [] };
  for (let i = 1; i < workers; i++) {
    const w = spawnAuditWorker(url, rulesDir);
    w.worker.unref();
    spare.workers.push(w);
  }
}

/** The prespawned workers, when they are the `count` workers of `url` for `rulesDir` (else none: they stop). */
export function takePrespawned(count: number, url: URL, rulesDir: string | undefined): StartedWorker[] | undefined {
  const s = spare;
  spare = undefined;
  if (!s) return undefined;
  if (s.workers.length !== count || s.url !== url.href || s.rulesDir !== rulesDir) {
    for (const w of s.workers) void w.worker.terminate();
    return undefined;
  }
  for (const w of s.workers) w.worker.ref();
  return s.workers;
}
