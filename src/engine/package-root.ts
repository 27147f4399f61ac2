import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'upsu-confidentiality-policy';

/**
 * The package's own folder, found by walking up from this file: works from `src/` (tests), from the
 * built `dist/cli.js` and from an installed package (`node_modules/upsu-confidentiality-policy/dist/`).
 *
 * @example
 * packageRoot(); // '/path/to/upsu-confidentiality-policy'
 * @see P1
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {}
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package folder above ${from}`);
    dir = up;
  }
}

/**
 * The package's version, from its `package.json` (what `upsu-policy --version` prints, and the SARIF tool version).
 *
 * @example
 * packageVersion(); // '0.2.0'
 * @see P1
 */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
