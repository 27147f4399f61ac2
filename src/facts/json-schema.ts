import { z } from 'zod';
import { caseExport } from './case-export.js';
import type { QuestionKind } from './constants.js';
import { questionSchemas } from './questions.js';

/**
 * JSON Schema (draft 2020-12) for a question kind, or for a case-export line, generated from the same zod
 * schemas the library validates with — for systems in other languages.
 *
 * @example
 * jsonSchema('retention').properties.client.required; // ['degreeStatus']
 * @see 3.3
 */
export function jsonSchema(name: QuestionKind | 'case-export'): Record<string, unknown> & { properties?: any } {
  const schema = name === 'case-export' ? caseExport : questionSchemas[name];
  if (!schema) throw new Error(`no schema named ${JSON.stringify(name)}`);
  return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
}
