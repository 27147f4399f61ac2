import {
  chmodSync,
  chownSync,
  createReadStream,
  createWriteStream,
  lstatSync,
  mkdtempSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  type WriteStream,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { packageVersion } from '../engine/package-root.js';
import type { Policy } from '../engine/policy.js';
import { checkAuditable } from './audit-case.js';
import { type BatchJob, type BatchResult, clauseIndex, createBatchAuditor, MAX_LINE_BYTES } from './batch.js';
import {
  type AuditFormat,
  type AuditSummary,
  type FormatSetup,
  type InvalidLine,
  moreIssuesText,
  pathText,
  printable,
  sarifText,
  sarifUri,
  xml,
} from './format.js';
import { spawnAuditWorker, takePrespawned } from './prespawn.js';
import type { AuditSetup } from './worker.js';

/** Options of {@link runAudit} (what `upsu-policy audit` passes). */
export interface AuditOptions {
  /** A file path, or `-` for standard input. */
  readonly input: string;
  readonly asOf: string;
  readonly format: AuditFormat;
  /** Write the report here (atomically, via a temporary file) instead of to `stdout`. */
  readonly out?: string;
  /** Threads auditing: this one (which also reads and writes) and `workers - 1` worker threads. */
  readonly workers: number;
  /** The policy, or how to get it (then worker threads start loading theirs first). */
  readonly policy: Policy | (() => Policy);
  /** The rules folder the policy was loaded from (workers load it again); absent: the bundled rules. */
  readonly rulesDir?: string;
  readonly color: boolean;
  /** Show a progress bar on `stderr`. */
  readonly progress: boolean;
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable & { columns?: number };
  /** Where the worker script is (`dist/audit-worker.js`). */
  readonly workerUrl?: URL;
  /** Bytes per read (tests use a small one to exercise batch boundaries). */
  readonly chunkBytes?: number;
  /** How many results a SARIF report holds (default {@link SARIF_RESULTS_LISTED}; tests set fewer). */
  readonly sarifResults?: number;
}

/** How many invalid lines the JSON and SARIF reports list one by one (all are counted). */
export const INVALID_LINES_LISTED = 1000;

/**
 * How many results a SARIF report holds: GitHub code scanning refuses a run of more than 25,000. The rest are
 * counted in the summary, and a notification in the file says how many were left out.
 */
export const SARIF_RESULTS_LISTED = 25_000;

/** The first `n` results of a SARIF batch text (each result is one line, `,\n{…}`). */
function firstResults(text: string, n: number): string {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(',\n', at + 1);
    if (at < 0) return text;
  }
  return text.slice(0, at);
}

const MIN_BATCH = 256 * 1024;

/** The last bytes of a file are read {@link TAIL_CHUNK} at a time (batches of about {@link MIN_BATCH}). */
const TAIL_BYTES = 4 * 1024 * 1024;
const TAIL_CHUNK = 128 * 1024;

/** Results held for re-ordering before this thread stops auditing and waits for the workers. */
const MAX_WAITING = 16;

/**
 * Streams a case export through the policy and writes the report. Memory stays flat: the file is read in
 * chunks, split into whole lines at the byte level, audited batch by batch (here and, with `workers > 1`, in
 * worker threads), and the results are written in input order as they complete, with back-pressure.
 */
export async function runAudit(o: AuditOptions): Promise<AuditSummary> {
  // Workers start first: they load the policy while this thread does.
  let onResult: (r: BatchResult) => void = () => {};
  // --workers N: this thread audits too, with N - 1 worker threads beside it.
  const pool =
    o.workers > 1
      ? startPool(o, o.workers - 1, formatSetup(o), (r) => {
          onResult(r);
        })
      : undefined;
  try {
    return await audit(o, pool, (accept) => {
      onResult = accept;
    });
  } finally {
    pool?.terminate();
  }
}

const formatSetup = (o: AuditOptions): FormatSetup => ({ format: o.format, color: o.color, uri: uriOf(o) });
const uriOf = (o: AuditOptions) => (o.input === '-' ? 'stdin' : o.input.replaceAll('\\', '/'));

