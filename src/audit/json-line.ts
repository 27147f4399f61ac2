// A JSON parser for the audit's lines, for speed only. Where it returns a value, that value is what `JSON.parse`
// gives for the same text, less the members a projection says to leave out (test/json-line.test.ts checks
// this on arbitrary JSON, on mutated lines and on whole exports). Anything it does not handle itself (deep
// nesting, a `__proto__` member it would keep, any syntax error, a key written twice in one object among the
// members it keeps) returns NOT_PARSED, and the caller uses strict-json.ts's `parseInputJson` (`JSON.parse`'s
// value, or the keys written twice), which stays the definition.
//
// A key twice in one object: `JSON.parse` keeps the last value, so `"objectsToStaffSharing": true, … : false`
// would read as no objection. Among the members the parser builds, a repeat is found by stamping each known name's
// slot with the number of the object being parsed (one array per nesting depth: no allocation per object), and
// for a name that is not a known string (kept only where no projection applies) by looking in the object. A
// repeat inside a member the projection leaves out (a client's name, a case's notes) is not looked for: the audit
// never reads either value, and `keeps` tells the caller's fallback to ignore it too, so both paths agree.
//
// Why not `JSON.parse`: V8's parser internalizes every string value of 10 characters or fewer, as it does
// property names. A case export is full of unique short values (case ids, student ids), so V8's string table
// grows by millions of entries between full collections, and each lookup in it misses the caches: on this
// project's generated export, lines whose ids were lengthened to 11+ characters parsed 3× faster. Here strings
// are sliced from the line; the property names and enum values the schema knows come from a table of constant
// strings instead (no allocation, and equal by identity). Members the schema drops (a case's `notes`, the
// client's name and email) are checked as JSON and skipped, never built.

/** What {@link parseJsonLine} returns for text it leaves to `JSON.parse`. */
export const NOT_PARSED: unique symbol = Symbol('not parsed');

/**
 * Which members of an object to build: those named in `keep` (the others are checked as JSON, then left out),
 * with a projection of their own for some of them (applied when that member's value is an object, or to each
 * object of it when it is an array).
 */
export interface Projection {
  readonly keep: ReadonlySet<string>;
  readonly members?: Readonly<Record<string, Projection>>;
  /**
   * Names of members to leave out that the parser must not leave out quietly (in the audit, a misnamed objection, list or destruction date: facts/near-miss.ts): a
   * member so named makes it give up (NOT_PARSED), so that the caller validates `JSON.parse`'s whole value.
   */
  readonly refuse?: (name: string) => boolean;
}

/** Objects and arrays nested deeper than this are left to `JSON.parse`. */
const MAX_DEPTH = 64;

const TABLE_BITS = 10;
const MASK = (1 << TABLE_BITS) - 1;
/**
 * Known strings by hash, open addressing (linear probing); at most 1/4 full. A string's slot here is its number
 * (projections and repeat stamps are indexed by it); a scanned string is matched by the trie below, a decoded one
 * (with escapes) by hash.
 */
const known: (string | undefined)[] = new Array<string | undefined>(1 << TABLE_BITS).fill(undefined);
let knownCount = 0;
/** The number of the known string `string()` last returned (its slot in `known`), or -1. */
let lastKnown = -1;

function hashOf(s: string): number {
  let h = 0;
  for (let j = 0; j < s.length; j++) h = (Math.imul(h, 31) + s.charCodeAt(j)) | 0;
  return h;
}

/**
 * Adds strings the parser returns as these very string objects when a line holds them (property names and
 * enum values; other strings are sliced from the line). Only speed depends on the list.
 *
 * @example
 * addKnownStrings(['id', 'client', 'studying']);
 */
export function addKnownStrings(list: Iterable<string>): void {
  let added = false;
  for (const s of list) {
    if (knownCount >= (MASK + 1) / 4) break;
    if (slotOf(s) >= 0) continue;
    let slot = hashOf(s) & MASK;
    while (known[slot] !== undefined) slot = (slot + 1) & MASK;
    known[slot] = s;
    knownCount++;
    added = true;
  }
  if (added) buildTrie();
}

