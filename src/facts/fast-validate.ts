import { z } from 'zod';
import { isCalendarDate } from '../derive/dates.js';
import { type Question, type QuestionKind, questionSchemas } from './questions.js';

/**
 * A fast path for validation that keeps the zod schemas the single source of truth.
 *
 * {@link compileChecker} walks a zod 4 schema's definition (`schema._zod.def`) once and builds a checker made of
 * plain closures: it accepts exactly the values the schema accepts and returns the same data zod's `safeParse`
 * would (a fresh copy: keys in shape order, absent optional keys left out, unknown keys of a plain `z.object`
 * dropped, of a `z.strictObject` rejected). On any failure it returns `null` and says nothing more: the caller
 * then runs zod itself for the error report, so error messages and issue paths come from one place.
 *
 * Only the schema kinds this library's questions use are compiled (object / strictObject, enum, literal,
 * boolean, string with `max`/`min` length and the `isoDate` refinement marked `.meta({ format: 'date' })`,
 * number with `int`/`min`/`max`, array with `max`/`min`, optional, nullable, discriminatedUnion). A schema with
 * anything else (a transform, a default, another refinement…) is not compiled: `compileChecker` returns `null`
 * and that question kind is validated by zod alone. `test/fast-validate.test.ts` checks, over generated valid
 * and broken questions of every kind, that the fast path and zod agree on what is valid and on the data.
 */

/** A schema feature the fast path does not compile. */
class Unsupported extends Error {}

interface AnyDef {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  shape?: Record<string, z.core.$ZodType>;
  catchall?: z.core.$ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
  innerType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  discriminator?: string;
  unionFallback?: boolean;
  coerce?: boolean;
}