/**
 * Adds a batch's counts into the totals. Own keys only: a batch from a worker arrives as a plain object (structured
 * clone), whose `for…in` would also list enumerable properties put on Object.prototype.
 */
function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const k of Object.keys(from)) into[k] = (into[k] ?? 0) + (from[k] as number);
}

async function audit(
  o: AuditOptions,
  pool: Pool | undefined,
  listen: (accept: (r: BatchResult) => void) => void,
): Promise<AuditSummary> {
  // A read size that is not a positive whole number (a mistyped UPSU_AUDIT_CHUNK_BYTES) is the default's.
  const chunkBytes =
    Number.isSafeInteger(o.chunkBytes) && (o.chunkBytes as number) > 0 ? (o.chunkBytes as number) : 1 << 20;
  const uri = uriOf(o);
  const setup = formatSetup(o);
  const policy = typeof o.policy === 'function' ? o.policy() : o.policy;
  checkAuditable(policy);
  const ruleIndex = clauseIndex(policy);
  const size = o.input === '-' ? undefined : statSafe(o.input);

  // The report goes to a temporary file next to the file --out names (renamed over it at the end: written whole
  // or not at all), or to stdout. See reportTarget: a symbolic link is never replaced, and what is not a regular
  // file (/dev/null, a pipe, /dev/stdout) is written directly.
  const { atomic, target } = o.out === undefined ? { atomic: false, target: '' } : reportTarget(o.out);
  const spooled = o.format === 'junit' || atomic;
  let tmpDir: string | undefined;
  const cleanup = () => tmpDir && rmSync(tmpDir, { recursive: true, force: true });
  // Interrupted (Ctrl-C, a cancelled CI job): the partial report (case ids and findings) is removed, then the
  // signal ends the process as it would have. The handlers are in place before the temporary folder exists: a
  // signal with no handler ends the process at once, and one arriving just after the folder was made left it.
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    for (const sig of SIGNALS) process.removeListener(sig, onSignal);
    process.kill(process.pid, signal);
  };
  if (spooled) for (const sig of SIGNALS) process.once(sig, onSignal);
  try {
    if (spooled) tmpDir = mkdtempSync(join(atomic ? dirname(resolve(target)) : tmpdir(), '.upsu-audit-'));
    const finalOut: Writable = o.out ? fileStream(atomic ? join(tmpDir as string, 'report') : o.out) : o.stdout;
    // JUnit needs the counts in its opening tags: its body is spooled to a file first.
    const body: Writable = o.format === 'junit' ? fileStream(join(tmpDir as string, 'body.xml')) : finalOut;

    const totals = {
      bytes: 0,
      lines: 0,
      cases: 0,
      casesWithFindings: 0,
      findings: 0,
      invalid: 0,
      // No prototype (counted with `?? 0`, as in batch.ts).
      byClause: Object.create(null) as Record<string, number>,
      byCode: Object.create(null) as Record<string, number>,
    };
    const listed: InvalidLine[] = [];
    let resultsListed = 0;
    const sarifLimit = o.sarifResults ?? SARIF_RESULTS_LISTED;
    let first = true;
    let blocked: Promise<void> | undefined;
    // When the report goes to the terminal the progress bar is on, the bar is wiped before report text and
    // redrawn by its timer.
    let progress: ReturnType<typeof startProgress> | undefined;
    const sharesTerminal = !o.out && (o.stdout as { isTTY?: boolean }).isTTY === true;
    const write = (s: string) => {
      if (!s) return;
      if (sharesTerminal) progress?.clear();
      if (first && (o.format === 'json' || o.format === 'sarif')) s = s.slice(1);
      first = false;
      if (!body.write(s) && !blocked) {
        blocked = drained(body).then(() => void (blocked = undefined));
        // Awaited by the next submit (which then throws): not an unhandled rejection meanwhile.
        blocked.catch(() => {});
      }
    };

    if (o.format !== 'junit') await writeAll(finalOut, header(o, policy, uri));

    // Results in input order.
    const done = new Map<number, BatchResult>();
    let nextSeq = 0;
    const accept = (r: BatchResult) => {
      done.set(r.seq, r);
      for (let x = done.get(nextSeq); x; x = done.get(nextSeq)) {
        done.delete(nextSeq++);
        totals.bytes += x.bytes;
        totals.lines += x.lines;
        totals.cases += x.cases;
        totals.casesWithFindings += x.casesWithFindings;
        totals.findings += x.findings;
        totals.invalid += x.invalid.length;
        for (const bad of x.invalid) if (listed.length < INVALID_LINES_LISTED) listed.push(bad);
        addCounts(totals.byClause, x.byClause);
        addCounts(totals.byCode, x.byCode);
        if (o.format !== 'sarif') write(x.text);
        else if (resultsListed < sarifLimit) {
          const room = sarifLimit - resultsListed;
          write(x.findings <= room ? x.text : firstResults(x.text, room));
          resultsListed += Math.min(x.findings, room);
        }
      }
    };

    listen(accept);
    progress = o.progress ? startProgress(o.stderr, size, () => totals) : undefined;
    const local = createBatchAuditor(policy, o.asOf, setup);
    const submit = async (job: BatchJob) => {
      // A worker with room takes the batch; otherwise this thread audits it. Results wait here for the ones
      // before them; if too many wait (a worker is slow), wait for the workers.
      while (pool && done.size > MAX_WAITING) await pool.next();
      if (!pool?.trySubmit(job)) accept(local.run(job));
      if (blocked) await blocked;
    };

    try {
      await splitLines(atMost(readChunks(o, chunkBytes), MAX_LINE_BYTES), submit);
      if (pool) await pool.finish();
    } finally {
      progress?.stop();
    }
    if (blocked) await blocked;

    const summary: AuditSummary = {
      asOf: o.asOf,
      input: uri,
      policy: policy.ref,
      lines: totals.lines,
      cases: totals.cases,
      casesWithFindings: totals.casesWithFindings,
      findings: totals.findings,
      invalidLines: totals.invalid,
      byClause: Object.fromEntries(
        Object.entries(totals.byClause).sort((a, b) => (ruleIndex[a[0]] ?? 1e9) - (ruleIndex[b[0]] ?? 1e9)),
      ),
      byCode: Object.fromEntries(Object.entries(totals.byCode).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
    };

    if (o.format === 'junit') {
      await endStream(body);
      await writeAll(finalOut, junitHeader(summary));
      await pipeFile(join(tmpDir as string, 'body.xml'), finalOut);
      await writeAll(finalOut, '  </testsuite>\n</testsuites>\n');
    } else await writeAll(finalOut, footer(o, summary, listed, resultsListed));
    if (o.out) {
      await endStream(finalOut);
      if (atomic) replaceFile(join(tmpDir as string, 'report'), target);
    }
    return summary;
  } finally {
    for (const sig of SIGNALS) process.removeListener(sig, onSignal);
    cleanup();
  }
}

