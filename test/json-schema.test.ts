// `jsonSchema` is typed as `JsonSchema`: the keywords its schemas use, each with its type. The type is only true if
// every schema it gives, all the way down, uses those keywords with those types, and no keyword the type leaves to
// its `unknown` index: checked here on every question kind and the case-export line, so that a zod upgrade that
// emits another keyword (or another shape of one) fails here instead of lying to a caller's compiler.
import { describe, expect, it } from 'vitest';
import { type JsonSchema, jsonSchema, QUESTION_KINDS } from '../src/index.js';

const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);
const isNode = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** What each keyword of `JsonSchema` holds; the nodes below a schema are checked by the walk. */
const KEYWORDS: Record<keyof JsonSchema & string, (v: unknown) => boolean> = {
  $schema: (v) => v === 'https://json-schema.org/draft/2020-12/schema',
  type: (v) => (typeof v === 'string' ? TYPES.has(v) : Array.isArray(v) && v.every((t) => TYPES.has(t))),
  description: (v) => typeof v === 'string',
  properties: isNode,
  required: isStrings,
  additionalProperties: (v) => typeof v === 'boolean' || isNode(v),
  items: isNode,
  enum: Array.isArray,
  const: () => true,
  anyOf: (v) => Array.isArray(v) && v.every(isNode),
  oneOf: (v) => Array.isArray(v) && v.every(isNode),
  format: (v) => typeof v === 'string',
  minimum: (v) => typeof v === 'number',
  maximum: (v) => typeof v === 'number',
  minLength: (v) => Number.isInteger(v),
  maxLength: (v) => Number.isInteger(v),
  maxItems: (v) => Number.isInteger(v),
};

/** Every problem of `node` and the schemas below it against `JsonSchema`, each with its path. */
function problems(node: unknown, path: string, top: boolean): string[] {
  if (!isNode(node)) return [`${path}: not a schema object`];
  const out: string[] = [];
  for (const [k, v] of Object.entries(node)) {
    const check = Object.hasOwn(KEYWORDS, k) ? KEYWORDS[k as keyof typeof KEYWORDS] : undefined;
    if (!check) out.push(`${path}: keyword ${k} is not typed by JsonSchema`);
    else if (!check(v)) out.push(`${path}: ${k} is not what JsonSchema says`);
    else if (k === '$schema' && !top) out.push(`${path}: $schema below the top`);
  }
  if (isNode(node.properties))
    for (const [k, v] of Object.entries(node.properties)) out.push(...problems(v, `${path}.properties.${k}`, false));
  if (isNode(node.additionalProperties))
    out.push(...problems(node.additionalProperties, `${path}.additionalProperties`, false));
  if (isNode(node.items)) out.push(...problems(node.items, `${path}.items`, false));
  for (const k of ['anyOf', 'oneOf'] as const)
    if (Array.isArray(node[k]))
      for (const [i, v] of (node[k] as unknown[]).entries()) out.push(...problems(v, `${path}.${k}.${i}`, false));
  return out;
}

describe('jsonSchema is what its JsonSchema type says', () => {
  for (const name of [...QUESTION_KINDS, 'case-export'] as const)
    it(name, () => {
      const schema = jsonSchema(name);
      expect(problems(schema, name, true)).toEqual([]);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    });

  it('the check finds a keyword the type does not name, and one of another shape', () => {
    const schema = jsonSchema('contact');
    const bad = {
      ...schema,
      properties: { ...schema.properties, channel: { type: 'string', pattern: '^a' } },
      required: 'question',
    };
    expect(problems(bad, 'contact', true)).toEqual([
      'contact: required is not what JsonSchema says',
      'contact.properties.channel: keyword pattern is not typed by JsonSchema',
    ]);
  });

  it('is a new object each call', () => {
    const a = jsonSchema('access');
    expect(jsonSchema('access')).not.toBe(a);
    expect(jsonSchema('access')).toEqual(a);
  });
});
