// A request body can hold a string of megabytes where the contract allows 200 characters (a recipient's name).
// zod measures a string's length in code points, so the fast checker counts them where UTF-16 units alone cannot
// say: it must not count a 10 MB string one character at a time (about 100 ms of a server's event loop per
// question) when its length in units already says it is too long — nor, for a minimum, long enough.
import { afterEach, describe, expect, it } from 'vitest';
import { compileChecker, fastChecker, fastDecisionChecker } from '../src/facts/fast-validate.js';
import { safeEvaluate } from '../src/index.js';

const charCodeAt = String.prototype.charCodeAt;
/** Counts the characters the checker reads (code points are counted with `charCodeAt`). */
function charsRead(run: () => void): number {
  let n = 0;
  String.prototype.charCodeAt = function (this: string, i: number) {
    n++;
    return charCodeAt.call(this, i);
  };
  try {
    run();
  } finally {
    String.prototype.charCodeAt = charCodeAt;
  }
  return n;
}
afterEach(() => {
  String.prototype.charCodeAt = charCodeAt;
});

const question = (name: string) => ({
  question: 'disclosure',
  actor: { role: 'adviser' },
  recipient: { role: 'third-party', name },
  information: { kind: 'presence', identifiable: true },
});

describe('string lengths on the fast path', () => {
  it('refuses a string far over its maximum without reading it', () => {
    const check = fastChecker('disclosure');
    const decide = fastDecisionChecker('disclosure');
    const huge = question('x'.repeat(1_000_000));
    expect(charsRead(() => expect(check?.(huge)).toBeNull())).toBeLessThan(1000);
    expect(charsRead(() => expect(decide?.(huge)).toBeNull())).toBeLessThan(1000);
    // The whole path: one too-big issue, as before.
    const r = safeEvaluate(question('x'.repeat(1_000_000)));
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['too-big', 'recipient.name']]);
  });

  it('accepts a string of at least twice its minimum without reading it', () => {
    const check = compileChecker({ type: 'string', checks: [{ check: 'min-length', value: 3 }] } as never);
    expect(charsRead(() => expect(check?.('x'.repeat(100_000))).toBe('x'.repeat(100_000)))).toBeLessThan(1000);
  });

  it('still counts code points near the limits, as zod does', () => {
    const check = fastChecker('disclosure');
    const ok = (name: string) => check?.(question(name)) !== null;
    expect(ok('x'.repeat(200))).toBe(true);
    expect(ok('x'.repeat(201))).toBe(false);
    // 200 emoji: 400 UTF-16 units, 200 code points (zod's measure): allowed; 201 are not.
    expect(ok('🙂'.repeat(200))).toBe(true);
    expect(ok('🙂'.repeat(201))).toBe(false);
    expect(ok(`${'🙂'.repeat(199)}xx`)).toBe(false);
    const min = compileChecker({ type: 'string', checks: [{ check: 'min-length', value: 3 }] } as never);
    expect(min?.('🙂🙂')).toBeNull();
    expect(min?.('🙂🙂🙂')).toBe('🙂🙂🙂');
    expect(min?.('🙂xx')).toBe('🙂xx');
  });
});
