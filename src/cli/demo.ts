import { evaluate } from '../index.js';

const questions = [
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
for (const { title, q } of questions) {
  const d = evaluate(q);
  console.log(`\n${title}\n  → ${d.outcome.toUpperCase()} (${d.clauses.join(', ')})`);
  for (const r of d.reasons) console.log(`    because ${r.text}`);
  for (const o of d.obligations) console.log(`    must: ${o.text}`);
  for (const r of d.remedies) console.log(`    would change it: ${r.text}`);
}
