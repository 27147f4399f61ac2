// Importing the built library does not load zod, and deciding valid questions (or auditing a valid case) never
// does: zod is loaded, synchronously, on the first question the fast checks refuse (for its error report), or
// for JSON Schema. This is what keeps the cold start short (README, Performance). The child processes ban any
// ESM import of zod (a resolve hook that throws) and look for the CommonJS zod in `require.cache`. Likewise Node's
// file modules: `node:fs` imported as an ES module loads Node's streams (its export list is read whole), so the
// library loads it when a rules folder is first read.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import examples from '../fixtures/contract-examples.json' with { type: 'json' };
import { ensureBuilt, ROOT } from './helpers.js';

beforeAll(() => ensureBuilt());

const valid = (examples as { q: unknown; expect: { outcome?: string; invalid?: boolean } }[]).filter(
  (e) => !e.expect.invalid,
);
const CASE = {
  id: 'C-1',
  client: { degreeStatus: 'completed', degreeCompletedOn: '2020-06-30' },
  disclosures: [
    {
      on: '2024-03-01',
      actor: { role: 'adviser' },
      recipient: { role: 'third-party', name: 'parent' },
      information: { kind: 'presence', identifiable: true },
    },
  ],
};

const BAN_ESM_ZOD = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  'export async function resolve(s, c, next) { if (s === "zod" || s.startsWith("zod/")) throw new Error("zod was imported"); return next(s, c); }'));`;

/** Runs an ES module script in a child `node` (cwd: the package, so it can import itself by name). */
function run(script: string): { code: number | null; out: Record<string, unknown>; stderr: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  let out: Record<string, unknown> = {};
  try {
    out = JSON.parse(r.stdout);
  } catch {}
  return { code: r.status, out, stderr: r.stderr };
}

const probe = (load: string) => `${BAN_ESM_ZOD}
import { createRequire } from 'node:module';
const req = createRequire(${JSON.stringify(`${ROOT}/package.json`)});
const zodLoaded = () => Object.keys(req.cache).some((k) => /[\\\\/]node_modules[\\\\/]zod[\\\\/]/.test(k));
const lib = ${load};
const questions = ${JSON.stringify(valid.map((e) => e.q))};
const outcomes = questions.map((q) => lib.evaluate(q).outcome);
const findings = lib.auditCase(${JSON.stringify(CASE)}, '2026-09-01').map((f) => f.rule);
const before = zodLoaded();
const bad = lib.safeEvaluate({ question: 'contact', channel: 'fax' });
const afterIssues = zodLoaded();
const schema = lib.jsonSchema('contact');
process.stdout.write(JSON.stringify({ outcomes, findings, before, bad, afterIssues, required: schema.required }));`;

describe('zod is loaded only when needed (built library)', () => {
  for (const [name, load] of [
    ['ESM (dist/index.js)', `await import('upsu-confidentiality-policy')`],
    ['CommonJS (dist/index.cjs)', `req('upsu-confidentiality-policy')`],
  ] as const)
    it(`${name}: valid questions and a valid case are decided without zod; the first invalid one loads it`, () => {
      const r = run(probe(load));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.out.outcomes).toEqual(valid.map((e) => e.expect.outcome ?? expect.any(String)));
      expect((r.out.findings as string[]).length).toBeGreaterThan(0);
      expect(r.out.before).toBe(false);
      expect(r.out.bad).toEqual({
        ok: false,
        issues: [{ path: ['channel'], code: 'invalid-value', message: expect.any(String) }],
      });
      expect(r.out.afterIssues).toBe(true);
      expect(r.out.required).toEqual(['question', 'channel']);
    });

  it("importing the library and deciding load none of Node's streams; reading a rules folder afterwards works", () => {
    const script = (load: string) => `const before = new Set(process.moduleLoadList);
const lib = await ${load};
const outcome = lib.evaluate({ question: 'contact', channel: 'email' }).outcome;
const added = process.moduleLoadList.filter((m) => !before.has(m));
const folder = lib.loadPolicy(${JSON.stringify(join(ROOT, 'rules'))}).ref.rulesHash === lib.defaultPolicy().ref.rulesHash;
let missing;
try { lib.readRulesFolder(${JSON.stringify(join(ROOT, 'no-such-folder'))}); } catch (e) { missing = e.problems?.[0]?.message; }
process.stdout.write(JSON.stringify({ outcome, streams: added.filter((m) => /stream/.test(m)), folder, missing }));`;
    const r = run(script(`import('upsu-confidentiality-policy')`));
    expect(r.stderr).toBe('');
    expect(r.out).toEqual({
      outcome: 'permit',
      streams: [],
      folder: true,
      missing: expect.stringMatching(/cannot be read \(ENOENT\)$/),
    });
    // Where Node has no process.getBuiltinModule (before 20.16), the folder is read all the same.
    expect(
      run(`process.getBuiltinModule = undefined;\n${script(`import('upsu-confidentiality-policy')`)}`).out,
    ).toEqual(r.out);
    // The check can fail: importing node:fs as an ES module, as the library did, loads the streams.
    expect(run(script(`import('node:fs').then(() => import('upsu-confidentiality-policy'))`)).out.streams).toEqual(
      expect.arrayContaining(['NativeModule stream']),
    );
  });

  it('the ban itself works: an ES module import of zod fails under it', () => {
    const r = run(`${BAN_ESM_ZOD}\nawait import('zod');`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('zod was imported');
  });

  it("package.json's exports give each entry's files as plain paths (tools read exports['.'].import as one)", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ import: './dist/index.js', require: './dist/index.cjs' });
    expect(pkg.exports['./schemas']).toEqual({ import: './dist/schemas.js', require: './dist/schemas.cjs' });
  });

  it('the zod schemas are exported from /schemas (ESM and CommonJS)', () => {
    const r = run(`import { createRequire } from 'node:module';