/**
 * Renames a finished report over `target`. A file already there keeps its permissions, and its owner and group
 * where this process may set them (as root may; otherwise the report is this user's, as any new file): a report
 * kept private (`chmod 600`) stays private when the next run replaces it.
 *
 * @example
 * replaceFile('.upsu-audit-x/report', 'audit.sarif');
 */
export function replaceFile(temp: string, target: string): void {
  let old: Stats | undefined;
  try {
    old = statSync(target);
  } catch {
    // Nothing there yet: the report gets a new file's permissions.
  }
  if (old?.isFile()) {
    chmodSync(temp, old.mode & 0o7777);
    try {
      chownSync(temp, old.uid, old.gid);
    } catch {
      // Not permitted (a file of another user or group): the report is this user's.
    }
  }
  renameSync(temp, target);
}

/** The signals that end an audit early; each removes its temporary files first. */
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Where the report ends up, and whether it is written whole or not at all (to a temporary file beside it, renamed
 * over it at the end): so for nothing yet and for a regular file, also one reached through a symbolic link (the
 * link stays, the file it names is replaced), and for a link to nothing yet (the file it names is made whole).
 * Anything else (/dev/null, a pipe, a link to one such as /dev/stdout) is written directly. Also how `upsu-policy test --junit` writes its report.
 *
 * @example
 * reportTarget('audit.sarif'); // { atomic: true, target: 'audit.sarif' }
 */
