import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS + .d.ts.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // No `clean`: several processes may build and read dist/ at once during development.
    target: 'node20',
    platform: 'node',
    treeshake: true,
  },
  {
    // The command line and the `npm start` demo.
    entry: { cli: 'src/cli/bin.ts', demo: 'src/cli/demo.ts', 'audit-worker': 'src/audit/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
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
  },
]);
