/**
 * What the fast validation path compiles: a plain-data description of a zod schema, limited to the schema kinds
 * this library's questions use. `describe-schema.ts` derives it from the zod schemas (the source of truth) and
 * `src/generated/question-checks.ts` holds it for every question kind, so that deciding a valid question
 * needs no zod at all (test/generated-checks.test.ts fails when that file no longer matches the schemas).
 */
export type CheckDef =
  | { readonly type: 'boolean' }
  /** `z.enum` or `z.literal` of strings. */
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'string'; readonly checks: readonly StringCheck[] }
  | { readonly type: 'number'; readonly checks: readonly NumberCheck[] }
  | { readonly type: 'optional' | 'nullable'; readonly inner: CheckDef }
  | {
      readonly type: 'array';
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly element: CheckDef;
    }
  /** `z.object` (unknown keys dropped) or `z.strictObject` (`strict`: unknown keys refused); keys in order. */
  | { readonly type: 'object'; readonly strict: boolean; readonly shape: Readonly<Record<string, CheckDef>> }
  /** `z.discriminatedUnion(key, options)`: every option an object whose `key` is an enum of strings. */
  | { readonly type: 'union'; readonly key: string; readonly options: readonly CheckDef[] };

/** Lengths in Unicode code points, as zod measures them; `date`: the calendar-date refinement (`isoDate`). */
export type StringCheck =
  | { readonly check: 'max-length'; readonly value: number }
  | { readonly check: 'min-length'; readonly value: number }
  | { readonly check: 'date' };

/** `>= value` when inclusive, `> value` otherwise; `less-than` likewise; `safe-int`: `z.int()`. */
export type NumberCheck =
  | { readonly check: 'greater-than' | 'less-than'; readonly value: number; readonly inclusive: boolean }
  | { readonly check: 'safe-int' };