export function reportTarget(out: string): { atomic: boolean; target: string } {
  let link: Stats;
  try {
    link = lstatSync(out);
  } catch {
    return { atomic: true, target: out };
  }
  if (!link.isSymbolicLink()) return { atomic: link.isFile(), target: out };
  try {
    if (statSync(out).isFile()) return { atomic: true, target: realpathSync(out) };
  } catch {
    // A link to nothing yet (through any chain of links): the report is made whole at the path it names, as for
    // a new file, so that an interrupted or failed run leaves nothing there. A loop of links is written through
    // (and fails as the system says).
    let path = out;
    for (let hops = 0; hops < 40; hops++) {
      let st: Stats;
      try {
        st = lstatSync(path);
      } catch {
        return { atomic: true, target: path };
      }
      if (!st.isSymbolicLink()) break;
      path = resolve(dirname(path), readlinkSync(path));
    }
  }
  return { atomic: false, target: out };
}

function statSafe(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/**
 * A file the report is written to. A write that fails (a full disk, /dev/full) is kept as the stream's `errored`,
 * which the next write, wait or end throws; never an unhandled 'error' event that would end the process.
 */
function fileStream(path: string): WriteStream {
  return createWriteStream(path).on('error', () => {});
}

/** Resolves when `w` can take more; rejects when it failed (before or while waiting). */
function drained(w: Writable): Promise<void> {
  if (w.errored) return Promise.reject(w.errored);
  return new Promise((res, rej) => {
    const done = (e?: Error | null) => {
      w.off('drain', onDrain);
      w.off('error', onError);
      w.off('close', onClose);
      if (e) rej(e);
      else res();
    };
    const onDrain = () => done();
    const onError = (e: Error) => done(e);
    const onClose = () => done(w.errored ?? new Error('the report stream closed before it was written'));
    w.on('drain', onDrain);
    w.on('error', onError);
    w.on('close', onClose);
  });
}

async function writeAll(w: Writable, s: string): Promise<void> {
  if (w.errored) throw w.errored;
  if (s && !w.write(s)) await drained(w);
}

function endStream(w: Writable): Promise<void> {
  if (w.errored) return Promise.reject(w.errored);
  return new Promise((res, rej) => {
    w.once('error', rej);
    (w as WriteStream).end((e?: Error | null) => (e ? rej(e) : res()));
  });
}

async function pipeFile(path: string, w: Writable): Promise<void> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    if (w.errored) throw w.errored;
    if (!w.write(chunk)) await drained(w);
  }
}

/**
 * The input in chunks (a file is read with `fs.read` into two buffers used in turn, so memory stays flat;
 * stdin as it arrives). A chunk is only valid until the next one is asked for: keep a copy of what must last.
 * The next read of a file is started as soon as the chunk before it is handed over (into the other buffer,
 * which the consumer gave back by asking for this chunk), so the disk and the audit work at the same time.
 */
