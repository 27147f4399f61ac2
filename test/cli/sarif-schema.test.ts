// The SARIF reports `upsu-policy audit --format sarif` writes are valid against the SARIF 2.1.0 JSON schema itself
// (test/fixtures/sarif: the OASIS schema, draft-04), not only shaped as the other audit tests expect: code scanning
// tools (GitHub's upload, SARIF viewers) refuse or misread a report the schema does not accept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, generate, ROOT, tempDir } from './helpers.js';

const AS_OF = '2026-09-01';
const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
// unicodeRegExp off: the schema's language pattern (`^[a-zA-Z]{2}|…]?$`) is not valid with the `u` flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about a report, as `path message` lines (none when it is valid). */
function schemaErrors(report: unknown): string[] {
  return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

let dir: string;
let sample: string;
let withBad: string;
let spaced: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  sample = generate(join(dir, 'sample.ndjson'), ['--count', '300', '--seed', '5']);
  withBad = generate(join(dir, 'bad.ndjson'), ['--count', '300', '--seed', '5', '--bad-every', '40']);
  // A name a URI must escape: the report's artifact locations are URI references.
  spaced = generate(join(dir, 'cases #1 [export].ndjson'), ['--count', '50', '--seed', '9']);
}, 120_000);

/** The report of an audit with findings (exit 1; 2 when `code` says the export has invalid lines). */
const sarif = (args: readonly string[], opts: { input?: string; env?: Record<string, string> } = {}, code = 1) => {
  const r = cli(['audit', ...args, '--as-of', AS_OF, '--format', 'sarif'], opts);
  expect(r.code, r.stderr).toBe(code);
  return JSON.parse(r.stdout);
};

describe('audit --format sarif against the SARIF 2.1.0 schema', () => {
  it('the schema is the real one: it refuses a report that breaks it', () => {
    const report = sarif([sample]);
    expect(schemaErrors(report)).toEqual([]);
    // A test that cannot fail is no test: the same report with a result level SARIF does not have, a result
    // without a message, or no version, is refused.
    const badLevel = structuredClone(report);
    badLevel.runs[0].results[0].level = 'fatal';
    expect(schemaErrors(badLevel).join('\n')).toMatch(/level/);
    const noMessage = structuredClone(report);
    delete noMessage.runs[0].results[0].message;
    expect(schemaErrors(noMessage).join('\n')).toMatch(/message/);
    const noVersion = structuredClone(report);
    delete noVersion.version;
    expect(schemaErrors(noVersion).join('\n')).toMatch(/version/);
  });

  it('a report with findings, and one with invalid lines (tool notifications), are valid', () => {
    const withFindings = sarif([sample]);
    expect(withFindings.runs[0].results.length).toBeGreaterThan(0);
    expect(schemaErrors(withFindings)).toEqual([]);
    const notified = sarif([withBad], {}, 2);
    expect(notified.runs[0].invocations[0].toolExecutionNotifications.length).toBeGreaterThan(0);
    expect(schemaErrors(notified)).toEqual([]);
  });

  it('from standard input, and from a file whose name a URI must escape, the report is valid', () => {
    const fromStdin = sarif(['-'], { input: readFileSync(sample, 'utf8') });
    expect(schemaErrors(fromStdin)).toEqual([]);
    const escaped = sarif([spaced]);
    expect(JSON.stringify(escaped)).toContain('cases%20%231%20%5Bexport%5D.ndjson');
    expect(schemaErrors(escaped)).toEqual([]);
  });

  it('with more findings than it lists (the results cap), the report and its notification are valid', () => {
    const capped = sarif([sample], { env: { UPSU_AUDIT_SARIF_RESULTS: '5' } });
    expect(capped.runs[0].results).toHaveLength(5);
    expect(schemaErrors(capped)).toEqual([]);
  });

  it('with two workers the report is the same, and valid', () => {
    const one = sarif([sample]);
    const two = sarif([sample, '--workers', '2']);
    expect(two).toEqual(one);
    expect(schemaErrors(two)).toEqual([]);
  });
});
