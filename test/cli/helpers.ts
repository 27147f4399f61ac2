import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist/cli.js');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const isStale = () => {
  const built = ['cli.js', 'audit-worker.js'].map((f) => join(ROOT, 'dist', f));
  return (
    built.some((f) => !existsSync(f)) ||
    Math.min(...built.map((f) => statSync(f).mtimeMs)) <
      Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'rules')))
  );
};

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds dist/ when it is missing or older than src/ or rules/ (npm test has built it already). Test files run
 * in parallel: a lock directory makes one of them build while the others wait, then re-check.
 */
export function ensureBuilt(): void {
  if (!isStale()) return;
  const lock = join(ROOT, 'node_modules', '.upsu-cli-test-build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {}
      sleep(200);
    }
  }
  try {
    if (isStale()) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js …` with no terminal (stdout/stderr are pipes), `NO_COLOR` and `FORCE_COLOR` unset. */
export function cli(
  args: readonly string[],
  opts: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {},
): Run {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    env: { ...env, ...opts.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, asynchronously (for several runs at once). */
export function cliAsync(args: readonly string[], opts: { env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    p.on('error', rej);
    p.on('close', (code) => res({ code, stdout, stderr }));
  });
}

const made: string[] = [];
// Registered by whichever test file imports this module: its temporary folders go when it ends.
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'upsu-cli-test-'));
  made.push(d);
  return d;
}

/** Writes a synthetic export with scripts/generate-cases.mjs. */
export function generate(out: string, args: readonly string[]): string {
  execFileSync(process.execPath, [join(ROOT, 'scripts/generate-cases.mjs'), '--out', out, ...args], { cwd: ROOT });
  return out;
}

/**
 * Why `text` is not well-formed XML 1.0, or `true`. fast-xml-parser's XMLValidator checks the element structure
 * only: it accepts control characters, a raw `<` or `&` in an attribute, `]]>` in text. Those are checked here.
 */
export function xmlWellFormed(text: string): true | string {
  const structure = XMLValidator.validate(text);
  if (structure !== true) return JSON.stringify(structure.err);
  // XML 1.0 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (a lone surrogate is none of them).
  const bad = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(text);
  if (bad) return `character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad.index}`;
  const amp = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.exec(text);
  if (amp) return `a & that starts no reference at ${amp.index}`;
  if (text.includes(']]>')) return `]]> at ${text.indexOf(']]>')}`;
  for (const m of text.matchAll(/=\s*(?:"([^"]*)"|'([^']*)')/g))
    if ((m[1] ?? m[2] ?? '').includes('<')) return `a < in an attribute value at ${m.index}`;
  return true;
}
