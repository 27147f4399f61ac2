import { issue } from '../decision/errors.js';
import type { Policy } from '../engine/policy.js';
import { parseInputJson } from '../engine/strict-json.js';
import { inputJsonIssues } from '../facts/validate.js';
import { type CaseAuditor, createCaseAuditor } from './audit-case.js';
import { type BatchFormatter, batchFormatter, type FormatSetup, type InvalidLine, invalidLine } from './format.js';
import { addKnownStrings, keeps, NOT_PARSED, parseJsonLine } from './json-line.js';
import { CASE_PROJECTION, CASE_STRINGS, type CaseCheck, validateCase } from './precheck.js';

addKnownStrings(CASE_STRINGS);

/** A key twice inside a member the audit drops unread (a client's name, a case's notes): not a problem. */
const dropped = (path: readonly (string | number)[], key: string) => !keeps(CASE_PROJECTION, [...path, key]);

/** A batch of whole lines of the export, as the reader hands it to the main thread or a worker. */
export interface BatchJob {
  readonly seq: number;
  /** 1-based number of the batch's first line. */
  readonly startLine: number;
  /** UTF-8 bytes of whole lines (the last may lack its newline at the end of the input). */
  readonly bytes: Uint8Array;
  /** A line the reader dropped for being longer than the limit (reported as invalid, `too-big`). */
  readonly overlongLine?: number;
}

/** What auditing a batch gives: the report text for its cases, and counts for the summary. */
export interface BatchResult {
  readonly seq: number;
  readonly bytes: number;
  readonly lines: number;
  readonly cases: number;
  readonly casesWithFindings: number;
  readonly findings: number;
  readonly text: string;
  readonly invalid: InvalidLine[];
  readonly byClause: Record<string, number>;
  readonly byCode: Record<string, number>;
}

/** Longest line the reader accepts (bytes). A longer one is reported as invalid (`too-big`) and skipped. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** Bytes of a batch decoded at once (then more, to the end of a line). */
const PIECE_BYTES = 64 * 1024;

/** Clause id → its index in the policy's clause list (the SARIF rule index). */
export function clauseIndex(policy: Policy): Record<string, number> {
  // No prototype: a clause id is looked up here with `?? fallback`, which would read a value put on Object.prototype.
  const index: Record<string, number> = Object.create(null);
  policy.clauses.forEach((c, i) => {
    index[c.id] = i;
  });
  return index;
}

export interface BatchAuditor {
  run(job: BatchJob): BatchResult;
}

