import type { QuestionKind } from './constants.js';
import { zodSchemas } from './schema-loader.js';

/**
 * A JSON Schema (draft 2020-12) as {@link jsonSchema} gives it: the keywords its schemas use, typed, and any other
 * keyword `unknown`. Assignable to the schema parameter of JSON Schema validators (ajv's `compile`, for one).
 *
 * @example
 * import { jsonSchema, type JsonSchema } from 'upsu-confidentiality-policy';
 * const schema: JsonSchema = jsonSchema('retention');
 * schema.properties?.client?.required; // ['degreeStatus']
 * schema.additionalProperties; // false
 * @see 3.3
 */
export interface JsonSchema {
  /** The dialect: `https://json-schema.org/draft/2020-12/schema` at the top, absent below it. */
  $schema?: string;
  /** The JSON type or types a value may have. */
  type?:
    | 'object'
    | 'array'
    | 'string'
    | 'number'
    | 'integer'
    | 'boolean'
    | 'null'
    | ('object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null')[];
  /** What the value means, from the field's documentation. */
  description?: string;
  /** An object's members, each with its own schema. */
  properties?: Record<string, JsonSchema>;
  /** The members an object must have. */
  required?: string[];
  /** `false` where members not named in `properties` are refused (every question is strict), or their schema. */
  additionalProperties?: boolean | JsonSchema;
  /** An array's items. */
  items?: JsonSchema;
  /** The values allowed. */
  enum?: unknown[];
  /** The one value allowed (a question's `question`, for one). */
  const?: unknown;
  /** Schemas one or more of which the value must meet. */
  anyOf?: JsonSchema[];
  /** Schemas exactly one of which the value must meet. */
  oneOf?: JsonSchema[];
  /** A string's format (`date` for a calendar date). */
  format?: string;
  /** The smallest number allowed. */
  minimum?: number;
  /** The largest number allowed. */
  maximum?: number;
  /** A string's shortest length. */
  minLength?: number;
  /** A string's longest length. */
  maxLength?: number;
  /** An array's largest number of items. */
  maxItems?: number;
  /** Any other keyword. */
  [keyword: string]: unknown;
}

/**
 * JSON Schema (draft 2020-12) for a question kind, or for a case-export line, generated from the same zod
 * schemas the library validates with — for systems in other languages. Loads zod on first use.
 *
 * @param name A question kind ({@link QUESTION_KINDS}), or `case-export` for a line of a case-management export.
 * @returns The JSON Schema, a new object each call.
 * @throws {@link ZodUnavailableError} (`code` `zod-unavailable`) when zod fails to load; a plain `Error` for a name
 *   that is neither.
 * @example
 * import { jsonSchema } from 'upsu-confidentiality-policy';
 * jsonSchema('retention').properties?.client?.required; // ['degreeStatus']
 * @see 3.3
 */
export function jsonSchema(name: QuestionKind | 'case-export'): JsonSchema {
  return zodSchemas().toJsonSchema(name) as JsonSchema;
}
