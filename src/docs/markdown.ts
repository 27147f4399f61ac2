import { printable } from '../audit/format.js';
import type { CodedNote, Decision } from '../decision/types.js';
import { articleFor, chainClauseNote, chainMermaid, chainSteps } from './chain.js';
import { CHAIN_SVG_FILE } from './chain-svg.js';
import { clauseTextForHtml, esc } from './html.js';
import { nextStepText, valueLabel } from './labels.js';
import {
  BOOK_HEADER,
  type ClauseDoc,
  type DocsModel,
  type ExampleDoc,
  linkClauseRefs,
  overriddenPhrase,
  READING_GUIDE,
  type RuleDoc,
  type SectionDoc,
  type TableCell,
  violationList,
} from './model.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Line breaks of any kind, which would end a list item, a quote or a table row (or start raw HTML after them). */
const BREAKS = /\r\n?|[\n\u2028\u2029]/g;

/** The characters {@link mdText} writes as character references: HTML's, and the brackets of links and images. */
const MD_REFS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '[': '&#91;',
  ']': '&#93;',
};

/**
 * Text from the rules folder or its scenarios (a clause, a rule's reason, a scenario's name…) as the Markdown book
 * shows it: as written, none of it read as Markdown or HTML. `<`, `>`, `&`, `[` and `]` become character
 * references (every Markdown reader decodes them, GitHub's, kramdown's on GitHub Pages, Python-Markdown's, and
 * none reads a tag or a link in them, also inside the text of a link of the book's own, where a backslash-escaped
 * bracket is not enough for every reader); the characters of emphasis and code (`* _ ~ \` \`) are
 * backslash-escaped; a line break is a space, and a control character (an escape sequence, to a terminal showing
 * the file) is U+FFFD. So a folder from someone else cannot put a `<script>`, an `<img onerror>` or a `javascript:`
 * link in a book that a Markdown renderer keeping raw HTML turns into a page.
 *
 * @example
 * mdText('Student_ID <b>'); // 'Student\\_ID &lt;b&gt;'
 * @see P1
 */
