import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/index.js';

// The advisories state UK law where 3.2 differs from it; a Data Protection Officer acts on them, so they must be
// right. UK GDPR Art. 12(5) and 15(3): a subject access request is free, but a reasonable fee may be charged for a
// manifestly unfounded or excessive request, or for further copies of the data.
describe('subject-access advisories (3.2 against UK GDPR)', () => {
  const d = evaluate({
    question: 'subject-access',
    asOf: '2026-09-01',
    request: { inWriting: true, addressedTo: 'dpo', feePaid: false, identityVerified: true },
  });
  const text = (code: string) => d.advisories.find((a) => a.code === code)?.text ?? '';

  it('gdpr-access-free names every case UK GDPR allows a fee in, further copies included', () => {
    expect(text('gdpr-access-free')).toMatch(/manifestly unfounded or excessive/);
    expect(text('gdpr-access-free')).toMatch(/further copies/);
    expect(text('gdpr-access-free')).not.toMatch(/can only be charged where a request is manifestly/);
  });
});
