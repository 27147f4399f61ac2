// The @example of every export of the public entries (src/index.ts, src/schemas.ts), and of the two entries' own
// module comments, is true: it compiles as a consumer would write it, and its `// value` comments hold when run.
//
// Rules an example follows (fix the example, not this test):
// - An example is a whole ES module, copy-pasteable into a consumer's project: it imports what it uses from
//   'upsu-confidentiality-policy' or 'upsu-confidentiality-policy/schemas' (a type with `import type` or
//   `type X`), and declares anything else it uses. No fragments, no free names beyond the globals
//   (console, JSON…).
// - It type-checks with `strict`, `noUncheckedIndexedAccess` and `verbatimModuleSyntax` (the settings of this
//   repository), the package names mapped to src/index.ts and src/schemas.ts. Top-level `await` is allowed.
// - A value comment follows an expression statement, on the same line (`expr; // 'deny'`) or on the comment lines
//   right after it. It is either
//   - a JS literal (string, number, boolean, null, undefined, array, object), compared deep-equal with the value
//     of the expression (of `x` for `console.log(x)`), where `…` stands for what the example leaves out: a string
//     containing `…` matches any text there ('…' any string, 'sha256:…' a prefix), a `…` element ends an array
//     that may go on (`['a', …]`: starts with 'a'), a `…` member lets an object have more keys (`{ code: 'x', … }`,
//     `{…}` any object); or
//   - `throws Name` or `throws Name: literal`: the expression throws an error whose `name` is Name and, with a
//     literal, whose `issues` (PolicyInputError) or `problems` (RuleLoadError) match it; or
//   - prose (anything that does not start like a literal: a quote, [, {, a digit, -, true, false, null,
//     undefined, or `throws `), which is not checked. There may be few of these (see the count below).
// - Every checked statement must run: a check inside an `if` that is never entered fails.
// The examples run against src/ (through vitest), in the repository's root, so './rules' is the bundled rules folder.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as mainEntry from '../src/index.js';
import * as schemasEntry from '../src/schemas.js';
import { exportDocs } from './support/export-docs.js';

const ROOT = new URL('..', import.meta.url).pathname;
const ENTRY = join(ROOT, 'src', 'index.ts');
const SCHEMAS_ENTRY = join(ROOT, 'src', 'schemas.ts');
const PACKAGE = 'upsu-confidentiality-policy';
const MODULES: Record<string, unknown> = { [PACKAGE]: mainEntry, [`${PACKAGE}/schemas`]: schemasEntry };

/** At least this many value comments are checked (the number when this test was written); raise it, never lower. */
const MIN_CHECKED = 57;
/** At most this many value comments are prose, not checked. */
const MAX_PROSE = 2;

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  resolveJsonModule: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  baseUrl: ROOT,
  paths: { [PACKAGE]: ['src/index.ts'], [`${PACKAGE}/schemas`]: ['src/schemas.ts'] },
};

interface Example {
  /** The exports (or entry module) whose JSDoc holds it. */
  names: string[];
  code: string;
}

/** Finds the @example of every export of both entries, and of their module comments; one per JSDoc tag. */
function collectExamples(): Example[] {
  const program = ts.createProgram([ENTRY, SCHEMAS_ENTRY], options);
  // Binds the files before any JSDoc is read: the module comments' lookup below needs the parent links binding sets.
  program.getTypeChecker();
  const found = new Map<string, Example>();
  const add = (name: string, tag: ts.JSDocTag) => {
    const key = `${tag.getSourceFile().fileName}:${tag.pos}`;
    const known = found.get(key);
    if (known) {
      if (!known.names.includes(name)) known.names.push(name);
      return;
    }
    const code = (ts.getTextOfJSDocComment(tag.comment) ?? '')
      .replace(/^\s*```\w*\s*\n/, '')
      .replace(/\n\s*```\s*$/, '');
    found.set(key, { names: [name], code });
  };
  for (const entry of [ENTRY, SCHEMAS_ENTRY]) {
    const source = program.getSourceFile(entry);
    if (!source) throw new Error(`${entry} not found`);
    const rel = entry.slice(ROOT.length);
    // The entry's own module comment (a JSDoc with @module, before the first statement).
    const first = source.statements[0];
    if (first)
      for (const doc of ts.getJSDocCommentsAndTags(first).filter(ts.isJSDoc))
        if (doc.tags?.some((t) => t.tagName.text === 'module'))
          for (const t of doc.tags.filter((t) => t.tagName.text === 'example')) add(`${rel} (module)`, t);
    for (const { name, docs } of exportDocs(program, entry))
      for (const doc of docs) for (const t of doc.tags ?? []) if (t.tagName.text === 'example') add(name, t);
  }
  return [...found.values()];
}

