import { expect } from 'vitest';
import { PolicyInputError } from '../../src/index.js';

/** The `[code, path]` of each issue `f` throws in a PolicyInputError; the test fails if it does not throw one. */
export function issuesOf(f: () => unknown): unknown[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyInputError);
    return (e as PolicyInputError).issues.map((i) => [i.code, i.path]);
  }
  throw new Error('no PolicyInputError was thrown');
}
