import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/decision/default-policy.js';
import { readRulesFolder } from '../src/engine/load-dir.js';
import { loadScenarios, runScenariosSync } from '../src/scenarios/run.js';

const ROOT = new URL('..', import.meta.url).pathname;
const RULES = join(ROOT, 'rules');
const bundle = readRulesFolder(RULES);
const policy = defaultPolicy();
const report = runScenariosSync(policy, loadScenarios([RULES]));

// The clause ids of the policy text (../shared/policy/confidentiality-policy.md), written out independently of
// rules/clauses.json: the six opening paragraphs and every numbered clause.
const POLICY_CLAUSES = [
  ...['P1', 'P2', 'P3', 'P4', 'P5', 'P6'],
  ...['1.1', '1.2', '1.3', '1.4'],
  ...['2.1', '2.2', '2.3'],
  ...['3.1', '3.2', '3.3'],
  ...['4.1', '4.2', '4.3'],
  ...['5.1', '5.2', '5.3', '5.3.1', '5.3.2', '5.3.3', '5.4', '5.4.1', '5.4.2', '5.4.3'],
  ...['5.5', '5.5.1', '5.5.2', '5.5.3', '5.5.4'],
  ...['6.1', '6.1.1', '6.1.2', '6.1.3', '6.1.4', '6.1.5', '6.1.6', '6.2', '6.3', '6.4'],
];

type RawRule = {
  name: string;
  event: {
    type: string;
    params: { clauses?: string[]; code?: string; obligations?: string[]; remedies?: string[]; advisories?: string[] };
  };
};
const rawRules = bundle.ruleFiles.flatMap((f) =>
  (f.rules as unknown as RawRule[]).map((r) => ({ file: f.file, question: f.question, rule: r })),
);
const codeKinds = { obligation: 'obligations', remedy: 'remedies', advisory: 'advisories' } as const;

/** Every clause a rule cites: a deciding rule's params.clauses, a modifier's code's clause. */
function citedBy(r: RawRule): string[] {
  const kind = codeKinds[r.event.type as keyof typeof codeKinds];
  if (kind) {
    const entry = bundle.codes[kind][r.event.params.code ?? ''];
    return entry ? [entry.clause] : [];
  }
  return r.event.params.clauses ?? [];
}

describe('clauses', () => {
  it('the catalogue holds the 44 clauses of the policy text, in its order', () => {
    expect(bundle.clauses.clauses.map((c) => c.id)).toEqual(POLICY_CLAUSES);
    expect(POLICY_CLAUSES).toHaveLength(44);
  });

  for (const id of POLICY_CLAUSES) {
    it(`${id} is cited by a rule, or marked not decidable with a reason`, () => {
      const c = bundle.clauses.clauses.find((x) => x.id === id);
      expect(c).toBeDefined();
      const citing = rawRules.filter((x) => citedBy(x.rule).includes(id)).map((x) => `${x.file} ${x.rule.name}`);
      if (c?.decidable) {
        expect(citing, `no rule cites ${id}`).not.toEqual([]);
        const cov = report.coverage.clauses.find((x) => x.id === id);
        expect(cov?.scenarios, `no scenario exercises a rule citing ${id}`).toBeGreaterThan(0);
      } else {
        expect(c?.notDecidableReason ?? '').toMatch(/\w{3,}.*\w{3,}/);
      }
    });
  }

  it('only P1 and 5.2 are not decidable', () => {
    expect(bundle.clauses.clauses.filter((c) => !c.decidable).map((c) => c.id)).toEqual(['P1', '5.2']);
  });

  it('no rule, code or question cites a clause that does not exist', () => {
    const known = new Set(POLICY_CLAUSES);
    const bad: string[] = [];
    for (const { file, rule } of rawRules) {
      for (const c of citedBy(rule)) if (!known.has(c)) bad.push(`${file} ${rule.name}: ${c}`);
      for (const kind of ['obligations', 'remedies', 'advisories'] as const)
        for (const code of rule.event.params[kind] ?? [])
          if (!bundle.codes[kind][code]) bad.push(`${file} ${rule.name}: unknown ${kind} code ${code}`);
      const kind = codeKinds[rule.event.type as keyof typeof codeKinds];
      if (kind && !bundle.codes[kind][rule.event.params.code ?? ''])
        bad.push(`${file} ${rule.name}: unknown ${kind} code ${rule.event.params.code}`);
    }
    for (const kind of ['obligations', 'remedies', 'advisories'] as const)
      for (const [code, e] of Object.entries(bundle.codes[kind]))
        if (!known.has(e.clause)) bad.push(`codes.json ${code}: ${e.clause}`);
    for (const [q, meta] of Object.entries(bundle.questions))
      for (const c of meta.fallbackClauses) if (!known.has(c)) bad.push(`questions.json ${q}: ${c}`);
    expect(bad).toEqual([]);
  });

  it('the report counts the same rules citing each clause as the rule files do', () => {
    for (const c of report.coverage.clauses) {
      const citing = rawRules.filter((x) => citedBy(x.rule).includes(c.id)).map((x) => `${x.question}/${x.rule.name}`);
      expect([...c.rules].sort()).toEqual([...new Set(citing)].sort());
    }
  });
});

