/**
 * What zod is given on the slow path (an invalid question's error report, a case the fast check does not accept):
 * a copy of the input's own properties only (each as enumerable as it was), as plain data in objects without a
 * prototype. zod reads
 * a field with `input[key]` and looks for unknown keys with `for…in`, both of which see inherited properties (a
 * polluted `Object.prototype`, an `Object.create(proto)` input); on this copy they see only what was given, as
 * the fast checkers do (`fast-validate.ts`, `precheck.ts`). So an inherited field is never read as given: it
 * can neither make an invalid question valid nor change a decision.
 *
 * Made only off the fast path, never for a valid question. Bounded like the checks it feeds: a value shared or
 * met again (a cycle) is copied once; below {@link MAX_DEPTH} nothing is copied (no schema is that deep, so zod
 * never reads there); an array longer than {@link MAX_ELEMENTS} keeps its length but not its elements (every
 * schema's maximum is at most that, so zod reports it `too-big` without reading an element); a hole is
 * `undefined`. A key `__proto__` stays an own key (the copy has no prototype to set).
 */

/** Deeper than any schema of this library (a case export's breach authorisation is at depth 5). */
const MAX_DEPTH = 64;
/** At least every array maximum of the schemas (the most: a case export's 10,000 disclosures). */
const MAX_ELEMENTS = 10_000;

const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * A copy of `value` holding only its own properties, all the way down (see the module comment).
 *
 * @example
 * const q = Object.create({ relevant: true });
 * q.question = 'recording';
 * ownData(q); // { question: 'recording' } (no prototype: `relevant` is not there)
 */
export function ownData(value: unknown): unknown {
  const seen = new Map<object, unknown>();
  const copy = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const done = seen.get(v);
    if (done !== undefined || seen.has(v)) return done;
    if (depth >= MAX_DEPTH) return undefined;
    if (Array.isArray(v)) {
      const out: unknown[] = new Array(v.length);
      seen.set(v, out);
      if (v.length <= MAX_ELEMENTS)
        for (let i = 0; i < v.length; i++) out[i] = Object.hasOwn(v, i) ? copy(v[i], depth + 1) : undefined;
      return out;
    }
    const out: Record<string, unknown> = Object.create(null);
    seen.set(v, out);
    for (const key of Object.getOwnPropertyNames(v)) {
      const x = copy((v as Record<string, unknown>)[key], depth + 1);
      if (isEnumerable.call(v, key)) out[key] = x;
      // Read as a field, as the fast checker reads it, but not listed by `for…in` (not an unknown key either).
      else Object.defineProperty(out, key, { value: x, enumerable: false, writable: true, configurable: true });
    }
    return out;
  };
  return copy(value, 0);
}
