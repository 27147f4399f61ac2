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
