// src/generated/question-checks.ts is what the fast validation path compiles: the zod schemas of every question
// kind, described as plain data (src/facts/describe-schema.ts), so that deciding needs no zod. This test fails
// when the file no longer matches the schemas; `npm run generate:checks` rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUESTION_KINDS } from '../src/facts/constants.js';
import { describeSchema } from '../src/facts/describe-schema.js';
import { questionSchemas } from '../src/facts/questions.js';

const file = new URL('../src/generated/question-checks.ts', import.meta.url);

function render(): string {
  const checks = Object.fromEntries(QUESTION_KINDS.map((k) => [k, describeSchema(questionSchemas[k])]));
  return `// Generated from the zod schemas of src/facts by test/generated-checks.test.ts (npm run generate:checks).
// Do not edit: change the schemas, then regenerate. What the fast validation path compiles (see check-def.ts).
import type { CheckDef } from '../facts/check-def.js';
import type { QuestionKind } from '../facts/constants.js';

export const questionChecks: Readonly<Record<QuestionKind, CheckDef | null>> = ${JSON.stringify(checks, null, 2)};
`;
}

describe('generated question checks', () => {
  it('src/generated/question-checks.ts matches the zod schemas (npm run generate:checks rewrites it)', () => {
    const fresh = render();
    if (process.env.UPDATE_GENERATED === '1') writeFileSync(file, fresh);
    expect(readFileSync(file, 'utf8') === fresh, 'stale: run npm run generate:checks').toBe(true);
  });

  it('describes every question kind (none falls back to zod alone)', () => {
    for (const k of QUESTION_KINDS) expect(describeSchema(questionSchemas[k]), k).not.toBeNull();
  });

  it('QUESTION_KINDS lists the schemas in their order', () => {
    expect(Object.keys(questionSchemas)).toEqual([...QUESTION_KINDS]);
  });
});
