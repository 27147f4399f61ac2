import { expect } from 'vitest';
import { PolicyInputError, RuleLoadError, type RuleProblem } from '../../src/index.js';

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

/** The problems `run` throws in a RuleLoadError; the test fails if it does not throw one. */
export function problemsThrown(run: () => unknown): readonly RuleProblem[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(RuleLoadError);
    return (e as RuleLoadError).problems;
  }
  throw new Error('it loaded');
}
