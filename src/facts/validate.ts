import type { z } from 'zod';
import { issue } from '../decision/errors.js';
import type { Issue } from '../decision/types.js';
import { QUESTION_KINDS, type QuestionKind } from './constants.js';
import { fastChecker, fastDecisionChecker } from './fast-validate.js';
import { ownData } from './own-data.js';
import type { Question } from './question-types.js';
import { type ZodSchemasModule, ZodUnavailableError, zodSchemas } from './schema-loader.js';

/** The outcome of validating a question. */
export type Validated<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

const KINDS: ReadonlySet<string> = new Set(QUESTION_KINDS);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function has(input: unknown, path: readonly PropertyKey[]): boolean {
  let cur: unknown = input;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as PropertyKey;
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, key)) return false;
    if (i < path.length - 1) cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

/**
 * An unknown field's name is shown (in the issue's path and message) only when it looks like a field name:
 * letters, digits, `_`, `$` or `-`, starting with a letter, `_` or `$` (not `1abc`: a key of digits may be a number
 * someone put there), or such names joined by dots (`client.objectsToStaffSharing`), at most 64
 * characters, and no run of 4 digits. A key with spaces or `@` (a name, an email) or a long number (a phone
 * number, a student id: `Jane_Doe_07700900123`) may be personal data put in a key and is not repeated: the issue
 * points at the object holding it.
 */
const SHOWN_KEY = /^(?=.{1,64}$)(?!.*\d{4})[A-Za-z_$][A-Za-z0-9_$-]*(\.[A-Za-z_$][A-Za-z0-9_$-]*)*$/;

/**
 * The issues of keys written twice in one object (`invalid-json`, found by strict-json.ts's `parseInputJson`): at
 * the key when its name, and every name on the path to it, is shown (see SHOWN_KEY); else at the innermost object
 * whose path is, with the name not shown. Listed once per path.
 *
 * @example
 * duplicateKeyIssues([{ path: ['client'], key: 'objectsToStaffSharing' }]);
 * // [{ path: ['client', 'objectsToStaffSharing'], code: 'invalid-json', message: '`client` has the key `objectsToStaffSharing` twice in one object: …' }]
 */
/**
 * The issues of input text `parseInputJson` refused: every key written twice ({@link duplicateKeyIssues}), or one
 * `invalid-json` at the whole input, saying where the first problem is (never what is there): its column only for
 * `oneLine`, a line of a case export (the audit names the line).
 *
 * @example
 * inputJsonIssues({ ok: false, line: 2, column: 3 });
 * // [{ path: [], code: 'invalid-json', message: 'The input is not valid JSON: the first problem is at line 2, column 3.' }]
 */
export function inputJsonIssues(
  refused:
    | { duplicates: readonly { path: readonly (string | number)[]; key: string }[] }
    | { duplicates?: undefined; line: number; column: number; deep?: true },
  oneLine = false,
): Issue[] {
  if (refused.duplicates) return duplicateKeyIssues(refused.duplicates);
  const at = oneLine ? { column: refused.column } : { line: refused.line, column: refused.column };
  return [issue('invalid-json', [], { at, ...(refused.deep ? { deep: true } : {}) })];
}

