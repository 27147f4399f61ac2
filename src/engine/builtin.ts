import type * as Fs from 'node:fs';
import { createRequire } from 'node:module';
import type * as Path from 'node:path';

/** The Node built-ins the library reads files with, loaded by {@link nodeFiles}. */
export interface NodeFiles {
  readonly fs: typeof Fs;
  readonly path: typeof Path;
}

let files: NodeFiles | undefined;

/**
 * `node:fs` and `node:path`, loaded the first time a rules folder is read rather than imported with the library.
 * Importing `node:fs` as an ES module builds its whole list of exports, and reading them loads Node's streams:
 * about 4 ms of a cold start on this project's machines, for a function most callers never use. A built-in needs
 * no file to resolve from, so the `require` is made from the file system's root where Node has no
 * `process.getBuiltinModule` (before 20.16).
 *
 * @example
 * const { fs, path } = nodeFiles();
 * fs.readFileSync(path.join('rules', 'policy.json'), 'utf8');
 */
export function nodeFiles(): NodeFiles {
  if (!files) {
    const load = (id: 'node:fs' | 'node:path'): unknown =>
      typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule(id) : createRequire('/')(id);
    files = { fs: load('node:fs') as typeof Fs, path: load('node:path') as typeof Path };
  }
  return files;
}
