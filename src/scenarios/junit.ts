import { xml } from '../audit/format.js';
import type { CoverageFigures, ScenarioReport } from './run.js';

/** What a JUnit report of a scenario run also says: the coverage threshold asked for, if any. */
export interface ScenarioJunitOptions {
  /** `--threshold`: rule and clause coverage are each a test case, failing under it. */
  readonly threshold?: number;
  readonly figures: CoverageFigures;
}

/**
 * A scenario run as JUnit XML, for CI dashboards (`upsu-policy test --junit FILE`): a `<testsuite>` per scenario
 * file with a `<testcase>` per scenario (a `<failure>` listing what it did not meet), a file's problems (not JSON,
 * not scenarios) as `<error>`s, and, with a threshold, rule and clause coverage as two more test cases.
 *
 * @example
 * scenarioJunit(report, { figures: coverageFigures(report) }).startsWith('<?xml'); // true
 * @see P1
 */
export function scenarioJunit(report: ScenarioReport, o: ScenarioJunitOptions): string {
  const files = new Map<string, { cases: string[]; failures: number; errors: number }>();
  const fileOf = (f: string) => {
    let e = files.get(f);
    if (!e) files.set(f, (e = { cases: [], failures: 0, errors: 0 }));
    return e;
  };
  for (const r of report.results) {
    const e = fileOf(r.file);
    const head = `    <testcase classname="${xml(r.file)}" name="${xml(`#${r.index + 1} ${r.label} › ${r.name}`)}"`;
    if (r.ok) e.cases.push(`${head}/>\n`);
    else {
      e.failures++;
      e.cases.push(
        `${head}>\n      <failure type="scenario-failed" message="${xml(r.failures[0] ?? 'failed')}">${xml(r.failures.join('\n'))}</failure>\n    </testcase>\n`,
      );
    }
  }
  for (const p of report.problems) {
    const e = fileOf(p.file);
    e.errors++;
    const where = p.index === null ? 'the file' : `scenario #${p.index + 1}`;
    e.cases.push(
      `    <testcase classname="${xml(p.file)}" name="${xml(where)}">\n      <error type="invalid-scenario-file" message="${xml(p.message)}">${xml(`${p.file}: ${where} ${p.message}`)}</error>\n    </testcase>\n`,
    );
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const [file, e] of files) {
    tests += e.cases.length;
    failures += e.failures;
    errors += e.errors;
    suites.push(
      `  <testsuite name="${xml(file)}" tests="${e.cases.length}" failures="${e.failures}" errors="${e.errors}">\n${e.cases.join('')}  </testsuite>\n`,
    );
  }
  if (o.threshold !== undefined) {
    const cases = (['rules', 'clauses'] as const).map((what) => {
      const f = o.figures[what];
      const head = `    <testcase classname="coverage" name="${what === 'rules' ? 'rule' : 'clause'} coverage ≥ ${o.threshold}%"`;
      if (f.percent >= (o.threshold as number)) return `${head}/>\n`;
      failures++;
      return `${head}>\n      <failure type="coverage-under-threshold" message="${f.percent}% (${f.covered}/${f.total})">${f.percent}% (${f.covered} of ${f.total}) is under the threshold ${o.threshold}%</failure>\n    </testcase>\n`;
    });
    tests += 2;
    const under = cases.filter((c) => c.includes('<failure')).length;
    suites.push(
      `  <testsuite name="coverage" tests="2" failures="${under}" errors="0">\n${cases.join('')}  </testsuite>\n`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="upsu-policy test (${report.engine})" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join('')}</testsuites>\n`;
}
