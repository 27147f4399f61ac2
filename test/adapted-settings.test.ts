// The two settings an advice service adapting rules/ needs besides who is who: how the book and its checker name
// each role (roleLabels), and its own identifying statistics columns (identifyingColumns, 4.2). Both are read
// from policy.json or given to createPolicy, checked as every setting is (stable codes, paths, no value
// repeated), copied and frozen, and part of the rules hash.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDocs } from '../src/docs/generate.js';
import { nextStepText, ROLE_LABELS, roleLabelsOf } from '../src/docs/labels.js';
import { buildModel } from '../src/docs/model.js';
import { ROLES } from '../src/facts/constants.js';
import { bundledRules, createPolicy, defaultPolicy, loadPolicy, type Policy, type RuleProblem } from '../src/index.js';
import { problemsThrown } from './support/thrown-issues.js';

const RULES = new URL('../rules/', import.meta.url).pathname;
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A copy of rules/ whose policy.json settings are changed by `change`. */
function adaptedFolder(change: (settings: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'upsu-adapted-'));
  made.push(dir);
  cpSync(RULES, dir, { recursive: true });
  const policy = JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8'));
  change(policy.settings);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy, null, 2));
  return dir;
}

const problemsOf = problemsThrown;

/** Every problem's code, path and message, with no message or path repeating any of `secrets`. */
function checked(problems: readonly RuleProblem[], secrets: readonly string[]) {
  for (const p of problems)
    for (const s of secrets) {
      expect(p.message, p.message).not.toContain(s);
      expect(p.path?.map(String) ?? []).not.toContain(s);
    }
  return problems.map((p) => ({ code: p.code, file: p.file, path: p.path }));
}