const examples = collectExamples();
const fileOf = (i: number) => join(ROOT, '__doc-examples__', `example-${i}.ts`);

// ---- type-checking: one program over every example, as virtual files beside the sources ----

function typeCheck(): Map<number, string[]> {
  const virtual = new Map(examples.map((e, i) => [fileOf(i), e.code]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) => {
    const text = virtual.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, lang, true) : getSourceFile(name, lang, ...rest);
  };
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const errors = new Map<number, string[]>();
  examples.forEach((_, i) => {
    const sf = program.getSourceFile(fileOf(i));
    if (!sf) throw new Error(`${fileOf(i)} not in the program`);
    const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    errors.set(
      i,
      diags.map((d) => {
        const line = d.start === undefined ? '?' : sf.getLineAndCharacterOfPosition(d.start).line + 1;
        return `line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  });
  return errors;
}

// ---- value comments ----

const REST = '__REST__';

type Expected =
  | { kind: 'value'; value: unknown }
  | { kind: 'any-string'; pattern: RegExp; text: string }
  | { kind: 'array'; items: Expected[]; open: boolean }
  | { kind: 'object'; props: [string, Expected][]; open: boolean };

/** `…` outside string literals becomes the identifier __REST__, so the comment parses as JS. */
function markRest(text: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === '\\') {
        out += c + (text[++i] ?? '');
        continue;
      }
      if (c === quote) quote = null;
      out += c;
    } else if (c === "'" || c === '"' || c === '`') {
      quote = c;
      out += c;
    } else out += c === '…' ? REST : c;
  }
  return out;
}

/** The literal a comment holds, or undefined when it is not one. */
function parseLiteral(text: string): Expected | undefined {
  const sf = ts.createSourceFile('literal.ts', `(${markRest(text)});`, ts.ScriptTarget.ES2022, true);
  const stmt = sf.statements[0];
  if (sf.statements.length !== 1 || !stmt || !ts.isExpressionStatement(stmt)) return undefined;
  if ((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length) return undefined;
  const convert = (n: ts.Expression): Expected => {
    if (ts.isParenthesizedExpression(n)) return convert(n.expression);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      if (!n.text.includes('…')) return { kind: 'value', value: n.text };
      const pattern = n.text
        .split('…')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*');
      return { kind: 'any-string', pattern: new RegExp(`^${pattern}$`), text: n.text };
    }
    if (ts.isNumericLiteral(n)) return { kind: 'value', value: Number(n.text) };
    if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(n.operand))
      return { kind: 'value', value: -Number(n.operand.text) };
    if (n.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'value', value: true };
    if (n.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'value', value: false };
    if (n.kind === ts.SyntaxKind.NullKeyword) return { kind: 'value', value: null };
    if (ts.isIdentifier(n) && n.text === 'undefined') return { kind: 'value', value: undefined };
    if (ts.isArrayLiteralExpression(n)) {
      const els = [...n.elements];
      const last = els[els.length - 1];
      const open = !!last && ts.isIdentifier(last) && last.text === REST;
      return { kind: 'array', items: (open ? els.slice(0, -1) : els).map(convert), open };
    }
    if (ts.isObjectLiteralExpression(n)) {
      let open = false;
      const props: [string, Expected][] = [];
      for (const p of n.properties) {
        if (ts.isShorthandPropertyAssignment(p) && p.name.text === REST) open = true;
        else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)))
          props.push([p.name.text, convert(p.initializer)]);
        else throw new Error(`not a literal: ${p.getText()}`);
      }
      return { kind: 'object', props, open };
    }
    throw new Error(`not a literal: ${n.getText()}`);
  };
  return convert(stmt.expression);
}

