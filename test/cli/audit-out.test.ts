// Where `upsu-policy audit` writes its report (--out), what an interrupted run leaves, and stderr with many
// workers: each as a CI job would meet it.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, ensureBuilt, generate, ROOT, tempDir } from './helpers.js';

const AS_OF = '2026-09-01';
let dir: string;
let clean: string;
const CLEAN = `${JSON.stringify({ id: 'OK-1', client: { degreeStatus: 'studying', consentToRecord: true } })}\n`;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  clean = join(dir, 'clean.ndjson');
  writeFileSync(clean, CLEAN);
}, 120_000);

const audit = (...args: string[]) => cli(['audit', clean, '--as-of', AS_OF, ...args]);

describe('upsu-policy audit --out', () => {
  it('a symbolic link is written through, never replaced (a link to a report, /dev/stdout)', () => {
    const real = join(dir, 'real.sarif');
    const link = join(dir, 'link.sarif');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    expect(audit('--format', 'sarif', '--out', link).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).version).toBe('2.1.0');
    // A link to the process's standard output, sent to a file by the shell (`--out /dev/stdout > report.txt`): the
    // report reaches the file, and the link stays a link. (Through a socket, as spawnSync's stdio, Linux cannot
    // open /proc/self/fd/1 at all: ENXIO, one line, exit 2.)
    const out = join(dir, 'stdout-link');
    symlinkSync('/proc/self/fd/1', out);
    const report = join(dir, 'report.txt');
    const r = spawnSync(
      'sh',
      ['-c', `"$0" "$1" audit "$2" --as-of ${AS_OF} --out "$3" > "$4"`, process.execPath, CLI, clean, out, report],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(report, 'utf8')).toContain('1 case audited: 0 cases with findings');
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('.upsu-audit-'))).toEqual([]);
  });

  it('a link to a regular file: the file is replaced whole, so an interrupted run leaves the old report', async () => {
    const big = generate(join(dir, 'big-for-link.ndjson'), ['--count', '200000', '--seed', '6']);
    const work = tempDir();
    const real = join(work, 'real.json');
    const link = join(work, 'link.json');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    // An audit of `big` to `out`, interrupted once its temporary folder is in `work`: how it ended.
    const interrupted = async (out: string) => {
      const p = spawn(process.execPath, [CLI, 'audit', big, '--as-of', AS_OF, '--format', 'json', '--out', out], {
        cwd: ROOT,
        stdio: 'ignore',
      });
      for (let i = 0; i < 200 && !readdirSync(work).some((f) => f.startsWith('.upsu-audit-')); i++)
        await new Promise((r) => setTimeout(r, 10));
      p.kill('SIGINT');
      return new Promise((res) => p.on('exit', (code, signal) => res(code ?? signal)));
    };
    expect(await interrupted(link)).toBe('SIGINT');
    expect(readFileSync(real, 'utf8')).toBe('old');
    expect(readdirSync(work).sort()).toEqual(['link.json', 'real.json']);
    // Run to the end: the file the link names has the report, and the link is still a link.
    expect(cli(['audit', clean, '--as-of', AS_OF, '--format', 'json', '--out', link]).code).toBe(0);
    expect(JSON.parse(readFileSync(real, 'utf8')).summary.cases).toBe(1);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    // A link to nothing yet (here through a second link): the file it names is made whole too, so an interrupted
    // run leaves nothing there (it was written through, and SIGINT left a partial report).
    const dangling = join(work, 'next.json');
    symlinkSync('hop.json', dangling);
    symlinkSync(join(work, 'new.json'), join(work, 'hop.json'));
    expect(await interrupted(dangling)).toBe('SIGINT');
    expect(readdirSync(work).sort()).toEqual(['hop.json', 'link.json', 'next.json', 'real.json']);
    expect(cli(['audit', clean, '--as-of', AS_OF, '--format', 'json', '--out', dangling]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'new.json'), 'utf8')).summary.cases).toBe(1);
    expect([lstatSync(dangling).isSymbolicLink(), lstatSync(join(work, 'hop.json')).isSymbolicLink()]).toEqual([
      true,
      true,
    ]);
  }, 60_000);

  it('a report replaced keeps the permissions of the file it replaces (and its owner, where the user may set it)', () => {
    const root = process.getuid?.() === 0;
    for (const [name, write] of [
      ['private.json', (f: string) => audit('--format', 'json', '--out', f)],
      ['private.xml', (f: string) => cli(['test', join(ROOT, 'rules', '0-preamble'), '--junit', f])],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, 'old');
      chmodSync(file, 0o600);
      if (root) chownSync(file, 65534, 65534);
      expect(write(file).code, name).toBe(0);
      expect(readFileSync(file, 'utf8'), name).not.toBe('old');
      const st = statSync(file);
      expect(st.mode & 0o777, name).toBe(0o600);
      if (root) expect([st.uid, st.gid], name).toEqual([65534, 65534]);
    }
    // A new file is made as any other (the umask's permissions), not with the temporary folder's 0700.
    const fresh = join(dir, 'fresh.json');
    expect(audit('--format', 'json', '--out', fresh).code).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o666 & ~process.umask());
  });

  it('- is standard output', () => {
    const r = audit('--format', 'json', '--out', '-');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.cases).toBe(1);
  });

  it('empty (an unset variable) is a usage error, not a report on stdout', () => {
    const r = audit('--format', 'sarif', '--out', '');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^upsu-policy audit: --out needs a file name/);
  });

  it('an empty FILE or --rules (an unset variable) is named as such, not as `cannot read  (ENOENT)`', () => {
    const cases: [string[], RegExp][] = [
      [['audit', '', '--as-of', AS_OF], /^upsu-policy audit: FILE is an empty name \(an unset variable\?\)/],
      [['audit', clean, '--as-of', AS_OF, '--rules', ''], /^upsu-policy audit: --rules needs a folder name/],
      [['decide', ''], /^upsu-policy decide: FILE is an empty name/],
      [['decide', '-', '--rules', ''], /^upsu-policy decide: --rules needs a folder name/],
      [['test', '--rules', ''], /^upsu-policy test: --rules needs a folder name/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('the export itself (or a link to it) is refused: the report would overwrite it', () => {
    const link = join(dir, 'export-link.ndjson');
    symlinkSync(clean, link);
    for (const out of [clean, link]) {
      const r = audit('--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--out is the export being audited/);
      expect(readFileSync(clean, 'utf8')).toBe(CLEAN);
    }
  });

  it('so is the export read as standard input (`audit - --out export.ndjson < export.ndjson`)', () => {
    const fd = openSync(clean, 'r');
    try {
      const r = spawnSync(process.execPath, [CLI, 'audit', '-', '--as-of', AS_OF, '--out', clean], {
        cwd: ROOT,
        stdio: [fd, 'pipe', 'pipe'],
        encoding: 'utf8',
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^upsu-policy audit: --out is the export being audited/);
      expect(readFileSync(clean, 'utf8')).toBe(CLEAN);
    } finally {
      closeSync(fd);
    }
    // A pipe on standard input is not a file: --out may be any file.
    const out = join(dir, 'from-stdin.txt');
    const r = cli(['audit', '-', '--as-of', AS_OF, '--out', out], { input: CLEAN });
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/1 case audited/);
  });

  it('and so is the pipe the export comes through (`… | audit - --out /dev/stdin`, a FIFO as both): refused, not a run that waits for ever', () => {
    // Written into, the pipe would be held open by the audit itself, and the export would never end.
    const piped = spawnSync(
      'sh',
      ['-c', `cat "$1" | "$0" "$2" audit - --as-of ${AS_OF} --out /dev/stdin`, process.execPath, clean, CLI],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(piped.status).toBe(2);
    expect(piped.stderr).toMatch(/^upsu-policy audit: --out is the export being audited/);
    const fifo = join(dir, 'export.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const named = spawnSync(
      'sh',
      [
        '-c',
        `cat "$1" > "$3" & "$0" "$2" audit "$3" --as-of ${AS_OF} --out "$3"; s=$?; cat "$3" > /dev/null; wait; exit $s`,
        process.execPath,
        clean,
        CLI,
        fifo,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(named.status).toBe(2);
    expect(named.stderr).toMatch(/^upsu-policy audit: --out is the export being audited/);
  });
});

describe('upsu-policy audit: interrupted, and many workers', () => {
  it('SIGINT or SIGTERM during a JUnit report to a file leaves no partial report behind', async () => {
    const big = generate(join(dir, 'big.ndjson'), ['--count', '200000', '--seed', '4']);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const work = tempDir();
      const p = spawn(
        process.execPath,
        [CLI, 'audit', big, '--as-of', AS_OF, '--format', 'junit', '--out', join(work, 'a.xml')],
        {
          cwd: ROOT,
          stdio: 'ignore',
        },
      );
      // Kill once the temporary folder exists (the body is being spooled).
      for (let i = 0; i < 200 && !readdirSync(work).some((f) => f.startsWith('.upsu-audit-')); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(
        readdirSync(work).some((f) => f.startsWith('.upsu-audit-')),
        signal,
      ).toBe(true);
      p.kill(signal);
      const how = await new Promise<{ code: number | null; signal: string | null }>((res) =>
        p.on('exit', (code, sig) => res({ code, signal: sig })),
      );
      expect(how, signal).toEqual({ code: null, signal });
      expect(readdirSync(work), signal).toEqual([]);
    }
  }, 120_000);

  it('--workers 12 (more than Node allows listeners on stdout by default) writes nothing to stderr', () => {
    const r = audit('--workers', '12', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);
});
