// The policy book lists, for each question, the facts its rules may read: an adapter working from the npm package
// (no src/) learns the names a condition may use from the book, not only from an `unknown-fact` error.
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/decision/default-policy.js';
import { renderHtml } from '../src/docs/html.js';
import { indexMarkdown } from '../src/docs/markdown.js';
import { buildModel } from '../src/docs/model.js';
import { bundledRules } from '../src/generated/rules.js';
import { createPolicy } from '../src/index.js';

describe('the policy book lists each question’s facts', () => {
  const policy = defaultPolicy();
  const model = buildModel(policy, []);

  it('every fact a rule may read, with its type and values, for every question', () => {
    for (const q of model.questions) {
      const compiled = policy.loaded.questions[q.kind];
      expect(q.facts.map((f) => f.name)).toEqual(Object.keys(compiled?.facts ?? {}));
      for (const f of q.facts) expect(f.description.length).toBeGreaterThan(0);
    }
    const disclosure = model.questions.find((q) => q.kind === 'disclosure');
    expect(disclosure?.facts.find((f) => f.name === 'informationKind')).toMatchObject({
      type: 'string',
      values: expect.arrayContaining(['case-record', 'statistics']),
    });
  });

  it('in the Markdown book and in index.html', () => {
    const md = indexMarkdown(model);
    expect(md).toContain('| `recipientInAdviceTeam` | boolean | — |');
    expect(md).toContain('| `degreeCompletedOn` |');
    const html = renderHtml(model);
    expect(html).toContain('<td><code>recipientInAdviceTeam</code></td><td>boolean</td>');
    expect(html).toContain('Facts the rules of <code>breach</code> may read');
  });

  it('described with the adapted settings', () => {
    const six = buildModel(createPolicy(bundledRules, { settings: { retentionYears: 6 } }), []);
    const retention = six.questions.find((q) => q.kind === 'retention');
    expect(retention?.facts.find((f) => f.name === 'destroyAfter')?.description).toContain('6 calendar years');
  });
});