describe('roleLabels: how the book and its checker name each role', () => {
  const LABELS = { dpo: 'Guild Data Protection Officer', 'advice-lead': 'Head of Advice' };
  let dir: string;
  let out: string;
  let policy: Policy;

  it('the bundled folder states UPSU’s labels, the built-in ones, for every role', () => {
    expect(bundledRules.policy.settings.roleLabels).toEqual(ROLE_LABELS);
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
    expect(defaultPolicy().settings.roleLabels).toEqual(ROLE_LABELS);
  });

  it('an adapted folder’s labels are the book’s: rules, decision table, chain, examples and checker', async () => {
    dir = adaptedFolder((s) => {
      s.roleLabels = LABELS;
    });
    policy = loadPolicy(dir);
    expect(policy.settings.roleLabels).toEqual(LABELS);
    out = mkdtempSync(join(tmpdir(), 'upsu-adapted-docs-'));
    made.push(out);
    await generateDocs({ outDir: out, rulesDir: dir });
    const md = readdirSync(out)
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(out, f), 'utf8'))
      .join('\n');
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const svg = readFileSync(join(out, 'breach-chain.svg'), 'utf8');
    // The disclosure decision table and the rules read aloud.
    expect(md).toContain('| Guild Data Protection Officer (dpo) | case record (identifiable) |');
    expect(md).not.toContain('| UPSU Data Protection Officer (dpo) |');
    expect(md).toContain("when the recipient's role is Guild Data Protection Officer");
    // The breach chain (raised with the Head of Advice), in Markdown, SVG and HTML.
    expect(md).toContain('the Adviser with the Head of Advice');
    expect(svg).toContain('Head of Advice');
    expect(svg).not.toContain('Advice Service Lead');
    // The checker: its role choices and the labels its script shows decisions with.
    expect(html).toContain('<option value="dpo">Guild Data Protection Officer</option>');
    expect(html).toContain('<option value="advice-lead">Head of Advice</option>');
    const prelude = html.match(/var ROLE_LABELS = (\{.*\});/)?.[1];
    expect(JSON.parse(prelude ?? '{}')).toEqual({ ...ROLE_LABELS, ...LABELS });
    // A role the setting leaves out keeps its built-in label.
    expect(html).toContain('<option value="university-staff">University staff</option>');
    expect(md).toContain('| University staff (university-staff) |');
  });

  it('a worked example’s next step names the role with the policy’s label', () => {
    const model = buildModel(policy, []);
    expect(model.roleLabels['advice-lead']).toBe('Head of Advice');
    expect(model.chain.raises).toContainEqual({ raiser: 'adviser', with: 'advice-lead' });
    const sections = readFileSync(join(out, '5-breaches-of-confidentiality.md'), 'utf8');
    expect(sections).toContain('raise the matter with the Head of Advice');
    expect(sections).not.toContain('raise the matter with the Advice Service Lead');
  });

  it('the book’s own sentences name the adviser and the Advice Service Lead by the policy’s labels', async () => {
    // Before, the chain's first step and its 5.5.4 note said "Adviser", and the Advice team fact "an adviser or
    // the Advice Service Lead", whatever the labels: a book that calls them Caseworkers said both.
    const relabelled = adaptedFolder((s) => {
      s.roleLabels = { adviser: 'Caseworker', 'advice-lead': 'Senior Caseworker' };
    });
    const to = mkdtempSync(join(tmpdir(), 'upsu-adapted-docs-'));
    made.push(to);
    await generateDocs({ outDir: to, rulesDir: relabelled });
    const model = buildModel(loadPolicy(relabelled), []);
    const reads = model.questions.flatMap((q) => [...q.deciding, ...q.modifiers].map((r) => r.reads)).join('\n');
    expect(reads).toContain('the recipient is in the Advice team (adviser, advice-lead)');
    expect(reads).not.toContain('Advice Service Lead');
    // The drawing's words, its lines unwrapped.
    const svg = readFileSync(join(to, 'breach-chain.svg'), 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ');
    const book = readFileSync(join(to, '5-breaches-of-confidentiality.md'), 'utf8');
    expect(svg).toContain('A Caseworker feels confidentiality should be breached');
    expect(svg).toContain('Never a Caseworker (not even with others), nor the person who raised it (5.5.4).');
    expect(book).toContain('A Caseworker feels confidentiality should be breached');
    expect(book).toContain(
      'never by a Caseworker (5.5.4 says no Caseworker decides alone; the software lets no Caseworker decide at all), nor by the person who raised it',
    );
    expect(book).not.toContain('no Adviser');
    expect(book).toContain('never a Caseworker nor the raiser (5.5.4)');
    // The drawing is the code's text (the clauses and rule texts are the folder's own): no built-in label is left.
    expect(svg).not.toMatch(/Adviser|Advice Service Lead/);
  });

  it('a label is written as given, `$` and all (never read as a replacement pattern)', () => {
    const labels = roleLabelsOf({ roleLabels: { 'advice-lead': 'Lead $& $1 $$' } });
    expect(nextStepText({ step: 'raise', role: 'advice-lead' }, labels)).toBe(
      'raise the matter with the Lead $& $1 $$',
    );
  });

  it('given to createPolicy: accepted, copied and frozen, hashed; the decisions do not change', () => {
    const given: Record<string, string> = { dpo: 'Data Protection Officer' };
    const p = createPolicy(bundledRules, { settings: { roleLabels: given } });
    given.dpo = 'changed afterwards';
    expect(p.settings.roleLabels).toEqual({ dpo: 'Data Protection Officer' });
    expect(Object.isFrozen(p.settings.roleLabels)).toBe(true);
    expect(p.ref.rulesHash).not.toBe(defaultPolicy().ref.rulesHash);
    const q = { question: 'access', actor: { role: 'dpo' }, necessary: true };
    expect({ ...p.evaluate(q), policy: null }).toEqual({ ...defaultPolicy().evaluate(q), policy: null });
  });

  it('bad labels are refused, each with its code and path, and no message repeats a label', () => {
    const bad = {
      dpo: '   ',
      adviser: '',
      intern: 'Secret Label One',
      'advice-lead': 3,
      Adviser: 'Secret Label Two',
    };
    const secrets = ['Secret Label One', 'Secret Label Two'];
    const expected = (code: string, file: string) => [
      { code, file, path: ['settings', 'roleLabels', 'dpo'] },
      { code, file, path: ['settings', 'roleLabels', 'adviser'] },
      { code, file, path: ['settings', 'roleLabels', 'intern'] },
      { code, file, path: ['settings', 'roleLabels', 'advice-lead'] },
      { code, file, path: ['settings', 'roleLabels', 'Adviser'] },
    ];
    const fromOptions = problemsOf(() => createPolicy(bundledRules, { settings: { roleLabels: bad as never } }));
    expect(checked(fromOptions, secrets)).toEqual(
      expect.arrayContaining(expected('invalid-setting', 'createPolicy options')),
    );
    expect(fromOptions).toHaveLength(5);
    expect(fromOptions.find((p) => p.path?.[2] === 'intern')?.message).toMatch(/not a role of the contract/);
    const fromFile = problemsOf(() =>
      loadPolicy(
        adaptedFolder((s) => {
          s.roleLabels = bad;
        }),
      ),
    );
    expect(checked(fromFile, secrets)).toEqual(expect.arrayContaining(expected('invalid-format', 'policy.json')));
    expect(fromFile).toHaveLength(5);
  });

  it('a label of characters that show nothing (zero-width space, soft hyphen, Hangul filler) is blank, and refused', () => {
    for (const label of ['\u200b', '\u00ad', ' \u2060\u200b ', '\u3164', '\u115f', '\u0000'])
      expect(
        checked(
          problemsOf(() => createPolicy(bundledRules, { settings: { roleLabels: { dpo: label } } })),
          [],
        ),
        JSON.stringify(label),
      ).toEqual([{ code: 'invalid-setting', file: 'createPolicy options', path: ['settings', 'roleLabels', 'dpo'] }]);
    expect(createPolicy(bundledRules, { settings: { roleLabels: { dpo: 'D\u200bPO' } } }).settings.roleLabels).toEqual({
      dpo: 'D\u200bPO',
    });
  });

  it('a label is plain text: Markdown, HTML and table characters and line breaks are refused, without repeating it', () => {
    for (const label of [
      '*Head* of Advice',
      'Head_of_Advice',
      'Head `of` Advice',
      '[Head](https://example.org)',
      '<b>Head</b> of Advice',
      'Head | Advice',
      'Head \\ Advice',
      'Head of\nAdvice',
      'Head of\rAdvice',
      'Head of\tAdvice',
      // GitHub's Markdown strikes `~~…~~` through; a character reference shows as another character (`&amp;` as
      // `&` in Markdown, `#quot;` as `"` in Mermaid); U+2028 and U+2029 are line breaks too.
      'Head ~~of~~ Advice',
      'Head &amp; Advice',
      'Head &#42;of&#x2A; Advice',
      'Head #quot;of#quot; Advice',
      'Head of\u2028Advice',
      'Head of\u2029Advice',
    ])
      expect(
        checked(
          problemsOf(() => createPolicy(bundledRules, { settings: { roleLabels: { dpo: label } } })),
          [label],
        ),
        JSON.stringify(label),
      ).toEqual([{ code: 'invalid-setting', file: 'createPolicy options', path: ['settings', 'roleLabels', 'dpo'] }]);
    // Punctuation a name needs is kept as written.
    for (const label of ["Head of Advice & Guidance (O'Neill's team)", 'Lead, Advice – Welfare/Finance #2 $& 100% ok!'])
      expect(createPolicy(bundledRules, { settings: { roleLabels: { dpo: label } } }).settings.roleLabels).toEqual({
        dpo: label,
      });
    const [problem] = problemsOf(() => createPolicy(bundledRules, { settings: { roleLabels: { dpo: '<i>DPO</i>' } } }));
    expect(problem?.message).toMatch(/plain text/);
  });

  it('not an object, undefined, or a member named __proto__ is refused, never read as no labels', () => {
    for (const roleLabels of [[], 'Adviser', null, undefined])
      expect(
        checked(
          problemsOf(() => createPolicy(bundledRules, { settings: { roleLabels: roleLabels as never } })),
          [],
        ),
      ).toEqual([{ code: 'invalid-setting', file: 'createPolicy options', path: ['settings', 'roleLabels'] }]);
    const proto = JSON.parse('{"dpo":"DPO","__proto__":"x"}');
    expect(
      checked(
        problemsOf(() => createPolicy(bundledRules, { settings: { roleLabels: proto } })),
        [],
      ),
    ).toEqual([
      { code: 'invalid-setting', file: 'createPolicy options', path: ['settings', 'roleLabels', '__proto__'] },
    ]);
    expect(
      checked(
        problemsOf(() =>
          loadPolicy(
            adaptedFolder((s) => {
              s.roleLabels = proto;
            }),
          ),
        ),
        [],
      ),
    ).toEqual([{ code: 'invalid-format', file: 'policy.json', path: ['settings', 'roleLabels', '__proto__'] }]);
  });
});

