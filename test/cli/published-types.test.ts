// The published declaration files compile in a consumer's project as the README promises ("Public API": types for
// ESM and CommonJS, with a `target`/`lib` of ES2015 or later), checked without `skipLibCheck`, as a consumer who
// leaves it off checks them. `@types/node` is in: the main entry is for Node (and zod's types need its `URL`).
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers.js';

beforeAll(() => ensureBuilt(), 120_000);

const ENTRIES = ['index.d.ts', 'index.d.cts', 'schemas.d.ts', 'schemas.d.cts'].map((f) => join(ROOT, 'dist', f));

function diagnostics(options: ts.CompilerOptions): string[] {
  const program = ts.createProgram(ENTRIES, {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
    ...options,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName.slice(ROOT.length) ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('the published types', () => {
  for (const [name, resolution] of [
    ['node16', { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
    ['bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
  ] as const)
    it(`compile with an ES2015 target and lib (${name} resolution)`, () => {
      expect(diagnostics({ target: ts.ScriptTarget.ES2015, lib: ['lib.es2015.d.ts'], ...resolution })).toEqual([]);
    });
});
