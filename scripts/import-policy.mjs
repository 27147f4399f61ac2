#!/usr/bin/env node
// Imports the clause catalogue (id, section, text) from the client's policy text into rules/clauses.json.
// Usage: node scripts/import-policy.mjs [path/to/confidentiality-policy.md]
// Existing "decidable" / "notDecidableReason" entries in rules/clauses.json are kept, so re-importing a
// revised policy never loses the project's own annotations. The package itself never reads the source text.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const src = process.argv[2] ?? new URL('../../shared/policy/confidentiality-policy.md', import.meta.url).pathname;
const out = new URL('../rules/clauses.json', import.meta.url).pathname;
const text = readFileSync(src, 'utf8');
const previous = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')).clauses : [];
const keep = new Map(previous.map((c) => [c.id, c]));

const sections = [];
const clauses = [];
let section = null;
for (const line of text.split('\n')) {
  const h = /^## (?:(\d+)\. )?(.+)$/.exec(line);
  if (h) {
    section = { id: h[1] ?? 'P', title: h[2].trim() };
    sections.push(section);
    continue;
  }
  const c = /^\s*- \*\*(P\d)\*\* (.+)$/.exec(line) ?? /^\s*- (\d+(?:\.\d+)+)\. (.+)$/.exec(line);
  if (c && section) {
    const id = c[1];
    const body = c[2].replace(/\[([^\]]+)\]\(#\)/g, '$1').trim();
    const prior = keep.get(id);
    clauses.push({
      id,
      section: section.id,
      parent: id.includes('.') && id.split('.').length > 2 ? id.split('.').slice(0, -1).join('.') : null,
      text: body,
      decidable: prior?.decidable ?? true,
      ...(prior?.notDecidableReason ? { notDecidableReason: prior.notDecidableReason } : {}),
    });
  }
}
const doc = {
  $comment:
    'Clause catalogue of the UPSU Advice Service Confidentiality Policy. Imported by scripts/import-policy.mjs; the "decidable" flags and reasons are the project\'s own.',
  sections,
  clauses,
};
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`${clauses.length} clauses in ${sections.length} sections -> ${out}`);
