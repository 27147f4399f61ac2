// The `upsu-confidentiality-policy/schemas` entry: the library's zod schemas, for callers who validate or
// compose with zod themselves. Kept off the main entry so that importing the decision API does not load zod.
export type { CaseExport } from './facts/case-export.js';
export { caseExport } from './facts/case-export.js';
export { questionSchemas } from './facts/questions.js';
