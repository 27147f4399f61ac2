import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  keeps,
  NOT_PARSED,
  type Projection,
  parseJsonLine,
  setObjectNumberForTests,
} from '../../src/audit/json-line.js';
import { CASE_PROJECTION, CASE_STRINGS, validateCase } from '../../src/audit/precheck.js';
import { parseInputJson } from '../../src/engine/strict-json.js';
import { caseExport } from '../../src/facts/case-export.js';
import { rng } from '../support/random-questions.js';
import { ROOT } from './helpers.js';

// The audit's line parser is a speed-up of JSON.parse: where it gives a value, the value must be JSON.parse's
// (less the members a projection leaves out); anything else must come back NOT_PARSED, so the audit asks
// parseInputJson (JSON.parse, refusing a key twice in one object among the members the projection keeps). These
// tests compare the two on arbitrary JSON, on broken JSON, on JSON with a key repeated and on case lines.

/**
 * The definition: JSON.parse's value, or NOT_PARSED when it throws or when an object the projection keeps has a
 * key twice (then the parser must give NOT_PARSED too, so that the audit refuses the line).
 */
function native(text: string, projection?: Projection): unknown {
  const r = parseInputJson(text, projection && ((path, key) => !keeps(projection, [...path, key])));
  if (!r.ok) return NOT_PARSED;
  expect(r.value).toStrictEqual(JSON.parse(text));
  return r.value;
}

/** Equal values with the same key order (toStrictEqual tells -0 from 0 but not key order). */
function expectSame(got: unknown, want: unknown): void {
  expect(got).toStrictEqual(want);
  expect(JSON.stringify(got)).toBe(JSON.stringify(want));
}

