import type { IssueCode } from './types.js';

/** What a message may say besides the path: only what the schema expects, never the value given. */
export interface IssueDetail {
  expected?: string;
  options?: readonly unknown[];
  limit?: number | bigint;
  /** `unknown-field`: the known field the unknown one looks like under another name. */
  like?: string;
  /** `unknown-field`: how many unknown fields at the path have names not shown (they do not look like names). */
  hidden?: number;
  /**
   * `invalid-json`: a key written twice in one object. The path ends with the key when its name is shown; with
   * `hidden`, the path is the object (the name does not look like a field name, as for `unknown-field`).
   */
  twice?: boolean;
  /**
   * `invalid-json` for text that is not JSON: where the first problem is (1-based; no `line` for one line of a case
   * export, whose line number the audit gives), when the text is known.
   */
  at?: { line?: number; column: number };
  /** `invalid-json`: nested deeper than 512 (at `at`). */
  deep?: boolean;
  /** `invalid-json`: the bytes are not UTF-8, so they are not JSON (RFC 8259). */
  notUtf8?: boolean;
  /** `invalid-json`: a line of a case export after the first starts with a byte-order mark (two exports joined). */
  bom?: boolean;
  /**
   * `invalid`: reading the input threw (a property getter that throws, a revoked Proxy: nothing `JSON.parse` makes).
   * The error's own message is not repeated (it may hold the values).
   */
  unreadable?: boolean;
}

// The whole input (a question, or a line of a case export) when the path is empty.
const where = (path: readonly (string | number)[]) =>
  path.length === 0
    ? 'The input'
    : `\`${path
        .map((p) => (typeof p === 'number' ? `[${p}]` : p))
        .join('.')
        .replaceAll('.[', '[')}\``;

const list = (options: readonly unknown[] = []) =>
  options.length > 20
    ? `${options.slice(0, 20).join(', ')}, …`
    : options.map((o) => (typeof o === 'string' ? o : JSON.stringify(o))).join(', ');

/**
 * The English text of every issue code, in one place. Messages name the path and what was expected — never
 * the value that was given, which may be personal data.
 */
export const MESSAGES: Readonly<Record<IssueCode, (path: readonly (string | number)[], d: IssueDetail) => string>> = {
  'invalid-json': (p, d) => {
    if (!d.twice) {
      if (d.notUtf8) return 'The input is not UTF-8 text, so it is not JSON.';
      if (d.bom)
        return 'The line starts with a byte-order mark (U+FEFF), which only the first line of an export may have: were two exports joined?';
      if (!d.at) return 'The input is not valid JSON.';
      const at = `${d.at.line === undefined ? '' : `line ${d.at.line}, `}column ${d.at.column}`;
      return d.deep
        ? `The input is nested more than 512 deep (at ${at}), deeper than any question or case: it is not read.`
        : `The input is not valid JSON: the first problem is at ${at}.`;
    }
    const refused = 'which value is meant is ambiguous, so the input is refused';
    if (d.hidden)
      return `${where(p)} has a key twice in one object (its name is not shown: not a field name): ${refused}.`;
    return `${where(p.slice(0, -1))} has the key \`${String(p[p.length - 1])}\` twice in one object: ${refused}.`;
  },
  'invalid-type': (p, d) =>
    `${where(p)} must be ${d.expected === 'object' ? 'an object' : d.expected === 'array' ? 'an array' : `a ${d.expected ?? 'value of another type'}`}.`,
  required: (p) => `${where(p)} is required.`,
  'unknown-question': (_p, d) => `\`question\` must be one of: ${list(d.options)}.`,
  'unknown-field': (p, d) => {
    const like = d.like ? `\`${d.like}\`` : '';
    if (d.hidden)
      return `${where(p)} has ${d.hidden === 1 ? 'a field' : `${d.hidden} fields`} not known here (${d.hidden === 1 ? 'its name is' : 'their names are'} not shown: not a field name)${like ? `; it looks like ${like} under another name, and is refused rather than dropped` : ''}.`;
    return like
      ? `${where(p)} is not a known field here: it looks like ${like} under another name, and is refused rather than dropped, which could hide a finding.`
      : `${where(p)} is not a known field here.`;
  },
  'invalid-value': (p, d) => `${where(p)} must be one of: ${list(d.options)}.`,
  'invalid-date': (p) => `${where(p)} must be a real calendar date written YYYY-MM-DD.`,
  'too-small': (p, d) => `${where(p)} is below its minimum (${String(d.limit)}).`,
  'too-big': (p, d) => `${where(p)} is above its maximum (${String(d.limit)}).`,
  'invalid-format': (p) => `${where(p)} is not in the expected format.`,
  invalid: (p, d) =>
    d.unreadable
      ? `${where(p)} could not be read: reading it threw an error (a property getter that throws, or a revoked Proxy). Pass plain data, as JSON.parse gives.`
      : `${where(p)} is not valid.`,
};

/** Builds an issue's message from its code. */
export function message(code: IssueCode, path: readonly (string | number)[], detail: IssueDetail = {}): string {
  return MESSAGES[code](path, detail);
}
