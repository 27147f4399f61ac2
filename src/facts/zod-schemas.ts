// Everything the library does with zod, in one module that is loaded only when zod is needed (see
// schema-loader.ts): the error report for a question or case-export line the fast checks refuse, JSON Schema,
// and the format checks of a rules folder. Deciding valid questions and auditing valid lines never load it, so
// importing the library does not load zod. The build makes it `dist/zod-schemas.cjs`.
import { z } from 'zod';
import { clausesFile, codesFile, policyFile, questionsFile, ruleJson } from '../engine/rule-schema.js';
import { caseExport } from './case-export.js';
import type { QuestionKind } from './constants.js';
import { questionSchemas } from './questions.js';

export { caseExport, questionSchemas };

/** The zod schemas of the rules folder's files (`createPolicy` and `loadPolicy` check a bundle with them). */
export const ruleFormats = { policyFile, clausesFile, codesFile, questionsFile, ruleJson };

const toJson = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;

/**
 * JSON Schema (draft 2020-12) of a question kind or of a case-export line (what `jsonSchema` returns).
 *
 * @example
 * toJsonSchema('contact').required; // ['question', 'channel']
 */
export function toJsonSchema(name: QuestionKind | 'case-export'): Record<string, unknown> {
  const schema =
    name === 'case-export'
      ? caseExport
      : Object.hasOwn(questionSchemas, name)
        ? questionSchemas[name as QuestionKind]
        : undefined;
  if (!schema) throw new Error(`no schema named ${JSON.stringify(name)}`);
  return toJson(schema);
}

/**
 * JSON Schema of any question: the union of every kind's (`upsu-policy schema` with no name).
 *
 * @example
 * anyQuestionJsonSchema().anyOf.length; // 11
 */
export function anyQuestionJsonSchema(): Record<string, unknown> {
  return toJson(z.union(Object.values(questionSchemas) as unknown as [z.ZodType, z.ZodType]));
}