async function* readChunks(o: AuditOptions, chunkBytes: number): AsyncGenerator<Buffer> {
  if (o.input === '-') {
    for await (const chunk of o.stdin) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    return;
  }
  const fh = await open(o.input, 'r');
  const buffers = [Buffer.allocUnsafeSlow(chunkBytes), Buffer.allocUnsafeSlow(chunkBytes)];
  // Near the end of a file of known size, smaller reads (so smaller batches): the threads finish together.
  const size = statSafe(o.input);
  let at = 0;
  const readInto = (buf: Buffer) => {
    const want = size !== undefined && size - at <= TAIL_BYTES ? Math.min(chunkBytes, TAIL_CHUNK) : chunkBytes;
    return fh.read(buf, 0, want, null);
  };
  let reading: Promise<{ bytesRead: number }> | undefined = readInto(buffers[0] as Buffer);
  try {
    for (let turn = 0; ; turn ^= 1) {
      const buf = buffers[turn] as Buffer;
      const { bytesRead } = await reading;
      reading = undefined;
      if (bytesRead === 0) return;
      at += bytesRead;
      reading = readInto(buffers[turn ^ 1] as Buffer);
      yield bytesRead === chunkBytes ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    // A read still running when the consumer stops (an error, or the end) finishes before the file closes.
    if (reading) await reading.catch(() => undefined);
    await fh.close();
  }
}

/**
 * The chunks, none longer than `max` bytes (a longer one is handed over in pieces of it, views of the same
 * bytes). splitLines measures a line only where a chunk boundary falls in it, so a line wholly inside one
 * chunk longer than {@link MAX_LINE_BYTES} (a read size set over it, or a stream with such chunks) would
 * otherwise be audited, not refused as too-big.
 */
async function* atMost(chunks: AsyncIterable<Buffer>, max: number): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    if (chunk.length <= max) yield chunk;
    else for (let at = 0; at < chunk.length; at += max) yield chunk.subarray(at, at + max);
  }
}

/**
 * Splits chunks into batches of whole lines at the byte level (no per-line strings here: the auditor decodes
 * a batch at once), numbering lines. A line longer than {@link MAX_LINE_BYTES} is dropped and reported.
 */
async function splitLines(chunks: AsyncIterable<Buffer>, submit: (job: BatchJob) => Promise<void>): Promise<void> {
  let seq = 0;
  let line = 1;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let pendingLines = 0;
  let carry: Buffer | undefined;
  let skipping: number | undefined;

  const flush = async () => {
    if (pendingBytes === 0) return;
    const bytes = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const job: BatchJob = { seq: seq++, startLine: line, bytes };
    line += pendingLines;
    pendingLines = 0;
    await submit(job);
  };

  // The carried partial line and the next chunk, joined in one of two buffers used in turn (no allocation per
  // chunk; what must outlive the chunk is copied, as for the reader's own buffers).
  const joinBuffers: Buffer[] = [Buffer.alloc(0), Buffer.alloc(0)];
  let turn = 0;
  const joined = (a: Buffer, b: Buffer): Buffer => {
    const need = a.length + b.length;
    turn ^= 1;
    let buf = joinBuffers[turn] as Buffer;
    if (buf.length < need) buf = joinBuffers[turn] = Buffer.allocUnsafeSlow(Math.max(need, 1 << 20) + (64 << 10));
    a.copy(buf, 0);
    b.copy(buf, a.length);
    return buf.subarray(0, need);
  };

  for await (let chunk of chunks) {
    if (skipping !== undefined) {
      const nl = chunk.indexOf(10);
      if (nl < 0) continue;
      await flush();
      await submit({ seq: seq++, startLine: line + 1, bytes: new Uint8Array(0), overlongLine: skipping });
      line = skipping + 1;
      skipping = undefined;
      chunk = chunk.subarray(nl + 1);
    }
    let data = carry ? joined(carry, chunk) : chunk;
    carry = undefined;
    // The first line (the one carried over) is measured where it ends too, not only while no newline has come:
    // else one whose newline arrives in the chunk that takes it past the limit got through (up to a chunk over,
    // 1 MiB from a file but 64 KiB from a pipe, so a file and the same bytes on standard input differed).
    const first = data.indexOf(10);
    if (first > MAX_LINE_BYTES) {
      await flush();
      await submit({ seq: seq++, startLine: line + 1, bytes: new Uint8Array(0), overlongLine: line });
      line += 1;
      data = data.subarray(first + 1);
    }
    const last = data.lastIndexOf(10);
    if (last < 0) {
      if (data.length > MAX_LINE_BYTES) {
        skipping = line + pendingLines;
        await flush();
        line = skipping;
      } else carry = Buffer.from(data);
      continue;
    }
    let n = 0;
    for (let i = data.indexOf(10); i >= 0 && i <= last; i = data.indexOf(10, i + 1)) n++;
    // Kept past this chunk only as a copy (the reader reuses its buffers).
    const whole = data.subarray(0, last + 1);
    pending.push(pendingBytes + whole.length >= MIN_BATCH ? whole : Buffer.from(whole));
    pendingBytes += last + 1;
    pendingLines += n;
    if (last + 1 < data.length) carry = Buffer.from(data.subarray(last + 1));
    if (carry && carry.length > MAX_LINE_BYTES) {
      carry = undefined;
      skipping = line + pendingLines;
    }
    if (pendingBytes >= MIN_BATCH || skipping !== undefined) {
      await flush();
      if (skipping !== undefined) line = skipping;
    }
  }
  if (skipping !== undefined) {
    await flush();
    await submit({ seq: seq++, startLine: skipping + 1, bytes: new Uint8Array(0), overlongLine: skipping });
    return;
  }
  if (carry) {
    pending.push(carry);
    pendingBytes += carry.length;
    pendingLines += 1;
  }
  await flush();
}

