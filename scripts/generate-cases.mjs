#!/usr/bin/env node
// Generates a synthetic case-management export (NDJSON, one case per line) for `upsu-policy audit`:
// deterministic for a seed, with a realistic sprinkling of policy violations and FAKE personal fields
// (names, emails, student ids) that the audit must ignore and never echo. No real people.
//
//   node scripts/generate-cases.mjs --count 300 --seed 42 --out examples/cases.ndjson
//   node scripts/generate-cases.mjs --count 1000000 --out /tmp/cases.ndjson
//   node scripts/generate-cases.mjs --count 10 --bad-every 4        # every 4th line invalid (tests)
//   node scripts/generate-cases.mjs --count 10 --pii-prefix ZZTOP    # planted personal data to grep for
import { createWriteStream } from 'node:fs';

const USAGE = `Usage: node scripts/generate-cases.mjs [--count N] [--seed N] [--out FILE|-] [--bad-every N] [--pii-prefix TEXT]

Writes a synthetic case-management export (NDJSON, one case per line) for \`upsu-policy audit\`: deterministic for
a seed, with policy violations sprinkled in and fake personal fields. No real people.

  --count N          cases to write (default 300)
  --seed N           the random seed (default 42)
  --out FILE         where to write (default -, standard output)
  --bad-every N      make every Nth line invalid (default 0: none)
  --pii-prefix TEXT  start the fake personal fields with TEXT, to grep reports for them
`;

function parseArgs(argv) {
  const o = { count: 300, seed: 42, out: '-', badEvery: 0, piiPrefix: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    if (a === '--count') o.count = Number(v());
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--out') o.out = v();
    else if (a === '--bad-every') o.badEvery = Number(v());
    else if (a === '--pii-prefix') o.piiPrefix = v();
    else throw new Error(`unknown option ${a} (--help lists them)`);
  }
  if (!Number.isInteger(o.count) || o.count < 0) throw new Error('--count must be a whole number');
  return o;
}

