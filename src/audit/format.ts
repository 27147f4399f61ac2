import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Issue, PolicyRef } from '../decision/types.js';
import type { Finding } from './audit-case.js';

/** The report formats of `upsu-policy audit`. */
export const AUDIT_FORMATS = ['text', 'json', 'junit', 'sarif'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/**
 * How many problems of one invalid line a report lists: a line can hold thousands (10,000 disclosures, each with
 * several wrong fields), and listing them all made a report of a few such lines hundreds of megabytes, held in
 * memory. The rest are counted (`issuesInAll`).
 */
export const ISSUES_LISTED_PER_LINE = 100;

/** A line that could not be audited: its number and what is wrong (codes, paths, our messages — no values). */
export interface InvalidLine {
  readonly line: number;
  /** Its problems, the first {@link ISSUES_LISTED_PER_LINE} of them. */
  readonly issues: readonly Pick<Issue, 'path' | 'code' | 'message'>[];
  /** Only when the line has more problems than `issues` lists: how many it has in all. */
  readonly issuesInAll?: number;
}

/** What the audit found, over the whole export. */
export interface AuditSummary {
  readonly asOf: string;
  readonly input: string;
  readonly policy: PolicyRef;
  /** Non-blank lines read. */
  readonly lines: number;
  /** Valid cases audited. */
  readonly cases: number;
  readonly casesWithFindings: number;
  readonly findings: number;
  readonly invalidLines: number;
  /** Findings per clause, in policy order. */
  readonly byClause: Readonly<Record<string, number>>;
  /** Findings per code, most frequent first. */
  readonly byCode: Readonly<Record<string, number>>;
}

/** What a batch's formatter needs to know besides the policy (the same in every worker). */
export type FormatSetup = Omit<FormatOptions, 'ruleIndex'>;

/** What a batch's formatter needs to know (the same in every worker). */
export interface FormatOptions {
  readonly format: AuditFormat;
  readonly color: boolean;
  /** The input as SARIF names it (`uri` of the artifact): the file path, or `stdin`. */
  readonly uri: string;
  /** Clause id → index of its SARIF rule. */
  readonly ruleIndex: Readonly<Record<string, number>>;
}

const ansi = (color: boolean, code: string) => (s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Replaces the characters `bad` rejects with U+FFFD (no regex: the lint forbids control characters in one). */
function replaceChars(s: string, bad: (c: number) => boolean): string {
  let out: string | undefined;
  for (let i = 0; i < s.length; i++)
    if (bad(s.charCodeAt(i))) {
      out ??= s.slice(0, i);
      out += '\ufffd';
    } else if (out !== undefined) out += s[i];
  return out ?? s;
}

/**
 * Whether a UTF-16 code unit is one of Unicode's explicit bidirectional formatting characters (the embeddings,
 * overrides and isolates, and the three marks): invisible, they reorder the text around them as shown, so a case id
 * holding U+202E could show a report line, or the code that reads it, in an order other than its own ("Trojan
 * Source", CVE-2021-42574). Right-to-left letters themselves are not among them and are shown as written.
 */
const isBidiControl = (c: number): boolean =>
  (c >= 0x200e && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x061c;

/**
 * XML text/attribute escaping; characters XML 1.0 cannot hold, and the bidirectional formatting characters (as
 * {@link printable}: a JUnit report is shown by CI tools), become U+FFFD.
 */
export function xml(s: string): string {
  return replaceChars(
    s.replace(/[&<>"']/g, (c) =>
      c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
    ),
    (c) => (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff || isBidiControl(c),
  );
}

/**
 * Text as a terminal may show it: every control character (C0, DEL, C1: ESC, BEL, CSI…) becomes U+FFFD, so a case
 * id, a file name or a text of a rules folder cannot move the cursor, recolour, retitle the window or write a link
 * (OSC 8); so does every bidirectional formatting character (U+202E and its kind), so it cannot show the rest of
 * a line in another order than its own. With `lines`, line feeds and tabs stay (a message of several lines).
 *
 * @example
 * printable('C-1\u001b]0;owned\u0007'); // 'C-1\ufffd]0;owned\ufffd'
 * printable('C-1\u202e2-C'); // 'C-1\ufffd2-C'
 */
export function printable(s: string, lines = false): string {
  return replaceChars(
    s,
    (c) => (c < 0x20 && !(lines && (c === 10 || c === 9))) || (c >= 0x7f && c <= 0x9f) || isBidiControl(c),
  );
}

/**
 * Text for a SARIF message string (a result's or notification's `message.text`, a rule's descriptions and help):
 * `\`, `[` and `]` backslash-escaped, as SARIF 2.1.0 says literal brackets in a plain-text message are (3.11.5).
 * Unescaped, `[text](target)` is an embedded link (3.11.6), and viewers (GitHub code scanning among them) show it as
 * one: a case id from an export, or a rules folder's clause text, could put a link of its choosing in an alert.
 * Markdown reads the same escapes, so a viewer that renders the text as Markdown shows it as written too.
 *
 * @example
 * sarifText('C-1 [sign in](https://example.invalid)'); // 'C-1 \\[sign in\\](https://example.invalid)'
 */
export const sarifText = (s: string): string => s.replace(/[\\[\]]/g, '\\$&');

const pathText = (path: readonly (string | number)[]) =>
  path.length === 0
    ? '(line)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : p))
        .join('.')
        .replaceAll('.[', '[');

/**
 * Formats the cases of one batch (in a worker or the main thread). Every method returns the text to write, in
 * input order; a batch's texts concatenate to the report's body. JSON and SARIF elements start with a comma
 * (the writer drops the very first one).
 */
export interface BatchFormatter {
  /** One valid case with its findings (none for a clean case). */
  caseText(caseId: string, line: number, findings: readonly Finding[]): string;
  /** One invalid line. */
  invalidText(bad: InvalidLine): string;
}

export function batchFormatter(o: FormatOptions): BatchFormatter {
  switch (o.format) {
    case 'text': {
      const bold = ansi(o.color, '1');
      const yellow = ansi(o.color, '33');
      const cyan = ansi(o.color, '36');
      const red = ansi(o.color, '31');
      return {
        caseText(caseId, _line, findings) {
          let s = '';
          for (const f of findings)
            s += `${bold(printable(caseId))}  ${yellow(printable(f.clause).padEnd(5))} ${cyan(printable(f.code))}: ${printable(f.message)}\n`;
          return s;
        },
        invalidText(bad) {
          // One line per problem, as `decide` prints them: code, path and our own message (never the value).
          let s = '';
          for (const i of bad.issues)
            s += `${red(`line ${bad.line}`)}: not audited — ${i.code} at ${pathText(i.path)}: ${i.message}\n`;
          if (bad.issuesInAll !== undefined) s += `${red(`line ${bad.line}`)}: not audited — ${moreIssuesText(bad)}\n`;
          return s;
        },
      };
    }
    case 'json':
      return {
        caseText(_caseId, _line, findings) {
          let s = '';
          for (const f of findings)
            s += `,\n${JSON.stringify({ caseId: f.caseId, code: f.code, clause: f.clause, message: f.message })}`;
          return s;
        },
        invalidText: () => '',
      };
    case 'junit':
      return {
        caseText(caseId, line, findings) {
          const head = `    <testcase classname="upsu-policy.audit" name="${xml(caseId)}" file="${xml(o.uri)}" line="${line}"`;
          if (findings.length === 0) return `${head}/>\n`;
          let s = `${head}>\n`;
          for (const f of findings)
            s += `      <failure type="${xml(f.code)}" message="${xml(`${f.clause} ${f.code}`)}">${xml(f.message)}</failure>\n`;
          return `${s}    </testcase>\n`;
        },
        invalidText(bad) {
          const codes = [...new Set(bad.issues.map((i) => i.code))].join(' ');
          const lines = bad.issues.map((i) => `${i.code} at ${pathText(i.path)}: ${i.message}`);
          if (bad.issuesInAll !== undefined) lines.push(moreIssuesText(bad));
          return `    <testcase classname="upsu-policy.audit.invalid-lines" name="line ${bad.line}" file="${xml(o.uri)}" line="${bad.line}">\n      <error type="invalid-line" message="${xml(codes)}">${xml(lines.join('\n'))}</error>\n    </testcase>\n`;
        },
      };
    case 'sarif': {
      const uri = JSON.stringify(sarifUri(o.uri));
      // Occurrences of one (code, clause) in the case: the second and later get /2, /3… in their fingerprint, so
      // two findings of one case (two disclosures to the same kind of recipient) are two alerts, not one.
      const seen = new Map<string, number>();
      return {
        caseText(caseId, line, findings) {
          let s = '';
          if (findings.length > 1) seen.clear();
          for (const f of findings) {
            let print = `${caseId}/${f.code}/${f.clause}`;
            if (findings.length > 1) {
              const n = (seen.get(print) ?? 0) + 1;
              seen.set(print, n);
              if (n > 1) print += `/${n}`;
            }
            const idx = o.ruleIndex[f.clause];
            s += `,\n${JSON.stringify({
              ruleId: f.clause,
              ...(idx === undefined ? {} : { ruleIndex: idx }),
              level: 'error',
              message: { text: sarifText(printable(`${caseId}: ${f.message} (${f.code})`)) },
              locations: [{ physicalLocation: { artifactLocation: { uri: '\u0000' }, region: { startLine: line } } }],
              partialFingerprints: { 'upsuCaseFinding/v1': print },
              properties: { caseId, code: f.code },
            }).replace('"\\u0000"', uri)}`;
          }
          return s;
        },
        invalidText: () => '',
      };
    }
  }
}

/**
 * The input as a SARIF `artifactLocation.uri`, which must be a URI reference: `stdin`; a `file:` URL for an
 * absolute path; a relative path with each segment percent-encoded (`cases #1.ndjson` → `cases%20%231.ndjson`).
 *
 * @example
 * sarifUri('exports/cases #1.ndjson'); // 'exports/cases%20%231.ndjson'
 */
export function sarifUri(input: string): string {
  if (input === 'stdin') return input;
  if (isAbsolute(input)) return pathToFileURL(input).href;
  return input.split('/').map(encodeURIComponent).join('/');
}

/** Issues of an invalid line as the report shows them: path, code, our message. */
export function invalidLine(line: number, issues: readonly Issue[]): InvalidLine {
  const listed = issues.length > ISSUES_LISTED_PER_LINE ? issues.slice(0, ISSUES_LISTED_PER_LINE) : issues;
  return {
    line,
    issues: listed.map((i) => ({ path: i.path, code: i.code, message: i.message })),
    ...(issues.length > listed.length ? { issuesInAll: issues.length } : {}),
  };
}

/** "…and 59,900 more problems on this line (60,000 in all)", for a line whose problems are not all listed. */
export function moreIssuesText(bad: InvalidLine): string {
  const all = bad.issuesInAll ?? bad.issues.length;
  const more = all - bad.issues.length;
  return more > 0
    ? `…and ${more.toLocaleString('en-GB')} more problem${more === 1 ? '' : 's'} on this line (${all.toLocaleString('en-GB')} in all)`
    : '';
}

export { pathText };
