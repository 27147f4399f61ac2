import {
  accessSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AUDIT_FORMATS, type AuditFormat, printable } from '../audit/format.js';
import { AUDIT_OPTIONS, repeatedOption, workerCount } from '../audit/prespawn.js';
import { replaceFile, reportTarget, runAudit } from '../audit/run.js';
import { defaultPolicy } from '../decision/default-policy.js';
import { issue, RuleLoadError } from '../decision/errors.js';
import type { Decision, Issue, TraceCondition, TraceEntry } from '../decision/types.js';
import { isCalendarDate } from '../derive/dates.js';
import { isFactRef } from '../engine/fact-ref.js';
import { MODIFIER_KINDS } from '../engine/load.js';
import { loadPolicy, readRulesFolder } from '../engine/load-dir.js';
import { packageRoot, packageVersion } from '../engine/package-root.js';
import type { Policy } from '../engine/policy.js';
import { parseInputJson } from '../engine/strict-json.js';
import { QUESTION_KINDS, type QuestionKind } from '../facts/constants.js';
import { jsonSchema } from '../facts/json-schema.js';
import { zodSchemas } from '../facts/schema-loader.js';
import { inputJsonIssues } from '../facts/validate.js';
import { runDemo } from './demo-text.js';
import { HELP, MAIN_HELP } from './help.js';

/** Where a command reads and writes (the process's streams; tests may pass others). */
export interface CliIO {
  readonly stdin: Readable;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  readonly env: NodeJS.ProcessEnv;
}

/** A usage error: one line on stderr, exit 2. */
class UsageError extends Error {}

/**
 * A file or folder given on the command line that cannot be read or written: one line naming it as given, with
 * the system's code (`cannot read export/ (EISDIR)`), exit 2. Not a usage error: no pointer to --help.
 */
class FileError extends Error {}

/** The exit code when standard output is closed early by its reader: what a shell reports for SIGPIPE (128 + 13). */
const EXIT_STDOUT_CLOSED = 141;

/** The code of a Node system error (`ENOENT`, `EISDIR`…), or `undefined` for any other error. */
const errnoCode = (e: unknown): string | undefined => {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
};