// The known strings as a trie over their characters, walked while a string is scanned (no hash, no second pass
// comparing characters). `charClass` numbers the ASCII characters known strings use (0: none of them); `trie` holds
// a row of `width` next states per state (0: no known string goes on so, a row of zeros; 1: the start);
// `acceptSlot` the slot of the known string that ends at a state, or -1.
let charClass = new Uint8Array(128);
let width = 1;
let trie = new Int32Array(2);
let acceptSlot = new Int32Array([-1, -1]);
/** A known string the trie cannot hold (a character outside printable ASCII, a quote, a backslash): looked up by hash. */
let untrieable = false;

function buildTrie(): void {
  const cls = new Uint8Array(128);
  let w = 1;
  untrieable = false;
  for (const s of known) {
    if (s === undefined) continue;
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c < 32 || c >= 128 || c === 34 || c === 92) untrieable = true;
      else if (cls[c] === 0) cls[c] = w++;
    }
  }
  const rows: number[] = new Array(2 * w).fill(0);
  const accept: number[] = [-1, -1];
  for (let slot = 0; slot < known.length; slot++) {
    const s = known[slot];
    if (s === undefined) continue;
    let state = 1;
    let ok = true;
    for (let j = 0; j < s.length && ok; j++) {
      const c = s.charCodeAt(j);
      if (c < 32 || c >= 128 || c === 34 || c === 92) ok = false;
      else {
        const at = state * w + (cls[c] as number);
        let to = rows[at] as number;
        if (to === 0) {
          to = accept.length;
          accept.push(-1);
          for (let k = 0; k < w; k++) rows.push(0);
          rows[at] = to;
        }
        state = to;
      }
    }
    if (ok) accept[state] = slot;
  }
  charClass = cls;
  width = w;
  trie = Int32Array.from(rows);
  acceptSlot = Int32Array.from(accept);
}

/** The slot of `s` in the table of known strings, or -1. */
function slotOf(s: string): number {
  for (let slot = hashOf(s) & MASK, e = known[slot]; e !== undefined; slot = (slot + 1) & MASK, e = known[slot])
    if (e === s) return slot;
  return -1;
}

/** A projection as the parser uses it: by the slots of known strings (a kept name must be a known string). */
interface Compiled {
  /** What to do with a member, by the slot of its name: KEEP, SKIP, REFUSE, or 0 (not known yet: ask `refuse`). */
  readonly keep: Uint8Array;
  readonly members: (Compiled | undefined)[];
  readonly refuse: ((name: string) => boolean) | undefined;
}
const KEEP = 1;
const SKIP = 2;
const REFUSE = 3;
/** A member whose name is not a known string (no slot): skipped, unless `refuse` says otherwise. */
const OTHER = 4;
const compiledProjections = new WeakMap<Projection, Compiled>();
/** The projection of the last call, compiled (every line of an audit passes the same one). */
let lastProjection: Projection | undefined;
let lastCompiled: Compiled | undefined;

function compiled(p: Projection): Compiled {
  if (p !== lastProjection) {
    lastCompiled = compile(p);
    lastProjection = p;
  }
  return lastCompiled as Compiled;
}

function compile(p: Projection): Compiled {
  let c = compiledProjections.get(p);
  if (c) return c;
  addKnownStrings(p.keep);
  const keep = new Uint8Array(1 << TABLE_BITS);
  const members: (Compiled | undefined)[] = new Array<Compiled | undefined>(1 << TABLE_BITS).fill(undefined);
  for (const name of p.keep) {
    const slot = slotOf(name);
    if (slot < 0) throw new Error(`parseJsonLine: too many known strings to keep "${name}"`);
    keep[slot] = KEEP;
    const inner = p.members?.[name];
    if (inner) members[slot] = compile(inner);
  }
  c = { keep, members, refuse: p.refuse };
  compiledProjections.set(p, c);
  return c;
}

// The parser's state: the text, the position, the nesting depth (one parse at a time: it is synchronous).
let src = '';
let at = 0;
let depth = 0;