interface Pool {
  /** Sends the batch to a worker with room in its queue; `false` when every queue is full. */
  trySubmit(job: BatchJob): boolean;
  /** Resolves when a worker posts a result (or fails). */
  next(): Promise<void>;
  /** Waits for every batch sent. */
  finish(): Promise<void>;
  terminate(): void;
}

/**
 * Batches queued per worker: one it works on and three waiting, so it does not idle while this thread audits
 * a batch of its own (about as long as one of the worker's: with only one waiting, a worker on a slower core
 * idled 5–10 % of the time). (`UPSU_AUDIT_QUEUE` is a tuning knob for bench/audit.mjs experiments.)
 */
const QUEUE_PER_WORKER = Number(process.env.UPSU_AUDIT_QUEUE ?? 4);

function startPool(o: AuditOptions, threads: number, format: FormatSetup, accept: (r: BatchResult) => void): Pool {
  const url = o.workerUrl ?? new URL('./audit-worker.js', import.meta.url);
  const setup: AuditSetup = { asOf: o.asOf, format };
  let inflight = 0;
  let terminated = false;
  let failure: Error | undefined;
  let waiting: (() => void)[] = [];
  const notify = () => {
    const ws = waiting;
    waiting = [];
    for (const w of ws) w();
  };
  const load: number[] = [];
  const free: ArrayBuffer[] = [];
  // Workers the binary started already (see prespawn.ts), or new ones.
  const started =
    takePrespawned(threads, url, o.rulesDir) ??
    Array.from({ length: threads }, () => spawnAuditWorker(url, o.rulesDir));
  const workers = started.map((s, i) => {
    const w = s.worker;
    load[i] = 0;
    w.on('message', (r: BatchResult & { buffer?: ArrayBuffer }) => {
      inflight--;
      load[i] = (load[i] as number) - 1;
      if (r.buffer) free.push(r.buffer);
      try {
        accept(r);
      } catch (e) {
        failure ??= e as Error;
      }
      notify();
    });
    w.on('error', (e) => {
      failure ??= e;
      notify();
    });
    const exited = (code: number) => {
      // Only terminate() ends a worker; any other exit loses its batches.
      if (!terminated) failure ??= new Error(`an audit worker stopped (exit code ${code})`);
      notify();
    };
    w.on('exit', exited);
    // What happened before this listened.
    if (s.error) failure ??= s.error;
    if (s.exitCode !== undefined) exited(s.exitCode);
    w.postMessage(setup);
    return w;
  });
  const next = () => new Promise<void>((res) => waiting.push(res));
  return {
    trySubmit(job) {
      if (failure) throw failure;
      let best = 0;
      for (let i = 1; i < workers.length; i++) if ((load[i] as number) < (load[best] as number)) best = i;
      if ((load[best] as number) >= QUEUE_PER_WORKER) return false;
      load[best] = (load[best] as number) + 1;
      inflight++;
      // The batch travels in a buffer moved (transferred) to the worker, which moves it back with its result:
      // a few buffers go round, and neither thread allocates one per batch (an allocation per batch costs
      // collections in the worker and lets dead buffers pile up here).
      const size = job.bytes.byteLength;
      let buf = free.pop();
      if (!buf || buf.byteLength < size) buf = new ArrayBuffer(Math.max(size, (1 << 20) + (64 << 10)));
      const bytes = new Uint8Array(buf, 0, size);
      bytes.set(job.bytes);
      (workers[best] as Worker).postMessage({ ...job, bytes }, [buf]);
      return true;
    },
    async next() {
      if (failure) throw failure;
      await next();
      if (failure) throw failure;
    },
    async finish() {
      while (inflight > 0 && !failure) await next();
      if (failure) throw failure;
    },
    terminate() {
      terminated = true;
      for (const w of workers) void w.terminate();
    },
  };
}

