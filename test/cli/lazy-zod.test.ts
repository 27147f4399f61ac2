// Importing the built library does not load zod, and deciding valid questions (or auditing a valid case) never
// does: zod is loaded, synchronously, on the first question the fast checks refuse (for its error report), or
// for JSON Schema. This is what keeps the cold start short (README, Performance). The child processes ban any
// ESM import of zod (a resolve hook that throws) and look for the CommonJS zod in `require.cache`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
        message: expect.stringContaining('ship dist/zod-schemas.cjs next to the bundle'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
