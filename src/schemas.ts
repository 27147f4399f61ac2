/**
 * The library's zod schemas, for callers who validate or compose with zod themselves: {@link questionSchemas} (one
 * schema a question kind) and {@link caseExport} (a line of a case-management export). A separate entry, so that
 * importing the decision API (`upsu-confidentiality-policy`) does not load zod.
 *
 * @example
 * import { questionSchemas } from 'upsu-confidentiality-policy/schemas';
 * questionSchemas.retention.safeParse({ question: 'retention', client: { degreeStatus: 'studying' } }).success; // true
 * @module upsu-confidentiality-policy/schemas
 */
// The `upsu-confidentiality-policy/schemas` entry: the library's zod schemas, for callers who validate or
// compose with zod themselves. Kept off the main entry so that importing the decision API does not load zod.
export type { CaseExport } from './facts/case-export.js';
export { caseExport } from './facts/case-export.js';
export { questionSchemas } from './facts/questions.js';
