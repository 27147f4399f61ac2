import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AUDIT_FORMATS, type AuditFormat } from '../audit/format.js';
import { AUDIT_OPTIONS } from '../audit/prespawn.js';
import { runAudit } from '../audit/run.js';
import { defaultPolicy } from '../decision/default-policy.js';
import { issue, RuleLoadError } from '../decision/errors.js';
import type { Decision, Issue } from '../decision/types.js';
import { isCalendarDate } from '../derive/dates.js';
import { loadPolicy, readRulesFolder } from '../engine/load-dir.js';
import { packageRoot } from '../engine/package-root.js';
import type { Policy } from '../engine/policy.js';
import { QUESTION_KINDS, type QuestionKind } from '../facts/constants.js';
import { jsonSchema } from '../facts/json-schema.js';
import { zodSchemas } from '../facts/schema-loader.js';
import { bundledRules } from '../generated/rules.js';
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

const version = () =>
  (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Colour on a terminal (or with FORCE_COLOR), never when NO_COLOR is set to anything (https://no-color.org).
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
    });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    throw new UsageError(
      `${String((e as Error).message)
        .split('\n')[0]
        ?.replace(/\. To specify a positional.*$/, '.')}`,
    );
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
    throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
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
  const policy = policyFrom(values.rules as string | undefined);
  const text = utf8(await readInput(positionals[0] as string, io.stdin));
  let question: unknown;
  try {
    if (text === undefined) throw new SyntaxError('not UTF-8');
    question = JSON.parse(text);
  } catch {
    io.stderr.write(`${issueLine(issue('invalid-json', []))}\n`);
    return 2;
  }
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
  const texts = new Map(policy.clauses.map((c) => [c.id, c.text]));
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
  const out: string[] = [`${tone(d.outcome.toUpperCase())}  ${dim(`(${d.question})`)}`];
  if (d.escalateTo !== undefined) out.push(`Escalate to: ${d.escalateTo ?? 'no one named by the policy'}`);
  if (d.destroyAfter) out.push(`Destroy after: ${d.destroyAfter}`);
  if (d.nextStep) out.push(`Next step: ${d.nextStep.step}${d.nextStep.role ? ` (${d.nextStep.role})` : ''}`);
  if (d.respondBy) out.push(`Respond by: ${d.respondBy}`);
  if (d.missing?.length) out.push(`Missing: ${d.missing.join(', ')}`);
  if (d.violations?.length) out.push(`Violations: ${d.violations.map((v) => `${v.code} (${v.clause})`).join(', ')}`);
  out.push('', bold('Because'));
  for (const r of d.reasons)
    out.push(
      wrap(`${r.text} [${r.rule}, ${r.clause}]`, '  • ')
        .replace(/^ {2}• /gm, '    ')
        .replace(/^ {4}/, '  • '),
    );
  const notes = (title: string, list: Decision['obligations']) => {
    if (!list.length) return;
    out.push('', bold(title));
    for (const n of list) out.push(wrap(`${n.text} [${n.code}, ${n.clause}]`, '    ').replace(/^ {4}/, '  • '));
  };
  notes('Obligations', d.obligations);
  notes('Remedies', d.remedies);
  notes('Advisories', d.advisories);
  out.push('', bold('Clauses'));
  for (const id of d.clauses) out.push(`  ${bold(id.padEnd(6))}${wrap(texts.get(id) ?? '', '        ').trimStart()}`);
  if (d.trace) {
    out.push('', bold('Rules evaluated'));
    for (const t of d.trace)
      out.push(
        `  ${t.applied ? '✓' : t.fired ? '·' : ' '} ${t.fired ? t.rule : dim(t.rule)} ${dim(`(${t.type}, priority ${t.priority}, ${t.file})`)}`,
      );
    out.push(dim('  ✓ fired and shaped the decision · fired but did not'));
  }
  out.push('', dim(`${d.policy.id} ${d.policy.version} ${d.policy.rulesHash}`));
  return `${out.join('\n')}\n`;
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
  const workers = values.workers === undefined ? 1 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new UsageError('--workers must be a whole number from 1 to 64');
  const input = positionals[0] as string;
  if (input !== '-' && !existsSync(input)) throw new UsageError(`cannot read ${input} (ENOENT)`);
  const rulesDir = values.rules as string | undefined;
  const out = values.out as string | undefined;
  const summary = await runAudit({
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
  });
  if (summary.invalidLines && (format !== 'text' || out))
    io.stderr.write(
      `upsu-policy audit: ${summary.invalidLines} invalid line${summary.invalidLines === 1 ? '' : 's'} not audited (listed in the report)\n`,
    );
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
  });
  if (values.help) return help(io, 'test');
  const percent = (name: string, v: unknown) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${name} must be a number from 0 to 100`);
    return n;
  };
  const threshold = percent('--threshold', values.threshold);
  const minScore = percent('--min-score', values['min-score']);
  const engine = (values.engine ?? 'compiled') as 'compiled' | 'interpreter';
  if (engine !== 'compiled' && engine !== 'interpreter')
    throw new UsageError('--engine must be compiled or interpreter');
  const rulesDir = (values.rules as string | undefined) ?? join(packageRoot(), 'rules');
  const dirs = positionals.length ? positionals : [rulesDir];
  for (const d of dirs) if (!existsSync(d)) throw new UsageError(`cannot read ${d} (ENOENT)`);
  const color = colorFor(io.stdout, io.env);
  // Loaded only for this command, so the others start faster.
  const { coverageFigures, formatScenarioReport, loadScenarios, runScenarios } = await import('../scenarios/run.js');
  const policy = loadPolicy(rulesDir);
  const files = loadScenarios(dirs);
  const report = await runScenarios(policy, files, { engine });
  io.stdout.write(`${formatScenarioReport(report, { color })}\n`);
  const figures = coverageFigures(report);
  if (values.coverage) {
    io.stdout.write('\nclause coverage:\n');
    for (const c of report.coverage.clauses)
      io.stdout.write(
        `  ${c.covered ? '✓' : '✗'} ${c.id.padEnd(7)} ${c.decidable ? `${c.rules.length} rule${c.rules.length === 1 ? '' : 's'}, ${c.scenarios} scenario${c.scenarios === 1 ? '' : 's'}` : `not decidable: ${c.notDecidableReason ?? 'no reason given'}`}\n`,
      );
  }
  let code = report.failed || report.problems.length ? 1 : 0;
  if (threshold !== undefined && figures.rules.percent < threshold) {
    io.stdout.write(`rule coverage ${figures.rules.percent}% is under the threshold ${threshold}%\n`);
    code = 1;
  }
  if (values.mutate) {
    const { formatMutationReport, formatScore, runMutation } = await import('../scenarios/mutate.js');
    const equivalentFile = join(rulesDir, 'equivalent-mutants.json');
    const m = await runMutation({
      policyBundle: values.rules ? readRulesFolder(rulesDir) : bundledRules,
      scenarioDirs: dirs,
      ...(existsSync(equivalentFile) ? { equivalentFile } : {}),
      ...(values.filter ? { filter: values.filter as string } : {}),
    });
    io.stdout.write(`\n${formatMutationReport(m)}\n`);
    // A stale or wrongly listed equivalent mutant fails too: the exclusions must stay true.
    if (m.baselineFailures.length || m.staleEquivalents.length || m.killedEquivalents.length) code = 1;
    if (minScore !== undefined && m.score < minScore) {
      io.stdout.write(`mutation score ${formatScore(m.score)}% is under the minimum ${minScore}%\n`);
      code = 1;
    }
  }
  return code;
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
  const rulesDir = values.rules as string | undefined;
  const { generateDocs } = await import('../docs/generate.js');
  const { files } = await generateDocs({ outDir: values.out as string, ...(rulesDir ? { rulesDir } : {}) });
  io.stdout.write(`wrote ${files.length} files to ${values.out}\n`);
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
    if (command === undefined || command === '--help' || command === '-h') return help(io);
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${version()}\n`);
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
    if (e instanceof UsageError) {
      io.stderr.write(`${where}: ${e.message} (see ${where === 'upsu-policy' ? where : `${where}`} --help)\n`);
      return 2;
    }
    if (e instanceof RuleLoadError) {
      io.stderr.write(`${where}: ${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    io.stderr.write(`${where}: ${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}\n`);
    return 2;
  }
}

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