/** Per nesting depth, by the slot of a known name: the number of the last object there that had it. */
const seenAt: Int32Array[] = [];
/**
 * The number of the object being parsed (stamps in `seenAt`). All start again from 1 between lines, before a line
 * could make it overflow (a line the reader accepts holds far fewer than 2^24 objects), never in the middle of one,
 * where the stamps of the objects still open would be lost.
 */
let objectNo = 0;
const RESTART_AT = 0x7fffffff - 0x1000000;

function nextObjectNo(): number {
  return ++objectNo;
}

/** For tests: the number the next object's comes after (to parse near the limit). */
export function setObjectNumberForTests(n: number): void {
  objectNo = n;
}

/** Between lines: starts the numbers again when a line could reach the limit. */
function restartNumbersIfNear(): void {
  if (objectNo < RESTART_AT) return;
  for (const a of seenAt) a?.fill(0);
  objectNo = 0;
}

/**
 * Whether the projection keeps the member at `path` (keys and array indexes from the top), so that a key written
 * twice there matters: the parser builds only the members a projection keeps, and does not look for a repeat
 * elsewhere.
 *
 * @example
 * keeps({ keep: new Set(['client']), members: { client: { keep: new Set(['degreeStatus']) } } }, ['client', 'email']); // false
 */
export function keeps(projection: Projection | undefined, path: readonly (string | number)[]): boolean {
  let p = projection;
  let afterIndex = false;
  for (const e of path) {
    if (p === undefined) return true;
    if (typeof e === 'number') {
      // A projection applies to an object in an array, not to one in an array in an array.
      if (afterIndex) p = undefined;
      afterIndex = true;
      continue;
    }
    afterIndex = false;
    if (!p.keep.has(e)) return false;
    p = p.members?.[e];
  }
  return true;
}

/**
 * Parses the JSON text `text.slice(from, to)` as `JSON.parse` would (leaving out the members `projection` does
 * not keep), or returns {@link NOT_PARSED}: then the caller asks `JSON.parse`, which also reports errors.
 * `text` may go on after `to` (the rest of a batch).
 *
 * @example
 * parseJsonLine('{"id":"C-1","notes":"…"}\n{"id":"C-2"}', 0, 24); // { id: 'C-1', notes: '…' }
 * parseJsonLine('{"id":"C-1","notes":"…"}', 0, 24, { keep: new Set(['id']) }); // { id: 'C-1' }
 * parseJsonLine('{"a":', 0, 5); // NOT_PARSED
 */
export function parseJsonLine(text: string, from: number, to: number, projection?: Projection): unknown {
  src = text;
  at = from;
  depth = 0;
  restartNumbersIfNear();
  const c = skipSpace();
  let v = c === 123 ? object(projection ? compiled(projection) : undefined) : value(c);
  if (at > to) v = NOT_PARSED;
  // Only whitespace may follow, to the end of the line.
  for (; at < to && v !== NOT_PARSED; at++) {
    const c = src.charCodeAt(at);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) v = NOT_PARSED;
  }
  src = ''; // not kept alive by the parser
  return v;
}

/** Skips JSON whitespace; the character after it (NaN at the end of the text). */
function skipSpace(): number {
  const s = src;
  let i = at;
  let c = s.charCodeAt(i);
  while (c === 32 || c === 9 || c === 13 || c === 10) c = s.charCodeAt(++i);
  at = i;
  return c;
}

function value(c: number): unknown {
  switch (c) {
    case 34: // "
      return string();
    case 123: // {
      return object(undefined);
    case 91: // [
      return array();
    case 116: // t
    case 102: // f
    case 110: // n
      return literal(c);
    default:
      return number(true);
  }
}

function literal(c: number): boolean | null | typeof NOT_PARSED {
  if (c === 116 && src.startsWith('true', at)) {
    at += 4;
    return true;
  }
  if (c === 102 && src.startsWith('false', at)) {
    at += 5;
    return false;
  }
  if (c === 110 && src.startsWith('null', at)) {
    at += 4;
    return null;
  }
  return NOT_PARSED;
}

