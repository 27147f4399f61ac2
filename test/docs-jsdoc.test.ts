// Every export of the public entries (src/index.ts, src/schemas.ts) is documented: a JSDoc comment with an @example, and a @see
// naming the clause it implements (or, for plumbing, the clause the docs start from). Read with the TypeScript
// compiler API, following each re-export to its declaration.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { bundledRules } from '../src/generated/rules.js';
import { exportDocs } from './support/export-docs.js';

const ROOT = new URL('..', import.meta.url).pathname;
const ENTRY = join(ROOT, 'src', 'index.ts');
/** The `/schemas` entry (the zod schemas). */
const SCHEMAS_ENTRY = join(ROOT, 'src', 'schemas.ts');

const DOCS_DIR = join(ROOT, 'src', 'docs');
const OWN_ENTRIES = [
  ...readdirSync(DOCS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(DOCS_DIR, f)),
  join(ROOT, 'src', 'browser.ts'),
];

// One program for every file examined: building it is the slow part.
const program = ts.createProgram([ENTRY, SCHEMAS_ENTRY, ...OWN_ENTRIES], {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
});

function exportsOf(
  entry: string,
): { name: string; tags: string[]; text: string; sees: string[]; generated: boolean }[] {
  return exportDocs(program, entry).map(({ name, docs, files }) => {
    const tags: string[] = [];
    const sees: string[] = [];
    let text = '';
    for (const doc of docs) {
      text += ts.getTextOfJSDocComment(doc.comment) ?? '';
      for (const t of doc.tags ?? []) {
        tags.push(t.tagName.text);
        if (t.tagName.text === 'see')
          sees.push(
            t
              .getText()
              .replace(/^@see\s*/, '')
              .trim(),
          );
      }
    }
    return { name, tags, text, sees, generated: files.some((f) => f.includes('/src/generated/')) };
  });
}

describe('JSDoc of the public exports', () => {
  const all = [...exportsOf(ENTRY), ...exportsOf(SCHEMAS_ENTRY)];
  const clauseIds = new Set(bundledRules.clauses.clauses.map((c) => c.id));

  it('finds the exports', () => {
    expect(all.length).toBeGreaterThan(20);
    expect(all.map((e) => e.name)).toEqual(expect.arrayContaining(['evaluate', 'questionSchemas', 'caseExport']));
  });

  it('every export has a JSDoc comment with an @example', () => {
    const missing = all.filter((e) => !e.text.trim() || !e.tags.includes('example')).map((e) => e.name);
    expect(missing).toEqual([]);
  });

  // src/generated/ is written by scripts/bundle-rules.mjs, whose comment has an @example but no @see yet.
  it('every export has a @see naming a clause of the policy (generated code aside)', () => {
    const missing = all
      .filter((e) => !e.generated)
      .filter((e) => !e.sees.some((s) => clauseIds.has(s.split(/[\s,;]/)[0] ?? '')))
      .map((e) => `${e.name} (@see ${e.sees.join(' | ') || 'none'})`);
    expect(missing).toEqual([]);
  });

  // The docs generator and the browser entry are held to the same standard.
  it('every export of src/docs/ and src/browser.ts has JSDoc with @example and @see', () => {
    const missing = OWN_ENTRIES.flatMap((e) =>
      exportsOf(e)
        .filter((x) => !x.text.trim() || !x.tags.includes('example') || !x.tags.includes('see'))
        .map((x) => `${e.slice(ROOT.length)}: ${x.name}`),
    );
    expect(missing).toEqual([]);
  });
});