const defOf = (s: z.core.$ZodType): AnyDef => (s as unknown as { _zod: { def: AnyDef } })._zod.def;

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
  value(schema: z.core.$ZodType, v: string, out: string): string {
    const def = defOf(schema);
    if (def.coerce) throw new Unsupported('coerce');
    switch (def.type) {
      case 'boolean':
        if (def.checks?.length) throw new Unsupported('boolean checks');
        return `if (typeof ${v} !== "boolean") return FAIL; ${out} = ${v};`;
      case 'enum':
      case 'literal': {
        if (def.checks?.length) throw new Unsupported(`${def.type} checks`);
        const values = def.type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? []);
        if (values.length === 0 || values.some((x) => typeof x !== 'string')) throw new Unsupported('enum values');
        const test =
          values.length <= 4
            ? values.map((x) => `${v} !== ${lit(x)}`).join(' && ')
            : `!${this.constant(new Set(values))}.has(${v})`;
        return `if (${test}) return FAIL; ${out} = ${v};`;
      }
      case 'string': {
        const tests = [`typeof ${v} !== "string"`];
        for (const c of def.checks ?? []) {
          const cd = c._zod.def;
          if (cd.check === 'max_length')
            tests.push(`(${v}.length > ${Number(cd.maximum)} && CPL(${v}) > ${Number(cd.maximum)})`);
          else if (cd.check === 'min_length')
            tests.push(`(${v}.length < ${Number(cd.minimum)} || CPL(${v}) < ${Number(cd.minimum)})`);
          else if (cd.check === 'custom') {
            // Only the calendar-date refinement of src/facts/common.ts (`isoDate`) is known to be a pure test.
            const meta = z.globalRegistry.get(schema) as { format?: string } | undefined;
            if (cd.fn !== isCalendarDate || meta?.format !== 'date') throw new Unsupported('refinement');
            tests.push(`!DATE(${v})`);
          } else throw new Unsupported(`string check ${String(cd.check)}`);
        }
        return `if (${tests.join(' || ')}) return FAIL; ${out} = ${v};`;
      }
      case 'number': {
        const tests = [`typeof ${v} !== "number"`, `!Number.isFinite(${v})`];
        for (const c of def.checks ?? []) {
          const cd = c._zod.def;
          if (cd.check === 'number_format' && cd.format === 'safeint') tests.push(`!Number.isSafeInteger(${v})`);
          else if ((cd.check === 'greater_than' || cd.check === 'less_than') && typeof cd.value === 'number') {
            const op = cd.check === 'greater_than' ? (cd.inclusive ? '<' : '<=') : cd.inclusive ? '>' : '>=';
            tests.push(`${v} ${op} ${lit(cd.value)}`);
          } else throw new Unsupported(`number check ${String(cd.check)}`);
        }
        return `if (${tests.join(' || ')}) return FAIL; ${out} = ${v};`;
      }
      case 'optional':
        if (def.checks?.length) throw new Unsupported('optional checks');
        return `if (${v} === undefined) ${out} = undefined; else { ${this.value(def.innerType as z.core.$ZodType, v, out)} }`;
      case 'nullable':
        if (def.checks?.length) throw new Unsupported('nullable checks');
        return `if (${v} === null) ${out} = null; else { ${this.value(def.innerType as z.core.$ZodType, v, out)} }`;
      case 'array': {
        const tests = [`!Array.isArray(${v})`];
        for (const c of def.checks ?? []) {
          const cd = c._zod.def;
          if (cd.check === 'max_length') tests.push(`${v}.length > ${Number(cd.maximum)}`);
          else if (cd.check === 'min_length') tests.push(`${v}.length < ${Number(cd.minimum)}`);
          else throw new Unsupported(`array check ${String(cd.check)}`);
        }
        const arr = this.fresh('a');
        const i = this.fresh('i');
        const el = this.fresh('e');
        const r = this.fresh('r');
        return `if (${tests.join(' || ')}) return FAIL;
const ${arr} = new Array(${v}.length);
for (let ${i} = 0; ${i} < ${v}.length; ${i}++) { const ${el} = ${v}[${i}]; let ${r}; ${this.value(def.element as z.core.$ZodType, el, r)} ${arr}[${i}] = ${r}; }
${out} = ${arr};`;
      }
      case 'object':
        return this.object(def, v, out);
      case 'union':
        return this.union(def, v, out);
      default:
        throw new Unsupported(def.type);
    }
  }

  object(def: AnyDef, v: string, out: string): string {
    if (def.checks?.length) throw new Unsupported('object checks');
    const shape = def.shape ?? {};
    if (Object.getOwnPropertySymbols(shape).length) throw new Unsupported('symbol keys');
    let strict: boolean;
    if (def.catchall === undefined) strict = false;
    else if (defOf(def.catchall).type === 'never') strict = true;
    else throw new Unsupported('catchall');
    const keys = Object.keys(shape);
    if (keys.includes('__proto__')) throw new Unsupported('__proto__ key');
    const o = this.fresh('o');
    const k = this.fresh('k');
    let code = `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return FAIL;\n`;
    // zod reports every enumerable key `for…in` yields that the shape lacks (own or inherited).
    if (strict)
      code += `for (const ${k} in ${v}) switch (${k}) { ${keys.map((x) => `case ${lit(x)}:`).join(' ')} break; default: return FAIL; }\n`;
    // Check every field first, into locals; then build the copy with one object literal for the leading
    // required keys (the object gets its final layout at once) and add the rest in shape order.
    const fields = keys.map((key) => {
      const s = shape[key] as z.core.$ZodType;
      return { key, s, optional: defOf(s).type === 'optional', y: this.fresh('y'), h: this.fresh('h') };
    });
    for (const f of fields) {
      const x = this.fresh('x');
      code += `const ${x} = ${v}[${lit(f.key)}]; let ${f.y}; `;
      if (f.optional && this.fixedLayout)
        // Absent or `undefined`, the key is there with `undefined`.
        code += `if (${x} !== undefined) { ${this.value(defOf(f.s).innerType as z.core.$ZodType, x, f.y)} }\n`;
      else if (f.optional)
        // zod: an absent optional key stays absent; one present with `undefined` is kept as `undefined`.
        code += `let ${f.h} = false; if (${x} !== undefined) { ${this.value(defOf(f.s).innerType as z.core.$ZodType, x, f.y)} ${f.h} = true; } else if (${lit(f.key)} in ${v}) ${f.h} = true;\n`;
      else code += `if (${x} === undefined) return FAIL; ${this.value(f.s, x, f.y)}\n`;
    }
    if (this.fixedLayout) return `${code}${out} = { ${fields.map((f) => `${lit(f.key)}: ${f.y}`).join(', ')} };`;
    const lead = fields.findIndex((f) => f.optional);
    const prefix = lead < 0 ? fields : fields.slice(0, lead);
    code += `const ${o} = { ${prefix.map((f) => `${lit(f.key)}: ${f.y}`).join(', ')} };\n`;
    for (const f of fields.slice(prefix.length))
      code += f.optional ? `if (${f.h}) ${o}[${lit(f.key)}] = ${f.y};\n` : `${o}[${lit(f.key)}] = ${f.y};\n`;
    return `${code}${out} = ${o};`;
  }

  union(def: AnyDef, v: string, out: string): string {
    const key = def.discriminator;
    if (key === undefined || def.unionFallback || def.checks?.length) throw new Unsupported('union');
    const cases: string[] = [];
    const seen = new Set<unknown>();
    for (const option of def.options ?? []) {
      const od = defOf(option);
      const tag = od.type === 'object' ? od.shape?.[key] : undefined;
      const td = tag ? defOf(tag) : undefined;
      if (td?.type !== 'literal' || !td.values?.length) throw new Unsupported('discriminator is not a literal');
      for (const t of td.values) {
        if (typeof t !== 'string' || seen.has(t)) throw new Unsupported('discriminator value');
        seen.add(t);
      }
      cases.push(`${td.values.map((t) => `case ${lit(t)}:`).join(' ')} { ${this.value(option, v, out)} break; }`);
    }
    return `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return FAIL;
switch (${v}[${lit(key)}]) { ${cases.join('\n')} default: return FAIL; }`;
  }
}