/** The per-thread state of an audit: the policy's auditor (with its memo) and the formatter. */
export function createBatchAuditor(policy: Policy, asOf: string, format: FormatSetup): BatchAuditor {
  const auditor: CaseAuditor = createCaseAuditor(policy, asOf);
  const fmt: BatchFormatter = batchFormatter({ ...format, ruleIndex: clauseIndex(policy) });
  // Fatal: a line that is not UTF-8 is not JSON, and is reported rather than decoded into U+FFFD.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return {
    run(job) {
      const invalid: InvalidLine[] = [];
      // Counted with `?? 0`: no prototype, so a count never starts from a value put on Object.prototype.
      const byClause: Record<string, number> = Object.create(null);
      const byCode: Record<string, number> = Object.create(null);
      let text = '';
      let lines = 0;
      let cases = 0;
      let withFindings = 0;
      let findings = 0;
      if (job.overlongLine !== undefined) {
        const bad = invalidLine(job.overlongLine, [issue('too-big', [], { limit: MAX_LINE_BYTES })]);
        invalid.push(bad);
        text += fmt.invalidText(bad);
        lines++;
      }
      // The line is source.slice(from, to).
      const one = (source: string, from: number, to: number, n: number) => {
        lines++;
        let value = parseJsonLine(source, from, to, CASE_PROJECTION);
        const projected = value !== NOT_PARSED;
        let check: CaseCheck | undefined;
        if (value === NOT_PARSED) {
          // The rare path, and the definition: JSON.parse's value, but a key twice in one object the audit reads
          // is refused (a repeat inside a member it drops unread is not: json-line.ts's header says why).
          const r = parseInputJson(source.slice(from, to), dropped);
          if (r.ok) value = r.value;
          else if (!r.duplicates && r.column === 1 && source.charCodeAt(from) === 0xfeff)
            // The first line's mark is removed before this; one on a later line is where two files were joined.
            check = { ok: false, issues: [issue('invalid-json', [], { bom: true })] };
          else check = { ok: false, issues: inputJsonIssues(r, true) };
        }
        check ??= validateCase(value, projected);
        if (check?.ok) {
          cases++;
          const fs = auditor(check.value);
          if (fs.length) {
            withFindings++;
            findings += fs.length;
            for (const f of fs) {
              byClause[f.clause] = (byClause[f.clause] ?? 0) + 1;
              byCode[f.code] = (byCode[f.code] ?? 0) + 1;
            }
          }
          text += fmt.caseText(check.value.id, n, fs);
        } else {
          const bad = invalidLine(n, check.issues);
          invalid.push(bad);
          text += fmt.invalidText(bad);
        }
      };
      // Decoded a piece of about PIECE_BYTES at a time (whole lines): a string that size is a young object,
      // where one of a whole batch would be a large one, mapped and unmapped for every batch.
      const bytes = job.bytes;
      let lineNo = job.startLine;
      for (let from = 0; from < bytes.length; ) {
        let to = bytes.length;
        if (to - from > PIECE_BYTES) {
          const nl = bytes.lastIndexOf(10, from + PIECE_BYTES - 1);
          const cut = nl >= from ? nl : bytes.indexOf(10, from + PIECE_BYTES);
          if (cut >= 0) to = cut + 1;
        }
        const piece = bytes.subarray(from, to);
        let src: string | undefined;
        try {
          src = decoder.decode(piece);
        } catch {
          // Not UTF-8 somewhere (so not JSON, RFC 8259): decode line by line to find which lines.
          eachLineBytes(piece, lineNo, (lineBytes, n) => {
            lineNo = n + 1;
            let line: string;
            try {
              line = decoder.decode(lineBytes);
            } catch {
              lines++;
              const bad = invalidLine(n, [issue('invalid-json', [], { notUtf8: true })]);
              invalid.push(bad);
              text += fmt.invalidText(bad);
              return;
            }
            if (n === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
            if (line.endsWith('\r')) line = line.slice(0, -1);
            if (line && !isBlank(line, 0, line.length)) one(line, 0, line.length, n);
          });
        }
        if (src !== undefined) {
          let at = 0;
          // A byte-order mark may open the file.
          if (lineNo === 1 && src.charCodeAt(0) === 0xfeff) at = 1;
          while (at < src.length) {
            let nl = src.indexOf('\n', at);
            if (nl < 0) nl = src.length;
            let end = nl;
            if (end > at && src.charCodeAt(end - 1) === 13) end--;
            const n = lineNo++;
            if (end > at && !isBlank(src, at, end)) one(src, at, end, n);
            at = nl + 1;
          }
        }
        from = to;
      }
      return {
        seq: job.seq,
        bytes: job.bytes.byteLength,
        lines,
        cases,
        casesWithFindings: withFindings,
        findings,
        text,
        invalid,
        byClause,
        byCode,
      };
    },
  };
}

/** Calls `each` with the bytes of every line of a batch (without its newline) and its number. */
function eachLineBytes(bytes: Uint8Array, startLine: number, each: (line: Uint8Array, n: number) => void): void {
  let at = 0;
  let n = startLine;
  while (at < bytes.length) {
    let nl = bytes.indexOf(10, at);
    if (nl < 0) nl = bytes.length;
    each(bytes.subarray(at, nl), n++);
    at = nl + 1;
  }
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
