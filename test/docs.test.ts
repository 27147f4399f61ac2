// The generated policy book: every clause with its text, the breach chain as Mermaid, the disclosure decision
// table from the real rules, working links, determinism, and the committed docs/ not stale.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/decision/default-policy.js';
import { withArticle } from '../src/docs/chain.js';
import { chainSvg } from '../src/docs/chain-svg.js';
import { readCondition } from '../src/docs/conditions.js';
import { generateDocs, readScenarios } from '../src/docs/generate.js';
import { clauseTextForHtml, esc } from '../src/docs/html.js';
import { ROLE_LABELS } from '../src/docs/labels.js';
import { buildModel, type ChainModel } from '../src/docs/model.js';
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

  it('draws the breach chain: an SVG in HTML and as a file, Mermaid in Markdown, and a list', () => {
    const md = read('5-breaches-of-confidentiality.md');
    expect(md).toMatch(/```mermaid\nflowchart TD\n/);
    expect(md).toContain('raises immediately with (5.4.1)');
    expect(md).toContain('](breach-chain.svg)');
    const html = read('index.html');
    expect(html).toContain('<pre class="mermaid">flowchart TD');
    expect(html).toMatch(/<ol class="chain">[\s\S]*Advice Service Lead[\s\S]*final[\s\S]*<\/ol>/);
    const section = html.slice(html.indexOf('<section id="breach-chain"'), html.indexOf('<ol class="chain">'));
    expect(section).toMatch(
      /<svg [^>]*class="chain-svg"[^>]*role="img" aria-labelledby="chain-svg-title" aria-describedby="chain-svg-desc">/,
    );
    expect(files).toContain('breach-chain.svg');
    const file = read('breach-chain.svg');
    expect(file.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!-- generated')).toBe(true);
    expect(file).toContain('<style>');
  });

  it('draws the chain the code decides, whatever it is (raisers, deciders), with no boxes overlapping', () => {
    const rects = (svg: string) =>
      [
        ...svg.matchAll(/<rect class="chain-node[^"]*" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g),
      ].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]);
    const chains: ChainModel[] = [
      buildModel(defaultPolicy(), readScenarios(join(ROOT, 'rules'))).chain,
      { raises: [{ raiser: 'adviser', with: 'dpo' }], deciders: [{ raiser: 'adviser', may: ['dpo'] }] },
      {
        raises: [
          { raiser: 'adviser', with: 'advice-lead' },
          { raiser: 'advice-lead', with: 'advice-manager' },
          { raiser: 'advice-manager', with: 'chief-executive' },
        ],
        deciders: [
          { raiser: 'adviser', may: ['advice-lead', 'advice-manager'] },
          { raiser: 'advice-lead', may: ['advice-manager'] },
          { raiser: 'advice-manager', may: ['chief-executive', 'senior-management'] },
        ],
      },
    ];
    for (const chain of chains) {
      const svg = chainSvg(chain);
      const [, , , width, height] = (svg.match(/viewBox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"/) ?? []).map(Number);
      const boxes = rects(svg);
      // Start, one box per raiser, the discussion, who decides, three outcomes and authorised (+ the diamond).
      expect(boxes).toHaveLength(chain.raises.length + 7);
      for (const [x, y, w, h] of boxes) {
        expect(x >= 0 && y >= 0 && x + w <= (width as number) && y + h <= (height as number)).toBe(true);
      }
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1))
          expect(a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]).toBe(false);
      const text = svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      const l = (role: string) => ROLE_LABELS[role] as string;
      for (const r of chain.raises)
        expect(text).toContain(`${l(r.raiser)} raises it immediately with the ${l(r.with)} (5.4.1)`);
      for (const d of chain.deciders)
        expect(text).toContain(`For the ${l(d.raiser)}: ${d.may.map(l).join(', ')} may decide (5.5.2).`);
      expect(chainSvg(chain)).toBe(svg);
    }
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
    // The rules folder has scenario tables: none read is a fault, not a reason to check nothing.
    expect(scenarios.length).toBeGreaterThan(200);
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

describe('a role label with its article, as an adapted book names its roles', () => {
  it.each([
    ['Adviser', 'an Adviser'],
    ['Caseworker', 'a Caseworker'],
    ['Advice Service Lead', 'an Advice Service Lead'],
    ['Union adviser', 'a Union adviser'],
    ['University adviser', 'a University adviser'],
    ['user-facing adviser', 'a user-facing adviser'],
    ['Unpaid adviser', 'an Unpaid adviser'],
    ['Honorary adviser', 'an Honorary adviser'],
    ['Housing adviser', 'a Housing adviser'],
    ['SU adviser', 'an SU adviser'],
    ['UPSU adviser', 'a UPSU adviser'],
    ['DPO', 'a DPO'],
    ['MP caseworker', 'an MP caseworker'],
    ['European adviser', 'a European adviser'],
    ['one-stop adviser', 'a one-stop adviser'],
    ['Officer', 'an Officer'],
    // A single letter is read as its name, as an initialism is.
    ['X-ray technician', 'an X-ray technician'],
    ['S.U. adviser', 'an S.U. adviser'],
    ['U-turn adviser', 'a U-turn adviser'],
    ['e-learning adviser', 'an e-learning adviser'],
    // A number as it is said.
    ['8-hour adviser', 'an 8-hour adviser'],
    ['11-month adviser', 'an 11-month adviser'],
    ['18-month adviser', 'an 18-month adviser'],
    ['110 adviser', 'a 110 adviser'],
    ['1st-line adviser', 'a 1st-line adviser'],
    // Accents aside; after a quote or a bracket; "un-" before "in" or "im" is not "uni-".
    ['Éducateur', 'an Éducateur'],
    ['"Independent" adviser', 'an "Independent" adviser'],
    ['(Senior) adviser', 'a (Senior) adviser'],
    ['Uninvolved adviser', 'an Uninvolved adviser'],
    ['Unimpeachable adviser', 'an Unimpeachable adviser'],
    ['Unified adviser', 'a Unified adviser'],
    // Another script: no sound to read, "a".
    ['Консультант', 'a Консультант'],
  ])('%s → %s', (label, expected) => {
    expect(withArticle(label)).toBe(expected);
  });
});

describe('rule conditions read as a reader would say them', () => {
  const facts = {
    inTeam: {
      description: 'the recipient is in the Advice team (an adviser or the Advice Service Lead)',
      type: 'boolean',
    },
    ready: { description: 'they were trained at induction, or are known not to be a new starter', type: 'boolean' },
  } as never;
  const read = (fact: string, value: boolean) =>
    readCondition({ all: [{ fact, operator: 'equal', value }] } as never, facts);

  it('a false boolean fact is negated in its verb', () => {
    expect(read('inTeam', false)).toBe(
      'the recipient is not in the Advice team (an adviser or the Advice Service Lead)',
    );
  });

  it('a false boolean fact whose description joins two things is negated whole, never in part', () => {
    // Before, "not" went into the first verb: "… or are not known not to be a new starter", the rule's opposite.
    expect(read('ready', false)).toBe('NOT (they were trained at induction, or are known not to be a new starter)');
    expect(read('ready', true)).toBe('they were trained at induction, or are known not to be a new starter');
  });
});

describe('a policy whose settings change a period (retentionYears, reviewIntervalYears)', () => {
  it('is described with its own periods, never the bundled one year', async () => {
    const { createPolicy } = await import('../src/index.js');
    const rulesOf = (policy: ReturnType<typeof createPolicy>) =>
      buildModel(policy, []).questions.flatMap((q) =>
        [...q.deciding, ...q.modifiers].map((r) => `${r.reads} ${r.sets.map((s) => s[1]).join(' ')}`),
      );
    const six = rulesOf(createPolicy(bundledRules, { settings: { retentionYears: 6, reviewIntervalYears: 2 } })).join(
      '\n',
    );
    expect(six).toContain('6 calendar years after the degree was completed');
    expect(six).toContain('2 calendar years after the last review');
    expect(six).not.toContain('one calendar year');
    const bundled = rulesOf(defaultPolicy()).join('\n');
    expect(bundled).toContain('one calendar year after the degree was completed');
    expect(bundled).toContain('one calendar year after the last review');
  });
});
