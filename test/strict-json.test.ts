// The JSON reader of rules folders: JSON.parse's values, but a key twice in an object is an error, and every
// error says where it is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInputJson, parseRulesJson } from '../src/engine/strict-json.js';

/**
 * JSON text changed in one place: a piece put in, or a character replaced or taken out, most often next to a bracket,
 * comma, colon or quote (`[1,2]` → `[1,]`, `{"a":1}` → `{"a":1,}`, `[1]` → `[01]`, `"a"` → `"\xa"`, a form feed
 * where whitespace goes): the texts a parser that accepts a little too much gets wrong.
 */
const nearJson = fc
  .tuple(
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }),
    ),
    fc.nat(),
    fc.oneof(
      fc.constantFrom(',', ']', '}', '0', '-', '.', 'e', '\\x', '\\u00', '\\', '"', ':', '\f', '\v', '\u00a0'),
      fc.constantFrom(...'{}[]":,\\/ \t\n\r\ufeff0123456789+EtrufalsnxU'),
    ),
    fc.constantFrom('insert', 'replace', 'delete'),
  )
  .map(([v, at, piece, how]) => {
    const t = JSON.stringify(v, null, at % 3 === 0 ? 1 : undefined);
    // Half the time next to a bracket, comma, colon or quote; otherwise anywhere.
    const spots = [...t.matchAll(/[[\]{},:"]/g)].flatMap((m) => [m.index, m.index + 1]);
    const i = spots.length && at % 2 ? (spots[(at >> 1) % spots.length] as number) : at % (t.length + 1);
    return t.slice(0, i) + (how === 'delete' ? '' : piece) + t.slice(how === 'insert' ? i : i + 1);
  });

/** Whether JSON.parse refuses the text. */
const refuses = (t: string) => {
  try {
    JSON.parse(t);
    return false;
  } catch {
    return true;
  }
};

describe('parseRulesJson', () => {
  it("gives JSON.parse's value for any JSON, however it is laid out", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        expect(parseRulesJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('refuses exactly what JSON.parse refuses, when no key is repeated', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
          nearJson,
        ),
        (t) => {
          const noBom = t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
          const r = parseRulesJson(t);
          if (r.ok) expect(refuses(noBom)).toBe(false);
          else if (!r.message.includes('twice')) expect(refuses(noBom)).toBe(true);
          // parseInputJson reads the same grammar: a value exactly when JSON.parse gives one (and no key repeats).
          const input = parseInputJson(noBom);
          if (input.ok) expect(refuses(noBom)).toBe(false);
          else if (!input.duplicates) expect(refuses(noBom)).toBe(true);
        },
      ),
      { numRuns: 5000, seed: 7 },
    );
  });

  it('its test texts come near JSON: some that JSON.parse reads, many it refuses by one character', () => {
    let read = 0;
    fc.assert(
      fc.property(nearJson, (t) => {
        if (!refuses(t)) read++;
      }),
      { numRuns: 2000, seed: 7 },
    );
    expect(read).toBeGreaterThan(200);
    expect(read).toBeLessThan(1800);
  });

  it('a key twice in one object is an error with its line and column (JSON.parse keeps the last)', () => {
    const text = '{\n  "operator": "lessThan",\n  "value": { "fact": "smallCountThreshold" },\n  "value": 0\n}';
    expect(JSON.parse(text).value).toBe(0);
    expect(parseRulesJson(text)).toEqual({
      ok: false,
      message: 'has the key "value" twice in one object, at line 4, column 3',
    });
    // The same key in two objects is fine.
    expect(parseRulesJson('[{"a":1},{"a":2}]').ok).toBe(true);
    // Escapes are compared decoded: "a" and "\u0061" are the same key.
    expect(parseRulesJson('{"a":1,"\\u0061":2}').ok).toBe(false);
  });

  it('a syntax error says where it is', () => {
    expect(parseRulesJson('{\n  "a": 1,\n}')).toEqual({
      ok: false,
      message: 'is not valid JSON: unexpected "}", at line 3, column 1',
    });
    expect(parseRulesJson('[1, 2')).toEqual({
      ok: false,
      message: 'is not valid JSON: it ends too soon, at line 1, column 6',
    });
  });

  it('a byte-order mark at the start (as some editors save) is allowed', () => {
    expect(parseRulesJson('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('parseRulesJson: control characters', () => {
  it('an unescaped control character in a string is a syntax error at its place, as JSON.parse says', () => {
    const text = '{"a": "x\ty"}';
    expect(() => JSON.parse(text)).toThrow();
    expect(parseRulesJson(text)).toEqual({
      ok: false,
      message: 'is not valid JSON: unexpected "\\t", at line 1, column 9',
    });
    expect(parseRulesJson('{"a": "x\\ty"}')).toEqual({ ok: true, value: { a: 'x\ty' } });
  });
});

describe('parseInputJson (the command line input: a question, a case-export line)', () => {
  it("gives JSON.parse's value when no key repeats", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(parseInputJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('lists every key written twice, once per object, with the path of its object', () => {
    expect(parseInputJson('{"a":1,"a":2,"a":3,"b":[{"c":1},{"c":1,"d":{"e":0,"e":1},"c":2}],"b":0}')).toEqual({
      ok: false,
      duplicates: [
        { path: [], key: 'a' },
        { path: ['b', 1, 'd'], key: 'e' },
        { path: ['b', 1], key: 'c' },
        { path: [], key: 'b' },
      ],
    });
    // Written with an escape, the same key.
    expect(parseInputJson('{"id":1,"i\\u0064":2}')).toEqual({ ok: false, duplicates: [{ path: [], key: 'id' }] });
  });

  it('leaves out the repeats `ignore` says do not matter, and is not JSON for text that is not', () => {
    const ignore = (path: readonly (string | number)[]) => path[0] === 'notes';
    expect(parseInputJson('{"notes":{"x":1,"x":2},"a":1}', ignore)).toEqual({
      ok: true,
      value: { notes: { x: 2 }, a: 1 },
    });
    expect(parseInputJson('{"a":', ignore)).toEqual({ ok: false, line: 1, column: 6 });
    expect(parseInputJson('{"a":1,"a":2', ignore)).toEqual({ ok: false, line: 1, column: 13 });
  });

  it('text that is not JSON: where the first problem is, as parseRulesJson says it (and none of the text)', () => {
    for (const [text, line, column] of [
      ['{\n  "question": "recording",\n}', 3, 1],
      ['{"a": [1, 2 3]}', 1, 13],
      ['\n\n  {"a": "x\ty"}', 3, 11],
      ['', 1, 1],
      ['{"a": 1} x', 1, 10],
    ] as const) {
      expect(parseInputJson(text), JSON.stringify(text)).toEqual({ ok: false, line, column });
      expect((parseRulesJson(text) as { message: string }).message).toMatch(
        new RegExp(`, at line ${line}, column ${column}$`),
      );
    }
    // Nested deeper than 512: said as such, where it goes past the limit.
    expect(parseInputJson(`{"a":${'['.repeat(600)}${']'.repeat(600)}}`)).toEqual({
      ok: false,
      line: 1,
      column: 518,
      deep: true,
    });
  });
});