const req = createRequire(${JSON.stringify(`${ROOT}/package.json`)});
const esm = await import('upsu-confidentiality-policy/schemas');
const cjs = req('upsu-confidentiality-policy/schemas');
const q = { question: 'contact', channel: 'email' };
process.stdout.write(JSON.stringify({
  kinds: Object.keys(esm.questionSchemas),
  esm: esm.questionSchemas.contact.safeParse(q).success && !esm.questionSchemas.contact.safeParse({ ...q, channel: 'fax' }).success,
  cjs: cjs.questionSchemas.contact.safeParse(q).success,
  caseExport: esm.caseExport.safeParse({ id: 'C-1', client: { degreeStatus: 'studying' } }).success,
}));`);
    expect(r.stderr).toBe('');
    expect(r.out).toEqual({
      kinds: expect.arrayContaining(['disclosure', 'storage']),
      esm: true,
      cjs: true,
      caseExport: true,
    });
  });

  it('without dist/zod-schemas.cjs beside it (a careless bundle), an invalid question throws a deployment error, never a decision', () => {
    const dir = mkdtempSync(join(tmpdir(), 'upsu-nozod-'));
    try {
      for (const f of readdirSync(join(ROOT, 'dist')))
        if (f.endsWith('.js')) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
      const r = run(`const lib = await import(${JSON.stringify(`${dir}/index.js`)});
const ok = lib.evaluate({ question: 'contact', channel: 'email' }).outcome;
let thrown;
try { thrown = { decided: lib.safeEvaluate({ question: 'contact', channel: 'fax' }) }; } catch (e) { thrown = { name: e.name, input: e instanceof lib.PolicyInputError, message: e.message }; }
process.stdout.write(JSON.stringify({ ok, thrown }));`);
      expect(r.stderr).toBe('');
      expect(r.out.ok).toBe('permit');
      expect(r.out.thrown).toEqual({
        name: 'Error',
        input: false,
        message: expect.stringContaining('ship dist/zod-schemas.cjs (and zod) next to the bundle'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// An application bundled for Node with esbuild, the package not left external: esbuild takes the ES module build
// (the `import` condition) for both output formats. In a CommonJS bundle `import.meta` is empty, and the library
// finds its file by the bundle's `__filename` instead (README, "Bundling an application for Node").
describe('an application bundled with esbuild (the library inside the bundle)', () => {
  const APP = `import { evaluate, safeEvaluate, jsonSchema } from 'upsu-confidentiality-policy';
const thrown = (f) => { try { return { value: f() }; } catch (e) { return { name: e.name, message: e.message }; } };
process.stdout.write(JSON.stringify({
  valid: evaluate({ question: 'contact', channel: 'email' }).outcome,
  invalid: thrown(() => safeEvaluate({ question: 'recording' })),
  schema: thrown(() => jsonSchema('access').required),
}));`;

  /** Bundles APP (in a folder whose node_modules links to this package) and runs the bundle. */
  function bundleAndRun(format: 'esm' | 'cjs', beside: boolean) {
    const dir = mkdtempSync(join(tmpdir(), 'upsu-bundle-'));
    try {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(ROOT, join(dir, 'node_modules', 'upsu-confidentiality-policy'), 'dir');
      writeFileSync(join(dir, 'app.mjs'), APP);
      const out = join(dir, 'out', format === 'esm' ? 'app.mjs' : 'app.cjs');
      const esbuild = join(ROOT, 'node_modules', '.bin', 'esbuild');
      const b = spawnSync(
        esbuild,
        ['app.mjs', '--bundle', '--platform=node', `--format=${format}`, `--outfile=${out}`],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      expect(b.status, b.stderr).toBe(0);
      if (beside) {
        // "ship dist/zod-schemas.cjs (and zod) beside the bundle"
        copyFileSync(join(ROOT, 'dist', 'zod-schemas.cjs'), join(dir, 'out', 'zod-schemas.cjs'));
        symlinkSync(join(ROOT, 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'), 'dir');
      }
      const r = spawnSync(process.execPath, [out], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as Record<string, { name?: string; message?: string; value?: unknown } | string>;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const deploymentError = (why: string) => ({
    name: 'Error',
    message: expect.stringMatching(
      new RegExp(
        `cannot load \\./zod-schemas\\.cjs beside the library \\(${why}.*leave upsu-confidentiality-policy \\(and zod\\) external`,
      ),
    ),
  });

  for (const format of ['esm', 'cjs'] as const) {
    it(`--format=${format} without dist/zod-schemas.cjs beside the bundle: valid questions are decided; the first thing needing zod throws the deployment error, never an issue list or a decision`, () => {
      const out = bundleAndRun(format, false);
      expect(out.valid).toBe('permit');
      expect(out.invalid).toEqual(deploymentError('Cannot find module'));
      expect(out.schema).toEqual(deploymentError('Cannot find module'));
    });

    it(`--format=${format} with dist/zod-schemas.cjs (and zod) beside the bundle: every issue, and JSON Schema`, () => {
      const out = bundleAndRun(format, true);
      expect(out.valid).toBe('permit');
      expect(out.invalid).toEqual({
        value: {
          ok: false,
          issues: [
            { path: ['consentToRecord'], code: 'required', message: expect.any(String) },
            { path: ['relevant'], code: 'required', message: expect.any(String) },
          ],
        },
      });
      expect(out.schema).toEqual({ value: expect.arrayContaining(['question']) });
    });
  }
});