/** `statSync`, with the error's code instead of a throw. */
function lstat(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function stat(path: string): Stats | string {
  try {
    return statSync(path);
  } catch (e) {
    return errnoCode(e) ?? 'error';
  }
}

/** The folder given with --rules must be a folder that exists: else one line naming it, before any output. */
function checkRulesFolder(dir: string | undefined): void {
  if (dir === undefined) return;
  if (dir === '') throw new UsageError('--rules needs a folder name (an empty one was given: an unset variable?)');
  const s = stat(dir);
  if (typeof s === 'string') throw new FileError(`cannot read rules folder ${dir} (${s})`);
  if (!s.isDirectory()) throw new FileError(`cannot read rules folder ${dir} (ENOTDIR)`);
}

/** FILE given as an empty name (an unset variable: `audit "$EXPORT"`) is a usage error, not a file named ``. */
function checkFileNamed(file: string): void {
  if (file === '')
    throw new UsageError('FILE is an empty name (an unset variable?): give a file, or - for standard input');
}

/**
 * A file a command reads (not `-`): it must exist, not be a folder, and be readable. Other kinds of file (a FIFO,
 * /dev/stdin) may be read.
 */
function checkInputFile(file: string): void {
  if (file === '-') return;
  checkFileNamed(file);
  const s = stat(file);
  if (typeof s === 'string') throw new FileError(`cannot read ${file} (${s})`);
  if (s.isDirectory()) throw new FileError(`cannot read ${file} (EISDIR)`);
  try {
    accessSync(file, constants.R_OK);
  } catch (e) {
    throw new FileError(`cannot read ${file} (${errnoCode(e) ?? 'error'})`);
  }
}

/**
 * A file a command writes (--out FILE): not a folder, in a folder that exists and may be written in (a report
 * replaces a regular file through a temporary file beside it). Checked before any work.
 */
function checkOutputFile(file: string): void {
  // A symbolic link is never replaced: the report goes to what it names. A regular file there is replaced (so its
  // folder must be writable); anything else (/dev/stdout) is written through; a link to nothing yet creates it.
  if (lstat(file)?.isSymbolicLink()) {
    const t = stat(file);
    if (t === 'ENOENT') {
      checkWritableFolder(file, dirname(resolve(dirname(file), readlinkSync(file))));
      return;
    }
    if (typeof t === 'string') throw new FileError(`cannot write ${file} (${t})`);
    if (t.isDirectory()) throw new FileError(`cannot write ${file} (EISDIR)`);
    try {
      accessSync(file, constants.W_OK);
      if (t.isFile()) accessSync(dirname(realpathSync(file)), constants.W_OK);
    } catch (e) {
      throw new FileError(`cannot write ${file} (${errnoCode(e) ?? 'error'})`);
    }
    return;
  }
  const s = stat(file);
  if (typeof s !== 'string') {
    if (s.isDirectory()) throw new FileError(`cannot write ${file} (EISDIR)`);
    if (!s.isFile()) return; // /dev/null, a FIFO: written directly
  } else if (s !== 'ENOENT') throw new FileError(`cannot write ${file} (${s})`);
  checkWritableFolder(file, dirname(resolve(file)));
}

/**
 * Writes a small report whole, as `audit --out` does (checked first with {@link checkOutputFile}; where it goes is
 * the audit's `reportTarget`): a regular file, a new one, or one a symbolic link names, is replaced through a
 * temporary file beside it, so a reader never sees half a report; anything else (/dev/stdout, a link to nothing
 * yet) is written directly.
 */
function writeReportFile(file: string, text: string): void {
  const { atomic, target } = reportTarget(file);
  // The temporary file is in a new folder of its own (as audit's): no name another run, or a leftover, can hold,
  // and no name longer than the file's. Any failure is named by the path given (never "standard output").
  let temp: string | undefined;
  try {
    if (!atomic) writeFileSync(target, text);
    else {
      temp = mkdtempSync(join(dirname(resolve(target)), '.upsu-report-'));
      writeFileSync(join(temp, 'report'), text);
      replaceFile(join(temp, 'report'), target);
    }
  } catch (e) {
    throw new FileError(`cannot write ${file} (${errnoCode(e) ?? 'error'})`);
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

/** The folder a report is written in (through a temporary file) exists and may be written in; else names `file`. */
function checkWritableFolder(file: string, parent: string): void {
  const p = stat(parent);
  if (typeof p === 'string') throw new FileError(`cannot write ${file} (${p})`);
  if (!p.isDirectory()) throw new FileError(`cannot write ${file} (ENOTDIR)`);
  try {
    accessSync(parent, constants.W_OK);
  } catch (e) {
    throw new FileError(`cannot write ${file} (${errnoCode(e) ?? 'error'})`);
  }
}

/** Whether two paths name the same existing file (through links too), of a kind `kind` accepts. */
function sameFile(a: string, b: string, kind: (x: Stats) => boolean = (x) => x.isFile()): boolean {
  const x = stat(a);
  const y = stat(b);
  return typeof x !== 'string' && typeof y !== 'string' && kind(x) && x.dev === y.dev && x.ino === y.ino;
}

/** A regular file, or a pipe (a FIFO, or a socket as some shells pipe through): what a report must not be written into when it is also read. */
const fileOrPipe = (x: Stats) => x.isFile() || x.isFIFO() || x.isSocket();

/**
 * Whether standard input is the regular file or pipe `path` (`audit - --out export.ndjson < export.ndjson`, or
 * `cat export.ndjson | audit - --out /dev/stdin`): the report, renamed over the file at the end, would replace the
 * export; written into the pipe, it would hold the pipe open so that the export never ends (the run would wait
 * for ever). Only the process's own standard input (fd 0) is checked.
 */
const stdinIsFile = (stdin: Readable, path: string): boolean =>
  stdin === process.stdin && fdIsFile(0, path, fileOrPipe);

/**
 * Whether standard output is the regular file or pipe `path` (`test --junit /dev/stdout > report.txt`, or
 * `--junit report.txt > report.txt`): the JUnit file, renamed over a regular file at the end, would replace the
 * text report written there, and written into a pipe it would be mixed with it. (A terminal or `/dev/null` is not
 * refused: nothing is lost there.) Only the process's own standard output (fd 1) is checked.
 */
const stdoutIsFile = (stdout: Writable, path: string): boolean =>
  stdout === process.stdout && fdIsFile(1, path, fileOrPipe);

/** Whether the open file descriptor `fd` is the file `path` (a link followed), of a kind `kind` accepts. */
function fdIsFile(fd: number, path: string, kind: (x: Stats) => boolean = (x) => x.isFile()): boolean {
  let x: Stats;
  try {
    x = fstatSync(fd);
  } catch {
    return false;
  }
  const y = stat(path);
  return typeof y !== 'string' && kind(x) && x.dev === y.dev && x.ino === y.ino;
}

/** The `*.json` files of a rules folder and of its subfolders (what loading it, and --mutate, may read). */
function jsonFilesIn(dir: string): string[] {
  const list = (d: string) => {
    try {
      return readdirSync(d, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  return list(dir).flatMap((e) =>
    e.isDirectory()
      ? list(join(dir, e.name))
          .filter((f) => f.name.endsWith('.json'))
          .map((f) => join(dir, e.name, f.name))
      : e.name.endsWith('.json')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Whether `path` is one of the temporary folders (or a file in one) that `audit` writes its report through. */
const isAuditTemp = (path: string) =>
  basename(path).startsWith('.upsu-audit-') || basename(dirname(path)).startsWith('.upsu-audit-');

/** Whether `path` is `target` or inside it (both as given or resolved). */
const isWithin = (path: string, target: string) => {
  const p = resolve(path);
  const t = resolve(target);
  return p === t || p.startsWith(t.endsWith(sep) ? t : `${t}${sep}`);
};

/**
 * Colour on a terminal (TERM not dumb) or with FORCE_COLOR set to anything but the empty string (an empty one is as if
 * unset: https://force-color.org, "present and not an empty string"), none with FORCE_COLOR=0, and never when NO_COLOR
 * is set to anything but the empty string (https://no-color.org: "present and not an empty string").
 */
const colorFor = (stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv) =>
  !env.NO_COLOR &&
  (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== ''
    ? env.FORCE_COLOR !== '0'
    : stream.isTTY === true && env.TERM !== 'dumb');

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

function args(argv: string[], options: OptionSpec): Parsed {
  try {
    const r = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    // A value option given twice (`--as-of 2026-09-01 … --as-of 2025-09-01`, one from a script's defaults and one
    // from its caller) is ambiguous: parseArgs keeps the last, which may not be the one meant. Refused instead.
    const twice = repeatedOption((r as { tokens?: { kind: string; name?: string; value?: string }[] }).tokens ?? []);
    if (twice !== undefined) throw new UsageError(`--${twice} is given more than once: give it once`);
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // Node's own wording ("Unknown option '--bogus'. To specify a positional …"), first sentence only, written
    // as this command's other usage errors are: lower case, no full stop.
    let first = String((e as Error).message)
      .split('\n')[0]
      ?.replace(/\. To specify a positional.*$/, '')
      .replace(/\.$/, '');
    // `--workers -1`: the value after the option starts with a dash, so Node will not take it as the value.
    const dashed = /^Option '(--[a-z-]+)(?: <value>)?' argument is ambiguous$/.exec(first ?? '');
    if (dashed)
      first = `${dashed[1]} is followed by a value starting with "-": write ${dashed[1]}=VALUE if that is meant`;
    throw new UsageError(first ? first[0]?.toLowerCase() + first.slice(1) : 'invalid options');
  }
}

async function readInput(file: string, stdin: Readable): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
    return Buffer.concat(chunks);
  }
  try {
    return readFileSync(file);
  } catch (e) {
    throw new FileError(`cannot read ${file} (${errnoCode(e) ?? 'error'})`);
  }
}

/** The input as JSON text: UTF-8 (RFC 8259), an opening byte-order mark allowed; `undefined` when not UTF-8. */
function utf8(bytes: Buffer): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

function policyFrom(rulesDir: string | undefined): Policy {
  checkRulesFolder(rulesDir);
  return rulesDir ? loadPolicy(rulesDir) : defaultPolicy();
}

const issueLine = (i: Issue) =>
  `${i.code} at ${
    i.path.length
      ? i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : p))
          .join('.')
          .replaceAll('.[', '[')
      : '(question)'
  }: ${i.message}`;

// ---------------------------------------------------------------------------------------------- decide

async function decide(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = args(argv, {
    explain: { type: 'boolean' },
    format: { type: 'string' },
    rules: { type: 'string' },
  });
  if (values.help) return help(io, 'decide');
  if (positionals.length !== 1) throw new UsageError('give one FILE, or - for standard input');
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'text') throw new UsageError('--format must be json or text');
  checkFileNamed(positionals[0] as string);
  const policy = policyFrom(values.rules as string | undefined);
  const text = utf8(await readInput(positionals[0] as string, io.stdin));
  // A key written twice (`"clientObjectsToStaffSharing": true, … : false`) is refused, not read last-wins.
  const parsed = text === undefined ? undefined : parseInputJson(text);
  if (!parsed?.ok) {
    const issues = parsed ? inputJsonIssues(parsed) : [issue('invalid-json', [], { notUtf8: true })];
    for (const i of issues) io.stderr.write(`${issueLine(i)}\n`);
    return 2;
  }
  const question = parsed.value;
  const r = policy.safeEvaluate(question, { explain: values.explain === true });
  if (!r.ok) {
    for (const i of r.issues) io.stderr.write(`${issueLine(i)}\n`);
    return 2;
  }
  io.stdout.write(
    format === 'json'
      ? `${JSON.stringify(r.decision, null, 2)}\n`
      : decisionText(r.decision, policy, colorFor(io.stdout, io.env)),
  );
  return 0;
}

/** A decision for a person: outcome, the clauses with their text, reasons, obligations, remedies, advisories. */
export function decisionText(d: Decision, policy: Policy, color: boolean): string {
  const paint = (code: string) => (s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const bold = paint('1');
  const dim = paint('2');
  const tone =
    d.outcome === 'permit' || d.outcome === 'authorised' || d.outcome === 'proceed' || d.outcome === 'current'
      ? paint('1;32')
      : d.outcome === 'deny' || d.outcome === 'non-compliant' || d.outcome === 'refused' || d.outcome === 'destroy'
        ? paint('1;31')
        : paint('1;33');
  // Every text here is the rules folder's (a clause, a reason, a code's text, the policy's id): a terminal shows
  // it, never obeys an escape sequence in it.
  const t = (s: string) => printable(s);
  const texts = new Map(policy.clauses.map((c) => [c.id, t(c.text)]));
  const wrap = (s: string, indent: string) => {
    const words = s.split(/\s+/);
    const lines: string[] = [];
    let cur = '';
    for (const w of words) {
      if (cur && cur.length + w.length + 1 > 100 - indent.length) {
        lines.push(cur);
        cur = w;
      } else cur = cur ? `${cur} ${w}` : w;
    }
    if (cur) lines.push(cur);
    return lines.map((l) => indent + l).join('\n');
  };
  const out: string[] = [`${tone(t(d.outcome).toUpperCase())}  ${dim(`(${t(d.question)})`)}`];
  if (d.escalateTo !== undefined) out.push(`Escalate to: ${t(d.escalateTo ?? 'no one named by the policy')}`);
  if (d.destroyAfter) out.push(`Destroy after: ${t(d.destroyAfter)}`);
  if (d.nextStep) out.push(t(`Next step: ${d.nextStep.step}${d.nextStep.role ? ` (${d.nextStep.role})` : ''}`));
  if (d.respondBy) out.push(`Respond by: ${t(d.respondBy)}`);
  if (d.missing?.length) out.push(t(`Missing: ${d.missing.join(', ')}`));
  if (d.violations?.length) out.push(t(`Violations: ${d.violations.map((v) => `${v.code} (${v.clause})`).join(', ')}`));
  out.push('', bold('Because'));
  for (const r of d.reasons)
    out.push(
      wrap(t(`${r.text} [${r.rule}, ${r.clause}]`), '  • ')
        .replace(/^ {2}• /gm, '    ')
        .replace(/^ {4}/, '  • '),
    );
  const notes = (title: string, list: Decision['obligations']) => {
    if (!list.length) return;
    out.push('', bold(title));
    for (const n of list) out.push(wrap(t(`${n.text} [${n.code}, ${n.clause}]`), '    ').replace(/^ {4}/, '  • '));
  };
  notes('Obligations', d.obligations);
  notes('Remedies', d.remedies);
  notes('Advisories', d.advisories);
  out.push('', bold('Clauses'));
  for (const id of d.clauses)
    out.push(`  ${bold(t(id).padEnd(6))}${wrap(texts.get(id) ?? '', '        ').trimStart()}`);
  if (d.trace) {
    out.push('', bold('Rules evaluated'));
    for (const x of d.trace) {
      out.push(
        `  ${x.applied ? '✓' : x.fired ? '·' : ' '} ${x.fired ? t(x.rule) : dim(t(x.rule))} ${dim(t(`(${x.type}, priority ${x.priority}, ${x.file})`))}`,
      );
      const why = whyNotApplied(x, d.outcome);
      if (why) out.push(dim(wrap(t(why), '        ')));
    }
    // Fail closed: the outcome no rule decided is said here too, not only in the reason `not-covered`.
    if (d.reasons.some((r) => r.rule === 'not-covered'))
      out.push(t(`  No rule that decides fired: the outcome is the most cautious one, ${d.outcome} (fail closed).`));
    out.push(dim('  ✓ fired and shaped the decision · fired but did not'));
  }
  out.push('', dim(t(`${d.policy.id} ${d.policy.version} ${d.policy.rulesHash}`)));
  return `${out.join('\n')}\n`;
}

/**
 * Why a rule of an explain trace did not shape the decision, for a person: the conditions that failed, each with the
 * fact value seen (a rule that did not fire), or that the decision's outcome is not one it applies to (a rule that
 * fired). Empty for a rule that applied.
 */
export function whyNotApplied(x: TraceEntry, outcome: string): string {
  if (x.applied) return '';
  if (x.fired)
    return MODIFIER_KINDS.has(x.type)
      ? `fired, but its ${x.type} is not for a ${outcome} decision`
      : `fired, but a rule above it decided ${outcome}`;
  return `did not fire: ${failed(x.conditions).join('; ')}`;
}

/** A value of a trace as JSON (the facts are the library's own: roles, kinds, flags, counts, dates). */
const shown = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** What a condition compared with: its constant, or the fact it names with that fact's value. */
function against(c: Extract<TraceCondition, { fact: string }>): string {
  const v = c.value;
  return isFactRef(v) ? `${v.fact}, ${shown(c.valueResult)}` : shown(v);
}

/** The conditions that made a condition false, each with the value seen. */
function failed(c: TraceCondition): string[] {
  if (c.result) return [];
  if ('all' in c) return c.all.flatMap(failed);
  if ('any' in c) return [`none of: ${c.any.flatMap(failed).join(' | ')}`];
  if ('not' in c) return [`it must not be that ${held(c.not).join(' and ')}`];
  return [`${c.fact} is ${shown(c.factResult)} (needs ${c.operator} ${against(c)})`];
}

/** The conditions that made a condition true, each with the value seen (what a `not` found). */
function held(c: TraceCondition): string[] {
  if (!c.result) return [];
  if ('all' in c) return c.all.flatMap(held);
  if ('any' in c) return c.any.flatMap(held).slice(0, 1);
  if ('not' in c) return failed(c.not);
  return [`${c.fact} is ${shown(c.factResult)} (${c.operator} ${against(c)})`];
}

// ---------------------------------------------------------------------------------------------- audit

async function audit(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = args(argv, AUDIT_OPTIONS);
  if (values.help) return help(io, 'audit');
  if (positionals.length !== 1) throw new UsageError('give one FILE, or - for standard input');
  const asOf = values['as-of'] as string | undefined;
  if (!asOf) throw new UsageError('--as-of YYYY-MM-DD is required');
  if (!isCalendarDate(asOf)) throw new UsageError('--as-of must be a real calendar date written YYYY-MM-DD');
  const format = (values.format ?? 'text') as AuditFormat;
  if (!AUDIT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${AUDIT_FORMATS.join(', ')}`);
  const workers = workerCount(values.workers);
  if (workers === undefined) throw new UsageError('--workers must be a whole number from 1 to 64');
  const input = positionals[0] as string;
  const rulesDir = values.rules as string | undefined;
  // --out - is standard output, as FILE - is standard input.
  const out = values.out === '-' ? undefined : (values.out as string | undefined);
  if (out === '') throw new UsageError('--out needs a file name (an empty one was given: an unset variable?)');
  // Before the report starts: a bad path must not leave half a report (a JSON opening) on stdout.
  checkInputFile(input);
  checkRulesFolder(rulesDir);
  if (out) checkOutputFile(out);
  if (out && (input === '-' ? stdinIsFile(io.stdin, out) : sameFile(input, out, fileOrPipe)))
    throw new UsageError('--out is the export being audited: the report would overwrite it');
  let summary: Awaited<ReturnType<typeof runAudit>>;
  try {
    summary = await runAudit({
      input,
      asOf,
      format,
      ...(out ? { out } : {}),
      workers,
      policy: () => policyFrom(rulesDir),
      ...(rulesDir ? { rulesDir } : {}),
      color: format === 'text' && !out && colorFor(io.stdout, io.env),
      // On stderr when it is a terminal (wiped before each piece of report when the report goes there too).
      progress: io.stderr.isTTY === true && !values['no-progress'],
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      // For tests: small reads exercise lines split across chunks and batches.
      ...(io.env.UPSU_AUDIT_CHUNK_BYTES ? { chunkBytes: Number(io.env.UPSU_AUDIT_CHUNK_BYTES) } : {}),
      // For tests: a smaller SARIF cap (a whole number of at least 1; anything else is ignored).
      ...(Number.isInteger(Number(io.env.UPSU_AUDIT_SARIF_RESULTS)) && Number(io.env.UPSU_AUDIT_SARIF_RESULTS) >= 1
        ? { sarifResults: Number(io.env.UPSU_AUDIT_SARIF_RESULTS) }
        : {}),
    });
  } catch (e) {
    // What failed after the checks (a file removed meanwhile, a full disk), named by the path given: never the
    // temporary file the report is written to first.
    const code = errnoCode(e);
    const path = (e as NodeJS.ErrnoException | undefined)?.path;
    if (code && code !== 'EPIPE') {
      if (input !== '-' && path !== undefined && resolve(path) === resolve(input))
        throw new FileError(`cannot read ${input} (${code})`);
      if (out && (path === undefined || isWithin(path, out) || isAuditTemp(path)))
        throw new FileError(`cannot write ${out} (${code})`);
    }
    throw e;
  }
  if (summary.invalidLines && (format !== 'text' || out))
    io.stderr.write(
      `upsu-policy audit: ${summary.invalidLines} invalid line${summary.invalidLines === 1 ? '' : 's'} not audited (listed in the report)\n`,
    );
  if (summary.cases === 0 && summary.invalidLines === 0) {
    // Fail closed: an export with no cases (a broken export step, a wrong path to an empty file) must not pass.
    io.stderr.write('upsu-policy audit: the export holds no cases: nothing was audited\n');
    return 2;
  }
  return summary.invalidLines ? 2 : summary.findings ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------- test

async function test(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = args(argv, {
    rules: { type: 'string' },
    coverage: { type: 'boolean' },
    threshold: { type: 'string' },
    engine: { type: 'string' },
    mutate: { type: 'boolean' },
    'min-score': { type: 'string' },
    filter: { type: 'string' },
    junit: { type: 'string' },
  });
  if (values.help) return help(io, 'test');
  const junit = values.junit as string | undefined;
  if (junit === '') throw new UsageError('--junit needs a file name (an empty one was given: an unset variable?)');
  // Not standard output, as `audit --out -` is: there the text report goes, and the two would be one unreadable
  // stream. Never a file named `-` either.
  if (junit === '-') throw new UsageError('--junit needs a file name: standard output (-) holds the text report');
  if (junit !== undefined && stdoutIsFile(io.stdout, junit))
    throw new UsageError(`--junit is ${junit}, where standard output writes the text report: give another file`);
  // Before any work: a path that cannot be written fails now, not after the scenarios (and mutants) have run.
  if (junit !== undefined) checkOutputFile(junit);
  const percent = (name: string, v: unknown) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${name} must be a number from 0 to 100`);
    return n;
  };
  const threshold = percent('--threshold', values.threshold);
  const minScore = percent('--min-score', values['min-score']);
  // Options of mutation testing, given without it, would be ignored: a gate that checks nothing.
  if (!values.mutate) {
    const alone = (['min-score', 'filter'] as const).filter((k) => values[k] !== undefined).map((k) => `--${k}`);
    if (alone.length)
      throw new UsageError(`${alone.join(' and ')} only ${alone.length === 1 ? 'works' : 'work'} with --mutate`);
  }
  const engine = (values.engine ?? 'compiled') as 'compiled' | 'interpreter';
  if (engine !== 'compiled' && engine !== 'interpreter')
    throw new UsageError('--engine must be compiled or interpreter');
  checkRulesFolder(values.rules as string | undefined);
  const rulesDir = (values.rules as string | undefined) ?? join(packageRoot(), 'rules');
  const dirs = positionals.length ? positionals : [rulesDir];
  for (const d of dirs) if (!existsSync(d)) throw new FileError(`cannot read ${d} (ENOENT)`);
  const color = colorFor(io.stdout, io.env);
  // Loaded only for this command, so the others start faster.
  const { coverageFigures, formatScenarioReport, loadScenarios, runScenarios } = await import('../scenarios/run.js');
  // Each DIR must hold scenario files, and the files scenarios: a run of nothing would pass.
  const perDir = dirs.map((d) => loadScenarios([d]));
  const empty = dirs.filter((_, i) => perDir[i]?.length === 0);
  if (empty.length) {
    for (const d of empty)
      io.stderr.write(`upsu-policy test: no scenario files (*.cases.json) found in ${printable(d)}\n`);
    return 2;
  }
  // With more than one DIR, a file is named by its path, so that same-named files of two folders (each folder's
  // `disclosure.cases.json`) stay apart in the report and in --junit's suites.
  const files =
    dirs.length === 1
      ? perDir.flat()
      : perDir.flat().map((f) => ({ ...f, file: f.path, problems: f.problems.map((p) => ({ ...p, file: f.path })) }));
  // …and each DIR's files must hold scenarios (an empty `[]` file runs nothing either).
  const idle = dirs.filter((_, i) =>
    (perDir[i] ?? []).every((f) => f.scenarios.length === 0 && f.problems.length === 0),
  );
  if (idle.length) {
    for (const d of idle)
      io.stderr.write(`upsu-policy test: no scenarios in the scenario files found in ${printable(d)}\n`);
    return 2;
  }

  // The report must not replace what this run reads: a scenario file, or a file of the rules folder.
  const read = junit === undefined ? undefined : [...files.map((f) => f.path), ...jsonFilesIn(rulesDir)];
  const input = read?.find((f) => sameFile(junit as string, f));
  if (input !== undefined)
    throw new UsageError(`--junit is ${input}, which this run reads: the report would overwrite it`);
  const policy = loadPolicy(rulesDir);
  // The folder --mutate mutates, read once: for the --filter check below and for the mutation run.
  const mutated = values.mutate ? readRulesFolder(rulesDir) : undefined;
  const filter = mutated && values.filter ? (values.filter as string) : undefined;
  const noMutant = () =>
    `upsu-policy test: no mutant to run${filter === undefined ? '' : ` (no mutant id contains ${JSON.stringify(filter)})`}\n`;
  // A --filter no mutant id contains is refused before the scenarios run, not after a report of all of them.
  if (mutated && filter !== undefined) {
    const { generateMutants } = await import('../scenarios/mutate.js');
    if (!generateMutants(mutated).some((m) => m.id.includes(filter))) {
      io.stderr.write(noMutant());
      return 2;
    }
  }
  const report = await runScenarios(policy, files, { engine });
  // The rules and clauses coverage misses are listed with --coverage; otherwise one line of figures.
  io.stdout.write(`${formatScenarioReport(report, { color, listCoverage: values.coverage === true })}\n`);
  const figures = coverageFigures(report);
  if (values.coverage) {
    io.stdout.write('\nclause coverage:\n');
    for (const c of report.coverage.clauses)
      io.stdout.write(
        `  ${c.covered ? '✓' : '✗'} ${printable(c.id).padEnd(7)} ${c.decidable ? `${c.rules.length} rule${c.rules.length === 1 ? '' : 's'}, ${c.scenarios} scenario${c.scenarios === 1 ? '' : 's'}` : `not decidable: ${printable(c.notDecidableReason ?? 'no reason given')}`}\n`,
      );
  }
  let code = report.failed || report.problems.length ? 1 : 0;
  // --threshold gates both figures: a decidable clause no rule cites is as much a gap as a rule without scenarios.
  if (threshold !== undefined)
    for (const [what, f] of [
      ['rule', figures.rules],
      ['clause', figures.clauses],
    ] as const)
      if (f.percent < threshold) {
        io.stdout.write(`${what} coverage ${f.percent}% is under the threshold ${threshold}%\n`);
        code = 1;
      }
  if (junit !== undefined) {
    const { scenarioJunit } = await import('../scenarios/junit.js');
    writeReportFile(junit, scenarioJunit(report, { figures, ...(threshold === undefined ? {} : { threshold }) }));
  }
  if (mutated) {
    const { formatMutationReport, formatScore, runMutation } = await import('../scenarios/mutate.js');
    const equivalentFile = join(rulesDir, 'equivalent-mutants.json');
    const m = await runMutation({
      // The folder the scenarios above ran against (the package's rules/ without --rules), never the bundle built
      // into dist/: in a source clone whose build is older than rules/, the two differ.
      policyBundle: mutated,
      scenarioDirs: dirs,
      ...(existsSync(equivalentFile) ? { equivalentFile } : {}),
      ...(filter === undefined ? {} : { filter }),
    });
    // No mutant to run (rules with no mutant at all): a score of 100.0% (0/0) would pass a gate that checked
    // nothing.
    if (m.mutants.length === 0) {
      io.stderr.write(noMutant());
      return 2;
    }
    // Mutants run, but every one listed as equivalent (a --filter naming only such): none is scored, and a score
    // of 100.0% (0/0) would pass --min-score on nothing.
    if (minScore !== undefined && m.total === 0) {
      io.stderr.write(
        `upsu-policy test: no mutant to score against --min-score: every mutant run${filter === undefined ? '' : ` (id containing ${JSON.stringify(filter)})`} is listed as equivalent\n`,
      );
      return 2;
    }
    io.stdout.write(`\n${formatMutationReport(m)}\n`);
    // A stale or wrongly listed equivalent mutant fails too: the exclusions must stay true.
    if (
      m.baselineFailures.length ||
      m.staleEquivalents.length ||
      m.killedEquivalents.length ||
      m.changedEquivalents.length
    )
      code = 1;
    if (minScore !== undefined && m.score < minScore) {
      io.stdout.write(`mutation score ${formatScore(m.score)}% is under the minimum ${minScore}%\n`);
      code = 1;
    }
  }
  // A scenario file that is not valid (not JSON, not scenarios, a key twice, misnamed) is invalid input.
  return report.problems.length ? 2 : code;
}

// ---------------------------------------------------------------------------------------------- schema, docs

const SCHEMA_NAMES = [...QUESTION_KINDS, 'case-export'] as const;

async function schema(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = args(argv, {});
  if (values.help) return help(io, 'schema');
  if (positionals.length > 1) throw new UsageError('give at most one schema name');
  const name = positionals[0];
  let s: unknown;
  if (name === undefined) s = zodSchemas().anyQuestionJsonSchema();
  else if ((SCHEMA_NAMES as readonly string[]).includes(name)) s = jsonSchema(name as QuestionKind | 'case-export');
  else throw new UsageError(`unknown schema ${JSON.stringify(name)}: use one of ${SCHEMA_NAMES.join(', ')}`);
  io.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
  return 0;
}

async function docs(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = args(argv, { out: { type: 'string' }, rules: { type: 'string' } });
  if (values.help) return help(io, 'docs');
  if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (!values.out) throw new UsageError('--out DIR is required');
  const out = values.out as string;
  const rulesDir = values.rules as string | undefined;
  checkRulesFolder(rulesDir);
  const o = stat(out);
  if (typeof o === 'string' ? o !== 'ENOENT' : !o.isDirectory())
    throw new FileError(`cannot write ${out} (${typeof o === 'string' ? o : 'ENOTDIR'})`);
  const { generateDocs, ScenarioProblemsError } = await import('../docs/generate.js');
  let files: string[];
  try {
    ({ files } = await generateDocs({ outDir: out, ...(rulesDir ? { rulesDir } : {}) }));
  } catch (e) {
    // One line per problem, nothing written: the book never shows a worked example its rules contradict.
    if (e instanceof ScenarioProblemsError) {
      io.stderr.write(`upsu-policy docs: ${printable(e.message.split('\n')[0] ?? '')}\n`);
      for (const p of e.problems) io.stderr.write(`upsu-policy docs: ${printable(p)}\n`);
      return 2;
    }
    // A folder on the way that is a file, no permission: named by the --out given.
    const code = errnoCode(e);
    const path = (e as NodeJS.ErrnoException | undefined)?.path;
    if (code && path !== undefined && (isWithin(path, out) || isWithin(out, path)))
      throw new FileError(`cannot write ${out} (${code})`);
    throw e;
  }
  io.stdout.write(`wrote ${files.length} files to ${out}\n`);
  return 0;
}

async function demo(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = args(argv, {});
  if (values.help) return help(io, 'demo');
  if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  io.stdout.write(runDemo());
  return 0;
}

function help(io: CliIO, command?: string): number {
  io.stdout.write(command ? (HELP[command] as string) : MAIN_HELP);
  return 0;
}

const COMMANDS: Readonly<Record<string, (argv: string[], io: CliIO) => Promise<number>>> = {
  decide,
  audit,
  test,
  schema,
  docs,
  demo,
};

/**
 * Runs the command line: returns the exit code. Usage errors and invalid rules print one line and give 2;
 * nothing prints a stack trace.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // No command is a usage error (exit 2), with the help on stderr so that stdout stays empty.
    if (command === undefined) {
      io.stderr.write(MAIN_HELP);
      return 2;
    }
    if (command === '--help' || command === '-h') return help(io);
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    if (command === 'help') {
      if (rest[0] !== undefined && !HELP[rest[0]]) throw new UsageError(`unknown command ${JSON.stringify(rest[0])}`);
      return help(io, rest[0]);
    }
    const run = COMMANDS[command];
    if (!run)
      throw new UsageError(
        `unknown command ${JSON.stringify(command)} (commands: ${Object.keys(COMMANDS).join(', ')})`,
      );
    return await run(rest, io);
  } catch (e) {
    const where = command && COMMANDS[command] ? `upsu-policy ${command}` : 'upsu-policy';
    // A message may name a file of a rules folder, a path given, a scenario or a value of a rules folder: shown, its
    // control characters never obeyed by the terminal (the lines of a RuleLoadError stay lines).
    if (e instanceof UsageError) {
      io.stderr.write(
        `${where}: ${printable(e.message)} (see ${where === 'upsu-policy' ? where : `${where}`} --help)\n`,
      );
      return 2;
    }
    if (e instanceof RuleLoadError || e instanceof FileError) {
      io.stderr.write(`${where}: ${printable(e.message, true)}\n`);
      return 2;
    }
    // The reader of standard output went away (`| head`): stop quietly, as a Unix tool killed by SIGPIPE would.
    if (errnoCode(e) === 'EPIPE') return EXIT_STDOUT_CLOSED;
    // Standard output failed otherwise (a full disk, /dev/full): said once, here or by the listener below.
    const err = e as NodeJS.ErrnoException;
    if (e === (io.stdout as Writable).errored || (errnoCode(e) && err.syscall === 'write' && err.path === undefined)) {
      reportStdoutFailure(io.stderr, where, e);
      return 2;
    }
    io.stderr.write(`${where}: ${printable(errorLine(e))}\n`);
    return 2;
  }
}

/** Whether a failure of standard output has been reported (by `main` or the stream's error listener): once. */
let stdoutReported = false;

/** Says once, whoever sees it first (`main` or the stream's error listener), that standard output failed. */
function reportStdoutFailure(stderr: Writable, where: string, e: unknown): void {
  if (!stdoutReported) stderr.write(`${where}: cannot write to standard output (${errnoCode(e) ?? 'error'})\n`);
  stdoutReported = true;
}

/** One line for an unexpected error: Node's messages start with their code already (`ENOENT: no such file…`). */
function errorLine(e: unknown): string {
  const code = errnoCode(e);
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}

// Standard output closed by its reader (`upsu-policy audit big.ndjson | head -1`): Node ignores SIGPIPE and reports
// EPIPE on the next write, possibly after the command has finished. Stop at once, with no message, and exit as a
// shell reports a tool killed by SIGPIPE (141): the report was not written whole. (Output written whole into the pipe
// before its reader went, as a short one is, ends with its usual code.)
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT_STDOUT_CLOSED);
  reportStdoutFailure(process.stderr, 'upsu-policy', e);
  process.exit(2);
});

// Standard error that cannot be written (a full disk, /dev/full, a closed pipe) leaves nowhere to say so; the exit
// code still says how the run ended (2 for a usage error or invalid input, never 1 as if there were findings).
// Without this listener the stream's error would end the process as an unhandled one, with exit code 1.
process.stderr.on('error', () => {});

// Runs the command line when loaded (by bin.ts, the binary dist/cli.js).
main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`upsu-policy: ${(e as Error).message}\n`);
    process.exitCode = 2;
  },
);
