// Misnamed fields in a case export. An export carries fields the audit does not read (client names, emails,
// notes, ids of other systems…), and those are dropped. Dropping is safe for most of the fields the audit does
// read: without them it reaches the cautious answer (no consent to record shown: a finding; no completion date of a
// completed degree: `retention-not-checkable`, a finding; no purpose, consent or breach claim on a disclosure: fewer
// grounds to permit it; no disclosure date: only the message changes). The other fields of the case, its client and
// a disclosure are required, and those inside a disclosure or a breach (actor, steps…) refuse unknown names
// anyway. Four kinds of field are different: without them the audit finds less, so a misnamed one dropped would
// let a case pass that the policy forbids (fail open):
// - an objection to sharing with UPSU staff (`objectsToStaffSharing`, a disclosure's `clientObjectsToStaffSharing`):
//   absent means no objection;
// - the lists the audit re-asks about (`disclosures`, `breaches`): absent means nothing to audit;
// - the date the record was destroyed (`destroyedOn`): absent means still held, so a record destroyed while the
//   policy said keep it (`destroyed-early`) would pass.
// So an unknown field that looks like one of these is refused (the line is invalid), wherever it is.
//
// Names are compared after Unicode NFKC (a fullwidth `ｄｉｓｃｌｏｓｕｒｅｓ` is `disclosures`) and with the Latin
// look-alikes of other scripts read as Latin (a Cyrillic `с` in `disсlosures`); any other letter or digit outside
// ASCII stays in the name as a letter that matches none of ours (so one in a field name counts as one letter wrong),
// and everything else (punctuation, spaces, marks, invisible characters) is left out.

/** The objects of a case export that are checked. */
export type ExportLevel = 'case' | 'client' | 'disclosure' | 'breach';

/** Letters of other scripts that look like Latin ones (Cyrillic, Greek), read as those. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  т: 't',
  у: 'y',
  х: 'x',
  ԝ: 'w',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ɡ: 'g',
  ı: 'i',
};

/**
 * Field names compared without case, `_`, `-`, `.`, spaces or other punctuation, after NFKC and with look-alike
 * letters read as Latin; another letter or digit outside ASCII stays as `?` (it matches none of a field's letters).
 */
const normal = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, (c) => LOOK_ALIKES[c] ?? (/[\p{L}\p{N}]/u.test(c) ? '?' : ''));

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

/**
 * Word pieces that make a field name about objecting to, opting out of or sharing (`objectsToSharing`,
 * `optOutStaffSharing`, `client.objects_to_staff_share`, `objection`, `sharedWithStaff`…). `objectId` and the like
 * are not: `object` alone is not one of them.
 */
const OBJECTION_PIECES = ['objects', 'objection', 'objectto', 'optout', 'optedout', 'shar'];

/** The lists a case's audit re-asks about. */
const LISTS = ['disclosures', 'breaches'];

/** Words for getting rid of a record, in normal form (`disposal`, not `disposition`, a case's outcome). */
const DESTRUCTION_PIECES = [
  'destroy',
  'destruct',
  'delet',
  'erased',
  'erasure',
  'disposed',
  'disposal',
  'purged',
  'shred',
];

/**
 * Whether a name (normal form) stands for the date the record was destroyed: about destroying, deleting, erasing,
 * disposing of, purging or shredding it (`destroyed_on`, `DestroyedOn`, `destroyedAt`, `dateDestroyed`,
 * `destructionDate`, `destroyed`, `deletedOn`, `erasedOn`, `disposedOn`), or `destroyedOn` up to one letter wrong
 * (`destoryedOn`); not one that ends saying who did it or when it is due (`destroyedBy`, `destroyAfter`,
 * `destructionDue`, `deletionDueDate`), which exports carry beside it. A name that goes on after such an ending
 * (`destroyedOnDueToRequest`) is refused: it may well be the date.
 */
const isDestruction = (k: string) =>
  (DESTRUCTION_PIECES.some((p) => k.includes(p)) && !/(by|after|due(date|on)?|deadline)$/.test(k)) ||
  (k.length <= 64 && distance(k, 'destroyedon', 1) <= 1);

/**
 * The field of a case export that an unknown field `key`, found in a `level` object, looks like, when dropping it
 * could hide a finding; else `undefined`. `key` must not be a field of that object (the caller knows them).
 * - In the case, its client or a disclosure: a name about objecting or sharing (see OBJECTION_PIECES) stands for
 *   the objection (`objectsToStaffSharing`; in a disclosure, `clientObjectsToStaffSharing`), whatever object it is
 *   in (a flattened `client.objectsToStaffSharing` at the case's level too).
 * - In the case or its client: `disclosures` or `breaches` written another way — the same letters but for case and
 *   punctuation, up to two letters wrong, missing, extra or swapped, or singular (`Disclosure`, `breach`,
 *   `disclosrues`); and a name about destroying, deleting or erasing the record (`destroyed_on`, `destructionDate`,
 *   `deletedOn`; not `destroyedBy`, `destroyAfter`) stands for `destroyedOn`.
 * Names are compared after NFKC, with letters of other scripts that look like Latin ones read as those.
 *
 * @example
 * nearMiss('objectToStaffSharing', 'client'); // 'objectsToStaffSharing'
 * nearMiss('optOutStaffSharing', 'disclosure'); // 'clientObjectsToStaffSharing'
 * nearMiss('Disclosure', 'case'); // 'disclosures'
 * nearMiss('destroyed_on', 'case'); // 'destroyedOn'
 * nearMiss('email', 'client'); // undefined
 * nearMiss('_id', 'case'); // undefined
 * @see 2.2
 */
export function nearMiss(key: string, level: ExportLevel): string | undefined {
  if (level === 'breach') return undefined;
  const k = normal(key);
  if (!k) return undefined;
  if (OBJECTION_PIECES.some((p) => k.includes(p)))
    return level === 'disclosure' ? 'clientObjectsToStaffSharing' : 'objectsToStaffSharing';
  if (level === 'disclosure') return undefined;
  if (isDestruction(k)) return 'destroyedOn';
  if (k.length > 64) return undefined;
  for (const list of LISTS) if (distance(k, list, 2) <= 2) return list;
  return undefined;
}

/**
 * `nearMiss` for one kind of object, as a yes/no test remembered per key (an export repeats the same few field
 * names on every line). `known`: the object's own fields, never refused.
 *
 * @example
 * const misnamed = nearMissTest('client', ['degreeStatus', 'objectsToStaffSharing']);
 * misnamed('objectToStaffSharing'); // true
 * misnamed('email'); // false
 * @see 2.2
 */
export function nearMissTest(level: ExportLevel, known: readonly string[]): (key: string) => boolean {
  const own = new Set(known);
  const seen = new Map<string, boolean>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) {
      v = !own.has(key) && nearMiss(key, level) !== undefined;
      if (seen.size >= 1000) seen.clear();
      seen.set(key, v);
    }
    return v;
  };
}
