// Where `new Function` is forbidden (a Content Security Policy without `unsafe-eval`, as the generated checker
// page has, or `node --disallow-code-generation-from-strings`), the library compiles the rules into a tree of
// closures instead of generated code (src/engine/compiled.ts, combine.ts). That path decides exactly as the
// generated one: the same questions, asked of the built package in a process that cannot generate code, give the
// same decisions (outcome, reasons, clauses, obligations, remedies, key order), the same explain traces, and the
// same refusals of invalid questions.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, safeEvaluate } from '../../src/index.js';
import { QUESTION_KINDS, randomQuestions } from '../support/random-questions.js';
import { ensureBuilt, ROOT } from './helpers.js';

beforeAll(() => ensureBuilt());

const N = Number(process.env.DIFFERENTIAL_N ?? 300);

// Reads questions (JSON) on standard input; writes, per question, the decision, the explained decision and
// safeEvaluate's answer as JSON text, after saying whether this process could generate code at all.
const SCRIPT = `const { evaluate, safeEvaluate } = await import('upsu-confidentiality-policy');
let generated = true;
try { new Function('return 1'); } catch { generated = false; }
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const { questions, invalid } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const decided = questions.map((q) => [
  JSON.stringify(evaluate(q)),
  JSON.stringify(evaluate(q, { explain: true })),
  JSON.stringify(safeEvaluate(q)),
]);
const refused = invalid.map((q) => JSON.stringify(safeEvaluate(q)));
process.stdout.write(JSON.stringify({ generated, decided, refused }));`;

function runWithout(questions: unknown[], invalid: unknown[]) {
  const r = spawnSync(
    process.execPath,
    ['--disallow-code-generation-from-strings', '--input-type=module', '-e', SCRIPT],
    { cwd: ROOT, encoding: 'utf8', input: JSON.stringify({ questions, invalid }), maxBuffer: 1 << 30 },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { generated: boolean; decided: string[][]; refused: string[] };
}

describe('the closure path (no code generation) decides as the generated path', () => {
  // A disclosure authorised under a breach ground: its rule reads `breachGround notEqual null`.
  const breachPermit = {
    question: 'disclosure',
    actor: { role: 'adviser' },
    recipient: { role: 'third-party' },
    information: { kind: 'case-record', identifiable: true },
    breach: { ground: 'harm', authorisation: { decidedBy: 'advice-lead', agreed: true, writtenRecord: true } },
  };
  const questions = [...QUESTION_KINDS.flatMap((kind) => randomQuestions(kind, N, 4242)), breachPermit];
  // Invalid questions: a wrong type, an unknown value, a missing field, an unknown field.
  const invalid = [
    { question: 'recording', consentToRecord: 'yes', relevant: true },
    { question: 'access', actor: { role: 'nobody' } },
    { question: 'disclosure', actor: { role: 'adviser' } },
    { question: 'contact', channel: 'email', situation: 'direct', extra: 1 },
    { question: 'nope' },
  ];
  const out = runWithout(questions, invalid);

  it('the child process cannot generate code (so it takes the closure path)', () => {
    expect(out.generated).toBe(false);
  });

  it(`${questions.length} questions of every kind: the same decisions and explain traces`, () => {
    expect(out.decided).toHaveLength(questions.length);
    const differ: string[] = [];
    questions.forEach((q, i) => {
      const [plain, explained, safe] = out.decided[i] as string[];
      if (
        plain !== JSON.stringify(evaluate(q)) ||
        explained !== JSON.stringify(evaluate(q, { explain: true })) ||
        safe !== JSON.stringify(safeEvaluate(q))
      )
        differ.push(JSON.stringify(q));
    });
    expect(differ.slice(0, 5)).toEqual([]);
    expect(differ).toHaveLength(0);
  });

  it('a breach-authorised disclosure is a permit on the closure path (a notEqual-null condition)', () => {
    const [plain] = out.decided[questions.indexOf(breachPermit)] as string[];
    const d = JSON.parse(plain as string);
    expect(d.outcome).toBe('permit');
    expect(d.reasons.map((r: { rule: string }) => r.rule)).toEqual(['breach-authorised']);
  });

  it('invalid questions are refused alike, with the same issues', () => {
    expect(out.refused).toEqual(invalid.map((q) => JSON.stringify(safeEvaluate(q))));
    for (const r of out.refused) expect(JSON.parse(r).ok).toBe(false);
  });
});
