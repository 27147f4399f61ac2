import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * The browser bundle has no `require`: it takes the static schema loader, which bundles the zod schemas with
 * the rest (src/facts/schema-loader.ts explains the two).
 */
const staticSchemaLoader: Plugin = {
  name: 'static-schema-loader',
  setup(build) {
    build.onResolve({ filter: /\/schema-loader\.js$/ }, (a) => ({
      path: resolve(a.resolveDir, a.path.replace(/schema-loader\.js$/, 'schema-loader.static.ts')),
    }));
  },
};

export default defineConfig([
  {
    // The library: ESM + CJS + .d.ts. `schemas` is the `/schemas` entry (the zod schemas).
    entry: { index: 'src/index.ts', schemas: 'src/schemas.ts' },
    format: ['esm', 'cjs'],
    // Members marked @internal (Policy's compiled rules, createPolicy's precomputed hash) are not in the published
    // types: they are the library's own, and can change in any version.
    dts: { compilerOptions: { stripInternal: true } },
    sourcemap: true,
    // No `clean`: several processes may build and read dist/ at once during development. `npm pack` / publish
    // start from an empty dist/ (the `prepack` script), so no stale chunk is shipped.
    target: 'node20',
    platform: 'node',
    treeshake: true,
    // date-fns is bundled (three functions, and the UTC date of @date-fns/utc): resolving its subpaths through its
    // large `exports` map cost ~10 ms of a cold start on a slow machine.
    noExternal: ['date-fns', '@date-fns/utc'],
    // `import.meta.url` in the CJS build (the schema loader resolves dist/zod-schemas.cjs from it).
    shims: true,
  },
  {
    // Every use of zod, loaded on demand by src/facts/schema-loader.ts (a synchronous `require`).
    entry: { 'zod-schemas': 'src/facts/zod-schemas.ts' },
    format: ['cjs'],
    noExternal: ['date-fns', '@date-fns/utc'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
  {
    // The command line and the `npm start` demo.
    entry: { cli: 'src/cli/bin.ts', demo: 'src/cli/demo.ts', 'audit-worker': 'src/audit/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    noExternal: ['date-fns', '@date-fns/utc'],
  },
  {
    // The browser bundle the generated docs' checker runs: the same src/, no Node built-ins.
    entry: { 'upsu-policy': 'src/browser.ts' },
    outDir: 'dist/browser',
    format: ['iife'],
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    esbuildPlugins: [staticSchemaLoader],
  },
]);
