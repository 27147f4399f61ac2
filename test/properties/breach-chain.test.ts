// Safety of the breach chain, written from the policy text (not from src/derive): a refusal is final (5.5.3),
// and nothing is authorised without the steps 5.4–5.5 ask for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { breach, params, role, timeout } from '../support/arbitraries.js';

type Step = { step: string; agreed?: boolean; by?: string };
const stepsOf = (q: { steps: unknown }) => q.steps as Step[];
const refusedAt = (steps: Step[]) => steps.findIndex((s) => s.step === 'decided' && s.agreed === false);

/** 5.4.1: an adviser's line manager is the Advice Service Lead; the Lead's, the Student Focus and Advice Manager. */
const lineManagerOf = (r: string) => (r === 'adviser' ? 'advice-lead' : 'advice-manager');

/** A chain that follows 5.4–5.5 to an authorisation that counts, sometimes with a disclosure after it. */
const authorisedChain = fc
  .tuple(
    fc.constantFrom('adviser', 'advice-lead'),
    fc.constantFrom('line-manager', 'advice-manager', 'chief-executive', 'appointed-manager'),
    fc.constantFrom('harm', 'conflict-of-interest', 'legal-duty'),
    fc.boolean(),
  )
  .map(([raisedBy, decider, ground, disclosed]) => {
    const by = decider === 'line-manager' ? lineManagerOf(raisedBy) : decider;
    const steps: Step[] = [
      { step: 'raised', with: lineManagerOf(raisedBy) } as Step,
      { step: 'discussed', recordedInCaseNotes: true } as Step,
      { step: 'decided', by, agreed: true, writtenRecord: true } as Step,
      ...(disclosed ? [{ step: 'disclosed' }] : []),
    ];
    return { question: 'breach' as const, raisedBy, ground, steps };
  });

/** Every chain `chains` gives is `non-compliant`, with the violation `code` among its violations. */
function alwaysViolates(chains: fc.Arbitrary<Parameters<typeof evaluate>[0]>, code: string): void {
  fc.assert(
    fc.property(chains, (q) => {
      const d = evaluate(q);
      expect(d.outcome).toBe('non-compliant');
      expect((d.violations ?? []).map((v) => v.code)).toContain(code);
      return true;
    }),
    params(),
  );
}

/** A chain (any, or one the policy authorises) with a refusal put in at any point. */
const withRefusal = fc
  .tuple(
    fc.oneof(breach, authorisedChain),
    fc.nat({ max: 6 }),
    fc.constantFrom('advice-lead', 'advice-manager', 'chief-executive'),
  )
  .map(([q, at, by]) => {
    const steps = stepsOf(q).slice();
    steps.splice(Math.min(at, steps.length), 0, { step: 'decided', by, agreed: false });
    return { ...q, steps };
  });

