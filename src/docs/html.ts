import { createHash } from 'node:crypto';
import { printable } from '../audit/format.js';
import type { CodedNote, Decision } from '../decision/types.js';
import {
  BREACH_GROUNDS,
  CONSENT_METHODS,
  DEGREE_STATUSES,
  INFORMATION_KINDS,
  PURPOSES,
  ROLES,
} from '../facts/constants.js';
import { articleFor, chainClauseNote, chainMermaid, chainSteps } from './chain.js';
import { CHAIN_SVG_CSS, chainSvg } from './chain-svg.js';
import { CHECKER_SCRIPT } from './checker-script.js';
import { NEXT_STEP_PHRASES, nextStepText, VALUE_LABELS, valueLabel } from './labels.js';
import {
  BOOK_HEADER,
  type ClauseDoc,
  type DocsModel,
  type ExampleDoc,
  linkClauseRefs,
  overriddenPhrase,
  READING_GUIDE,
  type RuleDoc,
  violationList,
} from './model.js';
import { themeCss } from './theme.js';

/**
 * The name the browser bundle is copied to, next to index.html.
 *
 * @example
 * `<script src="${BUNDLE_FILE}"></script>`;
 * @see P1
 */
export const BUNDLE_FILE = 'upsu-policy.global.js';

/**
 * Escapes text for HTML content and attribute values. Control characters (but line breaks and tab) and the
 * bidirectional formatting characters (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) become U+FFFD, as in
 * the Markdown book and the command line's output: a rules folder's text with U+202E would show the rest of its line
 * in another order than it is read.
 *
 * @example
 * esc("clients' <details>"); // 'clients&#39; &lt;details&gt;'
 * esc('C-1 \u202egnidnif on'); // 'C-1 \ufffdgnidnif on'
 * @see P1
 */
