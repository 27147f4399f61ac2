import { questionChecks } from '../generated/question-checks.js';
import type { CheckDef } from './check-def.js';
import type { QuestionKind } from './constants.js';
import type { Question } from './question-types.js';

/**
 * A fast path for validation that keeps the zod schemas the single source of truth.
 *
 * {@link compileChecker} compiles a {@link CheckDef} — the plain description of a zod schema that
 * `describe-schema.ts` derives and `src/generated/question-checks.ts` holds for every question kind — into a
 * checker made of generated code: it accepts exactly the values the schema accepts and returns the same data
 * zod's `safeParse` would (a fresh copy: keys in shape order, absent optional keys left out, unknown keys of a
 * plain `z.object` dropped, of a `z.strictObject` rejected). On any failure it returns `null` and says nothing
 * more: the caller then runs zod itself for the error report, so error messages and issue paths come from one
 * place. Valid questions are thus decided without loading zod.
 *
 * Only own properties are read, as zod reads them on the slow path (it is given `ownData(input)`, own-data.ts): a
 * field inherited from a polluted Object.prototype is absent, and an object with any other prototype
 * (`Object.create(proto)`) is left to zod, which then answers from its own properties alone.
 *
 * Only the schema kinds this library's questions use are described (see {@link CheckDef}); a question kind
 * whose schema uses anything else has no description and is validated by zod alone.
 * `test/fast-validate.test.ts` checks, over generated valid and broken questions of every kind, that the fast
 * path and zod agree on what is valid and on the data; `test/generated-checks.test.ts` that the descriptions
 * match the schemas.
 */

/** Length as zod 4 measures a string: in Unicode code points. */
function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const lit = (v: unknown) => JSON.stringify(v);

/** Whether `key` is an own property of `o`: the only kind a question's fields are read from. */
const ownField = (o: object, key: PropertyKey): boolean => Object.hasOwn(o, key);

/**
 * {@link isCalendarDate} (the `isoDate` refinement) without a regular expression: `YYYY-MM-DD`, ASCII digits,
 * year 0001–9999, a real day of the month. test/fast-validate.test.ts checks the two agree.
 */
