// The characters no output shows as they are (control characters, and the bidirectional formatting characters that
// would show text in another order than it is read) are listed in four places, each written for where it runs:
// `printable` and `xml` (the command line's output and its reports, src/audit/format.ts), the HTML book's `esc` and
// `inScript` (src/docs/html.ts), and the checker's `esc` in the page's own script (src/docs/checker-script.ts, page
// JavaScript kept as a string). Checked here, over every UTF-16 code unit, to treat the same characters alike, so
// that one of them cannot be changed alone.
import { describe, expect, it } from 'vitest';
import { printable, xml } from '../src/audit/format.js';
import { CHECKER_SCRIPT } from '../src/docs/checker-script.js';
import { esc, inScript } from '../src/docs/html.js';

const ALL = Array.from({ length: 0x10000 }, (_, c) => c);
const ch = (c: number) => String.fromCharCode(c);
const hex = (cs: readonly number[]) => cs.map((c) => c.toString(16).padStart(4, '0'));

/** The checker's `esc`, taken from the page script as the browser runs it. */
const checkerEsc = (() => {
  const m = /\n {2}function esc\(s\) \{\n[\s\S]*?\n {2}\}\n/.exec(CHECKER_SCRIPT);
  if (!m) throw new Error('the checker script has no function esc');
  return new Function(`${m[0]}; return esc;`)() as (s: string) => string;
})();

/** The code units `f` shows as U+FFFD. */
const replaced = (f: (s: string) => string) => ALL.filter((c) => c !== 0xfffd && f(ch(c)) === '\ufffd');

/** What no output may show: C0 (but line feed and tab), DEL, C1, and the bidirectional formatting characters. */
const unreadable = ALL.filter(
  (c) =>
    (c < 0x20 && c !== 10 && c !== 9) ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069),
);

describe('every output replaces the same unreadable characters', () => {
  it('the command line (printable, with lines kept)', () => {
    expect(hex(replaced((s) => printable(s, true)))).toEqual(hex(unreadable));
  });

  it('the HTML book (esc: a carriage return is a line break there)', () => {
    expect(hex(replaced(esc))).toEqual(hex(unreadable.filter((c) => c !== 13)));
    expect(esc('\r')).toBe('\n');
  });

  it("the checker's page script (esc), as the book's", () => {
    expect(hex(replaced(checkerEsc))).toEqual(hex(replaced(esc)));
    for (const c of ALL) expect(checkerEsc(ch(c)), hex([c])[0]).toBe(esc(ch(c)));
  });

  it('JUnit XML (xml): the bidirectional ones, and what XML 1.0 cannot hold', () => {
    const bidi = unreadable.filter((c) => c > 0x9f);
    const notXml = ALL.filter((c) => (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff);
    expect(hex(replaced(xml))).toEqual(hex([...notXml, ...bidi].sort((a, b) => a - b)));
  });

  it("the page's inline scripts (inScript) hold none of them as it is", () => {
    const raw = ALL.filter((c) => inScript(JSON.stringify(ch(c))).includes(ch(c)) && unreadable.includes(c));
    expect(hex(raw)).toEqual([]);
    for (const c of unreadable) expect(JSON.parse(inScript(JSON.stringify(ch(c)))), hex([c])[0]).toBe(ch(c));
  });
});
