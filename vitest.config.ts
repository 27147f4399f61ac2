import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run src/ as it is, where no dist/zod-schemas.cjs sits beside the schema loader: they take the static
  // loader (the same schemas, imported the usual way). The built library's lazy load is tested through dist/
  // (test/cli/lazy-zod.test.ts, and every CLI test).
  resolve: {
    alias: [
      {
        find: /^.*\/schema-loader\.js$/,
        replacement: fileURLToPath(new URL('./src/facts/schema-loader.static.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
