import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuleLoadError, type RuleProblem } from '../decision/errors.js';
import { createPolicy, type Policy, type PolicyOptions } from './policy.js';
import type { RuleBundle, RuleFile } from './rule-schema.js';

/** A file of the folder parsed, or `undefined` with its problem added to `problems`. */
function readJson(dir: string, file: string, problems: RuleProblem[]): unknown {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch {
    problems.push({ file, message: 'cannot be read' });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    problems.push({ file, message: 'is not valid JSON' });
    return undefined;
  }
}

/**
 * Reads a rules folder laid out like this package's `rules/`: `policy.json`, `clauses.json`, `codes.json`,
 * `questions.json`, and `<section>/<question>.rules.json` files. Every file that cannot be read or is not JSON
 * is listed in one {@link RuleLoadError} (the rules themselves are checked once every file parses).
 *
 * @example
 * const bundle = readRulesFolder('./rules');
 * bundle.ruleFiles.map((f) => f.file); // ['0-preamble/disclosure.rules.json', …]
 * @see P1
 */
export function readRulesFolder(dir: string): RuleBundle {
  const problems: RuleProblem[] = [];
  const ruleFiles: RuleFile[] = [];
  const dirs = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const sub of dirs)
    for (const f of readdirSync(join(dir, sub))
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
  if (problems.length) throw new RuleLoadError(problems);
  return bundle;
}

/**
 * Loads and compiles a rules folder: for an advice service that has copied `rules/` and adapted it to its own
 * policy. Throws {@link RuleLoadError} listing every problem, each with its file and rule.
 *
 * @example
 * import { loadPolicy } from 'upsu-confidentiality-policy';
 * const mine = loadPolicy('./rules');
 * mine.evaluate({ question: 'contact', channel: 'email', situation: 'direct' }).outcome; // 'permit'
 * @see P1
 */
export function loadPolicy(dir: string, options: PolicyOptions = {}): Policy {
  return createPolicy(readRulesFolder(dir), options);
}
