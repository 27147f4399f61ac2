/**
 * Freezes plain data and everything in it (objects and arrays), and returns it.
 *
 * @example
 * const settings = deepFreeze({ adviceTeam: ['adviser'] });
 * Object.isFrozen(settings.adviceTeam); // true
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * A deep-frozen copy of data: every array is copied as an array and every other object as a plain object (own
 * enumerable properties, each read once, an own `__proto__` member kept as a member), and frozen; any part already
 * deep-frozen is shared, not copied (the bundled rules cost a walk, no copy). An object of a class (a rule built by
 * a class of the caller's) is read as plain data too: the format checks take such an object as they take a plain
 * one, so kept as it is it would stay the caller's, changeable after the policy is made. A function is kept as it
 * is, for the checks to refuse. A cycle stays a cycle.
 *
 * What a policy is compiled from is this copy: the caller's own objects are neither kept nor frozen, so changing
 * them afterwards changes nothing, and what decisions hand out of the rules (a `violations` entry, a trace's
 * condition `value`) cannot be changed by a caller to change later decisions.
 *
 * @example
 * const given = { rules: [{ value: ['a'] }] };
 * const copy = frozenCopy(given);
 * Object.isFrozen(copy.rules[0].value); // true
 * Object.isFrozen(given.rules[0].value); // false
 */
export function frozenCopy<T>(value: T): T {
  return copyOf(value, new Map()) as T;
}

/** Whether plain data (arrays and plain objects, nothing of a class) is frozen all the way down. */
function isDeepFrozen(v: object, seen: Set<object>): boolean {
  if (seen.has(v)) return true;
  seen.add(v);
  if (!Object.isFrozen(v)) return false;
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v) ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) return false;
  for (const x of Object.values(v)) if (x !== null && typeof x === 'object' && !isDeepFrozen(x, seen)) return false;
  return true;
}

function copyOf(v: unknown, copies: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  const done = copies.get(v);
  if (done !== undefined) return done;
  if (isDeepFrozen(v, new Set())) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    copies.set(v, out);
    for (let i = 0; i < v.length; i++) out.push(copyOf(v[i], copies));
    return Object.freeze(out);
  }
  const out: Record<string, unknown> = {};
  copies.set(v, out);
  for (const k of Object.keys(v)) {
    const x = copyOf((v as Record<string, unknown>)[k], copies);
    // An own `__proto__` member (JSON.parse makes one) stays a member, for the checks to refuse by its name.
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return Object.freeze(out);
}
