// The policy book as a reader who is not a developer uses it (the Data Protection Officer, the Advice Lead): what it
// shows must say what the rules do, without them having to read the rules' JSON.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/decision/default-policy.js';
import { identifyingFieldCount } from '../src/derive/statistics.js';
import { chainSteps } from '../src/docs/chain.js';
import { chainSvg } from '../src/docs/chain-svg.js';
import { readScenarios } from '../src/docs/generate.js';
import { renderHtml } from '../src/docs/html.js';
import { indexMarkdown, sectionMarkdown } from '../src/docs/markdown.js';
import { buildModel } from '../src/docs/model.js';
import { bundledRules } from '../src/generated/rules.js';

const model = buildModel(defaultPolicy(), []);
const index = indexMarkdown(model);
const row = (recipient: string, information: string) =>
  index.split('\n').find((l) => l.startsWith(`| ${recipient} | ${information} |`)) ?? '';

describe('the disclosure decision table', () => {
  it('names the obligations a permit carries, and the remedies of a deny, in each cell', () => {
    // A Consent to Share not yet on the case record permits, but only once it is recorded (2.1).
    const thirdParty = row(
      'third party (parent, landlord, police, employer…) (third-party)',
      'case record (identifiable)',
    );
    const cells = thirdParty.split(' | ');
    expect(cells[2]).toContain('**deny**');
    expect(cells[2]).toContain('`state-policy-and-decline`');
    expect(cells[2]).toContain('`obtain-consent-to-share`');
    expect(cells[5]).toContain('**permit**');
    expect(cells[5]).toContain('`record-consent`');
    // The Data Protection Officer is given client information only when necessary (3.1).
    expect(row('UPSU Data Protection Officer (dpo)', 'case record (identifiable)')).toContain(
      '`dpo-only-when-necessary`',
    );
    // Portsmouth Mediation Service, for case management: only as the Memorandum of Understanding agrees (P5).
    expect(row('Portsmouth Mediation Service (pms), for case management', 'case record (identifiable)')).toContain(
      '`share-as-agreed-in-mou`',
    );
    const html = renderHtml(model);
    const grid = html.slice(
      html.indexOf('id="decision-table-grid"'),
      html.indexOf('</table>', html.indexOf('id="decision-table-grid"')),
    );
    expect(grid).toContain('<code>record-consent</code>');
    expect(grid).toContain('<code>share-as-agreed-in-mou</code>');
  });
});

describe('the breach rules read aloud', () => {
  const breach = model.questions.find((q) => q.kind === 'breach');
  it('says the `refused` rule is a decision not to breach, never "NOT the decision agreed" (which reads as no decision too)', () => {
    const refused = breach?.deciding.find((r) => r.name === 'refused');
    expect(refused?.reads).toMatch(/^the decision is not to breach confidentiality/);
    expect(index).toContain('| `refused` | the decision is not to breach confidentiality');
  });
});

describe('the breach chain says the readings the rules take', () => {
  const steps = chainSteps(model.chain);
  it('says how it reads "the final decision of the Chief Executive" (5.5.3): every refusal by a decider is final', () => {
    const refusal = steps.find((s) => s.clauses.includes('5.5.3'))?.text ?? '';
    expect(refusal).toContain('the final decision of the Chief Executive');
    expect(refusal).toContain('the Chief Executive included');
    expect(refusal).toContain('cautious reading');
  });
  it('does not say "an Adviser alone" where the rules let no Adviser decide at all (5.5.4)', () => {
    const decision = steps.find((s) => s.clauses.includes('5.5.4') && s.clauses.includes('5.4.3'))?.text ?? '';
    expect(decision).not.toMatch(/Adviser alone nor/);
    expect(decision).toContain('lets no Adviser decide at all');
    expect(chainSvg(model.chain)).not.toContain('Adviser alone');
  });
});

describe('the words the book uses are explained where it starts', () => {
  it('says what an obligation, a remedy, an advisory, a rule firing and failing closed mean, in Markdown and HTML', () => {
    const start = index.indexOf('## <a id="reading"></a>How to read this book');
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(index.indexOf('## <a id="decision-order">'));
    const guide = index.slice(start, index.indexOf('## <a id="sections">'));
    for (const term of ['Obligation', 'Remedy', 'Advisory', 'Rule, fires, priority', 'Fail closed', 'Outcome'])
      expect(guide).toContain(`- **${term}`);
    const html = renderHtml(model);
    expect(html).toContain('<section id="reading" aria-labelledby="reading-h">');
    expect(html).toContain('<dt>Remedy</dt>');
    expect(html).toContain('<a href="#reading">How to read this book</a>');
  });
});