export function esc(s: string): string {
  // A carriage return (a text written with CRLF line breaks) is a line break, as the HTML parser reads it.
  return printable(s.replace(/\r\n?/g, '\n'), true).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * JSON (or JavaScript whose strings are JSON's) as an inline script of the page holds it: `<`, DEL, the C1 control
 * characters (which `JSON.stringify` leaves as they are) and the bidirectional formatting characters are written as
 * `\\u` escapes, which only occur in its strings, so no text of a rules folder can end the script, and the page's
 * source shows no control character and no text in another order than it is read. The value is unchanged.
 *
 * @example
 * inScript(JSON.stringify({ t: '</script>' })); // '{"t":"\\u003c/script>"}'
 * @see P1
 */
export function inScript(json: string): string {
  return json.replace(
    /[<\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A clause's text as the HTML shows it: the source's empty Markdown link (`[x](#)`) becomes plain text.
 *
 * @example
 * clauseTextForHtml('as agreed in our [Memorandum of Understanding](#).'); // 'as agreed in our Memorandum of Understanding.'
 * @see P5
 */
export function clauseTextForHtml(text: string): string {
  // The link text holds no `[` either: with only `]` left out, a text of many `[` and no `]` took quadratic time
  // (100,000 of them: seconds, here and in the checker's copy of this in the page).
  return text.replace(/\[([^[\]]+)\]\(#\)/g, '$1');
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The book's Content-Security-Policy (a `<meta http-equiv>`, so it holds where the page is opened as a file): the
 * page runs only its own inline script (by its hash) and the browser bundle beside it, and loads and sends nothing
 * (`default-src 'none'`: no fetch, no form submission, no frame, no font, no image but the `data:` favicon). Should
 * a text of a rules folder ever get past the escaping as markup, no script of it runs and nothing leaves the page.
 * Styles may be inline (`'unsafe-inline'`): a style can fetch nothing here, and a reader's own text-spacing or
 * contrast stylesheet (WCAG 1.4.12), added to the page by a bookmarklet or a test, must still apply. Code generation
 * (`new Function`) is not allowed: the checker compiles the rules to closures instead (`canGenerate`), as under any
 * such policy. `file:` is listed beside `'self'` for browsers that do not count a file next to a `file://` page as
 * the page's own. Deterministic: the hash is of the page's own script, so the same rules give the same policy.
 *
 * @example
 * contentSecurityPolicy('var x = 1;').startsWith("default-src 'none'"); // true
 * @see P1
 */
export function contentSecurityPolicy(script: string): string {
  return `default-src 'none'; script-src 'self' file: ${sha256(script)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/** Escaped prose with its clause references linked. Set per render (the clause ids of the policy rendered). */
let prose: (text: string) => string = esc;

const a = (id: string) => `<a href="#clause-${esc(id)}">${esc(id)}</a>`;
const as = (ids: readonly string[]) => ids.map(a).join(', ');
const codes = (label: string, ns: readonly CodedNote[]) =>
  ns.length ? `${label} ${ns.map((n) => `<code>${esc(n.code)}</code>`).join(', ')}` : '';

function ruleItem(r: RuleDoc): string {
  const where = `<code>${esc(r.question)}</code> · rule <code>${esc(r.name)}</code> <span class="muted">(${r.kind === 'decide' ? `priority ${r.priority} in <a href="#question-${esc(r.question)}">the order</a>, ` : ''}rules/${esc(r.file)})</span>`;
  if (r.kind === 'decide') {
    const extra = [
      codes('obligations', r.obligations),
      codes('remedies', r.remedies),
      codes('advisories', r.advisories),
      ...r.sets.map(([, phrase]) => esc(phrase)),
      r.overriddenBy ? overriddenPhrase(r.overriddenBy) : '',
      r.description ? `<em>Note:</em> ${esc(r.description.replace(/\.$/, ''))}` : '',
    ].filter(Boolean);
    return `<li>${where}: when <span class="cond">${esc(r.reads)}</span> → <strong class="o o-${esc(r.type)}">${esc(r.type)}</strong> (${as(r.clauses)}). ${prose(r.text ?? '')}${extra.length ? `<br>${extra.join('; ')}.` : ''}</li>`;
  }
  const n = [...r.obligations, ...r.remedies, ...r.advisories][0];
  return `<li>${where}: when <span class="cond">${esc(r.reads)}</span> → adds the ${esc(r.kind)} <code>${esc(n?.code ?? '')}</code> (${as(r.clauses)}) to ${articleFor(r.when[0] ?? '')} ${r.when.map((w) => `<strong>${esc(w)}</strong>`).join(' or ')}.${r.sets.length ? ` It ${esc(r.sets.map(([, phrase]) => phrase).join(', '))}.` : ''}</li>`;
}

/** Role → label, as the book shows roles (the policy's: `DocsModel.roleLabels`). */
type Labels = Readonly<Record<string, string>>;

function decisionHtml(d: Decision, labels: Labels): string {
  const parts = [`<strong class="o o-${esc(d.outcome)}">${esc(d.outcome)}</strong>`, `clauses ${as(d.clauses)}`];
  if (d.obligations.length) parts.push(codes('obligations', d.obligations));
  if (d.remedies.length) parts.push(codes('remedies', d.remedies));
  if (d.advisories.length) parts.push(codes('advisories', d.advisories));
  if (d.escalateTo) parts.push(`escalate to ${esc(valueLabel(d.escalateTo, labels))}`);
  if (d.destroyAfter) parts.push(`destroy after ${esc(d.destroyAfter)}`);
  if (d.nextStep) parts.push(`next: ${esc(nextStepText(d.nextStep, labels))}`);
  if (d.missing?.length) parts.push(`missing ${d.missing.map((x) => `<code>${esc(String(x))}</code>`).join(', ')}`);
  const violations = violationList(d);
  if (violations.length)
    parts.push(`violations ${violations.map((v) => `<code>${esc(v.code)}</code> (${a(v.clause)})`).join(', ')}`);
  return parts.join(' · ');
}

function exampleItem(e: ExampleDoc, labels: Labels): string {
  const kind = String((e.question as { question?: unknown } | null)?.question ?? '?');
  const outranked = e.decidedBy
    ? `, but ${e.decidedBy.map((r) => `<code>${esc(r)}</code>`).join(' and ')} ranks above it and decides`
    : e.notAddedTo
      ? `, but adds nothing here: it applies only to ${articleFor(e.notAddedTo[0] ?? '')} ${e.notAddedTo.map((w) => `<strong>${esc(w)}</strong>`).join(' or ')}`
      : '';
  const about = e.rule
    ? `, rule <code>${esc(e.rule)}</code> ${e.fires === false ? 'does not fire' : `fires${outranked}`}`
    : '';
  const asOf = e.asOfAssumed ? ` <span class="muted">(asked as of ${esc(e.asOfAssumed)})</span>` : '';
  const result = e.decision
    ? decisionHtml(e.decision, labels)
    : `not decided: the question does not validate (${(e.issues ?? []).map((i) => `<code>${esc(i.code)}</code>`).join(', ')})`;
  return `<li><em>${esc(e.name)}</em> (<code>${esc(kind)}</code>${about})${asOf} → ${result}<details><summary>Question (rules/${esc(e.file)})</summary><pre><code>${esc(JSON.stringify(e.question, null, 2))}</code></pre></details></li>`;
}

const decidedWord = (c: ClauseDoc) => (!c.decidable ? 'no' : c.notDecidedPart ? 'partly' : 'yes');

function clauseHtml(c: ClauseDoc, labels: Labels): string {
  const out = [
    `<article class="clause${c.decidable ? '' : ' not-decidable'}" id="clause-${esc(c.id)}" aria-labelledby="h-${esc(c.id)}">`,
    `<h3 id="h-${esc(c.id)}"><a class="anchor" href="#clause-${esc(c.id)}">${esc(c.id)}</a></h3>`,
    `<blockquote class="clause-text">${esc(clauseTextForHtml(c.text))}</blockquote>`,
  ];
  if (c.parent) out.push(`<p class="muted">Part of ${a(c.parent)}.</p>`);
  if (!c.decidable)
    out.push(`<p class="notice"><strong>Not decided by software.</strong> ${esc(c.notDecidableReason ?? '')}</p>`);
  else if (c.notDecidedPart)
    out.push(`<p class="notice"><strong>Partly decided by software.</strong> ${esc(c.notDecidedPart)}</p>`);
  for (const x of c.codes.filter((k) => k.kind === 'advisory'))
    out.push(
      `<p class="advisory" role="note"><strong>Advisory <code>${esc(x.code)}</code>:</strong> ${prose(x.text)}${x.producedBy.length ? ` <span class="muted">(added by ${x.producedBy.map((r) => `<code>${esc(r.question)}/${esc(r.name)}</code>`).join(', ')})</span>` : ''}</p>`,
    );
  out.push('<h4>What the software does</h4>');
  if (!c.rules.length && !c.fallbackOf.length) out.push('<p>No rule cites this clause.</p>');
  else
    out.push(
      '<ul>',
      ...[...c.rules.filter((r) => r.kind === 'decide'), ...c.rules.filter((r) => r.kind !== 'decide')].map(ruleItem),
      ...c.fallbackOf.map(
        (q) =>
          `<li><code>${esc(q)}</code>: when no rule applies, the cautious outcome cites this clause (fail closed).</li>`,
      ),
      '</ul>',
    );
  const notes = c.codes.filter((k) => k.kind !== 'advisory');
  if (notes.length)
    out.push(
      '<h4>Obligations and remedies from this clause</h4><ul>',
      ...notes.map(
        (x) =>
          `<li>${esc(x.kind)} <code>${esc(x.code)}</code>: ${prose(x.text)}${x.producedBy.length ? ` <span class="muted">(from ${x.producedBy.map((r) => `<code>${esc(r.question)}/${esc(r.name)}</code>`).join(', ')})</span>` : ''}</li>`,
      ),
      '</ul>',
    );
  if (c.examples.length)
    out.push(
      `<h4>Worked examples${c.scenarioCount > c.examples.length ? ` (${c.examples.length} of ${c.scenarioCount})` : ''}</h4><ul class="examples">`,
      ...c.examples.map((e) => exampleItem(e, labels)),
      '</ul>',
    );
  out.push('</article>');
  return out.join('\n');
}

function chainHtml(m: DocsModel): string {
  const note = chainClauseNote(m.chainMissingClauses);
  return [
    '<section id="breach-chain" aria-labelledby="breach-chain-h">',
    '<h3 id="breach-chain-h">The breach-of-confidentiality chain (5.4–5.5)</h3>',
    ...(note ? [`<p>${esc(note)}</p>`] : []),
    '<p class="hint chain-narrow">The drawing scrolls sideways; the list under it has the same steps.</p>',
    `<div class="scroll" tabindex="0" role="region" aria-label="The breach chain, drawn">${chainSvg(m.chain)}</div>`,
    '<ol class="chain">',
    ...chainSteps(m.chain).map((s) => `<li>${esc(s.text)}${s.clauses.length ? ` (${as(s.clauses)})` : ''}</li>`),
    '</ol>',
    '<details><summary>The same chain as a Mermaid flowchart (source)</summary>',
    `<pre class="mermaid">${esc(chainMermaid(m.chain))}</pre>`,
    '</details>',
    '</section>',
  ].join('\n');
}

const option = (value: string, text: string, selected = false) =>
  `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(text)}</option>`;
const roleOptions = (labels: Labels, selected: string, first?: [string, string]) =>
  [
    ...(first ? [option(first[0], first[1], selected === first[0])] : []),
    ...ROLES.map((r) => option(r, labels[r] ?? r, r === selected)),
  ].join('');
const valueOptions = (values: readonly string[], selected: string, first?: [string, string]) =>
  [
    ...(first ? [option(first[0], first[1], selected === first[0])] : []),
    ...values.map((v) => option(v, VALUE_LABELS[v] ?? v, v === selected)),
  ].join('');
/**
 * An answer that means something only once another is given (`needs`: that control's id and label). The checker
 * switches it off until then (it reads `data-needs`), and the note under it, shown only while it is off, says which
 * answer to give first.
 */
type Needs = readonly [id: string, label: string];
const needsAttr = (needs?: Needs) => (needs ? ` data-needs="${esc(needs[0])}"` : '');
const offNote = (needs?: Needs) => (needs ? `<span class="hint when-off">Answer “${esc(needs[1])}” first.</span>` : '');
const select = (id: string, text: string, options: string, hint?: string, needs?: Needs) =>
  `<div class="field"><label for="${id}">${esc(text)}</label>${hint ? `<span class="hint" id="${id}-hint">${esc(hint)}</span>` : ''}<select id="${id}" name="${id}"${hint ? ` aria-describedby="${id}-hint"` : ''}${needsAttr(needs)}>${options}</select>${offNote(needs)}</div>`;
const checkbox = (id: string, text: string, on = false, needs?: Needs) =>
  `<div class="field check"><input type="checkbox" id="${id}" name="${id}"${on ? ' checked' : ''}${needsAttr(needs)}><label for="${id}">${esc(text)}${offNote(needs)}</label></div>`;
const dateInput = (id: string, text: string, hint: string) =>
  `<div class="field"><label for="${id}">${esc(text)}</label><span class="hint" id="${id}-hint">${esc(hint)}</span><input type="date" id="${id}" name="${id}" aria-describedby="${id}-hint"></div>`;

function checkerHtml(labels: Labels): string {
  return `<section id="checker" aria-labelledby="checker-h">
<h2 id="checker-h">Ask the policy</h2>
<p>These forms run the library itself in your browser (<code>${BUNDLE_FILE}</code>, built from the same source as the package). Nothing is sent anywhere. The decision updates as you change an answer.</p>
<div class="tool">
<h3 id="disclosure-h">May I disclose this?</h3>
<form id="disclosure-form" aria-labelledby="disclosure-h" novalidate>
<fieldset><legend>Who</legend>
${select('d-actor', 'Who wants to disclose', roleOptions(labels, 'adviser'))}
${select('d-recipient', 'Who would receive it', roleOptions(labels, 'third-party'))}
${checkbox('d-involved', 'The recipient has been involved in the case (e.g. attended appointments with the client)')}
${checkbox('d-appointed', 'The recipient was appointed by UPSU (e.g. a quality auditor)')}
</fieldset>
<fieldset><legend>What</legend>
${select('d-kind', 'The information', valueOptions(INFORMATION_KINDS, 'case-record'))}
${checkbox('d-identifiable', 'The information identifies the client', true)}
${select('d-purpose', 'The purpose', valueOptions(PURPOSES, '', ['', 'not given']))}
</fieldset>
<fieldset><legend>Consent</legend>
${select('d-consent', "The client's consent", valueOptions(CONSENT_METHODS, '', ['', 'none']), 'Only the signed Consent to Share or email count under 2.1.')}
${checkbox('d-recorded', 'The consent is recorded on the case record', false, ['d-consent', "The client's consent"])}
${checkbox('d-objects', 'The client has said not to share more with this member of UPSU staff (2.2)')}
</fieldset>
<fieldset><legend>Breach of confidentiality</legend>
${select('d-ground', 'Ground for breaching confidentiality', valueOptions(BREACH_GROUNDS, '', ['', 'no breach claimed']))}
${select('d-decided-by', 'Decision taken by', roleOptions(labels, '', ['', 'no decision yet']))}
${select('d-agreed', 'The decision', option('yes', 'agreed to breach') + option('no', 'did not agree'), undefined, ['d-decided-by', 'Decision taken by'])}
${checkbox('d-written', 'There is a written record of the decision', false, ['d-decided-by', 'Decision taken by'])}
</fieldset>
</form>
<p id="disclosure-status" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></p>
<div id="disclosure-result" class="result" role="region" aria-label="Disclosure decision"></div>
</div>
<div class="tool">
<h3 id="retention-h">Keep or destroy this case record?</h3>
<form id="retention-form" aria-labelledby="retention-h" novalidate>
${select('r-status', "The client's degree", valueOptions(DEGREE_STATUSES, 'completed'))}
${dateInput('r-completed', 'Degree completed on', 'Leave empty if not known.')}
${dateInput('r-asof', 'As of', 'Leave empty for today.')}
</form>
<p id="retention-status" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></p>
<div id="retention-result" class="result" role="region" aria-label="Retention decision"></div>
</div>
<div class="tool">
<h3 id="breach-h">Where does this breach-of-confidentiality case stand?</h3>
<form id="breach-form" aria-labelledby="breach-h" novalidate>
${select('b-raised-by', 'Raised by', roleOptions(labels, 'adviser'))}
${select('b-ground', 'Ground', valueOptions(BREACH_GROUNDS, 'harm'))}
${select('b-raised-with', 'First raised with', roleOptions(labels, '', ['', 'not raised yet']))}
${select('b-discussed', 'Discussion', option('', 'not yet') + option('recorded', 'held and recorded in the case notes') + option('not-recorded', 'held, not recorded'))}
${select('b-decided-by', 'Decision taken by', roleOptions(labels, '', ['', 'no decision yet']))}
${select('b-agreed', 'The decision', option('yes', 'agreed to breach') + option('no', 'did not agree'), undefined, ['b-decided-by', 'Decision taken by'])}
${checkbox('b-written', 'There is a written record of the decision', false, ['b-decided-by', 'Decision taken by'])}
${select('b-disclosed', 'Information disclosed', option('', 'no') + option('after', 'yes, after the decision') + option('before', 'yes, before the decision'))}
</form>
<p id="breach-status" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></p>
<div id="breach-result" class="result" role="region" aria-label="Breach decision"></div>
</div>
<div class="tool">
<h3 id="any-h">Any question, as JSON</h3>
<p>Every question kind, written as the package's <code>CONTRACT.md</code> describes (the forms above ask three of them). Start from an example, then edit it.</p>
<form id="any-form" aria-labelledby="any-h" novalidate>
${select(
  'a-example',
  'Start from an example',
  Object.keys(QUESTION_EXAMPLES)
    .map((k) => option(k, k))
    .join(''),
)}
<div class="field wide"><label for="a-json">The question (JSON)</label><textarea id="a-json" name="a-json" rows="9" spellcheck="false">${esc(JSON.stringify(QUESTION_EXAMPLES.disclosure, null, 2))}</textarea></div>
</form>
<p id="any-status" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></p>
<div id="any-result" class="result" role="region" aria-label="Decision"></div>
</div>
<noscript><p class="notice">The checker needs JavaScript; the policy book below does not.</p></noscript>
</section>`;
}

/** One example question of each kind, for the checker's JSON tool (the README's examples). */
const QUESTION_EXAMPLES: Readonly<Record<string, unknown>> = {
  disclosure: {
    question: 'disclosure',
    actor: { role: 'adviser' },
    recipient: { role: 'third-party', name: 'landlord' },
    information: { kind: 'case-record', identifiable: true },
    purpose: 'third-party-action',
    consent: { given: true, method: 'verbal', recorded: true },
  },
  access: { question: 'access', actor: { role: 'dpo' }, necessary: true },
  contact: { question: 'contact', channel: 'phone', situation: 'answered-by-other' },
  recording: { question: 'recording', consentToRecord: true, relevant: false },
  'statistics-release': {
    question: 'statistics-release',
    actor: { role: 'advice-lead' },
    recipient: { role: 'membership-body', name: 'NUS' },
    fields: ['issueCategory', 'month', 'count'],
    smallestCount: 3,
  },
  'subject-access': {
    question: 'subject-access',
    request: {
      inWriting: false,
      addressedTo: 'adviser',
      feePaid: false,
      identityVerified: true,
      receivedOn: '2026-11-02',
    },
    asOf: '2026-11-10',
  },
  retention: {
    question: 'retention',
    asOf: '2026-11-24',
    client: { degreeStatus: 'completed', degreeCompletedOn: '2025-06-30' },
  },
  breach: {
    question: 'breach',
    raisedBy: 'adviser',
    ground: 'harm',
    steps: [
      { step: 'raised', with: 'advice-lead' },
      { step: 'discussed', recordedInCaseNotes: true },
      { step: 'decided', by: 'advice-lead', agreed: true },
    ],
  },
  'policy-review': {
    question: 'policy-review',
    lastReviewedOn: '2026-03-01',
    agreedBy: ['advice-lead', 'senior-management'],
    asOf: '2026-11-24',
  },
  'staff-readiness': {
    question: 'staff-readiness',
    staff: { role: 'advice-support-staff' },
    receivedPolicyCopy: true,
    newStarter: true,
    trainedAtInduction: false,
  },
  storage: { question: 'storage', paper: { inLockedCabinet: true, keysOutOfPublicView: false } },
};

/**
 * The colour each outcome is shown in, in the checker's results and the book's rule lists: green where the caller
 * may go ahead, red where it may not (or must act: destroy), amber where it waits on someone.
 */
const OUTCOME_TONE: Readonly<Record<string, 'permit' | 'deny' | 'other'>> = {
  permit: 'permit',
  proceed: 'permit',
  retain: 'permit',
  authorised: 'permit',
  current: 'permit',
  ready: 'permit',
  compliant: 'permit',
  deny: 'deny',
  destroy: 'deny',
  refused: 'deny',
  'non-compliant': 'deny',
  overdue: 'deny',
  'not-ready': 'deny',
  escalate: 'other',
  review: 'other',
  pending: 'other',
  incomplete: 'other',
};
const toneCss = (tone: 'permit' | 'deny' | 'other') =>
  Object.keys(OUTCOME_TONE)
    .filter((o) => OUTCOME_TONE[o] === tone)
    .map((o) => `.outcome-${o} strong, .o-${o}`)
    .join(', ');

const CSS = `
${themeCss(':root')}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 0 1rem 4rem; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); overflow-wrap: break-word; }
a { color: var(--accent); }
a:focus, input:focus, select:focus, summary:focus, .scroll:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
header { border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.35rem; border-bottom: 1px solid var(--line); margin-top: 2.5rem; } h3 { font-size: 1.1rem; } h4 { font-size: 1rem; margin-bottom: .25rem; }
.muted, .hint { color: var(--muted); font-size: .9rem; }
code { font-size: .9em; overflow-wrap: anywhere; }
pre { overflow-x: auto; font-size: .85rem; }
.tool { border: 1px solid var(--line); border-radius: .5rem; padding: 0 1rem 1rem; margin: 1rem 0; }
form { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .5rem 1rem; }
fieldset { border: 1px solid var(--line); border-radius: .25rem; margin: 0; }
.field { margin: .4rem 0; display: flex; flex-direction: column; }
.field.check { flex-direction: row; align-items: flex-start; gap: .5rem; }
.field.check input { margin-top: .3rem; width: 1.1rem; height: 1.1rem; flex: none; }
select, input[type=date] { font: inherit; padding: .35rem; min-height: 2.5rem; width: 100%; max-width: 100%; }
textarea { font: .9rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: .35rem; width: 100%; max-width: 100%; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); }
textarea:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
.field.wide { grid-column: 1 / -1; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
.result { margin-top: 1rem; padding: .5rem 1rem; border-left: 4px solid var(--accent); background: color-mix(in srgb, var(--accent) 6%, transparent); }
.outcome { font-size: 1.2rem; margin: .5rem 0; }
${toneCss('permit')} { color: var(--permit); }
${toneCss('deny')}, .outcome-error { color: var(--deny); }
${toneCss('other')} { color: var(--other); }
[aria-invalid="true"] { border: 2px solid var(--deny); }
.field:has(> :disabled) > label, .field.check:has(> :disabled) label { color: var(--muted); }
.when-off { display: none; }
.field:has(> :disabled) .when-off { display: block; }
.chain-svg { max-width: 100%; height: auto; }
.chain-narrow { display: none; }
@media (max-width: 36rem) { .scroll .chain-svg { max-width: none; width: 34rem; } .chain-narrow { display: block; } }
.clause { border-top: 1px solid var(--line); padding-top: .25rem; }
.clause-text { margin: .5rem 0; padding-left: 1rem; border-left: 3px solid var(--line); }
.notice, .advisory { padding: .5rem .75rem; border-radius: .25rem; border: 1px solid var(--other); }
.cond { font-style: italic; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
nav ul { padding-left: 1.2rem; }
${CHAIN_SVG_CSS}`;

/**
 * The whole policy book as one accessible HTML page, with the live checker at the top. Deterministic: the
 * same model always gives the same bytes.
 *
 * @example
 * renderHtml(model).includes('id="clause-5.4.1"'); // true
 * @see P1
 */
export function renderHtml(m: DocsModel): string {
  prose = (t) => linkClauseRefs(t, m.clauseFile, esc, a);
  const prelude = inScript(
    `var ROLE_LABELS = ${JSON.stringify(m.roleLabels)};\nvar VALUE_LABELS = ${JSON.stringify(VALUE_LABELS)};\nvar NEXT_STEP_PHRASES = ${JSON.stringify(NEXT_STEP_PHRASES)};\nvar QUESTION_EXAMPLES = ${JSON.stringify(QUESTION_EXAMPLES)};\n`,
  );
  const b = m.policy.loaded.bundle;
  const rulesJson = inScript(
    JSON.stringify({
      policy: b.policy,
      clauses: b.clauses,
      codes: b.codes,
      questions: b.questions,
      ruleFiles: b.ruleFiles,
    }),
  );
  const sections = m.sections
    .map((s) =>
      [
        `<section id="section-${esc(s.id)}" aria-labelledby="section-${esc(s.id)}-h">`,
        `<h2 id="section-${esc(s.id)}-h">${esc(s.id === 'P' ? s.title : `${s.id}. ${s.title}`)}</h2>`,
        ...s.clauses.map((c) =>
          c.id === m.chainClause ? `${chainHtml(m)}\n${clauseHtml(c, m.roleLabels)}` : clauseHtml(c, m.roleLabels),
        ),
        '</section>',
      ].join('\n'),
    )
    .join('\n');
  const questions = m.questions
    .map(
      (q) => `<h3 id="question-${esc(q.kind)}"><code>${esc(q.kind)}</code> — ${esc(q.title)}</h3>
<p>Outcomes: ${q.outcomes.map((o) => `<code>${esc(o)}</code>`).join(', ')}. When no rule applies: <strong>${esc(q.cautious)}</strong> (${as(q.fallbackClauses)}).</p>
<div class="scroll" tabindex="0" role="region" aria-label="Rules of ${esc(q.kind)}"><table>
<thead><tr><th scope="col">Priority</th><th scope="col">Rule</th><th scope="col">When</th><th scope="col">Outcome or note</th><th scope="col">Clauses</th></tr></thead>
<tbody>
${[
  ...q.deciding.map(
    (r) =>
      `<tr><td>${r.priority}</td><td><code>${esc(r.name)}</code></td><td>${esc(r.reads)}</td><td><strong class="o o-${esc(r.type)}">${esc(r.type)}</strong></td><td>${as(r.clauses)}</td></tr>`,
  ),
  ...q.modifiers.map((r) => {
    const n = [...r.obligations, ...r.remedies, ...r.advisories][0];
    return `<tr><td>${r.priority}</td><td><code>${esc(r.name)}</code></td><td>${esc(r.reads)}</td><td>${esc(r.kind)} <code>${esc(n?.code ?? '')}</code> on ${esc(r.when.join(', '))}</td><td>${as(r.clauses)}</td></tr>`;
  }),
].join('\n')}
</tbody></table></div>${
        q.facts.length
          ? `
<div class="scroll" tabindex="0" role="region" aria-label="Facts the rules of ${esc(q.kind)} may read"><table>
<caption>Facts the rules of <code>${esc(q.kind)}</code> may read (a condition's <code>fact</code>; any other name does not load)</caption>
<thead><tr><th scope="col">Fact</th><th scope="col">Type</th><th scope="col">Values</th><th scope="col">Means</th></tr></thead>
<tbody>
${q.facts.map((f) => `<tr><td><code>${esc(f.name)}</code></td><td>${esc(f.type)}</td><td>${f.values.map((v) => `<code>${esc(v)}</code>`).join(', ') || '—'}</td><td>${esc(f.description)}</td></tr>`).join('\n')}
</tbody></table></div>`
          : ''
      }`,
    )
    .join('\n');
  const table = `<div class="scroll" tabindex="0" role="region" aria-labelledby="decision-table-caption"><table id="decision-table-grid">
<caption id="decision-table-caption">Disclosure by an adviser: recipient × information × consent → outcome (clauses), with the obligations that come with it and the remedies that would change a deny</caption>
<thead><tr><th scope="col">Recipient</th><th scope="col">Information</th>${m.table.consents.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('')}</tr></thead>
<tbody>
${m.table.rows.map((r) => `<tr><th scope="row">${esc(r.recipient)}</th><td>${esc(r.information)}</td>${r.cells.map((c) => `<td><strong class="o o-${esc(c.outcome)}">${esc(c.outcome)}</strong> ${as(c.clauses)}${c.obligations.length ? ` · obligations ${c.obligations.map((o) => `<code>${esc(o)}</code>`).join(', ')}` : ''}${c.remedies.length ? ` · remedies ${c.remedies.map((o) => `<code>${esc(o)}</code>`).join(', ')}` : ''}</td>`).join('')}</tr>`).join('\n')}
</tbody></table></div>`;
  const coverage = `<div class="scroll" tabindex="0" role="region" aria-label="Coverage of each clause"><table id="coverage-table">
<thead><tr><th scope="col">Clause</th><th scope="col">Decided by software</th><th scope="col">Rules</th><th scope="col">Scenarios</th></tr></thead>
<tbody>
${m.sections
  .flatMap((s) =>
    s.clauses.map(
      (c) =>
        `<tr><th scope="row">${a(c.id)}</th><td>${decidedWord(c)}</td><td>${c.rules.map((r) => `<code>${esc(r.question)}/${esc(r.name)}</code>`).join(', ') || (c.fallbackOf.length ? `fallback of ${c.fallbackOf.map((q) => `<code>${esc(q)}</code>`).join(', ')}` : '—')}</td><td>${c.scenarioCount}${c.scenarioFiles.length ? ` <span class="muted">(${c.scenarioFiles.map(esc).join(', ')})</span>` : ''}</td></tr>`,
    ),
  )
  .join('\n')}
</tbody></table></div>`;
  const script = `\n${prelude}${CHECKER_SCRIPT}`;
  return `${BOOK_HEADER}
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(script)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(m.title)} — policy book and checker</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#checker">Skip to the checker</a>
<header>
<h1>${esc(m.title)}</h1>
<p>${esc(m.organisation)}. Policy <code>${esc(m.id)}</code> version ${esc(m.version)}, rules <code>${esc(m.rulesHash)}</code>. Generated from the rules the library runs; the same book in Markdown starts at <a href="README.md">README.md</a>.</p>
</header>
<nav aria-label="Contents"><h2>Contents</h2><ul>
<li><a href="#checker">Ask the policy: disclosure, retention, breach chain</a></li>
<li><a href="#reading">How to read this book</a></li>
${m.sections.map((s) => `<li><a href="#section-${esc(s.id)}">${esc(s.id === 'P' ? s.title : `${s.id}. ${s.title}`)}</a>: ${s.clauses.map((c) => a(c.id)).join(' ')}</li>`).join('\n')}
${m.chainClause ? '<li><a href="#breach-chain">The breach-of-confidentiality chain (5.4–5.5)</a></li>\n' : ''}<li><a href="#decision-order">How each question is decided</a></li>
<li><a href="#decision-table">Decision table: disclosure</a></li>
<li><a href="#coverage">Clause coverage</a></li>
</ul></nav>
<main>
${checkerHtml(m.roleLabels)}
<section id="reading" aria-labelledby="reading-h">
<h2 id="reading-h">How to read this book</h2>
<dl>
${READING_GUIDE.map((t) => `<dt>${esc(t.term)}</dt><dd>${esc(t.text)}</dd>`).join('\n')}
</dl>
</section>
<div id="policy">
${sections}
</div>
<section id="decision-order" aria-labelledby="decision-order-h">
<h2 id="decision-order-h">How each question is decided</h2>
<p>For each question the deciding rules are tried highest priority first; <strong>the first that fires decides the outcome</strong>, and other fired rules with the same outcome add their reasons. Obligation, remedy and advisory rules then add their notes to the outcomes they name. When no deciding rule fires, the question gets its most cautious outcome (fail closed).</p>
${questions}
</section>
<section id="decision-table" aria-labelledby="decision-table-h">
<h2 id="decision-table-h">Decision table: disclosure</h2>
<p>Every cell is the real rules evaluated on the question it describes (actor: an adviser; no purpose, breach or objection unless the row says so), not written by hand.</p>
${table}
</section>
<section id="coverage" aria-labelledby="coverage-h">
<h2 id="coverage-h">Clause coverage</h2>
<p>${m.scenarioTotal} scenarios in ${m.scenarioFiles.length} tables.</p>
${coverage}
</section>
</main>
<footer><p class="muted">Generated by <code>upsu-policy docs</code>. Not legal advice: the policy text above is the authority.</p></footer>
<script type="application/json" id="upsu-rules">${rulesJson}</script>
<script src="${BUNDLE_FILE}"></script>
<script>${script}</script>
</body>
</html>
`;
}
