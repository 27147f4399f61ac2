import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { loadPolicy } from '../engine/load-dir.js';
import { packageRoot } from '../engine/package-root.js';
import type { Policy } from '../engine/policy.js';
import { loadScenarios, problemText, runScenariosSync, type ScenarioFile } from '../scenarios/run.js';
import { CHAIN_SVG_FILE, chainSvg } from './chain-svg.js';
import { BUNDLE_FILE, renderHtml } from './html.js';
import { indexMarkdown, sectionMarkdown } from './markdown.js';
import { buildModel, type ScenarioEntry } from './model.js';

export { packageRoot } from '../engine/package-root.js';

/**
 * Every valid scenario of every scenario table (`**\/*.cases.json`) under a rules folder, in path order, read
 * with the scenario runner's own loader ({@link loadScenarios}). A folder with none gives `[]`; malformed
 * tables and scenarios are left out here (the scenario tests report them).
 *
 * @example
 * readScenarios('./rules').length; // every valid scenario of every table
 * @see P1
 */
export function readScenarios(rulesDir: string): ScenarioEntry[] {
  return entriesOf(loadScenarios([rulesDir]));
}

function entriesOf(files: readonly ScenarioFile[]): ScenarioEntry[] {
  return files.flatMap((f) =>
    f.scenarios.map((s) => ({
      file: f.file.split(sep).join('/'),
      name: s.name,
      ...(s.rule !== undefined ? { rule: s.rule } : {}),
      ...(s.fires !== undefined ? { fires: s.fires } : {}),
      question: s.question,
    })),
  );
}

/**
 * The book shows the scenarios as worked examples ("rule X fires"), so they must hold: thrown by
 * {@link generateDocs}, before anything is written, when a scenario file is not valid or a scenario fails
 * against the rules documented.
 *
 * @example
 * try {
 *   await generateDocs({ outDir: 'site', rulesDir: './my-rules' });
 * } catch (e) {
 *   if (e instanceof ScenarioProblemsError) console.error(e.problems.join('\n'));
 * }
 * @see P1
 */
export class ScenarioProblemsError extends Error {
  override readonly name = 'ScenarioProblemsError';
  constructor(readonly problems: readonly string[]) {
    super(
      `the scenarios the book shows as worked examples do not all hold (${problems.length} problem${problems.length === 1 ? '' : 's'}; upsu-policy test --rules DIR lists them):\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
}

/** Every scenario file's problems and every failing scenario, one line each. */
function scenarioProblems(policy: Policy, files: readonly ScenarioFile[]): string[] {
  const out = files.flatMap((f) => f.problems.map((p) => problemText({ ...p, file: p.file.split(sep).join('/') })));
  for (const r of runScenariosSync(policy, files).results)
    if (!r.ok) out.push(`${r.file.split(sep).join('/')}: "${r.name}" fails: ${r.failures.join('; ')}`);
  return out;
}

/**
 * Writes the policy book into `outDir`: `index.html` (the whole book with the live checker), `README.md` and one
 * Markdown file per policy section, and the browser bundle the checker runs (`upsu-policy.global.js`, copied
 * from `dist/browser/`, so `npm run build` first). `rulesDir` defaults to the package's own `rules/`.
 * Deterministic: no timestamps, stable order; the same rules and scenarios give the same bytes.
 *
 * @example
 * import { generateDocs } from './docs/generate.js';
 * const { files } = await generateDocs({ outDir: 'docs' });
 * files.includes('index.html'); // true
 * @see P1
 */
export async function generateDocs(opts: { outDir: string; rulesDir?: string }): Promise<{ files: string[] }> {
  const root = packageRoot();
  const rulesDir = resolve(opts.rulesDir ?? join(root, 'rules'));
  const bundlePath = join(root, 'dist', 'browser', BUNDLE_FILE);
  if (!existsSync(bundlePath))
    throw new Error(`the browser bundle ${bundlePath} is missing: run \`npm run build\` first`);
  const policy = loadPolicy(rulesDir);
  const scenarioFiles = loadScenarios([rulesDir]);
  const problems = scenarioProblems(policy, scenarioFiles);
  if (problems.length) throw new ScenarioProblemsError(problems);
  const model = buildModel(policy, entriesOf(scenarioFiles));
  const out = resolve(opts.outDir);
  mkdirSync(out, { recursive: true });
  const files: [string, string | Buffer][] = [
    ['index.html', renderHtml(model)],
    ['README.md', indexMarkdown(model)],
    ...model.sections.map((s) => [s.file, sectionMarkdown(model, s)] as [string, string]),
    [CHAIN_SVG_FILE, chainSvg(model.chain, { standalone: true })],
    [BUNDLE_FILE, readFileSync(bundlePath)],
  ];
  // Each file is a plain name inside the folder (the loader allows no `/` or `..` in a section id; checked here
  // too, before anything is written), and is written beside its place and renamed there: a symbolic link already
  // at `index.html` (a checkout's `docs/` may hold one) is replaced, never followed to overwrite what it names.
  for (const [name] of files)
    if (basename(name) !== name || name === '.' || name === '..' || name.includes('\\'))
      throw new Error(`the policy book would write ${JSON.stringify(name)}, which is not a file name in ${out}`);
  const temp = mkdtempSync(join(out, '.upsu-docs-'));
  try {
    for (const [name, content] of files) {
      writeFileSync(join(temp, name), content);
      renameSync(join(temp, name), join(out, name));
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return { files: files.map(([name]) => name).sort() };
}