function startProgress(
  err: AuditOptions['stderr'],
  size: number | undefined,
  totals: () => { bytes: number; cases: number; invalid: number },
) {
  const started = Date.now();
  const draw = (final = false) => {
    const t = totals();
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? t.cases / secs : 0;
    let s = ` ${t.cases.toLocaleString('en-GB')} cases  ${Math.round(rate).toLocaleString('en-GB')} cases/s`;
    if (size) {
      const frac = Math.min(1, t.bytes / size);
      const width = 20;
      const full = Math.round(frac * width);
      const eta = frac > 0 && !final ? (secs / frac) * (1 - frac) : 0;
      s = `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)}% ${s}${final ? '' : `  ETA ${Math.ceil(eta)}s`}`;
    }
    if (t.invalid) s += `  ${t.invalid} invalid`;
    const cols = err.columns ?? 100;
    err.write(`\r${s.slice(0, cols - 1).padEnd(Math.min(cols - 1, 100))}`);
    drawn = true;
  };
  let drawn = false;
  const timer = setInterval(draw, 200);
  timer.unref();
  return {
    clear() {
      if (drawn) err.write('\r\u001b[K');
      drawn = false;
    },
    stop() {
      clearInterval(timer);
      draw(true);
      err.write('\n');
    },
  };
}

function header(o: AuditOptions, policy: Policy, uri: string): string {
  switch (o.format) {
    case 'text':
      // The title, id and version are a rules folder's, the path is the export's name: shown, never obeyed, by a terminal.
      return `${printable(policy.loaded.bundle.policy.title)}: audit of ${printable(uri)}, as of ${o.asOf}\n(${printable(policy.ref.id)} ${printable(policy.ref.version)}, rules ${policy.ref.rulesHash.slice(0, 19)}…)\n\n`;
    case 'json':
      return '{"findings":[';
    case 'sarif': {
      const rules = policy.clauses.map((c) => ({
        id: c.id,
        name: `clause-${c.id.replaceAll('.', '-')}`,
        shortDescription: { text: sarifText(`Confidentiality Policy clause ${c.id}`) },
        fullDescription: { text: sarifText(c.text) },
        help: { text: sarifText(`Clause ${c.id} of the ${policy.loaded.bundle.policy.title}: ${c.text}`) },
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['confidentiality', `section-${(c as { section?: unknown }).section ?? ''}`] },
      }));
      // The driver is the tool, with its own version; the policy it audited against (whose clauses are the
      // rules) is in the driver's properties, and in the run's summary.
      const toolVersion = packageVersion();
      const driver = {
        name: 'upsu-policy',
        informationUri: 'https://www.npmjs.com/package/upsu-confidentiality-policy',
        version: toolVersion,
        semanticVersion: toolVersion,
        properties: { policy: policy.ref },
        rules,
      };
      return `{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":${JSON.stringify(driver)}},"results":[\n`;
    }
    default:
      return '';
  }
}