/** The members of `v` a projection keeps (what the parser with that projection must give). */
function project(v: unknown, p: Projection | undefined): unknown {
  // The projection applies to an object, or to each object of an array (not of an array in an array).
  if (p && Array.isArray(v)) return v.map((e) => (Array.isArray(e) ? e : project(e, p)));
  if (!p || typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (p.keep.has(k)) out[k] = project(x, p.members?.[k]);
  return out;
}

/** Checks the parser against JSON.parse on `text` (alone, and as one line among others). */
function check(text: string, projection?: Projection): unknown {
  const want = native(text, projection);
  const got = parseJsonLine(text, 0, text.length, projection);
  if (want === NOT_PARSED) expect(got).toBe(NOT_PARSED);
  else if (got !== NOT_PARSED) expectSame(got, project(want, projection));
  // The same line between two others: the parser reads only its own line.
  const around = `{"before":1}\n${text}\n{"after":2}`;
  const inLine = parseJsonLine(around, 13, 13 + text.length, projection);
  if (want === NOT_PARSED) expect(inLine).toBe(NOT_PARSED);
  else if (inLine !== NOT_PARSED) expectSame(inLine, project(want, projection));
  return got;
}

const generatedLines = execFileSync(
  process.execPath,
  [join(ROOT, 'scripts/generate-cases.mjs'), '--count', '2000', '--seed', '5'],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
)
  .trim()
  .split('\n');

describe('parseJsonLine gives what JSON.parse gives', () => {
  it('on arbitrary JSON values, compact and indented', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, '\t'), (v, indent) => {
        const got = check(JSON.stringify(v, null, indent));
        if (got !== NOT_PARSED) parsed++;
      }),
      { numRuns: 3000 },
    );
    // It must actually parse most of them (only escapes it hands to JSON.parse, and deep nesting, it may not).
    expect(parsed).toBeGreaterThan(2700);
  });

  it('on JSON with strings full of escapes, unicode and control characters', () => {
    const chars = fc.constantFrom('a', 'é', '€', '😀', '\\', '"', '/', '\n', '\t', '\u0000', '\u001f', '\u2028', ' ');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: chars }), fc.string({ unit: chars }))), (pairs) => {
        check(JSON.stringify(Object.fromEntries(pairs)));
        check(JSON.stringify(pairs));
      }),
      { numRuns: 1000 },
    );
  });

  it('on broken JSON: never a value where JSON.parse throws', () => {
    const pieces = ['{', '}', '[', ']', '"', ':', ',', ' ', '\t', '\r', '\n', '\\', 'u', '0', '1', '-', '+', '.', 'e'];
    const more = [
      'E',
      'a',
      'x',
      'true',
      'fals',
      'null',
      'nul',
      '"a"',
      '\\u00e9',
      '\\u00zz',
      '\\x',
      '\u0001',
      '1e',
      '01',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces, ...more), { maxLength: 30 }), (parts) => {
        check(parts.join(''));
      }),
      { numRuns: 20_000 },
    );
  });

  it('on case lines cut, doubled or changed one character at a time', () => {
    const r = rng(3);
    const alphabet = '{}[]":,\\ \t0123456789-+.eEtrufalsn\u0001é';
    for (const line of generatedLines.slice(0, 300)) {
      for (let k = 0; k < 20; k++) {
        const i = Math.floor(r() * line.length);
        const c = alphabet[Math.floor(r() * alphabet.length)] as string;
        check(line.slice(0, i) + c + line.slice(i + 1));
        check(line.slice(0, i) + c + line.slice(i));
        check(line.slice(0, i) + line.slice(i + 1));
      }
      check(line.slice(0, Math.floor(r() * line.length)));
      check(`${line}${line}`);
      check(`  ${line} \t\r`);
    }
  });

  it('hand-picked cases', () => {
    for (const text of [
      '',
      ' ',
      '0',
      '-0',
      '1e400',
      '-1.5E-7',
      '00',
      '1.',
      '.5',
      '"\\u00e9\\ud83d\\ude00"',
      '"\\ud800"',
      '"\\u00E9"',
      '"\\u\u0010\u0010\u0010\u0010"',
      '{"a":1,"a":2,"b":3}',
      '{"0":1,"b":2,"1":3}',
      '{"__proto__":{"polluted":true}}',
      '{"x":{"__proto__":1}}',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
      '{"a":"x"} x',
      '{"a":"x"}\u00a0',
      '{"a":"tab\there"}',
    ])
      check(text);
    const o = parseJsonLine('{"__proto__":{"polluted":true}}', 0, 31);
    if (o !== NOT_PARSED) expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stops at the end of its line: a line continued on the next is not a value', () => {
    const text = '{"a":\n1}';
    expect(parseJsonLine(text, 0, 5)).toBe(NOT_PARSED);
    expect(parseJsonLine('{"a":1}\n{"b":2}', 0, 7)).toEqual({ a: 1 });
    expect(parseJsonLine('"abc\n"', 0, 4)).toBe(NOT_PARSED);
  });

  it('parses every generated case line itself (no fallback to JSON.parse)', () => {
    for (const line of generatedLines) {
      expect(parseJsonLine(line, 0, line.length)).not.toBe(NOT_PARSED);
      expect(parseJsonLine(line, 0, line.length, CASE_PROJECTION)).not.toBe(NOT_PARSED);
    }
  });
});