export function mdText(s: string): string {
  return printable(s.replace(BREAKS, ' '), true)
    .replace(/[\\`*_~]/g, '\\$&')
    .replace(/[&<>[\]]/g, (c) => MD_REFS[c] ?? c);
}

/**
 * A code span holding `s` as written: fenced with more backticks than any run of them in it (and a space inside
 * the fence where it starts or ends with one), so no name or path can close it early and be read as Markdown.
 *
 * @example
 * mdCode('rules/2-sharing/disclosure.rules.json'); // '`rules/2-sharing/disclosure.rules.json`'
 * mdCode('a`b'); // '``a`b``'
 * @see P1
 */
export function mdCode(s: string): string {
  const t = printable(s.replace(BREAKS, ' '), true);
  const fence = '`'.repeat(Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length)) + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** A link to a clause's anchor, relative to the Markdown file `from`. */
function link(m: DocsModel, id: string, from: string): string {
  const file = m.clauseFile.get(id);
  if (!file) return mdText(id);
  return `[${id}](${file === from ? '' : file}#clause-${id})`;
}

/** Prose with its clause references ("(P2, P3)") linked. */
const prose = (m: DocsModel, text: string, from: string) =>
  linkClauseRefs(text, m.clauseFile, mdText, (id) => link(m, id, from));

const links = (m: DocsModel, ids: readonly string[], from: string) => ids.map((c) => link(m, c, from)).join(', ');
const notes = (label: string, ns: readonly CodedNote[]) =>
  ns.length ? `${label} ${ns.map((n) => mdCode(n.code)).join(', ')}` : '';

function ruleLine(m: DocsModel, r: RuleDoc, from: string): string {
  const order = `[the order](${from === 'README.md' ? '' : 'README.md'}#order-${r.question})`;
  const where =
    r.kind === 'decide'
      ? `${mdCode(r.question)} · rule ${mdCode(r.name)} (priority ${r.priority} in ${order}, ${mdCode(`rules/${r.file}`)})`
      : `${mdCode(r.question)} · rule ${mdCode(r.name)} (${mdCode(`rules/${r.file}`)})`;
  if (r.kind === 'decide') {
    const extra = [
      notes('obligations', r.obligations),
      notes('remedies', r.remedies),
      notes('advisories', r.advisories),
      ...r.sets.map(([, phrase]) => mdText(phrase)),
      r.overriddenBy ? overriddenPhrase(r.overriddenBy) : '',
      r.description ? `*Note:* ${mdText(r.description.replace(/\.$/, ''))}` : '',
    ].filter(Boolean);
    return (
      `- ${where}: when ${mdText(r.reads)} → **${mdText(r.type)}** (${links(m, r.clauses, from)}). ${prose(m, r.text ?? '', from)}` +
      (extra.length ? `\n  ${extra.join('; ')}.` : '')
    );
  }
  const n = [...r.obligations, ...r.remedies, ...r.advisories][0];
  return `- ${where}: when ${mdText(r.reads)} → adds the ${r.kind} ${mdCode(n?.code ?? '')} (${links(m, r.clauses, from)}) to ${articleFor(r.when[0] ?? '')} **${r.when.map(mdText).join('** or **')}**.${r.sets.length ? ` It ${r.sets.map(([, phrase]) => mdText(phrase)).join(', ')}.` : ''}`;
}

/**
 * A decision in one line, each clause linked.
 *
 * @example
 * decisionLine(model, evaluate(q), 'README.md'); // '**deny** · clauses [P3](P-preamble.md#clause-P3) · …'
 * @see P3
 */
export function decisionLine(m: DocsModel, d: Decision, from: string): string {
  const parts = [`**${mdText(d.outcome)}**`, `clauses ${links(m, d.clauses, from)}`];
  if (d.obligations.length) parts.push(notes('obligations', d.obligations));
  if (d.remedies.length) parts.push(notes('remedies', d.remedies));
  if (d.advisories.length) parts.push(notes('advisories', d.advisories));
  if (d.escalateTo) parts.push(`escalate to ${mdText(valueLabel(d.escalateTo, m.roleLabels))}`);
  if (d.destroyAfter) parts.push(`destroy after ${mdText(d.destroyAfter)}`);
  if (d.nextStep) parts.push(`next: ${mdText(nextStepText(d.nextStep, m.roleLabels))}`);
  if (d.missing?.length) parts.push(`missing ${d.missing.map((x) => mdCode(String(x))).join(', ')}`);
  const violations = violationList(d);
  if (violations.length)
    parts.push(`violations ${violations.map((v) => `${mdCode(v.code)} (${link(m, v.clause, from)})`).join(', ')}`);
  return parts.join(' · ');
}

function exampleLines(m: DocsModel, e: ExampleDoc, from: string): string[] {
  const kind = String((e.question as { question?: unknown } | null)?.question ?? '?');
  const outranked = e.decidedBy
    ? `, but ${e.decidedBy.map(mdCode).join(' and ')} ranks above it and decides`
    : e.notAddedTo
      ? `, but adds nothing here: it applies only to ${articleFor(e.notAddedTo[0] ?? '')} **${e.notAddedTo.map(mdText).join('** or **')}**`
      : '';
  const about = e.rule ? `, rule ${mdCode(e.rule)} ${e.fires === false ? 'does not fire' : `fires${outranked}`}` : '';
  const asOf = e.asOfAssumed ? ` (asked as of ${e.asOfAssumed})` : '';
  const result = e.decision
    ? decisionLine(m, e.decision, from)
    : `not decided: the question does not validate (${(e.issues ?? []).map((i) => `${mdCode(i.code)} at ${mdCode(i.path.join('.') || '(root)')}`).join(', ')})`;
  return [
    `- *${mdText(e.name)}* (${mdCode(kind)}${about})${asOf} → ${result}`,
    '',
    `  <details><summary>Question (from <code>rules/${esc(printable(e.file))}</code>)</summary>`,
    '',
    '  ```json',
    ...JSON.stringify(e.question, null, 2)
      .split('\n')
      .map((l) => `  ${l}`),
    '  ```',
    '',
    '  </details>',
    '',
  ];
}

function clauseLines(m: DocsModel, c: ClauseDoc, from: string): string[] {
  const out = [`## <a id="clause-${c.id}"></a>${c.id}`, '', `> ${mdText(clauseTextForHtml(c.text))}`, ''];
  if (c.parent) out.push(`Part of ${link(m, c.parent, from)}.`, '');
  if (!c.decidable) out.push(`**Not decided by software.** ${mdText(c.notDecidableReason ?? '')}`, '');
  else if (c.notDecidedPart) out.push(`**Partly decided by software.** ${mdText(c.notDecidedPart)}`, '');
  for (const a of c.codes.filter((x) => x.kind === 'advisory'))
    out.push(
      `> [!NOTE]`,
      `> **Advisory ${mdCode(a.code)}** — ${prose(m, a.text, from)}${a.producedBy.length ? ` (added by ${a.producedBy.map((r) => mdCode(`${r.question}/${r.name}`)).join(', ')})` : ''}`,
      '',
    );
  out.push('### What the software does', '');
  const deciding = c.rules.filter((r) => r.kind === 'decide');
  const modifiers = c.rules.filter((r) => r.kind !== 'decide');
  if (!c.rules.length && !c.fallbackOf.length) out.push('No rule cites this clause.', '');
  for (const r of [...deciding, ...modifiers]) out.push(ruleLine(m, r, from));
  for (const q of c.fallbackOf)
    out.push(`- ${mdCode(q)}: when no rule applies, the cautious outcome cites this clause (fail closed).`);
  if (c.rules.length || c.fallbackOf.length) out.push('');
  const codes = c.codes.filter((x) => x.kind !== 'advisory');
  if (codes.length) {
    out.push('### Obligations and remedies from this clause', '');
    for (const x of codes)
      out.push(
        `- ${x.kind} ${mdCode(x.code)}: ${prose(m, x.text, from)}${x.producedBy.length ? ` (from ${x.producedBy.map((r) => mdCode(`${r.question}/${r.name}`)).join(', ')})` : ''}`,
      );
    out.push('');
  }
  if (c.examples.length) {
    out.push(
      `### Worked examples${c.scenarioCount > c.examples.length ? ` (${c.examples.length} of ${c.scenarioCount})` : ''}`,
      '',
    );
    for (const e of c.examples) out.push(...exampleLines(m, e, from));
  }
  return out;
}

/** The breach chain as a Mermaid block and the same chain as a list. */
function chainLines(m: DocsModel, from: string): string[] {
  const note = chainClauseNote(m.chainMissingClauses);
  return [
    '## <a id="breach-chain"></a>The breach-of-confidentiality chain (5.4–5.5)',
    '',
    ...(note ? [mdText(note), ''] : []),
    `![The breach-of-confidentiality chain, drawn: the same steps are listed below](${CHAIN_SVG_FILE})`,
    '',
    '<details><summary>The same chain as a Mermaid flowchart</summary>',
    '',
    '```mermaid',
    chainMermaid(m.chain),
    '```',
    '',
    '</details>',
    '',
    ...chainSteps(m.chain).map(
      (s, i) => `${i + 1}. ${mdText(s.text)}${s.clauses.length ? ` (${links(m, s.clauses, from)})` : ''}`,
    ),
    '',
  ];
}

/**
 * One section's Markdown file.
 *
 * @example
 * sectionMarkdown(model, model.sections[5]); // '<!-- generated … -->\n\n# 5. Breaches of Confidentiality …'
 * @see 5.4
 */
export function sectionMarkdown(m: DocsModel, s: SectionDoc): string {
  const title = s.id === 'P' ? s.title : `${s.id}. ${s.title}`;
  const out = [
    BOOK_HEADER,
    '',
    `# ${mdText(title)}`,
    '',
    `[${mdText(m.title)}](README.md) · version ${mdText(m.version)} · [all sections](README.md#sections) · [live checker](index.html)`,
    '',
  ];
  for (const c of s.clauses) {
    if (c.id === m.chainClause) out.push(...chainLines(m, s.file));
    out.push(...clauseLines(m, c, s.file));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * A decision table cell: the outcome, its clauses, and what the adviser must do on it (obligations) or could do
 * to change it (remedies) — a permit that carries an obligation (record the consent first, share only what the
 * Memorandum of Understanding agrees) is not a plain yes.
 */
function tableCell(m: DocsModel, c: TableCell): string {
  const parts = [`**${mdText(c.outcome)}** ${links(m, c.clauses, 'README.md')}`];
  if (c.obligations.length) parts.push(`obligations ${c.obligations.map(mdCode).join(', ')}`);
  if (c.remedies.length) parts.push(`remedies ${c.remedies.map(mdCode).join(', ')}`);
  return parts.join(' · ');
}

/**
 * `README.md`: contents, how each question is decided, the disclosure decision table and clause coverage.
 *
 * @example
 * indexMarkdown(model).includes('<a id="decision-table"></a>'); // true
 * @see P3
 */
export function indexMarkdown(m: DocsModel): string {
  const from = 'README.md';
  const out = [
    BOOK_HEADER,
    '',
    `# ${mdText(m.title)}`,
    '',
    `${mdText(m.organisation)}. Policy ${mdCode(m.id)} version ${mdText(m.version)}, rules ${mdCode(m.rulesHash)}.`,
    '',
    'This book is generated from the rules the library runs (`rules/`) and their scenario tables: for every',
    'clause, its text and what the software does with it. The same book, with a live checker that runs the',
    'library in the browser, is [index.html](index.html).',
    '',
    '## <a id="reading"></a>How to read this book',
    '',
    ...READING_GUIDE.map((t) => `- **${mdText(t.term)}**: ${mdText(t.text)}`),
    '',
    '## <a id="sections"></a>Sections',
    '',
    ...m.sections.map(
      (s) =>
        `- [${mdText(s.id === 'P' ? s.title : `${s.id}. ${s.title}`)}](${s.file}) — ${s.clauses.map((c) => link(m, c.id, from)).join(' ')}`,
    ),
    ...(m.chainClause
      ? [`- [The breach-of-confidentiality chain (5.4–5.5)](${m.clauseFile.get(m.chainClause)}#breach-chain)`]
      : []),
    '- [How each question is decided](#decision-order)',
    '- [Decision table: disclosure](#decision-table)',
    '- [Clause coverage](#coverage)',
    '',
    '## <a id="decision-order"></a>How each question is decided',
    '',
    'For each question the deciding rules are tried highest priority first; **the first that fires decides the',
    'outcome**, and other fired rules with the same outcome add their reasons. Obligation, remedy and advisory',
    'rules then add their notes to the outcomes they name. When no deciding rule fires, the question gets its',
    'most cautious outcome (fail closed).',
    '',
  ];
  for (const q of m.questions) {
    out.push(
      `### <a id="order-${q.kind}"></a>${mdCode(q.kind)} — ${mdText(q.title)}`,
      '',
      `Outcomes: ${q.outcomes.map(mdCode).join(', ')}. When no rule applies: **${mdText(q.cautious)}** (${links(m, q.fallbackClauses, from)}).`,
      '',
      '| Priority | Rule | When | Outcome | Clauses |',
      '| ---: | --- | --- | --- | --- |',
      ...q.deciding.map(
        (r) =>
          `| ${r.priority} | ${cell(mdCode(r.name))} | ${cell(mdText(r.reads))} | **${mdText(r.type)}** | ${links(m, r.clauses, from)} |`,
      ),
      '',
    );
    if (q.modifiers.length)
      out.push(
        '| Rule | When | Adds | To | Clause |',
        '| --- | --- | --- | --- | --- |',
        ...q.modifiers.map((r) => {
          const n = [...r.obligations, ...r.remedies, ...r.advisories][0];
          return `| ${cell(mdCode(r.name))} | ${cell(mdText(r.reads))} | ${r.kind} ${cell(mdCode(n?.code ?? ''))} | ${mdText(r.when.join(', '))} | ${links(m, r.clauses, from)} |`;
        }),
        '',
      );
    if (q.facts.length)
      out.push(
        `The facts its rules may read (a condition's \`fact\`; any other name does not load, \`unknown-fact\`):`,
        '',
        '| Fact | Type | Values | Means |',
        '| --- | --- | --- | --- |',
        ...q.facts.map(
          (f) =>
            `| ${cell(mdCode(f.name))} | ${mdText(f.type)} | ${cell(f.values.map(mdCode).join(', ') || '—')} | ${cell(mdText(f.description))} |`,
        ),
        '',
      );
  }
  out.push(
    '## <a id="decision-table"></a>Decision table: disclosure',
    '',
    'Every cell is the real rules evaluated on the question it describes (actor: an adviser; no purpose, breach',
    'or objection unless the row says so), not written by hand. A cell names the obligations that come with its',
    'outcome (what must be done when acting on it) and the remedies that would change a deny (what could be done',
    'instead); their texts are at their clauses.',
    '',
    `| Recipient | Information | ${m.table.consents.map((c) => cell(c.label)).join(' | ')} |`,
    `| --- | --- | ${m.table.consents.map(() => '---').join(' | ')} |`,
    ...m.table.rows.map(
      (r) =>
        `| ${cell(mdText(r.recipient))} | ${cell(mdText(r.information))} | ${r.cells.map((c) => tableCell(m, c)).join(' | ')} |`,
    ),
    '',
    '## <a id="coverage"></a>Clause coverage',
    '',
    `${m.scenarioTotal} scenarios in ${m.scenarioFiles.length} tables.`,
    '',
    '| Clause | Decided by software | Rules | Scenarios |',
    '| --- | --- | --- | --- |',
    ...m.sections.flatMap((s) =>
      s.clauses.map(
        (c) =>
          `| ${link(m, c.id, from)} | ${!c.decidable ? 'no' : c.notDecidedPart ? 'partly' : 'yes'} | ${cell(c.rules.map((r) => mdCode(`${r.question}/${r.name}`)).join(', ')) || (c.fallbackOf.length ? `fallback of ${c.fallbackOf.map(mdCode).join(', ')}` : '—')} | ${c.scenarioCount}${c.scenarioFiles.length ? ` (${cell(c.scenarioFiles.map(mdCode).join(', '))})` : ''} |`,
      ),
    ),
    '',
  );
  return `${out.join('\n').trimEnd()}\n`;
}
