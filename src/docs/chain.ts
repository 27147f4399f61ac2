import { printable } from '../audit/format.js';
import { ROLE_LABELS } from './labels.js';
import type { ChainModel } from './model.js';

/**
 * How the roles of a chain are named: its own labels (the policy's `roleLabels` over the built-in ones, which
 * `buildModel` puts in the chain), else the built-in ones. A label's bidirectional formatting characters (U+202E and its
 * kind, which a label may hold) are U+FFFD, as in the book's other texts: the drawing, its Mermaid source and the
 * steps show no line in another order than it is read.
 *
 * @example
 * chainLabeller({ raises: [], deciders: [], roleLabels: { dpo: 'DPO' } })('dpo'); // 'DPO'
 * @see 5.4.1
 */
export function chainLabeller(chain: ChainModel): (role: string) => string {
  const labels = chain.roleLabels ?? ROLE_LABELS;
  return (r) => printable(labels[r] ?? r);
}
const q = (s: string) => `"${s.replace(/"/g, '#quot;')}"`;

/**
 * "an Adviser", "a Caseworker": a label with its indefinite article, for the chain's sentences about any adviser
 * (5.3, 5.5.4), so that they name the role as the rest of the book does.
 *
 * @example
 * withArticle('Adviser'); // 'an Adviser'
 * withArticle('Caseworker'); // 'a Caseworker'
 * withArticle('Union adviser'); // 'a Union adviser'
 * withArticle('SU adviser'); // 'an SU adviser'
 * @see 5.5.4
 */
export const withArticle = (label: string): string => `${articleFor(label)} ${label}`;

/**
 * The indefinite article a word takes: "an" before "authorised" or "SU adviser", "a" before "deny" or "Caseworker".
 *
 * @example
 * articleFor('overdue'); // 'an'
 * articleFor('deny'); // 'a'
 * @see 5.5.4
 */
export const articleFor = (word: string): 'a' | 'an' => (takesAn(word) ? 'an' : 'a');

/** Letters whose names start with a vowel sound, for labels that begin with an initialism ("an SU adviser"). */
const AN_LETTERS = /^[AEFHILMNORSX]/;
/** Words spelt with a vowel that start with a consonant sound ("a Union adviser", "a Uni officer", "a one-person team"). */
const A_VOWEL_WORDS = /^(?:u(?:ni(?![nm])|s[aeu]|r[aeiou]|t[aeiou]|b[iu]|k)|eu|ewe|one\b|once\b)/i;
/** Words spelt with a consonant that start with a vowel sound ("an Honorary adviser", "an hourly worker"). */
const AN_CONSONANT_WORDS = /^(?:hon(?:est|or|our)|hour|heir)/i;

/**
 * Whether a label is read with "an": by its first word's sound, as far as spelling tells it. The first word is the
 * first run of letters and digits (after any quote or bracket), its accents aside ("an Éducateur"); a single letter
 * ("an X-ray technician", "an S.U. adviser") or an initialism is read letter by letter; a number as it is said ("an
 * 8-hour adviser", "an 11", "a 1st-line adviser"). Words of other scripts take "a".
 */
function takesAn(label: string): boolean {
  const word = (/[\p{L}\p{N}]+/u.exec(label)?.[0] ?? '').normalize('NFD').replace(/\p{M}+/gu, '');
  if (/^[0-9]/.test(word)) {
    const digits = /^[0-9]+/.exec(word)?.[0] ?? '';
    // eight…, eleven, eighteen (and eleven or eighteen thousand, million…).
    return digits.startsWith('8') || (/^1[18]/.test(digits) && digits.length % 3 === 2);
  }
  if (word.length === 1 || /^[A-Z]+$/.test(word)) return AN_LETTERS.test(word.toUpperCase());
  if (A_VOWEL_WORDS.test(word)) return false;
  if (AN_CONSONANT_WORDS.test(word)) return true;
  return /^[aeiou]/i.test(word);
}
/**
 * The text with its first letter a capital, to start a sentence with a label ("An Adviser …", "Advice Service Lead …").
 *
 * @example
 * sentence('an Adviser'); // 'An Adviser'
 * @see 5.4
 */
export const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The breach chain (5.4–5.5) as a Mermaid flowchart: who raises with whom, who may decide, the written
 * record, refusal as final. The roles come from the policy's settings (`lineManager`, `mayDecideBreach`), not from prose.
 *
 * @example
 * chainMermaid(model.chain).startsWith('flowchart TD'); // true
 * @see 5.4
 */