describe('the case projection', () => {
  it('keeps exactly the fields of the case and client schemas, which drop unknown members', () => {
    // Each is a loose object (unknown members accepted, then dropped by a transform) with a check that refuses
    // misspellings of its fields: the projection leaves unknown members out and gives up on those it refuses.
    const shape = caseExport.in.shape;
    expect([...CASE_PROJECTION.keep].sort()).toEqual(Object.keys(shape).sort());
    const client = shape.client.in;
    expect([...(CASE_PROJECTION.members?.client?.keep ?? [])].sort()).toEqual(Object.keys(client.shape).sort());
    expect(caseExport.in.def.catchall?._zod.def.type).toBe('unknown');
    expect(client.def.catchall?._zod.def.type).toBe('unknown');
    // Disclosures and breaches: each object of the array.
    for (const name of ['disclosures', 'breaches'] as const) {
      const item = shape[name].unwrap().element.in;
      expect([...(CASE_PROJECTION.members?.[name]?.keep ?? [])].sort()).toEqual(Object.keys(item.shape).sort());
      expect(item.def.catchall?._zod.def.type).toBe('unknown');
    }
    for (const name of CASE_PROJECTION.keep) expect(CASE_STRINGS).toContain(name);
  });

  it('gives up on a misnamed objection or list (so validation sees it), and skips other unknown members', () => {
    const line = (s: string) => parseJsonLine(s, 0, s.length, CASE_PROJECTION);
    const ok = '{"id":"C-1","client":{"degreeStatus":"studying","email":"x@example.invalid"},"notes":"n"}';
    expect(line(ok)).toEqual({ id: 'C-1', client: { degreeStatus: 'studying' } });
    for (const bad of [
      '{"id":"C-1","client":{"degreeStatus":"studying","objectToStaffSharing":true}}',
      '{"id":"C-1","client":{"degreeStatus":"studying","Objects_To_Sharing":true}}',
      '{"id":"C-1","client":{"degreeStatus":"studying","objectTo\\u0053taffSharing":true}}',
      '{"id":"C-1","client":{"degreeStatus":"studying"},"client.objectsToStaffSharing":true}',
      '{"id":"C-1","client":{"degreeStatus":"studying"},"disclosure":[]}',
      '{"id":"C-1","client":{"degreeStatus":"studying"},"disclosures":[{"on":"2026-01-01","objectsToStaffSharing":true}]}',
      // Twice in one parse: the answer for a known string is remembered, and stays right.
      '{"id":"C-1","client":{"degreeStatus":"studying","objectToStaffSharing":true}}',
    ])
      expect(line(bad)).toBe(NOT_PARSED);
    expect(line(ok)).toEqual({ id: 'C-1', client: { degreeStatus: 'studying' } });
    // Each object of disclosures and breaches keeps its schema's fields; other members (and non-objects) stay.
    expect(
      line(
        '{"id":"C-1","client":{"degreeStatus":"studying"},"disclosures":[{"on":"2026-01-01","id":"D-1"},3],"breaches":[{"ground":"harm","notes":"n"}]}',
      ),
    ).toEqual({
      id: 'C-1',
      client: { degreeStatus: 'studying' },
      disclosures: [{ on: '2026-01-01' }, 3],
      breaches: [{ ground: 'harm' }],
    });
  });

  it('gives the same value and validation result when names and values are written with escapes', () => {
    const r = rng(21);
    const hex = (c: string) => `\\u${(c.charCodeAt(0) as number).toString(16).padStart(4, '0')}`;
    for (const line of generatedLines.slice(0, 1000)) {
      // One character of some strings (names or values) written as an escape: \uXXXX, or \/ for a slash.
      const text = line.replace(/"([^"\\]+)"/g, (m, body: string) => {
        if (r() > 0.3) return m;
        const i = Math.floor(r() * body.length);
        const c = body[i] as string;
        const esc = c === '/' && r() < 0.5 ? '\\/' : hex(c);
        return `"${body.slice(0, i)}${esc}${body.slice(i + 1)}"`;
      });
      const whole = native(text, CASE_PROJECTION);
      check(text);
      const projected = parseJsonLine(text, 0, text.length, CASE_PROJECTION);
      expect(projected).not.toBe(NOT_PARSED);
      expectSame(projected, project(whole, CASE_PROJECTION));
      expect(validateCase(projected)).toEqual(validateCase(whole));
    }
  });

  it('gives the same validation result, valid or not, as the whole line', () => {
    const r = rng(9);
    const junk = ['1', '"x"', 'null', '[]', '{}', '{"role":"adviser"}', '"2025-02-30"', '"studying"', 'true'];
    for (const line of generatedLines.slice(0, 500)) {
      for (let k = 0; k < 10; k++) {
        // Replace one value of the line with junk (a member kept or left out).
        const spots = [...line.matchAll(/:("[^"]*"|true|false|null|-?\d+)/g)];
        const m = spots[Math.floor(r() * spots.length)] as RegExpMatchArray;
        const at = (m.index as number) + 1;
        const text = line.slice(0, at) + junk[Math.floor(r() * junk.length)] + line.slice(at + (m[1] as string).length);
        const whole = native(text, CASE_PROJECTION);
        const projected = parseJsonLine(text, 0, text.length, CASE_PROJECTION);
        expect(projected).not.toBe(NOT_PARSED);
        expect(validateCase(projected)).toEqual(validateCase(whole));
      }
      // Names written with escapes are the same names.
      const escapedNames = line.replace('"id"', '"i\\u0064"').replace('"degreeStatus"', '"degree\\u0053tatus"');
      expect(escapedNames).not.toBe(line);
      expect(validateCase(parseJsonLine(escapedNames, 0, escapedNames.length, CASE_PROJECTION))).toEqual(
        validateCase(native(escapedNames, CASE_PROJECTION)),
      );
      // (A second clientName, which the audit drops unread: not refused, see json-line.ts.)
      const extra = `${line.slice(0, -1)},"clientName":{"deep":[1,2,{"x":"\\n"}]},"__proto__":{"polluted":1}}`;
      expect(validateCase(parseJsonLine(extra, 0, extra.length, CASE_PROJECTION))).toEqual(
        validateCase(native(extra, CASE_PROJECTION)),
      );
    }
  });
});

