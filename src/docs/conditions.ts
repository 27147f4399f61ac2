import type { FactCatalogue } from '../derive/context.js';
import { isFactRef } from '../engine/fact-ref.js';
import { OPERATORS } from '../engine/operators.js';
import type { ConditionJson } from '../engine/rule-schema.js';
import { ROLE_LABELS, valueLabel } from './labels.js';

const NEGATIONS: readonly [string, string][] = [
  [' is ', ' is not '],
  [' are ', ' are not '],
  [' has ', ' has not '],
  [' was ', ' was not '],
  [' may ', ' may not '],
  [' said ', ' did not say '],
];

/** A boolean fact's description, negated: "the recipient is in the Advice team" → "… is not in …". */
function negate(desc: string): string {
  // A description of two things ("trained at induction, or known not to be a new starter") is negated whole:
  // putting "not" into its first verb would negate only a part of it, and say the opposite of the rule.
  if (/ or | and |, /.test(desc.replace(/\([^)]*\)/g, ''))) return `NOT (${desc})`;
  let best: [number, string, string] | null = null;
  for (const [from, to] of NEGATIONS) {
    const i = desc.indexOf(from);
    if (i >= 0 && (!best || i < best[0])) best = [i, from, to];
  }
  if (!best) return `NOT ${desc}`;
  const [i, from, to] = best;
  return desc.slice(0, i) + to + desc.slice(i + from.length);
}

/**
 * A rule condition written as a reader would say it, from the fact descriptions and the operators' `reads`:
 * `the recipient's role is University staff AND the information identifies the client`. A role is named with
 * `roles` (the policy's labels, `roleLabelsOf`; the built-in ones when not given).
 *
 * @example
 * readCondition({ all: [{ fact: 'identifiable', operator: 'equal', value: true }] }, disclosureFacts);
 * // 'the information identifies the client'
 * @see P3
 */
export function readCondition(
  c: ConditionJson,
  facts: FactCatalogue<never>,
  roles: Readonly<Record<string, string>> = ROLE_LABELS,
  nested = false,
): string {
  const label = (v: unknown) => valueLabel(v, roles);
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((x) => readCondition(x, facts, roles, true));
    if (parts.length === 0) return 'always';
    const joined = parts.join('all' in c ? ' AND ' : ' OR ');
    return nested && parts.length > 1 ? `(${joined})` : joined;
  }
  if ('not' in c) return `NOT (${readCondition(c.not, facts, roles)})`;
  const f = facts[c.fact];
  const desc = f?.description ?? c.fact;
  const op = OPERATORS[c.operator];
  const reads = op?.reads ?? c.operator;
  const v = c.value;
  if (isFactRef(v)) return `${desc} ${reads} ${facts[v.fact]?.description ?? v.fact}`;
  if (f?.type === 'boolean' && typeof v === 'boolean' && (c.operator === 'equal' || c.operator === 'notEqual')) {
    const positive = (c.operator === 'equal') === v;
    return positive ? desc : negate(desc);
  }
  if (v === null) {
    if (c.operator === 'equal') return `${desc} is not known`;
    if (c.operator === 'notEqual') return `${desc} is known`;
  }
  if (Array.isArray(v)) return `${desc} ${reads} ${v.map(label).join(' or ')}`;
  return `${desc} ${reads} ${label(v)}`;
}
