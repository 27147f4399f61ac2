// The generated questions the benchmarks and the long differential run use: test/support/random-questions.ts
// (the generator the test suite uses), compiled on the fly with esbuild (installed with tsup) so no build step
// or TypeScript loader is needed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const SOURCE = fileURLToPath(new URL('../../test/support/random-questions.ts', import.meta.url));

let generator;

/** The generator module: `randomQuestions(kind, n, seed)`, `questionStream(kind, seed)`, `QUESTION_KINDS`. */
export async function loadGenerator() {
  if (!generator) {
    const { code } = transformSync(readFileSync(SOURCE, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20' });
    generator = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  }
  return generator;
}
