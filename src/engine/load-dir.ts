import type { Dirent } from 'node:fs';
import { kindOfValue, RuleLoadError, type RuleProblem } from '../decision/errors.js';
import { nodeFiles } from './builtin.js';
import { createPolicy, type Policy, type PolicyOptions } from './policy.js';
import type { RuleBundle, RuleFile } from './rule-schema.js';
import { parseRulesJson } from './strict-json.js';

/** " (ENOENT)": the system's code for why a file or folder could not be read, never its path ("" for none). */
export const errno = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? ` (${code})` : '';
};

/** A file of the folder parsed, or `undefined` with its problem added to `problems`. */
function readJson(dir: string, file: string, problems: RuleProblem[]): unknown {
  let text: string;
  try {
    const { fs, path } = nodeFiles();
    text = fs.readFileSync(path.join(dir, file), 'utf8');
  } catch (e) {
    problems.push({ code: 'unreadable', file, message: `cannot be read${errno(e)}` });
    return undefined;
  }
  const r = parseRulesJson(text);
  if (r.ok) return r.value;
  problems.push({ code: 'invalid-json', file, message: r.message });
  return undefined;
}

/** Where a rules file may be: `<section>/<question>.rules.json`, one folder down. */
const RULES_FILE = /\.rules?\.json$/i;

/**
 * Rules files a folder holds where they would not be read (at the top, two folders down, or named `.rule.json`):
 * each is a problem, since its rules would otherwise be left out without a word.
 */
function strayRuleFiles(dir: string, problems: RuleProblem[]): void {
  const { fs, path } = nodeFiles();
  const walk = (rel: string, depth: number) => {
    const entries = fs
      .readdirSync(path.join(dir, rel), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const file = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(file, depth + 1);
      } else if (RULES_FILE.test(e.name) && !(depth === 1 && e.name.endsWith('.rules.json')))
        problems.push({
          code: 'misplaced-file',
          file,
          message: 'is not read: rules files are <section folder>/<question>.rules.json, one folder down',
        });
    }
  };
  walk('', 0);
}

/**
 * Reads a rules folder laid out like this package's `rules/`: `policy.json`, `clauses.json`, `codes.json`,
 * `questions.json`, and `<section>/<question>.rules.json` files. Every file that cannot be read, is not JSON (with
 * its line and column), has a key twice in one object, or is a rules file where it would not be read is listed
 * in one {@link RuleLoadError} (the rules themselves are checked once every file parses).
 *
 * @param dir The rules folder's path.
 * @returns The {@link RuleBundle} to give {@link createPolicy}, unchecked beyond its files being JSON.
 * @throws {@link RuleLoadError} (`code` `invalid-rules`) listing every file that cannot be read (`unreadable`), is
 *   not JSON or has a key twice (`invalid-json`), or is a rules file where it would not be read (`misplaced-file`).
 * @example
 * import { readRulesFolder } from 'upsu-confidentiality-policy';
 * const bundle = readRulesFolder('./rules');
 * bundle.ruleFiles.map((f) => f.file); // ['0-preamble/disclosure.rules.json', …]
 * @see P1
 */
export function readRulesFolder(dir: string): RuleBundle {
  const problems: RuleProblem[] = [];
  const ruleFiles: RuleFile[] = [];
  const { fs, path } = nodeFiles();
  let entries: Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    // `file` is relative to the folder, as every other problem's is; the message names the folder as it was given
    // when it is a path. Anything else (a question or a bundle passed by mistake) is named by its type only: its
    // contents may be personal data, and are never repeated.
    const given = dir as unknown;
    const folder =
      typeof given === 'string'
        ? `the rules folder ${JSON.stringify(given)}`
        : `the rules folder (given as ${kindOfValue(given)}, not a path)`;
    throw new RuleLoadError([{ code: 'unreadable', file: '.', message: `${folder} cannot be read${errno(e)}` }]);
  }
  const dirs = entries
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const sub of dirs)
    for (const f of fs
      .readdirSync(path.join(dir, sub))
      .filter((f) => f.endsWith('.rules.json'))
      .sort())
      ruleFiles.push({
        file: `${sub}/${f}`,
        question: f.slice(0, -'.rules.json'.length),
        rules: readJson(dir, `${sub}/${f}`, problems) as RuleFile['rules'],
      });
  const bundle: RuleBundle = {
    policy: readJson(dir, 'policy.json', problems) as RuleBundle['policy'],
    clauses: readJson(dir, 'clauses.json', problems) as RuleBundle['clauses'],
    codes: readJson(dir, 'codes.json', problems) as RuleBundle['codes'],
    questions: readJson(dir, 'questions.json', problems) as RuleBundle['questions'],
    ruleFiles,
  };
  strayRuleFiles(dir, problems);
  if (problems.length) throw new RuleLoadError(problems);
  return bundle;
}

/**
 * Loads and compiles a rules folder: for an advice service that has copied `rules/` and adapted it to its own
 * policy. Throws {@link RuleLoadError} listing every problem, each with its file and rule.
 *
 * @param dir The rules folder's path, laid out as {@link readRulesFolder} reads it.
 * @param options `settings` to use over those of the folder's `policy.json`, as for {@link createPolicy}.
 * @returns The compiled {@link Policy}.
 * @throws {@link RuleLoadError} (`code` `invalid-rules`) listing every problem of the folder's files and rules, each
 *   a {@link RuleProblem} with its {@link RuleProblemCode}, file and rule.
 * @throws {@link ZodUnavailableError} (`code` `zod-unavailable`) when zod, which checks the formats of the folder's files, fails to load.
 * @example
 * import { loadPolicy } from 'upsu-confidentiality-policy';
 * const mine = loadPolicy('./rules');
 * mine.evaluate({ question: 'contact', channel: 'email', situation: 'direct' }).outcome; // 'permit'
 * @see P1
 */
export function loadPolicy(dir: string, options: PolicyOptions = {}): Policy {
  return createPolicy(readRulesFolder(dir), options);
}