/** mulberry32: small, fast, seeded. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Alex',
  'Sam',
  'Jordan',
  'Priya',
  'Chen',
  'Amara',
  'Tomasz',
  'Fatima',
  'Oliver',
  'Zara',
  'Kwame',
  'Ines',
];
const LAST = ['Fakename', 'Testperson', 'Example', 'Sample', 'Placeholder', 'Dummy', 'Mockley', 'Synthwood'];

export function* generateCases({ count, seed = 42, badEvery = 0, piiPrefix = '' }) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const chance = (p) => r() < p;
  const pad = (n) => String(n).padStart(2, '0');
  const date = (y0, y1) =>
    `${y0 + Math.floor(r() * (y1 - y0 + 1))}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;

  // The day after one calendar year from a date (days 1–28 only, as date() draws): when 3.3 has a record destroyed.
  const dayAfterAYear = (iso) => {
    const [y, m, d] = iso.split('-').map(Number);
    const next = new Date(Date.UTC(y + 1, m - 1, d + 1));
    return next.toISOString().slice(0, 10);
  };

  // Disclosures recorded before the sample's audit date (2026-09-01).
  const before = (d, max) => (d > max ? `2025${d.slice(4)}` : d);
  const okDisclosure = () =>
    pick([
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'advice-lead' },
        information: { kind: 'case-record', identifiable: true },
        purpose: 'case-management',
      }),
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'upsu-staff', involvedInCase: true },
        information: { kind: 'case-record', identifiable: true },
        purpose: 'case-management',
      }),
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'third-party', name: `landlord of ${pick(LAST)}` },
        information: { kind: 'case-record', identifiable: true },
        purpose: 'third-party-action',
        consent: { given: true, method: 'consent-to-share', recorded: true },
      }),
      () => ({
        actor: { role: 'advice-lead' },
        recipient: { role: 'membership-body', name: 'NUS' },
        information: { kind: 'statistics', identifiable: false },
        purpose: 'statistics',
      }),
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'pms' },
        information: { kind: 'case-record', identifiable: true },
        purpose: 'case-management',
      }),
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'university-staff' },
        information: { kind: 'case-record', identifiable: true },
        purpose: 'case-management',
        consent: { given: true, method: 'email', recorded: true },
      }),
    ])();
  const badDisclosure = () =>
    pick([
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'third-party', name: 'parent' },
        information: { kind: 'presence', identifiable: true },
      }),
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'university-staff' },
        information: { kind: 'case-record', identifiable: true },
        purpose: 'case-management',
      }),
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'third-party', name: 'employer' },
        information: { kind: 'case-record', identifiable: true },
        consent: { given: true, method: 'verbal' },
      }),
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'third-party', name: 'police' },
        information: { kind: 'case-record', identifiable: true },
        breach: { ground: 'harm' },
      }),
      () => ({
        actor: { role: 'advice-lead' },
        recipient: { role: 'membership-body', name: 'AdviceUK' },
        information: { kind: 'statistics', identifiable: true },
        purpose: 'statistics',
      }),
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'upsu-staff', involvedInCase: true },
        information: { kind: 'case-record', identifiable: true },
        clientObjectsToStaffSharing: true,
      }),
      () => ({
        actor: { role: 'adviser' },
        recipient: { role: 'advice-support-staff' },
        information: { kind: 'case-record', identifiable: true },
      }),
    ])();
  const okBreach = () => {
    const ground = pick(['harm', 'legal-duty', 'conflict-of-interest']);
    return {
      raisedBy: 'adviser',
      ground,
      steps: [
        { step: 'raised', with: 'advice-lead' },
        { step: 'discussed', recordedInCaseNotes: true },
        { step: 'decided', by: 'advice-lead', agreed: chance(0.8), writtenRecord: true },
      ],
    };
  };
  const badBreach = () =>
    pick([
      () => ({ raisedBy: 'adviser', ground: 'harm', steps: [{ step: 'raised', with: 'upsu-staff' }] }),
      () => ({
        raisedBy: 'adviser',
        ground: 'harm',
        steps: [{ step: 'raised', with: 'advice-lead' }, { step: 'disclosed' }],
      }),
      () => ({
        raisedBy: 'adviser',
        ground: 'legal-duty',
        steps: [
          { step: 'raised', with: 'advice-lead' },
          { step: 'discussed', recordedInCaseNotes: true },
          { step: 'decided', by: 'adviser', agreed: true, writtenRecord: true },
        ],
      }),
      () => ({
        raisedBy: 'adviser',
        ground: 'harm',
        steps: [
          { step: 'raised', with: 'advice-lead' },
          { step: 'decided', by: 'advice-lead', agreed: true, writtenRecord: true },
        ],
      }),
    ])();

  for (let n = 1; n <= count; n++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const tag = piiPrefix ? `${piiPrefix}${n}` : '';
    const c = {
      id: `C-${String(n).padStart(7, '0')}`,
      // Fake personal fields a real export would carry: the audit must drop them.
      clientName: `${first} ${last}${tag}`,
      client: {
        name: `${first} ${last}${tag}`,
        email: `${first.toLowerCase()}.${last.toLowerCase()}${tag}@example.invalid`,
        studentId: `UP${tag || ''}${String(100000 + Math.floor(r() * 899999))}`,
        degreeStatus: 'studying',
      },
    };
    const s = r();
    if (s < 0.45) {
      c.client.degreeStatus = 'completed';
      c.client.degreeCompletedOn = date(2018, 2026);
      // Most records past their year have been destroyed, on the day after it (3.3); a few have not, and a few
      // were destroyed late (findings).
      if (c.client.degreeCompletedOn < '2025-06-01' && chance(0.97)) {
        const late = date(2025, 2026);
        const onTime = dayAfterAYear(c.client.degreeCompletedOn);
        c.destroyedOn = chance(0.02) && late > onTime ? late : onTime;
      } else c.destroyedOn = null;
    } else if (s < 0.55) c.client.degreeStatus = 'withdrawn';
    else if (s < 0.6) c.client.degreeStatus = 'unknown';
    const cr = r();
    if (cr < 0.985) c.client.consentToRecord = true;
    else if (cr < 0.993) c.client.consentToRecord = false;
    if (chance(0.1)) c.client.objectsToStaffSharing = true;
    else if (chance(0.5)) c.client.objectsToStaffSharing = false;
    const nd = Math.floor(r() * r() * 4);
    if (nd > 0 || chance(0.3)) {
      c.disclosures = [];
      for (let i = 0; i < nd; i++)
        c.disclosures.push({
          on: before(date(2024, 2026), '2026-08-31'),
          ...(chance(0.05) ? badDisclosure() : okDisclosure()),
        });
    }
    if (chance(0.03)) c.breaches = [chance(0.3) ? badBreach() : okBreach()];
    c.notes = `Fake case notes about ${first} ${last}${tag}, phone 07700 900${String(n % 1000).padStart(3, '0')}.`;
    let line = JSON.stringify(c);
    if (badEvery > 0 && n % badEvery === 0) {
      // An invalid line: alternately not JSON, and JSON that fails validation (still carrying personal data).
      line =
        (n / badEvery) % 2 === 1
          ? `{"id":"${c.id}","client":{"name":"${c.client.name}"` // truncated
          : JSON.stringify({
              ...c,
              client: { ...c.client, degreeStatus: 'graduated', degreeCompletedOn: '2025-02-30' },
            });
    }
    yield line;
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const out = opts.out === '-' ? process.stdout : createWriteStream(opts.out);
  let buf = '';
  for (const line of generateCases(opts)) {
    buf += `${line}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
      buf = '';
    }
  }
  if (buf) out.write(buf);
  if (out !== process.stdout) await new Promise((res, rej) => out.end((e) => (e ? rej(e) : res())));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    process.stderr.write(`generate-cases: ${e.message}\n`);
    process.exit(2);
  });
}
