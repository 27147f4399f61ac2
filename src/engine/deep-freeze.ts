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
    // Own enumerable string keys, as Object.values reads them, without an array of the values (the bundled rules,
    // about 1,300 objects, are frozen at import: this walk took about two thirds of the time of one with Object.values).
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) deepFreeze((value as Record<string, unknown>)[keys[i] as string]);
  }
  return value;
}

/**
 * A deep-frozen copy of data: every array is copied as an array and every other object as a plain object (own
 * enumerable properties, each read once, an own `__proto__` member kept as a member), and frozen; any part already
 * deep-frozen is shared, not copied (the bundled rules cost a walk, no copy). An object of a class (a rule built by
 * a class of the caller's) is read as plain data too: the format checks take such an object as they take a plain
 * one, so kept as it is it would stay the caller's, changeable after the policy is made. A function is kept as it
 * is, for the checks to refuse. A cycle stays a cycle. Walked without recursion, so any depth is copied (the checks
 * that follow refuse what is too deep or a cycle, on the copy: each value the caller's objects give is read once,
 * and what is checked is what is used).
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
  if (value === null || typeof value !== 'object') return value;
  const copies = new Map<object, unknown>();
  /** What {@link isDeepFrozen} has found out, for the whole copy (so each object is walked about once). */
  const known = new Map<object, boolean>();
  /** The copies still being filled, each with the object it copies and the keys (or length) left to read. */
  const open: { from: object; to: unknown[] | Record<string, unknown>; keys: string[] | undefined; i: number }[] = [];
  /** The copy of `v` (made and queued for filling when new), or `v` itself when it is shared. */
  const copyOf = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const done = copies.get(v);
    if (done !== undefined) return done;
    if (isDeepFrozen(v, known)) {
      copies.set(v, v);
      return v;
    }
    const to = Array.isArray(v) ? [] : {};
    copies.set(v, to);
    open.push({ from: v, to, keys: Array.isArray(v) ? undefined : Object.keys(v), i: 0 });
    return to;
  };
  const root = copyOf(value);
  while (open.length > 0) {
    const top = open[open.length - 1] as (typeof open)[number];
    const { from, to, keys } = top;
    if (keys === undefined) {
      const a = from as unknown[];
      if (top.i < a.length) {
        (to as unknown[]).push(copyOf(a[top.i++]));
        continue;
      }
    } else if (top.i < keys.length) {
      const k = keys[top.i++] as string;
      const x = copyOf((from as Record<string, unknown>)[k]);
      // An own `__proto__` member (JSON.parse makes one) stays a member, for the checks to refuse by its name.
      if (k === '__proto__')
        Object.defineProperty(to, k, { value: x, enumerable: true, writable: true, configurable: true });
      else (to as Record<string, unknown>)[k] = x;
      continue;
    }
    open.pop();
    Object.freeze(to);
  }
  return root as T;
}

/**
 * Whether plain data (arrays and plain objects, nothing of a class) is frozen all the way down, every property a
 * value (a getter could give another value at each read, frozen or not). Walked without recursion. `known` keeps
 * what one walk finds out for the next: every object a walk that succeeds reaches is deep-frozen, and every object on
 * the path from the start to one that is not is not; so a chain of frozen objects ending in one that is not frozen
 * is walked once, not once from each of its objects (quadratic).
 */
function isDeepFrozen(root: object, known: Map<object, boolean>): boolean {
  const was = known.get(root);
  if (was !== undefined) return was;
  /** Each object reached, and the one it was reached from (a path back to `root`). */
  const from = new Map<object, object | undefined>([[root, undefined]]);
  const notDeepFrozen = (at: object): false => {
    for (let v: object | undefined = at; v !== undefined; v = from.get(v)) known.set(v, false);
    return false;
  };
  const todo: object[] = [root];
  while (todo.length > 0) {
    const v = todo.pop() as object;
    if (!Object.isFrozen(v)) return notDeepFrozen(v);
    const proto = Object.getPrototypeOf(v);
    if (Array.isArray(v) ? proto !== Array.prototype : proto !== Object.prototype && proto !== null)
      return notDeepFrozen(v);
    for (const k of Object.keys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (d === undefined || !('value' in d)) return notDeepFrozen(v);
      const x: unknown = d.value;
      if (x === null || typeof x !== 'object' || from.has(x)) continue;
      const xWas = known.get(x);
      if (xWas === true) continue;
      from.set(x, v);
      if (xWas === false) return notDeepFrozen(x);
      todo.push(x);
    }
  }
  for (const v of from.keys()) known.set(v, true);
  return true;
}
