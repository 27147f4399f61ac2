// A copy of rules/ with hostile texts: what a rules folder from someone else could hold, for the tests of the
// policy book, the command line and the checker in the browser (test/security.test.ts, test/browser/hostile-book.test.ts).
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../cli/helpers.js';

export const RULES = join(ROOT, 'rules');
export const ESC = '\u001b';

/**
 * Every way out of a text: of HTML text, an attribute, the inline scripts, an HTML comment, Markdown, a terminal (its
 * escapes, C0 and C1 (CSI, U+009B, which `JSON.stringify` leaves as it is), and the bidirectional overrides that
 * show a line in another order: U+202E, U+2066).
 */
export const payload = (tag: string) =>
  `${tag}</script><script>window.pwned=1</script><!--<script>\u2028\u2029<img src=x onerror="window.pwned=2">` +
  `"><svg onload="window.pwned=3"> [link](javascript:alert(1)) ![i](https://example.invalid/x.png)` +
  ' ``` </details>\r\n<script>window.pwned=4</script>\n' +
  `${ESC}]0;retitled${ESC}\\${ESC}[31mred${ESC}[0m\u0007\u009b31m\u007f \u202ederaluger\u2066 \u2069`;

/**
 * Whether `s` holds a control character (C0 but line feed and tab, DEL, C1) or a bidirectional formatting character
 * (the marks, embeddings, overrides and isolates): no regex, as the lint asks.
 */
export const hasControl = (s: string) =>
  [...s].some((ch) => {
    const c = ch.charCodeAt(0);
    const bidi =
      c === 0x061c || (c >= 0x200e && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    return (c < 0x20 && c !== 10 && c !== 9) || (c >= 0x7f && c <= 0x9f) || bidi;
  });

export type Json = Record<string, unknown>;
const readJson = (dir: string, f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
const writeJson = (dir: string, f: string, v: unknown) => writeFileSync(join(dir, f), JSON.stringify(v, null, 2));

/** A copy of rules/ with `edit` applied to its files (parsed): `edit(file, json)` returns the new JSON. */
export function rulesCopy(edit: (file: string, json: unknown) => unknown = (_, j) => j): string {
  const dir = join(tempDir(), 'rules');
  cpSync(RULES, dir, { recursive: true });
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
  for (const f of files) writeJson(dir, f, edit(f.split('\\').join('/'), readJson(dir, f)));
  return dir;
}

/** rules/ with the payload in every text a rules folder gives the book. */
export function hostileRules(): string {
  return rulesCopy((file, json) => {
    const j = json as Json;
    if (file === 'policy.json')
      return {
        ...j,
        title: payload('title'),
        organisation: payload('org'),
        // A role label is plain text (no control character, none of Markdown's marks), but may hold a bidirectional
        // override: the book names roles in the breach chain's drawing, its Mermaid source and its steps.
        settings: {
          ...(j.settings as Json),
          roleLabels: { adviser: 'Adv\u202eiser\u2066', 'advice-lead': 'Lead\u200f' },
        },
      };
    if (file === 'clauses.json') {
      const c = j as { sections: Json[]; clauses: Json[] };
      return {
        ...c,
        sections: c.sections.map((s) => ({ ...s, title: `${s.title} <img src=x onerror="window.pwned=5">` })),
        clauses: c.clauses.map((x) => ({
          ...x,
          text: `${payload('clause')} (P3) ${x.text}`,
          ...(x.notDecidableReason ? { notDecidableReason: payload('reason') } : {}),
        })),
      };
    }
    if (file === 'codes.json')
      for (const kind of ['obligations', 'remedies', 'advisories'])
        for (const e of Object.values(j[kind] as Record<string, Json>)) e.text = payload('code');
    if (file === 'questions.json') for (const q of Object.values(j as Record<string, Json>)) q.title = payload('q');
    if (file.endsWith('.rules.json'))
      for (const r of json as { description?: string; event: { params: Json } }[]) {
        r.description = payload('description');
        if (r.event.params.text !== undefined) r.event.params.text = payload('rule');
      }
    if (file.endsWith('.cases.json')) for (const s of json as Json[]) s.name = `${payload('scenario')} ${s.name}`;
    return json;
  });
}
