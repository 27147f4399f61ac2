// Misspelt field names in a case export. An export carries fields the audit does not read (client names,
// emails, notes…), and those are dropped. But a field that looks like a misspelling of one it does read must
// not be dropped: `objectToStaffSharing: true` dropped is an objection lost, and the audit would pass
// disclosures the policy forbids. Such a line is refused instead (fail closed).

/** Field names compared without case, `_`, `-`, spaces or other punctuation. */
const normal = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours), or `max + 1` once it is over `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** Keys longer than this are not compared (no field name is near that long). */
const LONGEST = 64;

/**
 * The field of `known` that `key` looks like a misspelling of, or `undefined`. `key` is compared without case
 * and punctuation (`Objects_To_Staff_Sharing` is `objectsToStaffSharing`), then by edit distance: none allowed
 * for names of up to 4 letters (`on`, `id`), one for up to 9, two for longer ones; a key of 8 letters or
 * more that a name of 10 or more contains, or that contains it (`objectsToStaffSharing` where a disclosure has
 * `clientObjectsToStaffSharing`); and a singular or plural (`breach` for `breaches`). A key that is exactly one of
 * `known` is not a misspelling.
 *
 * @example
 * nearMiss('objectToStaffSharing', ['degreeStatus', 'objectsToStaffSharing']); // 'objectsToStaffSharing'
 * nearMiss('email', ['degreeStatus', 'objectsToStaffSharing']); // undefined
 * @see 2.2
 */
export function nearMiss(key: string, known: readonly string[]): string | undefined {
  if (key.length > LONGEST || known.includes(key)) return undefined;
  const k = normal(key);
  if (!k) return undefined;
  for (const name of known) {
    const n = normal(name);
    const max = n.length <= 4 ? 0 : n.length <= 9 ? 1 : 2;
    if (distance(k, n, max) <= max) return name;
    if (n.length >= 10 && k.length >= 8 && (n.includes(k) || k.includes(n))) return name;
    if (n === `${k}s` || n === `${k}es` || k === `${n}s`) return name;
  }
  return undefined;
}

/**
 * `nearMiss` against a fixed list, as a yes/no test remembered per key (an export repeats the same few field
 * names on every line).
 *
 * @example
 * const misspelt = nearMissTest(['degreeStatus', 'objectsToStaffSharing']);
 * misspelt('objectToStaffSharing'); // true
 * misspelt('email'); // false
 * @see 2.2
 */
export function nearMissTest(known: readonly string[]): (key: string) => boolean {
  const seen = new Map<string, boolean>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) {
      v = nearMiss(key, known) !== undefined;
      if (seen.size >= 1000) seen.clear();
      seen.set(key, v);
    }
    return v;
  };
}
