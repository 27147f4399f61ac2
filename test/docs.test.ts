// The generated policy book: every clause with its text, the breach chain as Mermaid, the disclosure decision
// table from the real rules, working links, determinism, and the committed docs/ not stale.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocs, readScenarios } from '../src/docs/generate.js';
import { clauseTextForHtml, esc } from '../src/docs/html.js';
import { bundledRules } from '../src/generated/rules.js';
import { evaluate } from '../src/index.js';

const ROOT = new URL('..', import.meta.url).pathname;
const COMMITTED = join(ROOT, 'docs');
const clauses = bundledRules.clauses.clauses;

let out: string;
let files: string[];
const read = (f: string) => readFileSync(join(out, f), 'utf8');

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'upsu-docs-'));
  files = (await generateDocs({ outDir: out })).files;
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('generated docs', () => {
  it('writes index.html, README.md, one Markdown file per section and the browser bundle', () => {
    expect(files).toContain('index.html');
    expect(files).toContain('README.md');
    expect(files).toContain('upsu-policy.global.js');
    for (const s of bundledRules.clauses.sections)
      expect(files.some((f) => f.startsWith(`${s.id}-`) && f.endsWith('.md'))).toBe(true);
    expect(read('index.html').split('\n')[0]).toMatch(/generated/);
    for (const f of files.filter((x) => x.endsWith('.md'))) expect(read(f).split('\n')[0]).toMatch(/generated/);
  });

  it('has all 44 clauses, each an anchor with its full text, in HTML and in Markdown', () => {
    expect(clauses).toHaveLength(44);
    const html = read('index.html');
    const md = files
      .filter((f) => f.endsWith('.md'))
      .map(read)
      .join('\n');
    for (const c of clauses) {
      expect(html).toContain(`id="clause-${c.id}"`);
      expect(html).toContain(esc(clauseTextForHtml(c.text)));
      expect(md).toContain(`<a id="clause-${c.id}"></a>${c.id}`);
      expect(md).toContain(`> ${c.text}`);
    }
  });

  it('shows the clauses software does not decide, with the reason', () => {
    const html = read('index.html');
    for (const c of clauses.filter((x) => !x.decidable)) {
      expect(c.notDecidableReason).toBeTruthy();
      expect(html).toContain(esc(c.notDecidableReason ?? ''));
    }
  });

  it('shows each advisory at its clause', () => {
    const html = read('index.html');
    for (const [code, a] of Object.entries(bundledRules.codes.advisories)) {
      const article = html.slice(html.indexOf(`id="clause-${a.clause}"`));
      expect(article.slice(0, article.indexOf('</article>'))).toContain(`Advisory <code>${code}</code>`);
    }
  });

  it('draws the breach chain as Mermaid in Markdown and as <pre class="mermaid"> plus a list in HTML', () => {
    const md = read('5-breaches-of-confidentiality.md');
    expect(md).toMatch(/```mermaid\nflowchart TD\n/);
    expect(md).toContain('raises immediately with (5.4.1)');
    const html = read('index.html');
    expect(html).toContain('<pre class="mermaid">flowchart TD');
    expect(html).toMatch(/<ol class="chain">[\s\S]*Advice Service Lead[\s\S]*final[\s\S]*<\/ol>/);
  });

  it('has the disclosure decision table, and its cells are what the rules decide', () => {
    const md = read('README.md');
    expect(md).toContain('## <a id="decision-table"></a>Decision table: disclosure');
    const row = md
      .split('\n')
      .find((l) => l.startsWith('| University staff (university-staff) | case record (identifiable) |'));
    expect(row).toBeDefined();
    const d = evaluate({
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'university-staff' },
      information: { kind: 'case-record', identifiable: true },
    });
    expect(row?.split(' | ')[2]).toContain(`**${d.outcome}**`);
    for (const c of d.clauses) expect(row?.split(' | ')[2]).toContain(`[${c}]`);
    expect(read('index.html')).toContain('id="decision-table-grid"');
  });

  it('has a coverage row for every clause', () => {
    const md = read('README.md');
    const coverage = md.slice(md.indexOf('<a id="coverage"></a>'));
    for (const c of clauses) expect(coverage).toContain(`| [${c.id}](`);
  });

  it('links only to anchors that exist', () => {
    const html = read('index.html').replace(/<script>[\s\S]*?<\/script>/g, '');
    const idList = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    const ids = new Set(idList);
    expect(idList.length, 'duplicate ids in index.html').toBe(ids.size);
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids, `#${target}`).toContain(target);
    const anchors = new Map<string, Set<string>>();
    for (const f of files.filter((x) => x.endsWith('.md')))
      anchors.set(f, new Set([...read(f).matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1] as string)));
    for (const f of anchors.keys())
      for (const [, file, anchor] of read(f).matchAll(/\]\(([^)#]*)#([^)]+)\)/g)) {
        const target = file || f;
        expect(anchors.get(target as string), `${f} → ${file}#${anchor}`).toBeDefined();
        expect(anchors.get(target as string)?.has(anchor as string), `${f} → ${file}#${anchor}`).toBe(true);
      }
  });

  it('takes worked examples from the scenario tables, with their decisions linked to clauses', () => {
    const scenarios = readScenarios(join(ROOT, 'rules'));
    const md = files
      .filter((f) => f.endsWith('.md'))
      .map(read)
      .join('\n');
    if (scenarios.length === 0) return;
    const shown = scenarios.filter((s) => md.includes(`- *${s.name}*`));
    expect(shown.length).toBeGreaterThan(0);
    expect(md).toMatch(/- \*[^*]+\* \(`[a-z-]+`[^)]*\)[^→]*→ (\*\*[a-z-]+\*\* · clauses \[|not decided)/);
  });

  it('is deterministic: generating twice gives the same bytes', async () => {
    const again = mkdtempSync(join(tmpdir(), 'upsu-docs-'));
    try {
      await generateDocs({ outDir: again });
      for (const f of files) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('the committed docs/ is up to date (else run `npm run docs` and commit docs/)', () => {
    expect(existsSync(COMMITTED), 'docs/ is missing: run `npm run docs`').toBe(true);
    const committed = readdirSync(COMMITTED)
      .filter((f) => f !== 'api' && statSync(join(COMMITTED, f)).isFile())
      .sort();
    expect(committed).toEqual(files);
    const stale = files.filter((f) => !readFileSync(join(COMMITTED, f)).equals(readFileSync(join(out, f))));
    expect(stale, 'stale files in docs/: run `npm run docs` and commit docs/').toEqual([]);
  });
});