let evalAllowed: boolean | undefined;

/**
 * Compiles a zod schema into a fast checker: `(value) => data | null`, `null` meaning "not accepted here — ask
 * zod". Returns `null` itself when the schema uses a feature the fast path does not compile, or where code
 * generation is not allowed (a Content Security Policy without `unsafe-eval`): zod alone then validates.
 *
 * @example
 * const check = compileChecker(questionSchemas.recording);
 * check?.({ question: 'recording', consentToRecord: true, relevant: true }); // a fresh copy
 * check?.({ question: 'recording', consentToRecord: 'yes', relevant: true }); // null: zod reports why
 */
export function compileChecker<T>(
  schema: z.ZodType<T>,
  options: { fixedLayout?: boolean } = {},
): ((value: unknown) => T | null) | null {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = new Function('return true')() === true;
    } catch {
      evalAllowed = false;
    }
  }
  if (!evalAllowed) return null;
  const g = new Generator(options.fixedLayout === true);
  let body: string;
  try {
    body = g.value(schema as unknown as z.core.$ZodType, 'input', 'result');
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  const names = g.consts.map((_, i) => `k${i}`);
  const FAIL = Symbol('fail');
  const make = new Function(
    'FAIL',
    'DATE',
    'CPL',
    ...names,
    `"use strict";\nreturn function check(input) {\nlet result;\n${body}\nreturn result;\n};`,
  ) as (...args: unknown[]) => (value: unknown) => T | symbol;
  const check = make(FAIL, isCalendarDateFast, codePointLength, ...g.consts);
  return (value) => {
    const r = check(value);
    return r === FAIL ? null : (r as T);
  };
}

let checkers: Partial<Record<QuestionKind, ((value: unknown) => Question | null) | null>> | undefined;

/**
 * The fast checker of a question kind (compiled on first use), or `null` when its schema is not compiled and
 * zod alone validates it.
 */
export function fastChecker(kind: QuestionKind): ((value: unknown) => Question | null) | null {
  checkers ??= {};
  let c = checkers[kind];
  if (c === undefined) {
    c = compileChecker(questionSchemas[kind] as unknown as z.ZodType<Question>);
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
    c = compileChecker(questionSchemas[kind] as unknown as z.ZodType<Question>, { fixedLayout: true });
    deciders.set(kind, c);
  }
  return c;
}