describe('a breach chain (5.4, 5.5)', () => {
  it(
    'once anyone has refused, the chain is refused or non-compliant, never authorised or pending (5.5.3)',
    () => {
      fc.assert(
        fc.property(fc.oneof(breach, withRefusal), (q) => {
          if (refusedAt(stepsOf(q)) < 0) return true;
          expect(['refused', 'non-compliant']).toContain(evaluate(q).outcome);
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'anything disclosed after a refusal makes the chain non-compliant (5.5.3)',
    () => {
      // Chains with a refusal and a disclosure after it, in any order around them.
      const withLateDisclosure = fc.tuple(withRefusal, fc.nat({ max: 6 })).map(([q, at]) => {
        const steps = stepsOf(q).slice();
        const r = refusedAt(steps);
        steps.splice(r + 1 + (at % (steps.length - r)), 0, { step: 'disclosed' });
        return { ...q, steps };
      });
      fc.assert(
        fc.property(withLateDisclosure, (q) => {
          expect(evaluate(q).outcome).toBe('non-compliant');
          return true;
        }),
        params(),
      );
    },
    timeout(),
  );

  it(
    'an authorised chain was raised by the Advice team and agreed by someone other than an adviser or the raiser (5.4.1, 5.5.2, 5.5.4)',
    () => {
      // `breach` alone is authorised about twice in 10,000 runs: chains in the policy's order, raised by anyone
      // with their line manager and agreed in writing by anyone (an adviser, the raiser), reach the cases.
      const anyDecider = fc
        .tuple(
          fc.oneof(fc.constantFrom('adviser' as const, 'advice-lead' as const), role),
          role,
          fc.constantFrom('harm', 'conflict-of-interest', 'legal-duty'),
          fc.boolean(),
        )
        .map(([raisedBy, by, ground, disclosed]) => ({
          question: 'breach' as const,
          raisedBy,
          ground,
          steps: [
            { step: 'raised', with: lineManagerOf(raisedBy) },
            { step: 'discussed', recordedInCaseNotes: true },
            { step: 'decided', by, agreed: true, writtenRecord: true },
            ...(disclosed ? [{ step: 'disclosed' }] : []),
          ],
        }));
      let authorised = 0;
      let runs = 0;
      fc.assert(
        fc.property(fc.oneof(breach, anyDecider), (q) => {
          runs++;
          if (evaluate(q).outcome !== 'authorised') return true;
          authorised++;
          expect(['adviser', 'advice-lead']).toContain(q.raisedBy);
          const first = stepsOf(q).find((s) => s.step === 'decided');
          expect(first?.agreed).toBe(true);
          expect(first?.by).not.toBe('adviser');
          expect(first?.by).not.toBe(q.raisedBy);
          return true;
        }),
        params(),
      );
      // Enough authorised chains were looked at for the property to say something.
      expect(authorised).toBeGreaterThan(runs / 100);
    },
    timeout(),
  );
});

describe('a decision by someone who may not decide (5.4.3, 5.5.2, 5.5.4)', () => {
  it('is a violation wherever it comes in the chain, and never the final refusal', () => {
    const withBadDecider = fc
      .tuple(
        breach,
        fc.nat({ max: 6 }),
        fc.constantFrom('adviser', 'senior-management', 'dpo', 'upsu-staff'),
        fc.boolean(),
      )
      .map(([q, at, by, agreed]) => {
        const steps = stepsOf(q).slice();
        steps.splice(Math.min(at, steps.length), 0, { step: 'decided', by, agreed });
        return { ...q, steps };
      });
    fc.assert(
      fc.property(withBadDecider, (q) => {
        expect(evaluate(q).outcome).toBe('non-compliant');
        return true;
      }),
      params(),
    );
  });

  it('is listed by its own violation, whatever other wrong deciders the chain has', () => {
    // Up to three decisions by people who may not decide, put in anywhere: each kind is named (5.5.4 for an
    // adviser or the raiser, 5.4.3 for anyone else who may not decide).
    const badDecision = fc.record({
      at: fc.nat({ max: 6 }),
      by: fc.constantFrom('adviser', 'senior-management', 'dpo', 'upsu-staff'),
      agreed: fc.boolean(),
    });
    const withBadDeciders = fc.tuple(breach, fc.array(badDecision, { minLength: 1, maxLength: 3 })).map(([q, bad]) => {
      const steps = stepsOf(q).slice();
      for (const d of bad)
        steps.splice(Math.min(d.at, steps.length), 0, { step: 'decided', by: d.by, agreed: d.agreed });
      return { ...q, steps };
    });
    fc.assert(
      fc.property(withBadDeciders, (q) => {
        const codes = (evaluate(q).violations ?? []).map((v) => v.code);
        const deciders = stepsOf(q).flatMap((s) => (s.step === 'decided' ? [s.by] : []));
        if (deciders.some((by) => by === 'adviser' || by === q.raisedBy)) {
          expect(codes).toContain('decided-by-adviser-or-raiser');
        }
        if (
          deciders.some(
            (by) =>
              by !== 'adviser' &&
              by !== q.raisedBy &&
              ['senior-management', 'dpo', 'upsu-staff'].includes(by as string),
          )
        ) {
          expect(codes).toContain('decider-may-not-decide');
        }
        return true;
      }),
      params(),
    );
  });
});

describe('raising the matter with anyone but the line manager (5.4.1)', () => {
  it('is a violation wherever the raise comes in the chain, not only the first', () => {
    // A chain the policy authorises, with one more `raised` step, with someone who is not the raiser's line manager,
    // put in anywhere after the first raise.
    const withStrayRaise = fc
      .tuple(
        authorisedChain,
        fc.nat({ max: 6 }),
        fc.constantFrom('third-party', 'university-staff', 'chief-executive', 'upsu-staff', 'adviser'),
      )
      .map(([q, at, other]) => {
        const steps = stepsOf(q).slice();
        steps.splice(1 + (at % steps.length), 0, { step: 'raised', with: other } as Step);
        return { ...q, steps };
      });
    alwaysViolates(withStrayRaise, 'raised-with-wrong-person');
  });
});

describe("steps' dates (5.4)", () => {
  /** A date in 2025, `day` days after 1 January. */
  const dateOf = (day: number) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
  // A chain the policy authorises, each step dated (or not), the dates never going back.
  const datedInOrder = fc
    .tuple(authorisedChain, fc.array(fc.option(fc.nat({ max: 5 })), { minLength: 4, maxLength: 4 }))
    .map(([q, gaps]) => {
      let day = 0;
      const steps = stepsOf(q).map((s, i) => {
        const gap = gaps[i];
        if (gap === null || gap === undefined) return s;
        day += gap;
        return { ...s, on: dateOf(day) };
      });
      return { ...q, steps };
    });

  it('in the order the steps are listed leave an authorised chain authorised; undated steps are not compared', () => {
    fc.assert(
      fc.property(datedInOrder, (q) => {
        expect(evaluate(q).outcome).toBe('authorised');
        return true;
      }),
      params(),
    );
  });

  it('going back anywhere in the chain make it non-compliant, whatever the steps show', () => {
    // Two steps, the later one listed dated before the earlier: the record contradicts the order it is read in.
    const outOfOrder = fc
      .tuple(fc.oneof(breach, authorisedChain), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 400 }))
      .filter(([q]) => stepsOf(q).length >= 2)
      .map(([q, a, b, back]) => {
        const steps = stepsOf(q).map((s) => ({ ...s })) as (Step & { on?: string })[];
        const first = a % (steps.length - 1);
        const later = first + 1 + (b % (steps.length - 1 - first));
        (steps[first] as Step & { on?: string }).on = dateOf(400);
        (steps[later] as Step & { on?: string }).on = dateOf(400 - back);
        return { ...q, steps };
      });
    alwaysViolates(outOfOrder, 'steps-dated-out-of-order');
  });
});
