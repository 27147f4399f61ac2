// json-rules-engine used plainly: one Engine per question kind holding that kind's rules (the same JSON), the
// question's facts computed by the library's fact functions and handed to `await engine.run(facts)` — no
// validation, no combining into a decision object. What a team using json-rules-engine directly would run.
import { Engine } from 'json-rules-engine';

export function createPlainJre(lib, kind) {
  const policy = lib.defaultPolicy();
  const cq = policy.loaded.questions[kind];
  const engine = new Engine([], { allowUndefinedFacts: false });
  // The library's two custom operators (src/engine/operators.ts), same semantics.
  engine.addOperator(
    'dateAfter',
    (a, b) => typeof b === 'string' && a > b,
    (a) => typeof a === 'string',
  );
  engine.addOperator(
    'dateOnOrBefore',
    (a, b) => typeof b === 'string' && a <= b,
    (a) => typeof a === 'string',
  );
  for (const f of lib.bundledRules.ruleFiles)
    if (f.question === kind)
      for (const r of f.rules) {
        const { description: _d, ...rule } = structuredClone(r);
        engine.addRule(rule);
      }
  const facts = Object.entries(cq.facts).map(([name, def]) => [name, def.derive]);
  const settings = policy.settings;
  const today = new Date().toISOString().slice(0, 10);
  return async function runPlain(question) {
    const ctx = { settings, chain: undefined, asOf: question.asOf ?? today };
    const values = {};
    for (const [name, derive] of facts) values[name] = derive(question, ctx);
    return engine.run(values);
  };
}