export function isCalendarDateFast(s: unknown): boolean {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48;
  const m2 = s.charCodeAt(6) - 48;
  const d1 = s.charCodeAt(8) - 48;
  const d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  if (m === 2) return d <= ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28);
  return d <= (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/**
 * Generates JavaScript source for a checker (zod 4 itself compiles its object parsers the same way). The
 * generated code is straight-line: one property read per field, literal comparisons, no closure per field,
 * so V8 sees one monomorphic function per question kind.
 */
class Generator {
  /** Constants the generated code reads (`k0`, `k1`, …): sets of enum values, the date test. */
  readonly consts: unknown[] = [];
  private n = 0;
  constructor(
    /** Copies for deciding: every optional key present (`undefined` when absent), so objects share one layout. */
    private readonly fixedLayout = false,
    private readonly schemaCache = new Map<unknown, string>(),
  ) {}

  fresh(prefix: string): string {
    return `${prefix}${this.n++}`;
  }
  constant(value: unknown): string {
    const existing = this.schemaCache.get(value);
    if (existing) return existing;
    const name = `k${this.consts.length}`;
    this.consts.push(value);
    this.schemaCache.set(value, name);
    return name;
  }

  /**
   * Code that checks the value in variable `v` (known not to be undefined unless the schema is optional) and
   * assigns the output to `out`, or returns FAIL.
   */
  value(d: CheckDef, v: string, out: string): string {
    switch (d.type) {
      case 'boolean':
        return `if (typeof ${v} !== "boolean") return FAIL; ${out} = ${v};`;
      case 'enum': {
        const test =
          d.values.length <= 4
            ? d.values.map((x) => `${v} !== ${lit(x)}`).join(' && ')
            : `!${this.constant(new Set(d.values))}.has(${v})`;
        return `if (${test}) return FAIL; ${out} = ${v};`;
      }
      case 'string': {
        const tests = [`typeof ${v} !== "string"`];
        for (const c of d.checks) {
          // A string of more than twice a limit in UTF-16 units has more code points than it (each takes one or
          // two units), and one of at least twice has at least as many: a 10 MB string is refused, and one far over a
          // minimum accepted, without counting its code points one by one.
          if (c.check === 'max-length')
            tests.push(`(${v}.length > ${c.value} && (${v}.length > ${2 * c.value} || CPL(${v}) > ${c.value}))`);
          else if (c.check === 'min-length')
            tests.push(`(${v}.length < ${c.value} || (${v}.length < ${2 * c.value} && CPL(${v}) < ${c.value}))`);
          else tests.push(`!DATE(${v})`);
        }
        return `if (${tests.join(' || ')}) return FAIL; ${out} = ${v};`;
      }
      case 'number': {
        const tests = [`typeof ${v} !== "number"`, `!Number.isFinite(${v})`];
        for (const c of d.checks) {
          if (c.check === 'safe-int') tests.push(`!Number.isSafeInteger(${v})`);
          else {
            const op = c.check === 'greater-than' ? (c.inclusive ? '<' : '<=') : c.inclusive ? '>' : '>=';
            tests.push(`${v} ${op} ${lit(c.value)}`);
          }
        }
        return `if (${tests.join(' || ')}) return FAIL; ${out} = ${v};`;
      }
      case 'optional':
        return `if (${v} === undefined) ${out} = undefined; else { ${this.value(d.inner, v, out)} }`;
      case 'nullable':
        return `if (${v} === null) ${out} = null; else { ${this.value(d.inner, v, out)} }`;
      case 'array': {
        const tests = [`!Array.isArray(${v})`, `Object.getPrototypeOf(${v}) !== Array.prototype`];
        if (d.maxLength !== undefined) tests.push(`${v}.length > ${d.maxLength}`);
        if (d.minLength !== undefined) tests.push(`${v}.length < ${d.minLength}`);
        const arr = this.fresh('a');
        const i = this.fresh('i');
        const el = this.fresh('e');
        const r = this.fresh('r');
        return `if (${tests.join(' || ')}) return FAIL;
const ${arr} = new Array(${v}.length);
for (let ${i} = 0; ${i} < ${v}.length; ${i}++) { let ${el} = ${v}[${i}]; if (${el} !== undefined && ${i} in Array.prototype && !OWN(${v}, ${i})) ${el} = undefined; let ${r}; ${this.value(d.element, el, r)} ${arr}[${i}] = ${r}; }
${out} = ${arr};`;
      }
      case 'object':
        return this.object(d, v, out);
      case 'union':
        return this.union(d, v, out);
      default:
        throw new Error(`unknown check description ${JSON.stringify((d as { type: unknown }).type)}`);
    }
  }

  object(d: Extract<CheckDef, { type: 'object' }>, v: string, out: string): string {
    const keys = Object.keys(d.shape);
    const o = this.fresh('o');
    const k = this.fresh('k');
    // Only own properties count (zod is given a copy of them on the slow path: see own-data.ts). An object whose
    // prototype is neither Object.prototype nor null (`Object.create(proto)`) goes to that slow path; on one that
    // is, a field can only be inherited from a polluted Object.prototype, which is tested for below by name (`key
    // in Object.prototype`: a getter there returns a new value at every read, so comparing values would miss it).
    // (V8 folds these tests for the plain objects questions are — the prototype is known from the object's map,
    // and Object.prototype's lack of the key from its own — when the code names `Object.getPrototypeOf` and
    // `Object.prototype` itself: passed in as parameters, they cost a call and a load per object, ~20 % of a
    // disclosure decision.)
    let code = `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return FAIL;
{ const p = Object.getPrototypeOf(${v}); if (p !== Object.prototype && p !== null) return FAIL; }\n`;
    // An inherited key is neither a field nor an unknown key.
    if (d.strict)
      code += `for (const ${k} in ${v}) switch (${k}) { ${keys.map((x) => `case ${lit(x)}:`).join(' ')} break; default: if (OWN(${v}, ${k})) return FAIL; }\n`;
    // Check every field first, into locals; then build the copy with one object literal for the leading
    // required keys (the object gets its final layout at once) and add the rest in shape order.
    const fields = keys.map((key) => {
      const s = d.shape[key] as CheckDef;
      return { key, s, inner: s.type === 'optional' ? s.inner : undefined, y: this.fresh('y'), h: this.fresh('h') };
    });
    for (const f of fields) {
      const x = this.fresh('x');
      // Inherited (from a polluted Object.prototype, a value or a getter), it is absent: read as `undefined`.
      code += `let ${x} = ${v}[${lit(f.key)}]; if (${x} !== undefined && ${lit(f.key)} in Object.prototype && !OWN(${v}, ${lit(f.key)})) ${x} = undefined; let ${f.y}; `;
      if (f.inner && this.fixedLayout)
        // Absent or `undefined`, the key is there with `undefined`.
        code += `if (${x} !== undefined) { ${this.value(f.inner, x, f.y)} }\n`;
      else if (f.inner)
        // zod: an absent optional key stays absent; one present with `undefined` is kept as `undefined`.
        code += `let ${f.h} = false; if (${x} !== undefined) { ${this.value(f.inner, x, f.y)} ${f.h} = true; } else if (OWN(${v}, ${lit(f.key)})) ${f.h} = true;\n`;
      else code += `if (${x} === undefined) return FAIL; ${this.value(f.s, x, f.y)}\n`;
    }
    if (this.fixedLayout) return `${code}${out} = { ${fields.map((f) => `${lit(f.key)}: ${f.y}`).join(', ')} };`;
    const lead = fields.findIndex((f) => f.inner);
    const prefix = lead < 0 ? fields : fields.slice(0, lead);
    code += `const ${o} = { ${prefix.map((f) => `${lit(f.key)}: ${f.y}`).join(', ')} };\n`;
    for (const f of fields.slice(prefix.length))
      code += f.inner ? `if (${f.h}) ${o}[${lit(f.key)}] = ${f.y};\n` : `${o}[${lit(f.key)}] = ${f.y};\n`;
    return `${code}${out} = ${o};`;
  }

  union(d: Extract<CheckDef, { type: 'union' }>, v: string, out: string): string {
    const cases = d.options.map((option) => {
      const tag = option.type === 'object' ? option.shape[d.key] : undefined;
      const values = tag?.type === 'enum' ? tag.values : [];
      return `${values.map((t) => `case ${lit(t)}:`).join(' ')} { ${this.value(option, v, out)} break; }`;
    });
    return `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return FAIL;
switch (!(${lit(d.key)} in Object.prototype) || OWN(${v}, ${lit(d.key)}) ? ${v}[${lit(d.key)}] : undefined) { ${cases.join('\n')} default: return FAIL; }`;
  }
}

let evalAllowed: boolean | undefined;

/**
 * Compiles a schema's {@link CheckDef} into a fast checker: `(value) => data | null`, `null` meaning "not
 * accepted here — ask zod". Returns `null` itself when there is no description (the schema uses a feature the
 * fast path does not mirror), or where code generation is not allowed (a Content Security Policy without
 * `unsafe-eval`): zod alone then validates.
 *
 * @example
 * const check = compileChecker(questionChecks.recording);
 * check?.({ question: 'recording', consentToRecord: true, relevant: true }); // a fresh copy
 * check?.({ question: 'recording', consentToRecord: 'yes', relevant: true }); // null: zod reports why
 */
export function compileChecker<T>(
  def: CheckDef | null,
  options: { fixedLayout?: boolean } = {},
): ((value: unknown) => T | null) | null {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = new Function('return true')() === true;
    } catch {
      evalAllowed = false;
    }
  }
  if (!evalAllowed || def === null) return null;
  const g = new Generator(options.fixedLayout === true);
  const body = g.value(def, 'input', 'result');
  const names = g.consts.map((_, i) => `k${i}`);
  const FAIL = Symbol('fail');
  const make = new Function(
    'FAIL',
    'OWN',
    'DATE',
    'CPL',
    ...names,
    `"use strict";\nreturn function check(input) {\nlet result;\n${body}\nreturn result;\n};`,
  ) as (...args: unknown[]) => (value: unknown) => T | symbol;
  const check = make(FAIL, ownField, isCalendarDateFast, codePointLength, ...g.consts);
  return (value) => {
    const r = check(value);
    return r === FAIL ? null : (r as T);
  };
}

