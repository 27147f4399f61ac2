// zod cannot load in a process whose Object.prototype has enumerable properties added (its module code enumerates
// objects with for…in). Questions the fast checker accepts are still decided; one it refuses is still refused —
// with one `invalid` issue at [] since zod cannot say why — and never decided (ZodUnavailableError's promise).
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers.js';

beforeAll(() => ensureBuilt());

const SCRIPT = `Object.prototype.polluted = 1;
const lib = await import('upsu-confidentiality-policy');
const thrown = (f) => { try { return { returned: f() }; } catch (e) { return { name: e.name, code: e.code, issues: e.issues }; } };
process.stdout.write(JSON.stringify({
  valid: lib.evaluate({ question: 'recording', consentToRecord: true, relevant: true }).outcome,
  wrongType: lib.safeEvaluate({ question: 'recording', consentToRecord: 'yes', relevant: true }),
  unknownRole: thrown(() => lib.evaluate({ question: 'access', actor: { role: 'nobody' } })),
  unknownKind: lib.safeEvaluate({ question: 'nope' }),
  schema: thrown(() => lib.jsonSchema('recording')),
}));`;

describe('zod unavailable (Object.prototype polluted before it loads)', () => {
  it('valid questions are decided; invalid ones refused with one `invalid` issue, never decided', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe('permit');
    expect(out.wrongType).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'invalid', path: [] })] });
    expect(out.unknownRole).toEqual({
      name: 'PolicyInputError',
      code: 'invalid-question',
      issues: [expect.objectContaining({ code: 'invalid', path: [] })],
    });
    // Refused before zod is needed: the issue says what is wrong.
    expect(out.unknownKind.ok).toBe(false);
    expect(out.unknownKind.issues[0].code).toBe('unknown-question');
    expect(out.schema).toMatchObject({ name: 'ZodUnavailableError', code: 'zod-unavailable' });
  });
});
