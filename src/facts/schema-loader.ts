import { createRequire } from 'node:module';
import type * as ZodSchemas from './zod-schemas.js';
import { ZodUnavailableError } from './zod-unavailable.js';

export { ZodUnavailableError };

/** The module holding every zod schema of the library (`zod-schemas.ts`), with zod itself. */
export type ZodSchemasModule = typeof ZodSchemas;

let loaded: ZodSchemasModule | undefined;

/**
 * The library's zod schemas, loaded on first use. Importing zod takes most of a cold start (about 35 ms on a
 * fast machine, 95 ms on a slow one), and valid questions are decided without it, so it is loaded only when
 * something needs it: an error report, JSON Schema, the format checks of a rules folder.
 *
 * The load is synchronous (`evaluate` stays synchronous): `dist/zod-schemas.cjs`, built beside this bundle,
 * is `require`d. The browser bundle and the tests use `schema-loader.static.ts` instead, which imports the
 * same module the usual way (see tsup.config.ts and vitest.config.ts).
 */
export function zodSchemas(): ZodSchemasModule {
  if (!loaded) {
    const req = requireBesideLibrary();
    // Neither `import.meta.url` nor `module.filename` says where the library is (a bundler that empties both): it cannot
    // find the file. The same deployment error as a bundle without it.
    if (!req) throw bundled('it cannot tell where it is: neither import.meta.url nor module.filename is a file');
    try {
      loaded = req(FILE) as ZodSchemasModule;
    } catch (e) {
      // The library was bundled into an application without this file (or zod). Nothing is decided without it
      // (the caller gets this error, never a decision), and the message says how to deploy.
      if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') {
        // zod itself failed to load. Its module code (and the bundle's export helper) enumerate objects with
        // `for…in`, so properties added to Object.prototype break it; say so rather than pass on a TypeError
        // from deep inside (`Getter must be a function`). Not cached: a later call tries again.
        const added = Object.keys(Object.prototype).length;
        throw new ZodUnavailableError(
          // The error's message is not repeated: it may hold a value put on the prototype (it is the cause).
          `upsu-confidentiality-policy: zod could not be loaded (a ${(e as Error)?.name ?? 'non-Error'} as it loaded)` +
            (added > 0
              ? `; Object.prototype has ${added} enumerable propert${added === 1 ? 'y' : 'ies'} added to it, which zod does not load with. Remove them, or have zod loaded before they are added.`
              : '.'),
          { cause: e },
        );
      }
      throw bundled((e as Error).message.split('\n')[0] ?? '', e);
    }
  }
  return loaded;
}

/**
 * A `require` resolving from this module's file, or `undefined` where its location is not known. The file is
 * `import.meta.url`; in a CommonJS bundle of the ES module build (esbuild `--format=cjs`), where `import.meta` is
 * empty, the bundle's own file (`module.filename`), so that the file is looked for beside the bundle.
 */
function requireBesideLibrary(): NodeJS.Require | undefined {
  // `module`, not `__filename`: the ES module build shims `__filename` from `import.meta.url`, which throws where that
  // is empty. `module` is undefined in an ES module, and the bundle's own in a CommonJS bundle.
  const bundleFile =
    typeof module === 'object' && module !== null ? (module as { filename?: unknown }).filename : undefined;
  for (const here of [import.meta.url as unknown, bundleFile]) {
    if (typeof here !== 'string' || here === '') continue;
    try {
      return createRequire(here);
    } catch {
      // not a file URL or an absolute path
    }
  }
  return undefined;
}

/**
 * The error of a library bundled into an application where it cannot load the zod schemas (a plain `Error`, not a
 * `ZodUnavailableError`: README, "Bundling an application for Node"), with why.
 */
function bundled(why: string, cause?: unknown): Error {
  return new Error(
    `upsu-confidentiality-policy: cannot load ${FILE} beside the library (${why}). ` +
      'It holds the zod schemas, loaded on first need. When bundling an application, leave ' +
      'upsu-confidentiality-policy (and zod) external, or ship dist/zod-schemas.cjs (and zod) next to the bundle.',
    cause === undefined ? undefined : { cause },
  );
}

// Not a literal in the `require` call, so the bundler leaves it to run time.
const FILE = './zod-schemas.cjs';