export function chainMermaid(chain: ChainModel): string {
  const label = chainLabeller(chain);
  const lines = [
    'flowchart TD',
    `  start(${q(`${sentence(withArticle(label('adviser')))} feels confidentiality should be breached (5.1, 5.3): serious harm 5.3.1, conflict of interest 5.3.2, legal duty 5.3.3`)})`,
  ];
  for (const [i, r] of chain.raises.entries()) {
    lines.push(`  raiser${i}[${q(`Raised by the ${label(r.raiser)}`)}]`);
    lines.push(`  start --> raiser${i}`);
    lines.push(`  raiser${i} -->|${q('raises immediately with (5.4.1)')}| manager${i}[${q(label(r.with))}]`);
    lines.push(`  manager${i} --> discuss`);
  }
  lines.push(
    `  discuss[${q('Discuss why, what a breach would achieve and the options; record the discussion in the case notes (5.4.2); brief the decider on the full facts (5.5.1)')}]`,
    `  discuss --> decide{${q('Decision (5.4.3)')}}`,
  );
  for (const [i, d] of chain.deciders.entries())
    lines.push(
      `  who${i}[${q(`May decide for the ${label(d.raiser)}: ${d.may.map(label).join(', ')} (5.5.2); never ${withArticle(label('adviser'))} nor the raiser (5.5.4)`)}] -.- decide`,
    );
  lines.push(
    `  decide -->|${q('agrees')}| written[${q('Written record and case file detailing the agreed action (5.5.2)')}]`,
    `  written --> disclose([${q('Authorised: disclose only what the ground needs; the decider ensures the actions are carried out (5.5.2)')}])`,
    `  decide -->|${q('does not agree')}| refused([${q('Refused: the final decision (5.5.3)')}])`,
    `  decide -.->|${q('agreed, no written record yet')}| pending[${q('Pending: record the decision in writing (5.5.2)')}]`,
    '  pending -.-> written',
  );
  return lines.join('\n');
}

/**
 * Every clause the chain's drawing, Mermaid source and steps cite: the bundled policy's numbering.
 *
 * @example
 * CHAIN_CLAUSES.includes('5.4.1'); // true
 * @see 5.4
 */
export const CHAIN_CLAUSES: readonly string[] = [
  '5.1',
  '5.3',
  '5.3.1',
  '5.3.2',
  '5.3.3',
  '5.4',
  '5.4.1',
  '5.4.2',
  '5.4.3',
  '5.5',
  '5.5.1',
  '5.5.2',
  '5.5.3',
  '5.5.4',
];

/**
 * A sentence for a book whose policy lacks some of {@link CHAIN_CLAUSES}, or nothing.
 *
 * @example
 * chainClauseNote([]); // undefined
 * @see 5.4
 */
export function chainClauseNote(missing: readonly string[]): string | undefined {
  return missing.length
    ? `The drawing and the steps cite the clause numbers of the policy this library was written for (5.1–5.5.4); this policy has no ${missing.join(', ')}: read those as the steps they name.`
    : undefined;
}

/**
 * The same chain as ordered steps in plain words, for readers without the diagram (and screen readers).
 *
 * @example
 * chainSteps(model.chain)[0].clauses; // ['5.1', '5.3']
 * @see 5.4
 */
export function chainSteps(chain: ChainModel): { text: string; clauses: string[] }[] {
  const label = chainLabeller(chain);
  return [
    {
      text: `${sentence(withArticle(label('adviser')))} feels confidentiality should be breached: serious harm, a conflict of interest, or a legal duty.`,
      clauses: ['5.1', '5.3'],
    },
    {
      text: `They raise it immediately with their line manager: ${chain.raises.map((r) => `the ${label(r.raiser)} with the ${label(r.with)}`).join('; ')}. Nobody else raises a breach.`,
      clauses: ['5.4.1'],
    },
    {
      text: 'They discuss why confidentiality should be breached, what it would achieve and the options; the discussion is recorded in the case notes, and the decider is briefed on the full facts.',
      clauses: ['5.4.2', '5.5.1'],
    },
    {
      text: `The decision is taken — ${chain.deciders.map((d) => `for the ${label(d.raiser)}, by the ${d.may.map(label).join(', the ')}`).join('; ')} — never by ${withArticle(label('adviser'))} (5.5.4 says no ${label('adviser')} decides alone; the software lets no ${label('adviser')} decide at all), nor by the person who raised it.`,
      clauses: ['5.4.3', '5.5.2', '5.5.4'],
    },
    {
      text: 'If they agree, there must be a written record and the case file must detail the action agreed; until then the breach is pending. Nothing is disclosed before this authorisation.',
      clauses: ['5.5.2', '5.5.4'],
    },
    {
      // 5.5.3 ends "this is the final decision of the Chief Executive": the reading the rules take is said here.
      text: 'If they do not agree, that refusal is final: nobody may agree to the breach after it, the Chief Executive included. 5.5.3 calls a refusal "the final decision of the Chief Executive"; the software reads that as making every refusal by someone who may decide final, not as letting the Chief Executive overrule a line manager\'s refusal (the cautious reading). A later refusal does end an earlier agreement.',
      clauses: ['5.5.3'],
    },
  ];
}
