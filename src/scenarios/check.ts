import type { Decision, Issue } from '../decision/types.js';

/**
 * What a scenario expects of a decision. Every key is optional; each one given is checked.
 * The same keys as the contract's public examples, plus `fired` / `notFired` (rule names).
 */
export interface Expectation {
  invalid?: boolean;
  issueCodesAll?: string[];
  outcome?: string;
  outcomeIn?: string[];
  clausesAll?: string[];
  clausesAny?: string[];
  clausesNone?: string[];
  clausesExactly?: string[];
  reasonsAll?: string[];
  obligationsAll?: string[];
  obligationsNone?: string[];
  remediesAll?: string[];
  remediesNone?: string[];
  advisoriesAll?: string[];
  advisoriesNone?: string[];
  escalateTo?: string | null;
  destroyAfter?: string;
  respondBy?: string;
  missingAll?: string[];
  missingNone?: string[];
  nextStep?: Record<string, unknown> | null;
  violationClausesAll?: string[];
  violationsAll?: string[];
  fired?: string[];
  notFired?: string[];
}

/** The keys an expectation may have: a scenario with any other key is itself an error. */
export const EXPECTATION_KEYS: readonly string[] = [
  'invalid',
  'issueCodesAll',
  'outcome',
  'outcomeIn',
  'clausesAll',
  'clausesAny',
  'clausesNone',
  'clausesExactly',
  'reasonsAll',
  'obligationsAll',
  'obligationsNone',
  'remediesAll',
  'remediesNone',
  'advisoriesAll',
  'advisoriesNone',
  'escalateTo',
  'destroyAfter',
  'respondBy',
  'missingAll',
  'missingNone',
  'nextStep',
  'violationClausesAll',
  'violationsAll',
  'fired',
  'notFired',
];

const codes = (xs: readonly { code: string }[] | undefined) => (xs ?? []).map((x) => x.code);

/**
 * Checks a decision (or the validation issues of a question that did not validate) against an
 * expectation. Returns one line per unmet expectation; an empty list means the scenario passes.
 *
 * @example
 * checkExpectation({ decision: evaluate(q, { explain: true }) }, { outcome: 'deny', clausesAll: ['P3'] }); // []
 */
export function checkExpectation(
  result: { decision: Decision; issues?: undefined } | { decision?: undefined; issues: readonly Issue[] },
  expect: Expectation,
): string[] {
  const out: string[] = [];
  for (const k of Object.keys(expect)) if (!EXPECTATION_KEYS.includes(k)) out.push(`unknown expectation key "${k}"`);
  if (expect.invalid) {
    if (!result.issues) out.push(`expected a validation error, got outcome ${result.decision?.outcome}`);
    else {
      const got = result.issues.map((i) => i.code);
      for (const c of expect.issueCodesAll ?? [])
        if (!got.includes(c as Issue['code'])) out.push(`expected issue code ${c}, got ${got.join(', ')}`);
    }
    return out;
  }
  const d = result.decision;
  if (!d)
    return [
      `expected a decision, got validation issues: ${result.issues?.map((i) => `${i.path.join('.')} ${i.code}`).join('; ')}`,
    ];
  const all = (label: string, got: readonly unknown[], want: readonly unknown[] | undefined) => {
    for (const w of want ?? [])
      if (!got.includes(w)) out.push(`expected ${label} to include ${String(w)}, got [${got.join(', ')}]`);
  };
  const none = (label: string, got: readonly unknown[], want: readonly unknown[] | undefined) => {
    for (const w of want ?? []) if (got.includes(w)) out.push(`expected ${label} not to include ${String(w)}`);
  };
  if (expect.outcome !== undefined && d.outcome !== expect.outcome)
    out.push(`expected outcome ${expect.outcome}, got ${d.outcome}`);
  if (expect.outcomeIn && !expect.outcomeIn.includes(d.outcome))
    out.push(`expected outcome in [${expect.outcomeIn.join(', ')}], got ${d.outcome}`);
  all('clauses', d.clauses, expect.clausesAll);
  none('clauses', d.clauses, expect.clausesNone);
  if (expect.clausesAny && !expect.clausesAny.some((c) => d.clauses.includes(c)))
    out.push(`expected clauses to include one of [${expect.clausesAny.join(', ')}], got [${d.clauses.join(', ')}]`);
  if (expect.clausesExactly && d.clauses.join(',') !== expect.clausesExactly.join(','))
    out.push(`expected clauses exactly [${expect.clausesExactly.join(', ')}], got [${d.clauses.join(', ')}]`);
  all(
    'reasons',
    d.reasons.map((r) => r.rule),
    expect.reasonsAll,
  );
  all('obligations', codes(d.obligations), expect.obligationsAll);
  none('obligations', codes(d.obligations), expect.obligationsNone);
  all('remedies', codes(d.remedies), expect.remediesAll);
  none('remedies', codes(d.remedies), expect.remediesNone);
  all('advisories', codes(d.advisories), expect.advisoriesAll);
  none('advisories', codes(d.advisories), expect.advisoriesNone);
  if ('escalateTo' in expect && d.escalateTo !== expect.escalateTo)
    out.push(`expected escalateTo ${expect.escalateTo}, got ${d.escalateTo}`);
  if (expect.destroyAfter !== undefined && d.destroyAfter !== expect.destroyAfter)
    out.push(`expected destroyAfter ${expect.destroyAfter}, got ${d.destroyAfter}`);
  if (expect.respondBy !== undefined && d.respondBy !== expect.respondBy)
    out.push(`expected respondBy ${expect.respondBy}, got ${d.respondBy}`);
  all('missing', d.missing ?? [], expect.missingAll);
  none('missing', d.missing ?? [], expect.missingNone);
  if ('nextStep' in expect) {
    if (expect.nextStep === null) {
      if (d.nextStep) out.push(`expected no nextStep, got ${JSON.stringify(d.nextStep)}`);
    } else
      for (const [k, v] of Object.entries(expect.nextStep ?? {}))
        if ((d.nextStep as Record<string, unknown> | null | undefined)?.[k] !== v)
          out.push(`expected nextStep.${k} ${String(v)}, got ${JSON.stringify(d.nextStep ?? null)}`);
  }
  all(
    'violation clauses',
    (d.violations ?? []).map((v) => v.clause),
    expect.violationClausesAll,
  );
  all(
    'violations',
    (d.violations ?? []).map((v) => v.code),
    expect.violationsAll,
  );
  if (expect.fired || expect.notFired) {
    if (!d.trace) out.push('fired/notFired need the decision to be explained (explain: true)');
    else {
      const fired = d.trace.filter((t) => t.fired).map((t) => t.rule);
      all('fired rules', fired, expect.fired);
      none('fired rules', fired, expect.notFired);
    }
  }
  return out;
}