describe('the book reads as English', () => {
  it('says "to an authorised", "to an overdue" and "the rule … above it", never "to a authorised" or "none of the 1 rules"', () => {
    const all = [index, ...model.sections.map((s) => sectionMarkdown(model, s)), renderHtml(model)].join('\n');
    expect(all).not.toMatch(/to a (\*\*|<strong>)[aeiou]/);
    expect(all).not.toContain('none of the 1 rules');
    const breach = sectionMarkdown(model, model.sections.find((s) => s.id === '5') ?? model.sections[0]!);
    expect(breach).toContain('to an **authorised**');
    const sharing = sectionMarkdown(model, model.sections.find((s) => s.id === '2') ?? model.sections[0]!);
    expect(sharing).toContain('applies only where the rule with another outcome above it does not fire');
  });
});

describe('the repository README describes the book and its notes as they are', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  it('does not say advisories are only where the policy is behind UK law (5.3, 5.4.3, 6.4 have others)', () => {
    const law = model.sections
      .flatMap((s) => s.clauses)
      .flatMap((c) => c.codes)
      .filter((c) => c.kind === 'advisory');
    expect(law.map((c) => c.code)).toContain('ground-not-listed');
    expect(readme).not.toMatch(/advisories[^.]{0,40}\(where the policy (has fallen|is) behind UK law\)/);
    expect(readme).toContain('How to read this');
  });
});

describe('a rule that fails closed on a fact left out says so when read aloud', () => {
  it('the DPO is refused unless access is stated to be necessary, not only when it is said to be unnecessary (3.1)', () => {
    const access = model.questions.find((q) => q.kind === 'access');
    const notNecessary = access?.deciding.find((r) => r.name === 'dpo-access-not-necessary');
    expect(notNecessary?.reads).toContain('access is not stated to be necessary');
  });
});

describe('a worked example about a note that does not apply to its outcome', () => {
  it('says the rule adds nothing there, not just "fires → permit" (P6: a third party with consent is not declined)', () => {
    const full = buildModel(defaultPolicy(), readScenarios(new URL('../rules', import.meta.url).pathname));
    const p6 = full.sections.flatMap((s) => s.clauses).find((c) => c.id === 'P6');
    const example = p6?.examples.find((e) => e.name === 'third party with consent is not declined');
    expect(example?.decision?.outcome).toBe('permit');
    expect(example?.notAddedTo).toEqual(['deny']);
    const md = sectionMarkdown(full, full.sections[0]!);
    expect(md).toContain(
      '*third party with consent is not declined* (`disclosure`, rule `third-party-enquirer` fires, but adds nothing here: it applies only to a **deny**) → **permit**',
    );
  });
});

describe('the rule and code texts the book quotes', () => {
  const { obligations, remedies } = bundledRules.codes;
  const ruleText = (kind: string, name: string) =>
    bundledRules.ruleFiles.flatMap((f) => (f.question === kind ? f.rules : [])).find((r) => r.name === name)?.event
      .params.text ?? '';

  it('the remedy to remove identifying fields names every kind of field the check counts', () => {
    // The statistics check denies a table with a postcode or an address column (4.2); the remedy must say so.
    for (const column of ['postcode', 'home_address', 'email', 'studentId', 'dateOfBirth', 'caseNotes'])
      expect(identifyingFieldCount([column, 'count']), column).toBe(1);
    expect(remedies['remove-identifying-fields']?.text).toMatch(/addresses and postcodes/);
  });

  it('the identifiable-statistics deny says the Data Protection Officer is not covered by it', () => {
    expect(ruleText('disclosure', 'identifiable-statistics')).toContain('other than the Data Protection Officer');
  });

  it('the access deny for everyone else reads as a sentence', () => {
    expect(ruleText('access', 'outside-advice-team')).toMatch(/: nobody else may, managers included \(3\.1\)\.$/);
  });

  it('the obligation to raise a breach names the clauses of each thing it asks', () => {
    expect(obligations['raise-with-line-manager']?.text).toMatch(/\(5\.4\.1\).*\(5\.4\.2\).*\(5\.5\.4\)/);
  });
});
