// The JSDoc comments of a module's exports, read with the TypeScript compiler API, following each re-export to its
// declaration. Used by test/docs-jsdoc.test.ts (every export documented) and test/docs-examples.test.ts (every
// example true).
import ts from 'typescript';

/** One export of a module: its name, the JSDoc comments of its declarations, and the files declaring it. */
export interface ExportDocs {
  name: string;
  docs: ts.JSDoc[];
  files: string[];
}

/** The exports of the module `entry` of `program`, each with the JSDoc of its declarations. */
export function exportDocs(program: ts.Program, entry: string): ExportDocs[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`${entry} not found`);
  const module = checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(module).map((sym) => {
    const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    const docs: ts.JSDoc[] = [];
    const files: string[] = [];
    for (const decl of target.declarations ?? []) {
      files.push(decl.getSourceFile().fileName);
      // JSDoc sits on the declaration, or on its variable statement (`export const x = …`).
      const holders: ts.Node[] = [decl];
      if (ts.isVariableDeclaration(decl)) holders.push(decl.parent.parent);
      for (const h of holders) docs.push(...ts.getJSDocCommentsAndTags(h).filter(ts.isJSDoc));
    }
    return { name: sym.name, docs, files };
  });
}
