// The published declaration files compile in a consumer's project as the README promises ("Public API": types for
// ESM and CommonJS, with a `target`/`lib` of ES2015 or later), checked without `skipLibCheck`, as a consumer who
// leaves it off checks them. `@types/node` is in: the main entry is for Node (and zod's types need its `URL`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers.js';

beforeAll(() => ensureBuilt(), 120_000);

const ENTRIES = ['index.d.ts', 'index.d.cts', 'schemas.d.ts', 'schemas.d.cts'].map((f) => join(ROOT, 'dist', f));

/** The entries and the chunks they import (dist/ is not cleaned between builds: older chunks may lie there). */
function publishedFiles(): string[] {
  return ENTRIES.flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    const ext = f.endsWith('.d.cts') ? '.d.cts' : '.d.ts';
    return [f, ...[...text.matchAll(/from '\.\/([\w.-]+)\.c?js'/g)].map((m) => join(ROOT, 'dist', `${m[1]}${ext}`))];
  });
}

function diagnostics(options: ts.CompilerOptions, roots: readonly string[] = ENTRIES): string[] {
  const program = ts.createProgram(roots, {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
    ...options,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName.split('/').pop() ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('the published types', () => {
  for (const [name, resolution] of [
    ['node16', { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
    ['bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
  ] as const)
    it(`compile with an ES2015 target and lib (${name} resolution)`, () => {
      expect(diagnostics({ target: ts.ScriptTarget.ES2015, lib: ['lib.es2015.d.ts'], ...resolution })).toEqual([]);
    });

  // A consumer with `exactOptionalPropertyTypes` passes a question's own fields (zod's optional fields are
  // `T | undefined`) to the wrappers that take them one by one.
  it("take a question's fields in the convenience wrappers under exactOptionalPropertyTypes", () => {
    const dir = mkdtempSync(join(tmpdir(), 'upsu-types-'));
    try {
      const file = join(dir, 'consumer.ts');
      writeFileSync(
        file,
        `import { mayAccess, retentionStatus, type AccessQuestion, type RetentionQuestion } from ${JSON.stringify(join(ROOT, 'dist/index.js'))};
declare const a: AccessQuestion;
declare const r: RetentionQuestion;
mayAccess(a.actor, { purpose: a.purpose, necessary: a.necessary });
retentionStatus(r.client, r.asOf);
`,
      );
      const options = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        exactOptionalPropertyTypes: true,
        skipLibCheck: true,
      };
      expect(diagnostics(options, [file])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The declaration bundler renames a type when two of one name meet (`NextStep$1`), and editors and compiler
  // errors then show the public type under that name.
  it('name every public type as it is exported (no `Name$1` from two types of one name)', () => {
    const renamed = publishedFiles().flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\b[A-Za-z_]\w*\$\d+\b/g)].map((m) => `${f.split('/').pop()}: ${m[0]}`),
    );
    expect([...new Set(renamed)]).toEqual([]);
  });

  // What is marked @internal is the library's own (it may change in any version): not in the published types, so
  // that no consumer comes to depend on it; the library's own code, typed from src/, still uses it.
  it('leave out the members marked @internal', () => {
    const text = publishedFiles()
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const internal of ['decideValid', 'readonly loaded:', 'LoadedPolicy', 'prechecked', 'rulesHash?:'])
      expect(text.includes(internal), internal).toBe(false);
    // …while the public members around them are there.
    for (const pub of ['evaluateWithEngine(question', 'readonly settings:', 'settings?:'])
      expect(text.includes(pub), pub).toBe(true);
  });
});