/** A string (at its opening quote): a known one, or sliced from the text. */
function string(): string | typeof NOT_PARSED {
  const s = src;
  const start = at + 1;
  const t = trie;
  const cls = charClass;
  const w = width;
  let i = start;
  let state = 1;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 34) break;
    // An escape: JSON.parse decodes the string (rare in the values a case keeps).
    if (c === 92) return escaped(start);
    // A control character (not allowed in JSON strings), or the end of the text (NaN).
    if (!(c >= 32)) return NOT_PARSED;
    i++;
    state = c < 128 ? (t[state * w + (cls[c] as number)] as number) : 0;
    if (state === 0) return unknownString(start, i);
  }
  at = i + 1;
  const slot = acceptSlot[state] as number;
  lastKnown = slot;
  return slot >= 0 ? (known[slot] as string) : s.slice(start, i);
}

/** The rest of a string no known string begins with (`i`: where the trie left it). */
function unknownString(start: number, i: number): string | typeof NOT_PARSED {
  const s = src;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 34) break;
    if (c === 92) return escaped(start);
    if (!(c >= 32)) return NOT_PARSED;
    i++;
  }
  at = i + 1;
  const text = s.slice(start, i);
  lastKnown = untrieable ? slotOf(text) : -1;
  return lastKnown < 0 ? text : (known[lastKnown] as string);
}

/** A string with an escape, decoded by JSON.parse (`start`: after its opening quote). */
function escaped(start: number): string | typeof NOT_PARSED {
  at = start - 1;
  if (skipString() === NOT_PARSED) return NOT_PARSED;
  const s = JSON.parse(src.slice(start - 1, at)) as string;
  // A name written with escapes ("i\u0064") is still the name ("id") a projection may keep.
  lastKnown = slotOf(s);
  return lastKnown < 0 ? s : (known[lastKnown] as string);
}

/** Checks a string (at its opening quote) is JSON and moves past it. */
function skipString(): 0 | typeof NOT_PARSED {
  const s = src;
  let i = at + 1;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 34) break;
    if (c === 92) {
      const e = s.charCodeAt(i + 1);
      if (e === 117) {
        // \uXXXX
        for (let k = i + 2; k < i + 6; k++) {
          const x = s.charCodeAt(k);
          if (!((x >= 48 && x <= 57) || (x >= 65 && x <= 70) || (x >= 97 && x <= 102))) return NOT_PARSED;
        }
        i += 6;
        continue;
      }
      // " \ / b f n r t
      if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116)
        return NOT_PARSED;
      i += 2;
      continue;
    }
    if (!(c >= 32)) return NOT_PARSED;
    i++;
  }
  at = i + 1;
  return 0;
}

function object(projection: Compiled | undefined): Record<string, unknown> | typeof NOT_PARSED {
  let c = enter(125);
  if (c === BAD) return NOT_PARSED;
  const o: Record<string, unknown> = {};
  if (c === CLOSED) return o;
  let seen = seenAt[depth];
  if (seen === undefined) seen = seenAt[depth] = new Int32Array(1 << TABLE_BITS);
  const no = nextObjectNo();
  for (;;) {
    if (c !== 34) return NOT_PARSED;
    const k = string();
    if (k === NOT_PARSED || skipSpace() !== 58) return NOT_PARSED;
    at++;
    c = skipSpace();
    const slot = lastKnown;
    let how = projection === undefined ? KEEP : slot < 0 ? OTHER : (projection.keep[slot] as number);
    if (how === 0) how = classify(projection as Compiled, slot, k);
    if (how !== KEEP) {
      if (how === REFUSE || (how === OTHER && (projection as Compiled).refuse?.(k) === true)) return NOT_PARSED;
      if (skip(c) === NOT_PARSED) return NOT_PARSED;
    } else {
      // `o.__proto__ = v` would set the prototype, where JSON.parse makes a property.
      if (k === '__proto__') return NOT_PARSED;
      // A key twice in one object: left to the caller, which refuses it (see the header).
      if (slot >= 0) {
        if (seen[slot] === no) return NOT_PARSED;
        seen[slot] = no;
      } else if (Object.hasOwn(o, k)) return NOT_PARSED;
      const inner = projection === undefined || slot < 0 ? undefined : projection.members[slot];
      const v = inner === undefined ? value(c) : c === 123 ? object(inner) : c === 91 ? array(inner) : value(c);
      if (v === NOT_PARSED) return NOT_PARSED;
      o[k] = v;
    }
    c = afterItem(125);
    if (c === CLOSED) return o;
    if (c === BAD) return NOT_PARSED;
  }
}

