// A rules folder from someone else, and a case export from a case-management system, are data, never markup, links,
// terminal escapes or paths: the policy book (HTML and Markdown), the command line's text and the audit's SARIF
// show what they hold as written, write only inside --out, and a rules folder naming Object's members is refused
// with its problems (not a TypeError).
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { printable, sarifText, xml } from '../src/audit/format.js';
import { RuleLoadError } from '../src/decision/errors.js';
import { CHECKER_SCRIPT } from '../src/docs/checker-script.js';
import { generateDocs } from '../src/docs/generate.js';
import { clauseTextForHtml } from '../src/docs/html.js';
import { mdCode, mdText } from '../src/docs/markdown.js';
import { readRulesFolder } from '../src/engine/load-dir.js';
import { createPolicy } from '../src/engine/policy.js';
import { CLI, cli, ensureBuilt, tempDir } from './cli/helpers.js';
import { ESC, hasControl, hostileRules, type Json, payload, RULES, rulesCopy } from './support/hostile-rules.js';

describe('the policy book of a rules folder from someone else', () => {
  let out: string;
  let md: string[];
  let html: string;
  beforeAll(async () => {
    out = tempDir();
    await generateDocs({ outDir: out, rulesDir: hostileRules() });
    md = readdirSync(out)
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(out, f), 'utf8'));
    html = readFileSync(join(out, 'index.html'), 'utf8');
  }, 60_000);

  it('Markdown: no text of the folder is a tag, a link, an image, a code fence or a line of its own', () => {
    expect(md.length).toBeGreaterThan(1);
    for (const text of md) {
      expect(text).not.toMatch(/<(script|img|svg)\b/i);
      expect(text).not.toMatch(/\]\(javascript:/i);
      expect(text).not.toContain('![i]');
      // The texts are there, shown as written: the references decode to the characters given.
      expect(text).toContain('&lt;img src=x onerror="window.pwned=2"&gt;');
      expect(text).toContain('&#91;link&#93;(javascript:alert(1))');
      // The only raw HTML is the book's own (anchors, <details> of the worked examples, their file name).
      for (const tag of text.matchAll(/<\/?([a-z]+)\b/gi))
        expect(['a', 'details', 'summary', 'code']).toContain(tag[1]);
      // A line break in a text is a space: no line starts with what followed it.
      expect(text).not.toMatch(/^[ \t]*(<script|```[ \t]*<)/m);
      // No control character: the files are read in terminals too.
      expect(hasControl(text)).toBe(false);
    }
  });

  it('HTML: the texts are escaped, the embedded rules are data, and only the page’s own scripts are there', () => {
    expect(html).not.toMatch(/<img\b/i);
    expect([...html.matchAll(/<script\b/g)]).toHaveLength(3);
    const rules = /<script type="application\/json" id="upsu-rules">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(rules).not.toContain('<');
    expect(JSON.parse(rules).policy.title).toBe(payload('title'));
  });

  it('HTML: no control or bidirectional formatting character of the folder is in the page, its scripts included', () => {
    // The payload's U+202E and U+2066 would show the rest of a line in another order (in the page, and in its
    // source); its ESC and BEL show as nothing. In the text they are U+FFFD; in the scripts, `\\u` escapes.
    expect(hasControl(html)).toBe(false);
    expect(html).toContain('\ufffdderaluger\ufffd \ufffd');
    // A CRLF line break is a line break (the HTML parser reads CR as one), not U+FFFD.
    expect(html).toContain(' ``` &lt;/details&gt;\n&lt;script&gt;window.pwned=4');
    expect(html).not.toContain('\ufffd\n');
    expect(html).toContain('\\u009b31m\\u007f \\u202ederaluger\\u2066 \\u2069');
    // A role label's override, in the breach chain's drawing (text, title, description) and in the checker's labels.
    expect(html).toContain('>An Adv\ufffdiser\ufffd feels confidentiality');
    expect(html).toContain('"adviser":"Adv\\u202eiser\\u2066"');
    expect(hasControl(readFileSync(join(out, 'breach-chain.svg'), 'utf8'))).toBe(false);
    // The embedded rules are the folder's, unchanged: the checker decides by the texts as written.
    const rules = /<script type="application\/json" id="upsu-rules">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(rules).policy.title).toContain('\u202ederaluger\u2066 \u2069');
  });

  it('HTML: a Content-Security-Policy allows only the page’s own inline script (by hash) and its bundle', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    const inline = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(inline, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'self' file: 'sha256-${hash}'`);
    expect(csp).toMatch(/^default-src 'none';/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // Before any content: the <head> has it right after the charset.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });
});

describe('docs --out: the book is written in the folder, and only there', () => {
  it('a section id with a path in it is refused by the loader, and nothing is written outside', async () => {
    const rules = rulesCopy((file, json) => {
      if (file !== 'clauses.json') return json;
      const c = json as { sections: Json[]; clauses: Json[] };
      const id = '../escaped';
      return {
        ...c,
        sections: c.sections.map((s) => (s.id === 'P' ? { ...s, id } : s)),
        clauses: c.clauses.map((x) => (x.section === 'P' ? { ...x, section: id } : x)),
      };
    });
    const parent = tempDir();
    const out = join(parent, 'site');
    const err = await generateDocs({ outDir: out, rulesDir: rules }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleLoadError);
    expect((err as RuleLoadError).problems[0]).toMatchObject({
      code: 'invalid-format',
      file: 'clauses.json',
      path: ['sections', 0, 'id'],
    });
    expect(readdirSync(parent)).toEqual([]);
  });

  it('section and clause ids are letters and digits with single dots or hyphens between them', () => {
    const bundle = readRulesFolder(RULES);
    // A clause of its own (no rule cites it), so the id alone decides whether the folder loads.
    const withId = (id: string) => {
      const b = structuredClone(bundle);
      b.clauses.clauses.push({ id, section: '6', parent: null, text: 'x', decidable: false, notDecidableReason: 'x' });
      return b;
    };
    for (const id of ['6.4a', 'A-2', '6.4.1.2', 'Z9']) expect(() => createPolicy(withId(id))).not.toThrow();
    for (const id of ['', '.', '..', '../6.4', '6/4', '6..4', '6.4.', '.6', '6 4', '6.4"', '<b>', `6.4${ESC}`])
      expect(() => createPolicy(withId(id)), id).toThrow(RuleLoadError);
  });

  it('a symbolic link already in the folder is replaced, not followed to what it names', async () => {
    const out = tempDir();
    const victim = join(tempDir(), 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(out, 'index.html'));
    symlinkSync(victim, join(out, 'README.md'));
    await generateDocs({ outDir: out });
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(join(out, 'index.html')).isFile()).toBe(true);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/^<!-- generated/);
    // No temporary folder is left behind.
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('Markdown helpers', () => {
  it('mdText shows any text as written; mdCode fences a code span no backtick in it can close', () => {
    expect(mdText('Student_ID <b>&amp; [x](y)\nz')).toBe('Student\\_ID &lt;b&gt;&amp;amp; &#91;x&#93;(y) z');
    expect(mdCode('rules/2-sharing/a.rules.json')).toBe('`rules/2-sharing/a.rules.json`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`a``')).toBe('``` `a`` ```');
  });
});

describe('regular expressions on a rules folder’s texts run in linear time', () => {
  const slow = '['.repeat(100_000);
  const within = (ms: number, f: () => unknown) => {
    const t = performance.now();
    f();
    expect(performance.now() - t).toBeLessThan(ms);
  };
  it('the book’s clause text (an empty Markdown link made plain), in Node and in the page’s checker', () => {
    expect(clauseTextForHtml('our [Memorandum of Understanding](#).')).toBe('our Memorandum of Understanding.');
    within(200, () => clauseTextForHtml(slow));
    // The checker's copy, as the page runs it.
    const literal = /c\.text\.replace\((\/.*\/g), '\$1'\)/.exec(CHECKER_SCRIPT)?.[1];
    expect(literal).toBeDefined();
    const re = new Function(`return ${literal}`)() as RegExp;
    expect('our [MoU](#).'.replace(re, '$1')).toBe('our MoU.');
    within(200, () => slow.replace(re, '$1'));
  });
});

describe('the command line shows the texts of a rules folder and file names, never obeys them', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  const evil = () =>
    rulesCopy((file, json) => {
      const j = json as Json;
      if (file === 'policy.json') return { ...j, title: `Policy${ESC}]0;retitled\u0007`, id: `id${ESC}[2J` };
      if (file === '2-sharing/contact.rules.json')
        for (const r of json as { event: { params: Json } }[])
          if (r.event.params.text !== undefined)
            r.event.params.text = `Because${ESC}]8;;https://example.invalid${ESC}\\`;
      if (file === 'clauses.json') for (const c of (j as { clauses: Json[] }).clauses) c.text = `${c.text}${ESC}[8m`;
      if (file === '2-sharing/contact.cases.json') for (const s of json as Json[]) s.name = `${s.name}${ESC}[31m`;
      return json;
    });

  it('decide --format text, test, and audit’s text report: no control character of the folder gets through', () => {
    const rules = evil();
    const question = JSON.stringify({ question: 'contact', channel: 'email', situation: 'direct' });
    const decided = cli(['decide', '--format', 'text', '--rules', rules, '-'], { input: question });
    expect(decided.code).toBe(0);
    expect(decided.stdout).toContain('Because\ufffd]8;;https://example.invalid');
    expect(hasControl(decided.stdout)).toBe(false);
    const tested = cli(['test', '--rules', rules, rules]);
    expect(tested.stdout).toContain('\ufffd[31m');
    expect(hasControl(tested.stdout)).toBe(false);
    const exportFile = join(tempDir(), `cases${ESC}[31m.ndjson`);
    writeFileSync(exportFile, `${JSON.stringify({ id: 'C-1', client: { degreeStatus: 'studying' } })}\n`);
    const audited = cli(['audit', exportFile, '--as-of', '2026-09-01', '--rules', rules]);
    expect(audited.stdout.split('\n')[0]).toBe(
      `Policy\ufffd]0;retitled\ufffd: audit of ${exportFile.replace(ESC, '\ufffd')}, as of 2026-09-01`,
    );
    expect(hasControl(audited.stdout)).toBe(false);
  });

  it('an error line naming a file of the folder (a misplaced rules file) has no control character', () => {
    const rules = evil();
    const folder = join(rules, `9-x${ESC}]0;retitled${ESC}\\`);
    mkdirSync(folder);
    writeFileSync(join(folder, `a${ESC}[31m.rule.json`), '[]');
    const r = cli(['test', '--rules', rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('misplaced-file at 9-x\ufffd]0;retitled\ufffd\\/a\ufffd[31m.rule.json');
    expect(hasControl(r.stderr)).toBe(false);
    expect(existsSync(CLI)).toBe(true);
  });
});

describe('SARIF: a case id is shown as written, never as a link', () => {
  beforeAll(() => ensureBuilt(), 300_000);
  it('brackets and backslashes of a message are escaped as SARIF 2.1.0 says (3.11.5)', () => {
    expect(sarifText('C-1 [sign in](https://example.invalid) \\[x]')).toBe(
      'C-1 \\[sign in\\](https://example.invalid) \\\\\\[x\\]',
    );
    const id = `C-1 [sign in](https://example.invalid) ![x](https://example.invalid/x.png)${ESC}[31m`;
    const file = join(tempDir(), 'cases.ndjson');
    const c = { degreeStatus: 'completed', degreeCompletedOn: '2020-01-06', consentToRecord: true };
    writeFileSync(file, `${JSON.stringify({ id, client: c })}\n`);
    const r = cli(['audit', file, '--as-of', '2026-09-01', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout).runs[0];
    const text: string = run.results[0].message.text;
    // No bracket that is not escaped: no embedded link (SARIF) and no link or image (Markdown).
    expect(text.replace(/\\[\\[\]]/g, '')).not.toMatch(/[[\]]/);
    expect(text).toContain('C-1 \\[sign in\\](https://example.invalid) !\\[x\\](https://example.invalid/x.png)');
    expect(hasControl(text)).toBe(false);
    // The id itself stays as it was, as data.
    expect(run.results[0].properties.caseId).toBe(id);
  });
});

describe('a case id with bidirectional overrides is shown in its own order', () => {
  beforeAll(() => ensureBuilt(), 300_000);
  // Shown as "C-1 no finding" in a viewer that obeys the override; it is "C-1 gnidnif on" and has one.
  const id = 'C-1 \u202egnidnif on\u2066x\u2069\u200f';
  it('printable and xml replace each with U+FFFD', () => {
    expect(printable(id)).toBe('C-1 \ufffdgnidnif on\ufffdx\ufffd\ufffd');
    expect(xml(id)).toBe(printable(id));
    // Right-to-left letters are text, not formatting: kept.
    expect(printable('C-\u05d0\u0628')).toBe('C-\u05d0\u0628');
  });
  it('in the text, JUnit and SARIF reports of an audit; the JSON report keeps the id as data', () => {
    const file = join(tempDir(), 'cases.ndjson');
    const c = { degreeStatus: 'completed', degreeCompletedOn: '2020-01-06', consentToRecord: true };
    writeFileSync(file, `${JSON.stringify({ id, client: c })}\n`);
    for (const format of ['text', 'junit']) {
      const r = cli(['audit', file, '--as-of', '2026-09-01', '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('C-1 \ufffdgnidnif on\ufffdx');
      expect(hasControl(r.stdout)).toBe(false);
    }
    const sarif = cli(['audit', file, '--as-of', '2026-09-01', '--format', 'sarif']);
    const result = JSON.parse(sarif.stdout).runs[0].results[0];
    expect(result.message.text).toContain('C-1 \ufffdgnidnif on\ufffdx');
    expect(hasControl(result.message.text)).toBe(false);
    // As data (SARIF's properties, the JSON report), the id is as it was.
    expect(result.properties.caseId).toBe(id);
    const json = cli(['audit', file, '--as-of', '2026-09-01', '--format', 'json']);
    expect(json.stdout).toContain(JSON.stringify(id).slice(1, -1));
  });
});

describe('a rules folder naming a member every object inherits is refused with its problems', () => {
  const bundle = () => structuredClone(readRulesFolder(RULES));
  /** The conditions of the first contact rule (its first condition is replaced). */
  const contact = (b: ReturnType<typeof bundle>): Json[] => {
    const rule = b.ruleFiles.find((f) => f.question === 'contact')?.rules[0] as unknown as {
      conditions: { all?: Json[]; any?: Json[] };
    };
    return rule.conditions.all ?? rule.conditions.any ?? [];
  };
  for (const name of ['constructor', 'toString', 'hasOwnProperty'])
    it(name, () => {
      const op = bundle();
      contact(op)[0] = { fact: 'channelUnacceptable', operator: name, value: true };
      expect(() => createPolicy(op)).toThrow(RuleLoadError);
      expect(() => createPolicy(op)).toThrow(/unknown-operator/);
      const q = bundle();
      (q.questions as Record<string, unknown>)[name] = q.questions.contact;
      expect(() => createPolicy(q)).toThrow(/unknown-question/);
      const f = bundle();
      contact(f)[0] = { fact: name, operator: 'equal', value: true };
      expect(() => createPolicy(f)).toThrow(/unknown-fact/);
    });
});