let checkers: Partial<Record<QuestionKind, ((value: unknown) => Question | null) | null>> | undefined;

/**
 * The fast checker of a question kind (compiled on first use), or `null` when its schema has no description
 * (or code generation is not allowed) and zod alone validates it.
 */
export function fastChecker(kind: QuestionKind): ((value: unknown) => Question | null) | null {
  checkers ??= {};
  let c = checkers[kind];
  if (c === undefined) {
    c = compileChecker<Question>(questionChecks[kind]);
    checkers[kind] = c;
  }
  return c;
}

const deciders = new Map<string, ((value: unknown) => Question | null) | null>();

/**
 * Like {@link fastChecker}, but the copy is laid out for deciding rather than returned: every optional key is
 * present (`undefined` where absent), so all questions of a kind share one object layout and the rules' fact
 * functions read them at full speed. Accepts exactly what zod accepts; the values are zod's. Used by
 * `evaluate`, which never hands the copy out (`validateQuestion` returns zod's data as it is).
 */
export function fastDecisionChecker(kind: QuestionKind): ((value: unknown) => Question | null) | null {
  let c = deciders.get(kind);
  if (c === undefined) {
    c = compileChecker<Question>(questionChecks[kind], { fixedLayout: true });
    deciders.set(kind, c);
  }
  return c;
}
