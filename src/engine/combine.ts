import type { CodedNote, Decision, PolicyRef, Reason, TraceEntry } from '../decision/types.js';
import type { FactContext } from '../derive/context.js';
import type { CompiledQuestion, CompiledRule } from './compiled.js';
import { COLLECTED, SETTABLE } from './load.js';

/**
 * Combines the rules of a question into a decision. The deciding rules are an ordered list: the first that
 * fires (highest priority) decides the outcome — each deny sits above the permits it overrides — and
 * every other fired rule with the same outcome adds its reason. Modifier rules add their obligation,
 * remedy or advisory when they fire and the outcome is one of theirs. No deciding rule fired: the question's
 * most cautious outcome, with the reason `not-covered` (fail closed).
 *
 * `fires` says whether a rule fired: the compiled path evaluates it lazily; the json-rules-engine interpreter
 * looks it up in the engine's results. Both paths share this function, so they cannot combine differently.
 */
export function combine(
  cq: CompiledQuestion,
  question: never,
  ctx: FactContext,
  policy: PolicyRef,
  clauseIds: readonly string[],
  fires: (rule: CompiledRule) => boolean,
  trace?: readonly TraceEntry[],
): Decision {
  const deciding = cq.deciding;
  let at = -1;
  for (let i = 0; i < deciding.length; i++) {
    if (fires(deciding[i] as CompiledRule)) {
      at = i;
      break;
    }
  }
  const outcome = at < 0 ? cq.cautious : (deciding[at] as CompiledRule).type;
  const reasons: Reason[] = [];
  let indexes: number[] = [];
  let obligations: CodedNote[] | undefined;
  let remedies: CodedNote[] | undefined;
  let advisories: CodedNote[] | undefined;
  let extra: Record<string, unknown> | undefined;

  const apply = (r: CompiledRule) => {
    if (r.reason) reasons.push(r.reason);
    for (const i of r.clauseIndexes) indexes.push(i);
    if (r.obligations.length) obligations = addNotes(obligations, r.obligations);
    if (r.remedies.length) remedies = addNotes(remedies, r.remedies);
    if (r.advisories.length) advisories = addNotes(advisories, r.advisories);
    for (const [key, sv] of r.set) {
      const v = 'fact' in sv ? sv.fact.derive(question, ctx) : sv.value;
      extra ??= {};
      if (COLLECTED.has(key)) {
        const list = (extra[key] as unknown[] | undefined) ?? (extra[key] = []);
        // A rule may add several entries at once (an array); equal entries are kept once.
        for (const item of Array.isArray(v) ? v : [v])
          if (!list.some((x) => x === item || (typeof x === 'object' && JSON.stringify(x) === JSON.stringify(item))))
            list.push(item);
      } else if (!(key in extra)) extra[key] = v;
    }
  };

  if (at < 0) {
    reasons.push(cq.notCovered);
    indexes = cq.notCoveredClauseIndexes.slice();
  } else {
    apply(deciding[at] as CompiledRule);
    for (let i = at + 1; i < deciding.length; i++) {
      const r = deciding[i] as CompiledRule;
      if (r.type === outcome && fires(r)) apply(r);
    }
  }
  for (const m of cq.modifiers) if (m.when.has(outcome) && fires(m)) apply(m);

  const decision: Record<string, unknown> = { question: cq.kind, outcome };
  if (extra) for (const key of SETTABLE) if (key in extra) decision[key] = extra[key];
  decision.clauses = clauseList(indexes, clauseIds);
  decision.reasons = reasons;
  decision.obligations = obligations ?? [];
  decision.remedies = remedies ?? [];
  decision.advisories = advisories ?? [];
  decision.policy = policy;
  if (trace) decision.trace = trace;
  return decision as unknown as Decision;
}

function addNotes(list: CodedNote[] | undefined, add: readonly CodedNote[]): CodedNote[] {
  const out = list ?? [];
  for (const n of add) if (!out.some((x) => x.code === n.code)) out.push(n);
  return out;
}

function clauseList(indexes: number[], ids: readonly string[]): string[] {
  if (indexes.length > 1) indexes.sort((a, b) => a - b);
  const out: string[] = [];
  let last = -1;
  for (const i of indexes) {
    if (i !== last) out.push(ids[i] as string);
    last = i;
  }
  return out;
}