/** SKIP or REFUSE for a known string the projection does not keep, asked once and remembered. */
function classify(p: Compiled, slot: number, name: string): number {
  const how = p.refuse?.(name) === true ? REFUSE : SKIP;
  p.keep[slot] = how;
  return how;
}

/** An array; with a projection, applied to each of its elements that is an object. */
function array(projection?: Compiled): unknown[] | typeof NOT_PARSED {
  let c = enter(93);
  if (c === BAD) return NOT_PARSED;
  const a: unknown[] = [];
  if (c === CLOSED) return a;
  for (;;) {
    const v = c === 123 && projection !== undefined ? object(projection) : value(c);
    if (v === NOT_PARSED) return NOT_PARSED;
    a.push(v);
    c = afterItem(93);
    if (c === CLOSED) return a;
    if (c === BAD) return NOT_PARSED;
  }
}

const CLOSED = -1;
const BAD = -2;

/** Past an opening bracket (one level down): the first character inside, or CLOSED when `close` follows. */
function enter(close: number): number {
  if (++depth > MAX_DEPTH) return BAD;
  at++;
  const c = skipSpace();
  if (c !== close) return c;
  at++;
  depth--;
  return CLOSED;
}

/**
 * After a member or an element: past a comma, the next character; past the closing `close`, CLOSED (one level
 * up); anything else, BAD.
 */
function afterItem(close: number): number {
  const c = skipSpace();
  if (c === 44) {
    at++;
    return skipSpace();
  }
  if (c !== close) return BAD;
  at++;
  depth--;
  return CLOSED;
}

/** Checks a value (its first character `c`) is JSON and moves past it, building nothing. */
function skip(c: number): 0 | typeof NOT_PARSED {
  if (c === 34) return skipString();
  if (c === 123 || c === 91) {
    const close = c === 123 ? 125 : 93;
    c = enter(close);
    if (c === BAD) return NOT_PARSED;
    if (c === CLOSED) return 0;
    for (;;) {
      if (close === 125) {
        if (c !== 34 || skipString() === NOT_PARSED || skipSpace() !== 58) return NOT_PARSED;
        at++;
        c = skipSpace();
      }
      if (skip(c) === NOT_PARSED) return NOT_PARSED;
      c = afterItem(close);
      if (c === CLOSED) return 0;
      if (c === BAD) return NOT_PARSED;
    }
  }
  if (c === 116 || c === 102 || c === 110) return literal(c) === NOT_PARSED ? NOT_PARSED : 0;
  return number(false) === NOT_PARSED ? NOT_PARSED : 0;
}

/** A number in JSON's grammar, converted as JSON.parse converts it (when `convert`; else 0). */
function number(convert: boolean): number | typeof NOT_PARSED {
  const s = src;
  const start = at;
  let i = at;
  let c = s.charCodeAt(i);
  if (c === 45) c = s.charCodeAt(++i);
  if (c === 48) c = s.charCodeAt(++i);
  else if (c >= 49 && c <= 57) {
    do c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  } else return NOT_PARSED;
  if (c === 46) {
    c = s.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) return NOT_PARSED;
    do c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  }
  if (c === 101 || c === 69) {
    c = s.charCodeAt(++i);
    if (c === 43 || c === 45) c = s.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) return NOT_PARSED;
    do c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  }
  at = i;
  return convert ? Number(s.slice(start, i)) : 0;
}
