// JSON for rules folders, which people edit by hand: the value JSON.parse gives, but a key written twice in one
// object is an error (JSON.parse keeps the last silently, so a second "value" added while editing would win), a
// syntax error says where it is, and a byte-order mark (as some editors save) is allowed.
// The same check for the command line's own input (a question for `decide`, a case-export line `audit`'s fast
// parser leaves to it): a key twice in one object is ambiguous input, refused with where it is (parseInputJson).

/** What {@link parseRulesJson} gives: the value, or one problem with its line and column. */
export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; message: string };

class JsonProblem extends Error {
  constructor(
    message: string,
    readonly at: number,
    /** Nested deeper than 512: JSON, maybe, but not read. */
    readonly deep = false,
  ) {
    super(message);
  }
}

/**
 * Parses a rules-folder file: `JSON.parse`'s value, or a problem (`is not valid JSON: unexpected "}" at line 4,
 * column 3`, `has the key "value" twice in one object, at line 9, column 9`).
 *
 * @example
 * parseRulesJson('{"a": 1, "a": 2}'); // { ok: false, message: 'has the key "a" twice in one object, at line 1, column 10' }
 */
export function parseRulesJson(text: string): StrictJsonResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    scan(src, (_path, key, at) => {
      throw new JsonProblem(`has the key ${JSON.stringify(key)} twice in one object`, at);
    });
  } catch (e) {
    if (!(e instanceof JsonProblem)) throw e;
    const { line, column } = lineAndColumn(src, e.at);
    return { ok: false, message: `${e.message}, at line ${line}, column ${column}` };
  }
  return { ok: true, value: JSON.parse(src) };
}

/** A key written twice in one object: the path of the object (keys and array indexes) and the key. */
export interface DuplicateKey {
  readonly path: readonly (string | number)[];
  readonly key: string;
}

/**
 * What {@link parseInputJson} gives: the value; or every key written twice (`duplicates`); or, for text that is not
 * JSON, the line and column (1-based, in UTF-16 code units) where the first problem was found, so that the caller
 * can say where it is without echoing any of the text.
 */
export type InputJsonResult =
  | { ok: true; value: unknown }
  | { ok: false; duplicates: readonly DuplicateKey[] }
  | { ok: false; duplicates?: undefined; line: number; column: number; deep?: true };

/**
 * Parses input JSON (no byte-order mark: the caller removes one where it is allowed): `JSON.parse`'s value, unless
 * an object has a key twice — then every such key once per object, except those `ignore` says do not matter (in the
 * audit, keys inside members the audit drops unread). Not JSON, or nested deeper than 512 (`deep`): `{ ok: false }`
 * with the line and column of the first problem.
 *
 * @example
 * parseInputJson('{"a":{"b":1,"b":2}}'); // { ok: false, duplicates: [{ path: ['a'], key: 'b' }] }
 * parseInputJson('{"a":\n  }'); // { ok: false, line: 2, column: 3 }
 * parseInputJson('{"a":1}'); // { ok: true, value: { a: 1 } }
 */
export function parseInputJson(
  text: string,
  ignore?: (path: readonly (string | number)[], key: string) => boolean,
): InputJsonResult {
  const duplicates: DuplicateKey[] = [];
  try {
    scan(text, (path, key) => {
      if (!ignore?.(path, key)) duplicates.push({ path: [...path], key });
    });
  } catch (e) {
    if (e instanceof JsonProblem) return { ok: false, ...lineAndColumn(text, e.at), ...(e.deep ? { deep: true } : {}) };
    throw e;
  }
  return duplicates.length ? { ok: false, duplicates } : { ok: true, value: JSON.parse(text) };
}

function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: at - start + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// A JSON string's characters and escapes; a control character (U+0000–U+001F), which JSON allows only escaped,
// is looked for separately (a regex that names control characters trips the linter).
const STRING = /"(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * Checks the whole text is one JSON value, calling `twice` for each key written twice in an object (once per
 * object and key; `path`: where the object is, valid during the call); throws a {@link JsonProblem}.
 */
function scan(text: string, twice: (path: readonly (string | number)[], key: string, at: number) => void): void {
  let i = 0;
  const path: (string | number)[] = [];
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const unexpected = (): never => {
    throw new JsonProblem(
      i >= text.length
        ? 'is not valid JSON: it ends too soon'
        : `is not valid JSON: unexpected ${JSON.stringify(text[i])}`,
      i,
    );
  };
  const string = (): string => {
    STRING.lastIndex = i;
    const m = STRING.exec(text);
    if (!m) unexpected();
    const raw = (m as RegExpExecArray)[0];
    for (let k = 0; k < raw.length; k++)
      if (raw.charCodeAt(k) < 0x20) {
        i += k;
        unexpected();
      }
    i = STRING.lastIndex;
    return JSON.parse(raw) as string;
  };
  const value = (depth: number): void => {
    if (depth > 512) throw new JsonProblem('is not valid JSON: nested too deeply', i, true);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const keys = new Set<string>();
      let reported: Set<string> | undefined;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const at = i;
        if (text[i] !== '"') unexpected();
        const key = string();
        if (!keys.has(key)) keys.add(key);
        else if (!reported?.has(key)) {
          twice(path, key, at);
          (reported ??= new Set()).add(key);
        }
        ws();
        if (text[i] !== ':') unexpected();
        i++;
        path.push(key);
        value(depth + 1);
        path.pop();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else unexpected();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        path.push(n);
        value(depth + 1);
        path.pop();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else unexpected();
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const word of ['true', 'false', 'null'])
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    unexpected();
  };
  value(0);
  ws();
  if (i < text.length) unexpected();
}
