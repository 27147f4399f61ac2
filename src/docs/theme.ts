// The policy book's colours, light and dark, as CSS custom properties: one palette for the page and for the
// drawings that also stand alone (the breach chain's .svg file).

const LIGHT =
  'color-scheme: light dark; --fg: #1b1b1b; --bg: #fff; --muted: #555; --line: #ccc; --accent: #0b5394; --permit: #1d6b2a; --deny: #a11d1d; --other: #7a5200;';
const DARK =
  '--fg: #eee; --bg: #161616; --muted: #aaa; --line: #444; --accent: #8ab8ff; --permit: #7fd18b; --deny: #ff8f8f; --other: #f0c46c;';

/**
 * The palette declared on `selector` (`:root` for the page), with its dark variant for readers who prefer it.
 *
 * @example
 * themeCss(':root').startsWith(':root { color-scheme: light dark;'); // true
 * @see P1
 */
export function themeCss(selector: string): string {
  return `${selector} { ${LIGHT} }\n@media (prefers-color-scheme: dark) { ${selector} { ${DARK} } }`;
}
