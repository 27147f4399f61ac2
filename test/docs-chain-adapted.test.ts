// An adapted folder numbers its clauses its own way: the book still draws the breach chain (before the `breach`
// question's first fallback clause), links to it from its contents, and says which clauses the chain's text cites
// that the policy does not have, rather than dropping the chain and leaving the links to it dangling.
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/decision/default-policy.js';
import { CHAIN_CLAUSES, chainMermaid, chainSteps } from '../src/docs/chain.js';
import { chainSvg } from '../src/docs/chain-svg.js';
import { renderHtml } from '../src/docs/html.js';
import { indexMarkdown, sectionMarkdown } from '../src/docs/markdown.js';
import { buildModel } from '../src/docs/model.js';
import { bundledRules } from '../src/generated/rules.js';
import { createPolicy, type RuleBundle } from '../src/index.js';

describe('the breach chain in the book of a folder with its own clause numbers', () => {
  it('is drawn before the breach question’s fallback clause, linked from the contents, with a note', () => {
    // 5.4 is 5.4a in this policy: the clause, its children's parent, the rules citing it, breach's fallback.
    const bundle = JSON.parse(JSON.stringify(bundledRules).replaceAll('"5.4"', '"5.4a"')) as RuleBundle;
    const m = buildModel(createPolicy(bundle), []);
    expect(m.chainClause).toBe('5.4a');
    expect(m.chainMissingClauses).toEqual(['5.4']);
    const section = m.sections.find((s) => s.id === '5');
    if (!section) throw new Error('no section 5');
    const md = sectionMarkdown(m, section);
    expect(md).toContain('<a id="breach-chain"></a>');
    expect(md.indexOf('<a id="breach-chain"></a>')).toBeLessThan(md.indexOf('clause-5.4a'));
    expect(md).toContain('this policy has no 5.4: read those as the steps they name');
    expect(indexMarkdown(m)).toContain(`](${section.file}#breach-chain)`);
    const html = renderHtml(m);
    expect(html).toContain('<section id="breach-chain"');
    expect(html).toContain('this policy has no 5.4: read those');
  });

  it('CHAIN_CLAUSES is every clause the chain cites (its drawing, its Mermaid source and its steps)', () => {
    // The list is written out; the chain's words are code. A clause cited but not listed would never be named as
    // missing in an adapted book, and one listed but not cited would be named for nothing.
    const chain = buildModel(defaultPolicy(), []).chain;
    const text = [chainMermaid(chain), chainSvg(chain), ...chainSteps(chain).flatMap((s) => [s.text, ...s.clauses])];
    const cited = new Set(text.join(' ').match(/\b5(?:\.\d+)+\b/g));
    expect([...cited].sort()).toEqual([...CHAIN_CLAUSES].sort());
  });

  it('the bundled book places it at 5.4, with no note', () => {
    const m = buildModel(defaultPolicy(), []);
    expect(m.chainClause).toBe('5.4');
    expect(m.chainMissingClauses).toEqual([]);
    expect(renderHtml(m)).not.toContain('read those as the steps they name');
  });
});