export function duplicateKeyIssues(
  duplicates: readonly { path: readonly (string | number)[]; key: string }[],
): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  for (const { path, key } of duplicates) {
    const full = [...path, key];
    const cut = full.findIndex((p) => typeof p === 'string' && !SHOWN_KEY.test(p));
    const x =
      cut < 0
        ? issue('invalid-json', full, { twice: true })
        : issue('invalid-json', full.slice(0, cut), { twice: true, hidden: 1 });
    const id = `${x.path.join('\u0000')}\u0001${x.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(x);
    }
  }
  return out;
}

/**
 * A zod issue's path as this library's paths are: keys and array indexes (a symbol key, which JSON never has,
 * as its string).
 *
 * @example
 * cleanPath(['client', 0]); // ['client', 0]
 */
export const cleanPath = (path: readonly PropertyKey[]) =>
  path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];

/** Turns zod's issues into the library's: stable codes, paths, our own messages, no input values. */
export function fromZodIssues(
  zodIssues: readonly z.core.$ZodIssue[],
  input: unknown,
  prefix: (string | number)[] = [],
): Issue[] {
  const out: Issue[] = [];
  for (const zi of zodIssues) {
    const path = [...prefix, ...cleanPath(zi.path)];
    switch (zi.code) {
      case 'invalid_type':
        if (!has(input, zi.path)) out.push(issue('required', path));
        else out.push(issue('invalid-type', path, { expected: zi.expected === 'int' ? 'whole number' : zi.expected }));
        break;
      case 'invalid_value':
        // zod reports a missing enum field as an invalid value: it is a required field that was not given.
        if (!has(input, zi.path)) out.push(issue('required', path));
        else out.push(issue('invalid-value', path, { options: zi.values }));
        break;
      case 'unrecognized_keys': {
        let hidden = 0;
        for (const k of zi.keys)
          if (SHOWN_KEY.test(k)) out.push(issue('unknown-field', [...path, k]));
          else hidden++;
        if (hidden) out.push(issue('unknown-field', path, { hidden }));
        break;
      }
      case 'invalid_union': {
        const u = zi as z.core.$ZodIssueInvalidUnion & { options?: unknown[] };
        if (u.discriminator !== undefined) {
          const p = has(input, zi.path) ? path : path;
          out.push(has(input, zi.path) ? issue('invalid-value', p, { options: u.options }) : issue('required', p));
        } else out.push(issue('invalid', path));
        break;
      }
      case 'too_small':
        out.push(issue('too-small', path, { limit: zi.minimum }));
        break;
      case 'too_big':
        out.push(issue('too-big', path, { limit: zi.maximum }));
        break;
      case 'invalid_format':
        out.push(issue('invalid-format', path));
        break;
      case 'custom': {
        const params = zi.params as { code?: string; like?: string } | undefined;
        const code = params?.code;
        if (code === 'unknown-field') {
          // A misnamed field of a case export (near-miss.ts): the path ends with its name.
          const key = String(path[path.length - 1]);
          const x = SHOWN_KEY.test(key)
            ? issue('unknown-field', path, { like: params?.like })
            : issue('unknown-field', path.slice(0, -1), { like: params?.like, hidden: 1 });
          // Two names not shown in one object would be the same issue twice: listed once.
          if (!out.some((i) => i.message === x.message && i.path.join('\u0000') === x.path.join('\u0000'))) out.push(x);
          break;
        }
        out.push(issue(code === 'invalid-date' ? 'invalid-date' : 'invalid', path));
        break;
      }
      default:
        out.push(issue('invalid', path));
    }
  }
  return out;
}

/**
 * `evaluate`'s validation: the question copied for deciding when the checker compiled from the zod schema
 * accepts it (the same values as zod's data, every optional key present so that all questions of a kind share
 * one layout — see `fastDecisionChecker`), `undefined` otherwise (then {@link validateQuestion} gives the
 * issues). Never handed out: callers get decisions, not the copy.
 */
export function validateForDecision(input: unknown): Question | undefined {
  try {
    if (!isPlainObject(input)) return undefined;
    const kind = input.question;
    if (typeof kind !== 'string' || !KINDS.has(kind)) return undefined;
    const value = fastDecisionChecker(kind as QuestionKind)?.(input);
    return value === null ? undefined : value;
  } catch {
    // An input that cannot be read (a getter that throws, a revoked Proxy): validateQuestion refuses it.
    return undefined;
  }
}

/**
 * The issue of an input that could not be read: reading it threw (a property getter that throws, a revoked Proxy;
 * nothing `JSON.parse` makes). At the root, as where in the input it threw is not known; the error's own message is
 * not repeated (it may hold the values).
 */
export const unreadableIssue = (): Issue => issue('invalid', [], { unreadable: true });

/**
 * Validates a question against its kind's zod schema. Never throws on bad input (only a deployment error where zod
 * is needed and cannot be loaded: {@link ZodUnavailableError}, or a bundle without the schemas); never mutates the
 * input; the value returned is a fresh copy with only the fields the contract names. An input that cannot be read
 * (reading it throws) is refused with one `invalid` issue.
 *
 * A checker compiled from the same zod schema (`fast-validate.ts`) answers first; only a question it does not
 * accept goes through zod, which then gives the issues. Same data either way.
 *
 * @example
 * validateQuestion({ question: 'recording', consentToRecord: true, relevant: true }).ok; // true
 */
export function validateQuestion(input: unknown): Validated<Question> {
  let read: Read;
  try {
    read = readQuestion(input);
  } catch {
    // Reading the input threw (a getter, a revoked Proxy): the input's problem, refused and never decided; the
    // caller's error is not passed on as if it were ours. Only the input is read in here, so a deployment error
    // (zod unavailable, a bundle without the schemas) is still thrown from below, as documented.
    return { ok: false, issues: [unreadableIssue()] };
  }
  if (!('data' in read)) return read;
  const { kind, fast, data } = read;
  // Only here is zod needed (loaded on first use): for the issues, or where the fast path is not compiled.
  let schemas: ZodSchemasModule;
  try {
    schemas = zodSchemas();
  } catch (e) {
    // zod cannot be loaded here (see ZodUnavailableError). The fast checker refused the question, so it is not
    // valid; only why cannot be said. Where there is no fast checker, nothing can be checked: the error.
    if (fast && e instanceof ZodUnavailableError) return { ok: false, issues: [issue('invalid', [])] };
    throw e;
  }
  const r = schemas.questionSchemas[kind].safeParse(data);
  // zod's data is built from plain objects, which read a polluted Object.prototype where an optional field is
  // absent: decided from a copy without prototypes (the fast checker's copy sets every optional field instead).
  if (r.success) return { ok: true, value: ownData(r.data) as Question };
  return { ok: false, issues: fromZodIssues(r.error.issues, data) };
}

/** What reading a question gives: its result, or what zod is to check (the input's own data, read once). */
type Read = Validated<Question> | { kind: QuestionKind; fast: boolean; data: unknown };

/**
 * Everything {@link validateQuestion} reads of the input itself: the result where the kind is wrong or the fast
 * checker accepts the question, otherwise a copy of its own properties (as the fast checker reads them:
 * own-data.ts) for zod. May throw where the input cannot be read.
 */
function readQuestion(input: unknown): Read {
  if (!isPlainObject(input)) return { ok: false, issues: [issue('invalid-type', [], { expected: 'object' })] };
  // Only own properties count: an inherited `question` is not given.
  const kind = Object.hasOwn(input, 'question') ? input.question : undefined;
  if (kind === undefined) return { ok: false, issues: [issue('required', ['question'])] };
  if (typeof kind !== 'string' || !KINDS.has(kind))
    return { ok: false, issues: [issue('unknown-question', ['question'], { options: QUESTION_KINDS })] };
  const fast = fastChecker(kind as QuestionKind);
  if (fast) {
    const value = fast(input);
    if (value !== null) return { ok: true, value };
  }
  return { kind: kind as QuestionKind, fast: fast !== null, data: ownData(input) };
}
