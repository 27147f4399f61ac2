// A reason names the clause its rule applies (its first clause): not a background clause cited beside it. These
// four rules cite two clauses each, and named the background one until a review of the rules against the policy.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/index.js';

const authorisation = { decidedBy: 'advice-lead', agreed: true, writtenRecord: true };
const chain = [
  { step: 'raised', with: 'advice-lead' },
  { step: 'discussed', recordedInCaseNotes: true },
  { step: 'decided', by: 'advice-lead', agreed: true, writtenRecord: true },
];

const TABLE: [string, Record<string, unknown>, string, string][] = [
  [
    'non-identifiable statistics: 4.2, not 4.1 (what statistics are for)',
    {
      question: 'statistics-release',
      actor: { role: 'advice-lead' },
      recipient: { role: 'university-staff' },
      fields: ['issueCategory', 'count'],
      smallestCount: 10,
    },
    'anonymous-table',
    '4.2',
  ],
  [
    'a counting breach authorisation: 5.5.2, not 5.5',
    {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'third-party' },
      information: { kind: 'case-record', identifiable: true },
      purpose: 'third-party-action',
      breach: { ground: 'harm', authorisation },
    },
    'breach-authorised',
    '5.5.2',
  ],
  [
    'an authorised breach chain: 5.5.2, not 5.5',
    { question: 'breach', raisedBy: 'adviser', ground: 'harm', steps: chain },
    'authorised',
    '5.5.2',
  ],
  [
    'a client opening their own records: 3.2, not 3.1',
    { question: 'access', actor: { role: 'client' } },
    'client-own-records',
    '3.2',
  ],
];

describe('a reason names its rule’s operative clause', () => {
  it.each(TABLE)('%s', (_, question, rule, clause) => {
    const d = evaluate(question);
    const reason = d.reasons.find((r) => r.rule === rule);
    expect(reason?.clause).toBe(clause);
    expect(d.clauses).toContain(clause);
  });
});
