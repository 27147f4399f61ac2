import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuleLoadError } from '../decision/errors.js';
import { createPolicy, type Policy, type PolicyOptions } from './policy.js';
import type { RuleBundle, RuleFile } from './rule-schema.js';

function readJson(dir: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new RuleLoadError([{ file, message: 'cannot be read' }]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RuleLoadError([{ file, message: 'is not valid JSON' }]);
  }
}

/**
 * Reads a rules folder laid out like this package's `rules/`: `policy.json`, `clauses.json`, `codes.json`,
 * `questions.json`, and `<section>/<question>.rules.json` files.
 *
 * @example
 * const bundle = readRulesFolder('./rules');
 * bundle.ruleFiles.map((f) => f.file); // ['0-preamble/disclosure.rules.json', …]
 * @see P1
 */
export function readRulesFolder(dir: string): RuleBundle {
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
        rules: readJson(dir, `${sub}/${f}`) as RuleFile['rules'],
      });
  return {
    policy: readJson(dir, 'policy.json') as RuleBundle['policy'],
    clauses: readJson(dir, 'clauses.json') as RuleBundle['clauses'],
    codes: readJson(dir, 'codes.json') as RuleBundle['codes'],
    questions: readJson(dir, 'questions.json') as RuleBundle['questions'],
    ruleFiles,
  };
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
