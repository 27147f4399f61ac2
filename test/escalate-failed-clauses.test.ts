import { describe, expect, it } from 'vitest';
import { evaluate, evaluateWithEngine } from '../src/index.js';

// CONTRACT.md, disclosure rule 8: a breach ground with no counting authorisation escalates, its clauses including
// 5.4 and, when an authorisation was given but does not count, the clause it fails (5.5.2 no written record or a
// role that may not decide; 5.5.4 decided by an adviser or by the actor). One that fails both ways cites both:
// `clauses` lists every clause that justifies the outcome.
const ask = (actor: 'adviser' | 'advice-lead', decidedBy: 'adviser' | 'advice-lead', writtenRecord?: boolean) => ({
  question: 'disclosure' as const,
  actor: { role: actor },
  recipient: { role: 'third-party' as const, name: 'police' },
  information: { kind: 'case-record' as const, identifiable: true },
  breach: {
    ground: 'harm' as const,
    authorisation: { decidedBy, agreed: true, ...(writtenRecord === undefined ? {} : { writtenRecord }) },
  },
});

describe('an escalated disclosure cites every clause its authorisation fails', () => {
  it.each([
    ['an adviser decided, no written record', ask('adviser', 'adviser', false), 'advice-lead'],
    ['the actor decided their own, written record not given', ask('advice-lead', 'advice-lead'), 'advice-manager'],
  ])('%s: 5.4, 5.5.2 and 5.5.4', async (_, q, escalateTo) => {
    for (const d of [evaluate(q), await evaluateWithEngine(q)]) {
      expect(d.outcome).toBe('escalate');
      expect(d.escalateTo).toBe(escalateTo);
      expect(d.clauses).toEqual(expect.arrayContaining(['5.4', '5.5.2', '5.5.4']));
      expect(d.reasons.map((r) => r.clause)).toEqual(expect.arrayContaining(['5.5.2', '5.5.4']));
    }
  });

  it('one failure, one clause: an adviser decided with a written record cites 5.5.4, not 5.5.2', () => {
    const d = evaluate(ask('adviser', 'adviser', true));
    expect(d.outcome).toBe('escalate');
    expect(d.clauses).toContain('5.5.4');
    expect(d.clauses).not.toContain('5.5.2');
  });

  it('one failure, one clause: the line manager agreed with no written record cites 5.5.2, not 5.5.4', () => {
    const d = evaluate(ask('adviser', 'advice-lead', false));
    expect(d.outcome).toBe('escalate');
    expect(d.clauses).toContain('5.5.2');
    expect(d.clauses).not.toContain('5.5.4');
  });
});