/** Where `actual` differs from `expected` (a path and what differs), or undefined when it matches. */
function mismatch(actual: unknown, expected: Expected, path = '$'): string | undefined {
  switch (expected.kind) {
    case 'value':
      return Object.is(actual, expected.value) ? undefined : `${path}: ${show(actual)}, not ${show(expected.value)}`;
    case 'any-string':
      return typeof actual === 'string' && expected.pattern.test(actual)
        ? undefined
        : `${path}: ${show(actual)} does not match '${expected.text}'`;
    case 'array': {
      if (!Array.isArray(actual)) return `${path}: ${show(actual)} is not an array`;
      if (expected.open ? actual.length < expected.items.length : actual.length !== expected.items.length)
        return `${path}: length ${actual.length}, not ${expected.open ? 'at least ' : ''}${expected.items.length}`;
      for (const [i, item] of expected.items.entries()) {
        const m = mismatch(actual[i], item, `${path}[${i}]`);
        if (m) return m;
      }
      return undefined;
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual))
        return `${path}: ${show(actual)} is not an object`;
      const keys = Object.keys(actual);
      const named = expected.props.map(([k]) => k);
      if (!expected.open) {
        const extra = keys.filter((k) => !named.includes(k));
        if (extra.length) return `${path}: has more keys than the comment (${extra.join(', ')})`;
      }
      for (const [k, v] of expected.props) {
        if (!keys.includes(k)) return `${path}: has no ${k}`;
        const m = mismatch((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
        if (m) return m;
      }
      return undefined;
    }
  }
}

function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  const s = JSON.stringify(v);
  return s && s.length > 300 ? `${s.slice(0, 300)}…` : String(s);
}

type Check =
  | { id: number; line: number; comment: string; kind: 'value'; expected: Expected }
  | { id: number; line: number; comment: string; kind: 'throws'; name: string; expected: Expected | undefined };

