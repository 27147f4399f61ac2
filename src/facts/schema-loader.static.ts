// The browser bundle's and the tests' schema loader (see schema-loader.ts): the zod schemas imported the usual
// way, so loaded with the rest of the bundle.
import * as schemas from './zod-schemas.js';

export { ZodUnavailableError } from './zod-unavailable.js';

export type ZodSchemasModule = typeof schemas;

/**
 * The library's zod schemas (here: already loaded).
 *
 * @example
 * zodSchemas().questionSchemas.contact.safeParse({ question: 'contact', channel: 'email' }).success; // true
 */
export function zodSchemas(): ZodSchemasModule {
  return schemas;
}