describe('a key twice in one object', () => {
  /** `v` as JSON, with the `pick`-th object that has a key writing its first key twice (first the value `null`). */
  function withRepeat(v: unknown, pick: number): { text: string; path: (string | number)[] | undefined; key: string } {
    let n = 0;
    let found: (string | number)[] | undefined;
    let key = '';
    const write = (x: unknown, path: (string | number)[]): string => {
      if (Array.isArray(x)) return `[${x.map((e, i) => write(e, [...path, i])).join(',')}]`;
      if (typeof x !== 'object' || x === null) return JSON.stringify(x);
      const entries = Object.entries(x);
      const members = entries.map(([k, e]) => `${JSON.stringify(k)}:${write(e, [...path, k])}`);
      if (entries.length && n++ === pick && found === undefined) {
        found = path;
        key = (entries[0] as [string, unknown])[0];
        members.unshift(`${JSON.stringify(key)}:null`);
      }
      return `{${members.join(',')}}`;
    };
    return { text: write(v, []), path: found, key };
  }

  it('is refused by both parsers on arbitrary JSON (the fallback names where), and the rest is unchanged', () => {
    let repeats = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 })),
        fc.nat(6),
        (v, pick) => {
          const { text, path, key } = withRepeat(v, pick);
          check(text);
          if (path === undefined) return;
          repeats++;
          expect(parseJsonLine(text, 0, text.length)).toBe(NOT_PARSED);
          const r = parseInputJson(text);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.duplicates).toContainEqual({ path, key });
        },
      ),
      { numRuns: 3000, seed: 11 },
    );
    expect(repeats).toBeGreaterThan(900);
  });

  it('keeps names that share a beginning, and names outside printable ASCII or written with escapes', () => {
    // Kept names become known strings, matched while a string is scanned (a trie over their characters); a name
    // the trie cannot hold (é, a quote) is found by hash, as is any name written with escapes.
    const projection: Projection = {
      keep: new Set(['i', 'id', 'idx', 'café', 'a"b', 'naïve', 'x y']),
      members: { id: { keep: new Set(['id', 'café']) } },
    };
    for (const text of [
      '{"i":1,"id":2,"idx":3,"ide":4,"idxx":5,"":6}',
      '{"café":1,"cafe":2,"caf\\u00e9x":3,"a\\"b":4,"a":5,"na\\u00efve":6,"naïve!":7,"x y":8,"x":9}',
      '{"id":{"id":1,"café":2,"idx":3},"idx":{"id":4},"caf\\u00e9":[{"café":5}]}',
      '{"i\\u0064":1,"\\u0069":2,"x\\u0020y":3}',
      '{"id":1,"café":{"é":1},"ca":"café","v":"a\\"b"}',
    ]) {
      const got = check(text, projection);
      expect(got, text).not.toBe(NOT_PARSED);
    }
    // A repeat of a kept name is found however it is written.
    for (const text of ['{"café":1,"caf\\u00e9":2}', '{"idx":1,"id\\u0078":2}', '{"a\\"b":1,"a\\u0022b":2}'])
      expect(parseJsonLine(text, 0, text.length, projection), text).toBe(NOT_PARSED);
  });

  it('hand-picked: known and unknown names, escaped names, nested objects of the same name', () => {
    for (const text of [
      '{"a":1,"a":2,"b":3}',
      '{"id":1,"i\\u0064":2}',
      '{"id":{"id":1},"id":2}',
      '{"id":{"client":{"id":1}},"client":2,"id":3}',
      '{"zz":{"zz":1},"zz":2}',
      '[{"a":1},{"a":1},{"b":[{"c":1,"c":1}]}]',
    ]) {
      expect(parseJsonLine(text, 0, text.length)).toBe(NOT_PARSED);
      expect(native(text)).toBe(NOT_PARSED);
    }
    // The same names in different objects are no repeat.
    for (const text of ['[{"a":1},{"a":1}]', '{"id":{"id":{"id":1}},"x":{"id":2}}', '{"a":{"b":1},"b":{"a":2}}'])
      expect(parseJsonLine(text, 0, text.length)).toEqual(JSON.parse(text));
  });

  it('in a case line: refused where the audit reads it, not inside the members it drops unread', () => {
    const line = (s: string) => parseJsonLine(s, 0, s.length, CASE_PROJECTION);
    const refused = [
      '{"id":"C-5","client":{"degreeStatus":"studying"},"disclosures":[{"actor":{"role":"adviser"},"recipient":{"role":"third-party"},"information":{"kind":"case-record","identifiable":true}}],"disclosures":[]}',
      '{"id":"C-6","client":{"degreeStatus":"studying","objectsToStaffSharing":true,"objectsToStaffSharing":false}}',
      '{"id":"C-6","client":{"degreeStatus":"studying","objectsToStaffSharing":true,"objects\\u0054oStaffSharing":false}}',
      '{"id":"C-7","client":{"degreeStatus":"studying"},"disclosures":[{"actor":{"role":"adviser"},"recipient":{"role":"upsu-staff","involvedInCase":true,"involvedInCase":false},"information":{"kind":"case-record","identifiable":true}}]}',
      '{"id":"C-8","client":{"degreeStatus":"studying"},"breaches":[{"raisedBy":"adviser","ground":"harm","steps":[{"step":"decided","by":"adviser","agreed":true,"agreed":false}]}]}',
      '{"id":"C-9","id":"C-9","client":{"degreeStatus":"studying"}}',
    ];
    for (const text of refused) {
      expect(line(text)).toBe(NOT_PARSED);
      expect(native(text, CASE_PROJECTION)).toBe(NOT_PARSED);
    }
    const accepted = [
      '{"id":"C-1","client":{"degreeStatus":"studying","email":"a@example.invalid","email":"b@example.invalid"}}',
      '{"id":"C-1","client":{"degreeStatus":"studying"},"notes":{"x":1,"x":2},"notes":"n"}',
      '{"id":"C-1","client":{"degreeStatus":"studying"},"disclosures":[{"on":"2026-01-01","ref":1,"ref":2}]}',
    ];
    for (const text of accepted) {
      expect(line(text)).not.toBe(NOT_PARSED);
      expect(native(text, CASE_PROJECTION)).not.toBe(NOT_PARSED);
      check(text, CASE_PROJECTION);
    }
  });
});

describe('the object numbers behind the repeated-key check', () => {
  it('start again between lines, not in the middle of one (where the open objects’ stamps would be lost)', () => {
    const line = '{"client":{"degreeStatus":"studying"},"client":2}';
    const projection = CASE_PROJECTION;
    for (const near of [0x7fffffff - 1, 0x7fffffff - 0x1000000, 1000]) {
      setObjectNumberForTests(near);
      expect(parseJsonLine(line, 0, line.length, projection), String(near)).toBe(NOT_PARSED);
      // The next line still parses.
      const ok = '{"id":"C-1"}';
      expect(parseJsonLine(ok, 0, ok.length, projection)).toEqual({ id: 'C-1' });
    }
  });
});