describe('rules', () => {
  it('every rules file has its scenario table beside it', () => {
    const missing: string[] = [];
    for (const dir of readdirSync(RULES, { withFileTypes: true }).filter((d) => d.isDirectory()))
      for (const f of readdirSync(join(RULES, dir.name)).filter((x) => x.endsWith('.rules.json')))
        if (!existsSync(join(RULES, dir.name, f.replace(/\.rules\.json$/, '.cases.json'))))
          missing.push(`${dir.name}/${f}`);
    expect(missing).toEqual([]);
  });

  it('every scenario passes and names a rule of its question', () => {
    expect(report.results.filter((r) => !r.ok).map((r) => `${r.file}: ${r.name}: ${r.failures.join('; ')}`)).toEqual(
      [],
    );
    expect(report.problems).toEqual([]);
  });

  it('every decided scenario states the outcome it expects', () => {
    const vague = loadScenarios([RULES])
      .flatMap((f) => f.scenarios.map((s) => ({ f, s })))
      .filter(({ s }) => !s.expect.invalid && s.expect.outcome === undefined && s.expect.outcomeIn === undefined)
      .map(({ f, s }) => `${f.file}: ${s.name}`);
    expect(vague).toEqual([]);
  });

  it('every rule has a scenario where it fires and one where it does not', () => {
    expect(report.coverage.rules.length).toBe(rawRules.length);
    const oneSided = report.coverage.rules
      .filter((r) => !r.bothSides)
      .map((r) => `${r.file} ${r.name} (fires: ${r.firedIn.length}, misses: ${r.notFiredIn.length})`);
    expect(oneSided).toEqual([]);
  });

  it('only a rule with no conditions may take its near miss from a question that does not validate', () => {
    for (const r of report.coverage.rules.filter((x) => !x.unconditional))
      for (const s of r.notFiredIn) {
        const result = report.results.find((x) => `${x.file}: ${x.name}` === s);
        expect(result?.decision, `${r.name}: ${s}`).toBeDefined();
      }
  });
});

describe('the generated bundle', () => {
  it('src/generated/rules.ts is fresh (node scripts/bundle-rules.mjs --check)', () => {
    expect(() =>
      execFileSync(process.execPath, [join(ROOT, 'scripts/bundle-rules.mjs'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  // `npm run build` rewrites src/generated/rules.ts from rules/, so `check:generated` run after anything that builds
  // (npm test does) compares the file with itself and passes: a commit that changed rules/ and not the bundle went
  // through CI. The check must come first.
  it('CI checks the committed bundle before any step that builds (and so rewrites) it', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const builds = new Set(
      Object.keys(scripts).filter((k) => /npm run build\b|bundle-rules\.mjs(?! --check)/.test(scripts[k] ?? '')),
    );
    expect(builds).toContain('build');
    expect(builds).toContain('test');
    const steps = readFileSync(join(ROOT, '.ci/run'), 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .filter((l) => /^(npm|npx) /.test(l));
    const script = (l: string) => /^npm (?:run )?([\w:-]+)/.exec(l)?.[1];
    const firstBuild = steps.findIndex((l) => builds.has(script(l) ?? '') || l.includes('--pack'));
    const check = steps.indexOf('npm run check:generated');
    expect(check, 'npm run check:generated is not a step of .ci/run').toBeGreaterThanOrEqual(0);
    expect(check, `.ci/run checks the bundle after \`${steps[firstBuild]}\` has rewritten it`).toBeLessThan(firstBuild);
  });

  it('the bundled policy is the rules folder', () => {
    expect(policy.loaded.bundle.ruleFiles.map((f) => f.file)).toEqual(bundle.ruleFiles.map((f) => f.file));
    expect(policy.loaded.bundle.ruleFiles).toEqual(bundle.ruleFiles);
  });
});
