#!/usr/bin/env node
// The last step of `npm run build`: loads a rules folder (rules/ unless one is named) with the library just built,
// as `loadPolicy` does for a caller, so that a build of a folder whose rules do not load fails here, with every
// problem on its own line, instead of at the first decision of whoever uses the build. scripts/bundle-rules.mjs
// before it only reads the folder's JSON.
//
//   node scripts/check-rules.mjs [DIR]    exit 0 when the folder loads; 1, one line a problem, when it does not
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? fileURLToPath(new URL('../rules/', import.meta.url));
const { loadPolicy, RuleLoadError } = await import('../dist/index.js');
try {
  loadPolicy(dir);
} catch (e) {
  if (!(e instanceof RuleLoadError)) throw e;
  // The problems' own words (they name files, rules and codes of the folder, never a question's values), with
  // control and format characters (bidi overrides among them) shown as U+FFFD, not obeyed by the terminal.
  const line = (s) => s.replace(/[\p{Cc}\p{Cf}]/gu, '\ufffd');
  process.stderr.write(
    `check-rules: the rules in ${line(dir)} do not load (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}):\n`,
  );
  for (const p of e.problems)
    process.stderr.write(`  ${line(`${p.code} at ${p.file}${p.rule ? ` [${p.rule}]` : ''}: ${p.message}`)}\n`);
  process.exit(1);
}