function footer(o: AuditOptions, s: AuditSummary, listed: readonly InvalidLine[], resultsListed: number): string {
  switch (o.format) {
    case 'text':
      return textSummary(s);
    case 'json':
      return `\n],"invalidLines":[${listed.map((x) => `\n${JSON.stringify(x)}`).join(',')}${listed.length ? '\n' : ''}],"summary":${JSON.stringify(
        { ...s, ...(listed.length < s.invalidLines ? { invalidLinesListed: listed.length } : {}) },
      )}}\n`;
    case 'sarif': {
      const notes: { level: string; message: { text: string }; locations?: unknown[]; descriptor: { id: string } }[] =
        listed.map((x) => ({
          level: 'error',
          message: {
            text: sarifText(
              `Line ${x.line} is not a valid case and was not audited: ${x.issues.map((i) => `${i.code} at ${pathText(i.path)}`).join(', ')}${x.issuesInAll === undefined ? '' : `, ${moreIssuesText(x)}`}.`,
            ),
          },
          locations: [
            { physicalLocation: { artifactLocation: { uri: sarifUri(s.input) }, region: { startLine: x.line } } },
          ],
          descriptor: { id: 'invalid-line' },
        }));
      const count = (n: number) => n.toLocaleString('en-GB');
      if (listed.length < s.invalidLines)
        notes.push(
          leftOut(`${count(s.invalidLines)} invalid lines in all; the first ${count(listed.length)} are listed`),
        );
      if (resultsListed < s.findings)
        notes.push(
          leftOut(
            `${count(s.findings)} findings in all; the first ${count(resultsListed)} are results here (GitHub code scanning takes at most ${count(SARIF_RESULTS_LISTED)} a run): the JSON report (--format json) has them all`,
          ),
        );
      const invocation = { executionSuccessful: true, toolExecutionNotifications: notes };
      const summary = {
        ...s,
        ...(listed.length < s.invalidLines ? { invalidLinesListed: listed.length } : {}),
        ...(resultsListed < s.findings ? { resultsListed } : {}),
      };
      return `\n],"invocations":${JSON.stringify([invocation])},"properties":${JSON.stringify({ summary })}}]}\n`;
    }
    default:
      return '';
  }
}

/** A SARIF notification that the report lists only part of something. */
function leftOut(text: string) {
  return {
    level: 'warning',
    message: { text: sarifText(`Not all are listed: ${text}.`) },
    descriptor: { id: 'left-out' },
  };
}

function textSummary(s: AuditSummary): string {
  const plural = (n: number, w: string) => `${n.toLocaleString('en-GB')} ${w}${n === 1 ? '' : 's'}`;
  // A blank line between the findings (or invalid lines) listed and the summary; the header ends with one already.
  let t = s.findings || s.invalidLines ? '\n' : '';
  t += `${plural(s.cases, 'case')} audited: ${plural(s.casesWithFindings, 'case')} with findings, ${plural(s.findings, 'finding')}`;
  t += s.invalidLines ? `; ${plural(s.invalidLines, 'invalid line')} not audited.\n` : '.\n';
  const clauses = Object.entries(s.byClause);
  if (clauses.length) t += `By clause: ${clauses.map(([k, n]) => `${k} ×${n}`).join(', ')}\n`;
  const codes = Object.entries(s.byCode);
  if (codes.length) t += `By code:   ${codes.map(([k, n]) => `${k} ×${n}`).join(', ')}\n`;
  return t;
}

function junitHeader(s: AuditSummary): string {
  const tests = s.cases + s.invalidLines;
  const name = xml(`upsu-policy audit of ${s.input} as of ${s.asOf}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${name}" tests="${tests}" failures="${s.casesWithFindings}" errors="${s.invalidLines}">\n  <testsuite name="${name}" tests="${tests}" failures="${s.casesWithFindings}" errors="${s.invalidLines}" skipped="0">\n    <properties>\n      <property name="policy" value="${xml(`${s.policy.id} ${s.policy.version}`)}"/>\n      <property name="rulesHash" value="${xml(s.policy.rulesHash)}"/>\n    </properties>\n`;
}
