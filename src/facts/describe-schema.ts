import { z } from 'zod';
import { isCalendarDate } from '../derive/dates.js';
import type { CheckDef, NumberCheck, StringCheck } from './check-def.js';

/**
 * Turns a zod 4 schema into the plain {@link CheckDef} the fast validation path compiles, reading the schema's
 * definition (`schema._zod.def`). Returns `null` for a schema with anything the fast path does not mirror
 * exactly (a transform, a default, a refinement other than `isoDate`, a catchall, coercion…): zod alone then
 * validates that question kind.
 *
 * Used at development time only (test/generated-checks.test.ts writes and checks
 * `src/generated/question-checks.ts`); the library itself never loads it.
 *
 * @example
 * describeSchema(z.strictObject({ a: z.boolean() }));
 * // { type: 'object', strict: true, shape: { a: { type: 'boolean' } } }
 */
export function describeSchema(schema: z.core.$ZodType): CheckDef | null {
  try {
    return describe(schema);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

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

function noChecks(def: AnyDef): void {
  if (def.checks?.length) throw new Unsupported(`${def.type} checks`);
}

function describe(schema: z.core.$ZodType): CheckDef {
  const def = defOf(schema);
  if (def.coerce) throw new Unsupported('coerce');
  switch (def.type) {
    case 'boolean':
      noChecks(def);
      return { type: 'boolean' };
    case 'enum':
    case 'literal': {
      noChecks(def);
      const values = def.type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? []);
      if (values.length === 0 || values.some((x) => typeof x !== 'string')) throw new Unsupported('enum values');
      return { type: 'enum', values: values as string[] };
    }
    case 'string': {
      const checks: StringCheck[] = [];
      for (const c of def.checks ?? []) {
        const cd = c._zod.def;
        if (cd.check === 'max_length') checks.push({ check: 'max-length', value: Number(cd.maximum) });
        else if (cd.check === 'min_length') checks.push({ check: 'min-length', value: Number(cd.minimum) });
        else if (cd.check === 'custom') {
          // Only the calendar-date refinement of src/facts/common.ts (`isoDate`) is known to be a pure test.
          const meta = z.globalRegistry.get(schema) as { format?: string } | undefined;
          if (cd.fn !== isCalendarDate || meta?.format !== 'date') throw new Unsupported('refinement');
          checks.push({ check: 'date' });
        } else throw new Unsupported(`string check ${String(cd.check)}`);
      }
      return { type: 'string', checks };
    }
    case 'number': {
      const checks: NumberCheck[] = [];
      for (const c of def.checks ?? []) {
        const cd = c._zod.def;
        if (cd.check === 'number_format' && cd.format === 'safeint') checks.push({ check: 'safe-int' });
        else if ((cd.check === 'greater_than' || cd.check === 'less_than') && typeof cd.value === 'number')
          checks.push({
            check: cd.check === 'greater_than' ? 'greater-than' : 'less-than',
            value: cd.value,
            inclusive: cd.inclusive === true,
          });
        else throw new Unsupported(`number check ${String(cd.check)}`);
      }
      return { type: 'number', checks };
    }
    case 'optional':
    case 'nullable':
      noChecks(def);
      return { type: def.type, inner: describe(def.innerType as z.core.$ZodType) };
    case 'array': {
      let minLength: number | undefined;
      let maxLength: number | undefined;
      for (const c of def.checks ?? []) {
        const cd = c._zod.def;
        if (cd.check === 'max_length') maxLength = Math.min(maxLength ?? Infinity, Number(cd.maximum));
        else if (cd.check === 'min_length') minLength = Math.max(minLength ?? 0, Number(cd.minimum));
        else throw new Unsupported(`array check ${String(cd.check)}`);
      }
      return {
        type: 'array',
        ...(minLength !== undefined ? { minLength } : {}),
        ...(maxLength !== undefined ? { maxLength } : {}),
        element: describe(def.element as z.core.$ZodType),
      };
    }
    case 'object': {
      noChecks(def);
      const shape = def.shape ?? {};
      if (Object.getOwnPropertySymbols(shape).length) throw new Unsupported('symbol keys');
      let strict: boolean;
      if (def.catchall === undefined) strict = false;
      else if (defOf(def.catchall).type === 'never') strict = true;
      else throw new Unsupported('catchall');
      const keys = Object.keys(shape);
      if (keys.includes('__proto__')) throw new Unsupported('__proto__ key');
      const out: Record<string, CheckDef> = {};
      for (const k of keys) out[k] = describe(shape[k] as z.core.$ZodType);
      return { type: 'object', strict, shape: out };
    }
    case 'union': {
      const key = def.discriminator;
      if (key === undefined || def.unionFallback) throw new Unsupported('union');
      noChecks(def);
      const seen = new Set<string>();
      const options = (def.options ?? []).map((option) => {
        const d = describe(option);
        const tag = d.type === 'object' ? d.shape[key] : undefined;
        if (tag?.type !== 'enum') throw new Unsupported('discriminator is not a literal');
        for (const t of tag.values) {
          if (seen.has(t)) throw new Unsupported('discriminator value');
          seen.add(t);
        }
        return d;
      });
      return { type: 'union', key, options };
    }
    default:
      throw new Unsupported(def.type);
  }
}
