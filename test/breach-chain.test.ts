// analyseBreachChain, the derived facts the breach rules read (5.4–5.5), on chains where a later decision by
// someone who may not decide must not count as the written record of the agreement (5.5.2).
import { describe, expect, it } from 'vitest';
import { analyseBreachChain } from '../src/derive/breach-chain.js';
import { evaluate } from '../src/index.js';

type Steps = Parameters<typeof analyseBreachChain>[1];

const agreedUnwritten: Steps = [
  { step: 'raised', with: 'advice-lead' },
  { step: 'discussed', recordedInCaseNotes: true },
  { step: 'decided', by: 'advice-lead', agreed: true, writtenRecord: false },
];

describe('analyseBreachChain: the written record of an agreement (5.5.2)', () => {
  const table: [string, Steps, { decisionWritten: boolean; authorised: boolean; next: string | null }][] = [
    ['agreed, not written', agreedUnwritten, { decisionWritten: false, authorised: false, next: 'record-decision' }],
    [
      'then written down in a recorded step',
      [...agreedUnwritten, { step: 'recorded' }],
      { decisionWritten: true, authorised: true, next: null },
    ],
    [
      'then agreed in writing by the Chief Executive (who may decide)',
      [...agreedUnwritten, { step: 'decided', by: 'chief-executive', agreed: true, writtenRecord: true }],
      { decisionWritten: true, authorised: true, next: null },
    ],
    [
      'then agreed in writing by the DPO (who may not decide): not the record',
      [...agreedUnwritten, { step: 'decided', by: 'dpo', agreed: true, writtenRecord: true }],
      { decisionWritten: false, authorised: false, next: 'record-decision' },
    ],
    [
      'then agreed in writing by the raiser (an adviser): not the record',
      [...agreedUnwritten, { step: 'decided', by: 'adviser', agreed: true, writtenRecord: true }],
      { decisionWritten: false, authorised: false, next: 'record-decision' },
    ],
  ];
  it.each(table)('%s', (_name, steps, want) => {
    const c = analyseBreachChain('adviser', steps);
    expect({ decisionWritten: c.decisionWritten, authorised: c.authorised, next: c.nextStep?.step ?? null }).toEqual(
      want,
    );
  });

  it('the DPO’s written agreement: non-compliant (5.4.3), and the trace shows the record still awaited', () => {
    const d = evaluate(
      {
        question: 'breach',
        raisedBy: 'adviser',
        ground: 'harm',
        steps: [...agreedUnwritten, { step: 'decided', by: 'dpo', agreed: true, writtenRecord: true }],
      },
      { explain: true },
    );
    expect(d.outcome).toBe('non-compliant');
    const awaiting = d.trace?.find((t) => t.rule === 'awaiting-written-record');
    expect(awaiting?.fired).toBe(true);
  });

  it('a discussion recorded only after the decision is not the discussion before it (5.4.2)', () => {
    const steps: Steps = [
      { step: 'raised', with: 'advice-lead' },
      { step: 'decided', by: 'advice-lead', agreed: true, writtenRecord: true },
      { step: 'discussed', recordedInCaseNotes: true },
    ];
    const c = analyseBreachChain('adviser', steps);
    expect(c.discussionRecorded).toBe(false);
    expect(c.decisionBeforeRecordedDiscussion).toBe(true);
  });
});
