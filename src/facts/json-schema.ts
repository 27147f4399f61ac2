import type { QuestionKind } from './constants.js';
import { zodSchemas } from './schema-loader.js';

/**
 * JSON Schema (draft 2020-12) for a question kind, or for a case-export line, generated from the same zod
 * schemas the library validates with — for systems in other languages. Loads zod on first use.
 *
 * @param name A question kind ({@link QUESTION_KINDS}), or `case-export` for a line of a case-management export.
 * @returns The JSON Schema, a new object each call.
 * @throws {@link ZodUnavailableError} (`code` `zod-unavailable`) when zod fails to load; a plain `Error` for a name
 *   that is neither.
 * @example
 * jsonSchema('retention').properties.client.required; // ['degreeStatus']
 * @see 3.3
 */
export function jsonSchema(name: QuestionKind | 'case-export'): Record<string, unknown> & { properties?: any } {
  return zodSchemas().toJsonSchema(name);
}
