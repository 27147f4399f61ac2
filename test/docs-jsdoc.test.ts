// Every export of the public entries (src/index.ts, src/schemas.ts) is documented: a JSDoc comment with an @example, and a @see
// naming the clause it implements (or, for plumbing, the clause the docs start from). Read with the TypeScript
// compiler API, following each re-export to its declaration.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { bundledRules } from '../src/generated/rules.js';

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
const checker = program.getTypeChecker();

function exportsOf(
  entry: string,
): { name: string; tags: string[]; text: string; sees: string[]; generated: boolean }[] {
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`${entry} not found`);
  const module = checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(module).map((sym) => {
    const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    const tags: string[] = [];
    const sees: string[] = [];
    let text = '';
    let generated = false;
    for (const decl of target.declarations ?? []) {
      if (decl.getSourceFile().fileName.includes('/src/generated/')) generated = true;
      // JSDoc sits on the declaration, or on its variable statement (`export const x = …`).
      const holders: ts.Node[] = [decl];
      if (ts.isVariableDeclaration(decl)) holders.push(decl.parent.parent);
      for (const h of holders)
        for (const doc of ts.getJSDocCommentsAndTags(h)) {
          if (!ts.isJSDoc(doc)) continue;
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
    }
    return { name: sym.name, tags, text, sees, generated };
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