const LOOKS_LITERAL = /^(['"`[{\d-]|true\b|false\b|null\b|undefined\b)/;

/**
 * The example rewritten to run as the body of an async function: every checked expression wrapped in a call of
 * `__doc`, the package imports read from `__mods`. Returns the TypeScript and its checks, and the prose comments.
 */
function instrument(code: string): { source: string; checks: Check[]; prose: string[] } {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true);
  const lines = code.split('\n');
  const edits: { start: number; end: number; text: string }[] = [];
  const checks: Check[] = [];
  const prose: string[] = [];
  const commentAfter = (node: ts.Node): string | undefined => {
    const { line } = sf.getLineAndCharacterOfPosition(node.end);
    const rest = (lines[line] ?? '').slice(sf.getLineAndCharacterOfPosition(node.end).character);
    const same = /^\s*\/\/(.*)$/.exec(rest);
    if (same) return same[1]?.trim();
    if (rest.trim()) return undefined;
    const parts: string[] = [];
    for (let l = line + 1; l < lines.length; l++) {
      const m = /^\s*\/\/(.*)$/.exec(lines[l] ?? '');
      if (!m) break;
      parts.push((m[1] ?? '').trim());
    }
    return parts.length ? parts.join(' ') : undefined;
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const spec = (node.moduleSpecifier as ts.StringLiteral).text;
      const clause = node.importClause;
      const named = clause && !clause.isTypeOnly ? clause.namedBindings : undefined;
      const names =
        named && ts.isNamedImports(named)
          ? named.elements
              .filter((e) => !e.isTypeOnly)
              .map((e) => (e.propertyName ? `${e.propertyName.text}: ${e.name.text}` : e.name.text))
          : [];
      const text = names.length ? `const { ${names.join(', ')} } = __mods[${JSON.stringify(spec)}];` : '';
      edits.push({ start: node.getStart(sf), end: node.end, text });
      return;
    }
    if (ts.isExpressionStatement(node)) {
      const comment = commentAfter(node);
      if (comment !== undefined) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        const id = checks.length;
        let expr = node.expression;
        const thrown = /^throws\s+(\w+)\s*(?::\s*(.*))?$/.exec(comment);
        if (thrown) {
          const literal = thrown[2] === undefined ? undefined : parseLiteral(thrown[2]);
          if (thrown[2] !== undefined && !literal)
            throw new Error(`line ${line}: not a literal after throws: ${comment}`);
          checks.push({ id, line, comment, kind: 'throws', name: thrown[1] as string, expected: literal });
          edits.push({
            start: expr.getStart(sf),
            end: expr.end,
            text: `__doc.throws(${id}, () => (${expr.getText(sf)}))`,
          });
          return;
        }
        if (!LOOKS_LITERAL.test(comment)) {
          prose.push(comment);
        } else {
          const expected = parseLiteral(comment);
          if (!expected) throw new Error(`line ${line}: the value comment is not a literal: ${comment}`);
          checks.push({ id, line, comment, kind: 'value', expected });
          // console.log(x); // v  checks x.
          if (
            ts.isCallExpression(expr) &&
            expr.expression.getText(sf) === 'console.log' &&
            expr.arguments.length === 1 &&
            expr.arguments[0]
          )
            expr = expr.arguments[0];
          edits.push({
            start: node.expression.getStart(sf),
            end: node.expression.end,
            text: `__doc.value(${id}, (${expr.getText(sf)}))`,
          });
          return;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let source = code;
  for (const e of edits.sort((a, b) => b.start - a.start))
    source = source.slice(0, e.start) + e.text + source.slice(e.end);
  return { source, checks, prose };
}

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;

/** Runs one example; returns what went wrong (empty when every check held). */
async function run(example: Example): Promise<{ failures: string[]; checked: number; prose: string[] }> {
  const { source, checks, prose } = instrument(example.code);
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const failures: string[] = [];
  const reached = new Set<number>();
  const byId = new Map(checks.map((c) => [c.id, c]));
  const doc = {
    value(id: number, actual: unknown) {
      reached.add(id);
      const c = byId.get(id);
      if (c?.kind !== 'value') throw new Error(`no value check ${id}`);
      const m = mismatch(actual, c.expected);
      if (m) failures.push(`line ${c.line} (// ${c.comment}): ${m}`);
      return actual;
    },
    throws(id: number, f: () => unknown) {
      reached.add(id);
      const c = byId.get(id);
      if (c?.kind !== 'throws') throw new Error(`no throws check ${id}`);
      try {
        const v = f();
        failures.push(`line ${c.line} (// ${c.comment}): did not throw, gave ${show(v)}`);
      } catch (e) {
        const err = e as { name?: unknown; issues?: unknown; problems?: unknown };
        if (err?.name !== c.name) failures.push(`line ${c.line} (// ${c.comment}): threw ${String(e)}`);
        else if (c.expected) {
          const m = mismatch(err.issues ?? err.problems, c.expected);
          if (m) failures.push(`line ${c.line} (// ${c.comment}): ${m}`);
        }
      }
    },
  };
  try {
    await new AsyncFunction('__doc', '__mods', js)(doc, MODULES);
  } catch (e) {
    failures.push(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  for (const c of checks) if (!reached.has(c.id)) failures.push(`line ${c.line} (// ${c.comment}): never ran`);
  return { failures, checked: checks.length, prose };
}

describe('the @example of every public export', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(50);
    const names = examples.flatMap((e) => e.names);
    expect(names).toEqual(expect.arrayContaining(['evaluate', 'questionSchemas', 'src/index.ts (module)']));
  });

  it('type-checks as a consumer writes it (strict, importing from the package)', () => {
    const errors = typeCheck();
    const wrong = examples.flatMap((e, i) => (errors.get(i) ?? []).map((m) => `${e.names.join(', ')}: ${m}`));
    expect(wrong).toEqual([]);
  });

  it('runs, and every value comment holds', async () => {
    const wrong: string[] = [];
    const prose: string[] = [];
    let checked = 0;
    for (const e of examples) {
      const r = await run(e);
      checked += r.checked;
      prose.push(...r.prose.map((p) => `${e.names.join(', ')}: ${p}`));
      wrong.push(...r.failures.map((f) => `${e.names.join(', ')}: ${f}`));
    }
    expect(wrong).toEqual([]);
    // The test cannot pass by checking nothing: most value comments are literals, and checked.
    expect(checked).toBeGreaterThanOrEqual(MIN_CHECKED);
    expect(prose.length, prose.join('\n')).toBeLessThanOrEqual(MAX_PROSE);
  });
});
