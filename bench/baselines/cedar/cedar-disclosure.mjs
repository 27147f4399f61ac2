// The disclosure rules as Cedar policies, for the cedar-wasm comparison.
//
// Cedar has no rule priorities: any `forbid` overrides every `permit`. The policy's ordered list ("the first
// rule that applies decides; each deny sits above the permits it overrides") is written the Cedar way: each
// permit rule becomes a `permit` whose `unless` holds the conditions of every deny or escalate rule above it.
// Cedar then allows exactly when our first applicable rule is a permit. Facts are passed as `context`
// (computed by the same fact functions; a missing fact, `null` for us, is the string "none"). The policies are
// generated from the rule JSON (so they follow rules/), written to disclosure.cedar for reading, and parsed once
// (`preparsePolicySet`); each question is one `statefulIsAuthorized` call.
//
// Cedar's answer is allow/deny plus the ids of the policies that determined it — less than our decision object
// (no escalate, no clauses or notes), so the comparison flatters Cedar.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const lit = (v) => (v === null ? '"none"' : JSON.stringify(v));

function condition(c) {
  if (c.all) return c.all.length ? `(${c.all.map(condition).join(' && ')})` : 'true';
  if (c.any) return c.any.length ? `(${c.any.map(condition).join(' || ')})` : 'false';
  if (c.not) return `!${condition(c.not)}`;
  const f = `context.${c.fact}`;
  switch (c.operator) {
    case 'equal':
      return `${f} == ${lit(c.value)}`;
    case 'notEqual':
      return `${f} != ${lit(c.value)}`;
    case 'in':
      return `[${c.value.map(lit).join(', ')}].contains(${f})`;
    case 'notIn':
      return `!([${c.value.map(lit).join(', ')}].contains(${f}))`;
    default:
      throw new Error(`no Cedar form for operator ${c.operator}`);
  }
}

/** Cedar policy text for the disclosure rules of a compiled policy (`policy.loaded.questions.disclosure`). */
export function cedarPolicies(cq) {
  const out = [];
  const above = [];
  for (const r of cq.deciding) {
    if (r.type === 'permit') {
      const unless = above.length ? `\nunless { ${above.join(' || ')} }` : '';
      out.push(
        `@id("${r.name}")\npermit (principal, action == Action::"disclose", resource)\nwhen { ${condition(r.json.conditions)} }${unless};`,
      );
    } else above.push(condition(r.json.conditions));
  }
  return `${out.join('\n\n')}\n`;
}

/**
 * Sets up cedar-wasm with the disclosure rules and returns `(question) => 'allow' | 'deny'`. The question is
 * validated by the library's own validator first (as a caller of Cedar would validate its input), then its facts
 * become the request's context.
 */
export async function createCedarDisclosure(lib) {
  const cedar = await import('@cedar-policy/cedar-wasm/nodejs');
  // The library's zod schemas (its /schemas entry, beside dist/index.js).
  const { questionSchemas } = await import(new URL('../../../dist/schemas.js', import.meta.url).href);
  const policy = lib.defaultPolicy();
  const cq = policy.loaded.questions.disclosure;
  const text = cedarPolicies(cq);
  writeFileSync(fileURLToPath(new URL('./disclosure.cedar', import.meta.url)), text);
  const parsed = cedar.preparsePolicySet('disclosure', { staticPolicies: text });
  if (parsed.type !== 'success') throw new Error(`Cedar: ${JSON.stringify(parsed.errors)}`);
  const facts = Object.entries(cq.facts).map(([name, def]) => [name, def.derive]);
  const settings = policy.settings;
  const action = { type: 'Action', id: 'disclose' };
  return function decideWithCedar(question) {
    const v = validate(question);
    // The disclosure facts read only the question (no date, no settings).
    const ctx = { settings, chain: undefined, asOf: v.asOf };
    const context = {};
    for (const [name, derive] of facts) {
      const x = derive(v, ctx);
      context[name] = x === null ? 'none' : x;
    }
    const answer = cedar.statefulIsAuthorized({
      principal: { type: 'Role', id: v.actor.role },
      action,
      resource: { type: 'Recipient', id: v.recipient.role },
      context,
      preparsedPolicySetId: 'disclosure',
      entities: [],
    });
    if (answer.type !== 'success') throw new Error(`Cedar: ${JSON.stringify(answer.errors)}`);
    return answer.response;
  };

  function validate(q) {
    // Validated with the library's zod schema, as a caller of Cedar would validate its input.
    const r = questionSchemas.disclosure.safeParse(q);
    if (!r.success) throw new Error('invalid question');
    return r.data;
  }
}
