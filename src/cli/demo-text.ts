import { defaultPolicy } from '../decision/default-policy.js';

/** The demo's questions: everyday situations an adviser meets. */
export const DEMO_QUESTIONS: readonly { title: string; q: unknown }[] = [
  {
    title: 'A parent phones to ask whether their son came into the Advice Centre',
    q: {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'third-party', name: 'parent' },
      information: { kind: 'presence', identifiable: true },
    },
  },
  {
    title: 'The police ask about a client at risk of serious harm; nothing authorised yet',
    q: {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'third-party', name: 'police' },
      information: { kind: 'case-record', identifiable: true },
      breach: { ground: 'harm' },
    },
  },
  {
    title: "A graduate's record, a year and a day after they completed their degree",
    q: {
      question: 'retention',
      asOf: '2025-06-21',
      client: { degreeStatus: 'completed', degreeCompletedOn: '2024-06-20' },
    },
  },
];

/** The demo as text: each question's title, outcome, clauses, reasons, obligations and remedies. */
export function runDemo(): string {
  const policy = defaultPolicy();
  let out = '';
  for (const { title, q } of DEMO_QUESTIONS) {
    const d = policy.evaluate(q);
    out += `\n${title}\n  → ${d.outcome.toUpperCase()} (${d.clauses.join(', ')})\n`;
    for (const r of d.reasons) out += `    because ${r.text}\n`;
    for (const o of d.obligations) out += `    must: ${o.text}\n`;
    for (const r of d.remedies) out += `    would change it: ${r.text}\n`;
  }
  return out;
}