describe('identifyingColumns: a service’s own identifying statistics columns (4.2)', () => {
  const release = (fields: string[]) => ({
    question: 'statistics-release',
    actor: { role: 'advice-lead' },
    recipient: { role: 'membership-body', name: 'NUS' },
    fields,
    smallestCount: 12,
  });
  const TABLE = ['issueCategory', 'hallRoom', 'count'];

  it('the bundled policy lists none, and permits a table with a hallRoom column', async () => {
    expect(bundledRules.policy.settings.identifyingColumns).toEqual([]);
    const d = defaultPolicy().evaluate(release(TABLE));
    expect(d.outcome).toBe('permit');
    expect((await defaultPolicy().evaluateWithEngine(release(TABLE))).outcome).toBe('permit');
  });

  it('an adapted folder listing hallRoom denies that table (4.2), on both engines', async () => {
    const policy = loadPolicy(
      adaptedFolder((s) => {
        s.identifyingColumns = ['hallRoom', 'matricNumber'];
      }),
    );
    const d = policy.evaluate(release(TABLE));
    expect(d.outcome).toBe('deny');
    expect(d.clauses).toEqual(['4.2', '4.3']);
    expect(d.reasons.map((r) => r.rule)).toEqual(['identifying-fields']);
    expect(d.remedies.map((r) => r.code)).toContain('remove-identifying-fields');
    expect(await policy.evaluateWithEngine(release(TABLE))).toEqual(d);
    expect(policy.ref.rulesHash).not.toBe(defaultPolicy().ref.rulesHash);
    // The book says which names count, where it reads the rule aloud.
    const rule = buildModel(policy, [])
      .questions.find((q) => q.kind === 'statistics-release')
      ?.deciding.find((r) => r.name === 'identifying-fields');
    expect(rule?.reads).toContain("or one of the policy's own identifying columns: hallRoom, matricNumber)");
  });

  it('compares after the built-in normalisation: case, separators, invisible characters, full-width forms', () => {
    const policy = createPolicy(bundledRules, { settings: { identifyingColumns: ['Hall Room'] } });
    for (const column of ['hallRoom', 'HALL_ROOM', 'hall-room', 'hall\u200broom', '\uff48\uff41\uff4c\uff4c room'])
      expect(policy.evaluate(release(['count', column])).outcome, column).toBe('deny');
    // Wherever it stands in a longer name (the cautious reading), unless only a count word follows it.
    for (const column of ['hall_room_2025', 'Hall Room (term time)', 'clientHallRoom'])
      expect(policy.evaluate(release(['count', column])).outcome, column).toBe('deny');
    expect(policy.evaluate(release(['count', 'hallRoomCount'])).outcome).toBe('permit');
  });

  it('only adds: the built-in identifying names still deny with the setting given', () => {
    const policy = createPolicy(bundledRules, { settings: { identifyingColumns: ['hallRoom'] } });
    for (const column of ['postcode', 'clientName', 'studentId', 'p\u043estcode'])
      expect(policy.evaluate(release(['count', column])).outcome, column).toBe('deny');
    expect(policy.evaluate(release(['issueCategory', 'count'])).outcome).toBe('permit');
  });

  it('given to createPolicy: copied and frozen', () => {
    const given = ['hallRoom'];
    const p = createPolicy(bundledRules, { settings: { identifyingColumns: given } });
    given.length = 0;
    expect(p.settings.identifyingColumns).toEqual(['hallRoom']);
    expect(Object.isFrozen(p.settings.identifyingColumns)).toBe(true);
    expect(p.evaluate(release(TABLE)).outcome).toBe('deny');
  });

  it('bad names are refused, each with its code and path, and no message repeats a name', () => {
    const bad = ['hallRoom', '', ' -_/ ', '\u200b', 'matrícula', 7, null];
    const secrets = ['matrícula', 'matrcula'];
    const paths = [1, 2, 3, 4, 5, 6].map((i) => ['settings', 'identifyingColumns', i]);
    const fromOptions = problemsOf(() =>
      createPolicy(bundledRules, { settings: { identifyingColumns: bad as never } }),
    );
    expect(checked(fromOptions, secrets)).toEqual(
      paths.map((path) => ({ code: 'invalid-setting', file: 'createPolicy options', path })),
    );
    const fromFile = problemsOf(() =>
      loadPolicy(
        adaptedFolder((s) => {
          s.identifyingColumns = bad;
        }),
      ),
    );
    expect(checked(fromFile, secrets)).toEqual(
      paths.map((path) => ({ code: 'invalid-format', file: 'policy.json', path })),
    );
  });

  it('not a list, or undefined, is refused, never read as none', () => {
    for (const identifyingColumns of ['hallRoom', { hallRoom: true }, null, undefined])
      expect(
        checked(
          problemsOf(() =>
            createPolicy(bundledRules, { settings: { identifyingColumns: identifyingColumns as never } }),
          ),
          [],
        ),
      ).toEqual([{ code: 'invalid-setting', file: 'createPolicy options', path: ['settings', 'identifyingColumns'] }]);
  });
});
