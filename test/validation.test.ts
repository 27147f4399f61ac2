import { describe, expect, it } from 'vitest';
import {
  evaluate,
  evaluateWithEngine,
  type Issue,
  PolicyInputError,
  QUESTION_KINDS,
  safeEvaluate,
} from '../src/index.js';

type Path = (string | number)[];

/**
 * For every question kind: a valid question, and where to break it. `enumPath` is null for the kinds whose
 * only closed set of values is `question` itself (recording, storage). Markers are planted in every bad value
 * so that the messages can be checked never to repeat them.
 */
interface Kind {
  valid: Record<string, unknown>;
  requiredPath: Path;
  wrongTypePath: Path;
  enumPath: Path | null;
  datePath: Path;
}

const KINDS: Record<string, Kind> = {
  disclosure: {
    valid: {
      question: 'disclosure',
      actor: { role: 'adviser' },
      recipient: { role: 'third-party', name: 'parent' },
      information: { kind: 'presence', identifiable: true },
    },
    requiredPath: ['recipient'],
    wrongTypePath: ['information', 'identifiable'],
    enumPath: ['recipient', 'role'],
    datePath: ['asOf'],
  },
  access: {
    valid: { question: 'access', actor: { role: 'adviser' } },
    requiredPath: ['actor', 'role'],
    wrongTypePath: ['necessary'],
    enumPath: ['purpose'],
    datePath: ['asOf'],
  },
  contact: {
    valid: { question: 'contact', channel: 'email', clientPreferences: { serviceMayBeNamed: false } },
    requiredPath: ['channel'],
    wrongTypePath: ['clientPreferences', 'serviceMayBeNamed'],
    enumPath: ['channel'],
    datePath: ['asOf'],
  },
  recording: {
    valid: { question: 'recording', consentToRecord: true, relevant: true },
    requiredPath: ['relevant'],
    wrongTypePath: ['consentToRecord'],
    enumPath: null,
    datePath: ['asOf'],
  },
  'statistics-release': {
    valid: {
      question: 'statistics-release',
      actor: { role: 'advice-lead' },
      recipient: { role: 'membership-body', name: 'NUS' },
      fields: ['issueCategory', 'count'],
      smallestCount: 6,
    },
    requiredPath: ['fields'],
    wrongTypePath: ['smallestCount'],
    enumPath: ['recipient', 'role'],
    datePath: ['asOf'],
  },
  'subject-access': {
    valid: {
      question: 'subject-access',
      request: { inWriting: true, addressedTo: 'dpo', feePaid: true, identityVerified: true },
    },
    requiredPath: ['request', 'feePaid'],
    wrongTypePath: ['request', 'inWriting'],
    enumPath: ['request', 'addressedTo'],
    datePath: ['request', 'receivedOn'],
  },
  retention: {
    valid: { question: 'retention', client: { degreeStatus: 'completed', degreeCompletedOn: '2024-06-20' } },
    requiredPath: ['client', 'degreeStatus'],
    wrongTypePath: ['client'],
    enumPath: ['client', 'degreeStatus'],
    datePath: ['client', 'degreeCompletedOn'],
  },
  breach: {
    valid: {
      question: 'breach',
      raisedBy: 'adviser',
      ground: 'harm',
      steps: [{ step: 'raised', with: 'advice-lead' }],
    },
    requiredPath: ['ground'],
    wrongTypePath: ['steps'],
    enumPath: ['steps', 0, 'with'],
    datePath: ['steps', 0, 'on'],
  },
  'policy-review': {
    valid: {
      question: 'policy-review',
      lastReviewedOn: '2026-03-01',
      agreedBy: ['advice-lead', 'advice-manager', 'senior-management'],
    },
    requiredPath: ['agreedBy'],
    wrongTypePath: ['agreedBy'],
    enumPath: ['agreedBy', 1],
    datePath: ['lastReviewedOn'],
  },
  'staff-readiness': {
    valid: { question: 'staff-readiness', staff: { role: 'adviser' }, receivedPolicyCopy: true, newStarter: false },
    requiredPath: ['receivedPolicyCopy'],
    wrongTypePath: ['newStarter'],
    enumPath: ['confidentialityAgreement'],
    datePath: ['asOf'],
  },
  storage: {
    valid: {
      question: 'storage',
      electronic: { passwordProtected: true, loginShared: false, loggedOffWhenNotInUse: true },
    },
    requiredPath: ['electronic', 'loginShared'],
    wrongTypePath: ['electronic', 'passwordProtected'],
    enumPath: null,
    datePath: ['asOf'],
  },
};

const MARK = 'ZQX-PERSONAL-7731';
const MARK_NUMBER = 918273645;

function set(obj: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(obj);
  let cur: any = copy;
  for (const k of path.slice(0, -1)) cur = cur[k];
  const last = path.at(-1) as string | number;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return copy;
}

function issuesOf(q: unknown): readonly Issue[] {
  const r = safeEvaluate(q);
  if (r.ok) throw new Error(`expected ${JSON.stringify(q)} not to validate; it was decided ${r.decision.outcome}`);
  return r.issues;
}

/** Every way of asking must reject the question with these issues: evaluate, safeEvaluate, evaluateWithEngine. */
async function rejected(q: unknown): Promise<readonly Issue[]> {
  const issues = issuesOf(q);
  let thrown: unknown;
  try {
    evaluate(q);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(PolicyInputError);
  expect((thrown as PolicyInputError).issues).toEqual(issues);
  await expect(evaluateWithEngine(q)).rejects.toBeInstanceOf(PolicyInputError);
  for (const i of issues) expect(i.message).toMatch(/\S/);
  return issues;
}

const codeAt = (issues: readonly Issue[], path: Path) =>
  issues.filter((i) => JSON.stringify(i.path) === JSON.stringify(path)).map((i) => i.code);

it('covers every question kind the library answers', () => {
  expect(Object.keys(KINDS).sort()).toEqual([...QUESTION_KINDS].sort());
});

for (const [kind, k] of Object.entries(KINDS)) {
  describe(`${kind} validation`, () => {
    it('the valid question is decided', () => {
      const r = safeEvaluate(k.valid);
      expect(r.ok).toBe(true);
    });

    it('a missing required field → required, with its path', async () => {
      const issues = await rejected(set(k.valid, k.requiredPath, undefined));
      expect(codeAt(issues, k.requiredPath)).toEqual(['required']);
    });

    it('a value of the wrong type → invalid-type, with its path', async () => {
      const issues = await rejected(set(k.valid, k.wrongTypePath, `${MARK}-type`));
      expect(codeAt(issues, k.wrongTypePath)).toEqual(['invalid-type']);
    });

    it('a number where a date string is expected → invalid-type', async () => {
      const path = k.datePath;
      const issues = await rejected(set(k.valid, path, MARK_NUMBER));
      expect(codeAt(issues, path)).toEqual(['invalid-type']);
    });

    if (k.enumPath) {
      const enumPath = k.enumPath;
      it('an unknown enum value → invalid-value, with its path', async () => {
        const issues = await rejected(set(k.valid, enumPath, `${MARK}-enum`));
        expect(codeAt(issues, enumPath)).toEqual(['invalid-value']);
        expect(issues.find((i) => i.code === 'invalid-value')?.message).toMatch(/must be one of/);
      });
    }

    it('an unknown field → unknown-field, naming the field', async () => {
      const issues = await rejected({ ...k.valid, clientName: `${MARK}-field` });
      expect(codeAt(issues, ['clientName'])).toEqual(['unknown-field']);
    });

    it('an impossible date (2025-02-30) → invalid-date, with its path', async () => {
      const issues = await rejected(set(k.valid, k.datePath, '2025-02-30'));
      expect(codeAt(issues, k.datePath)).toEqual(['invalid-date']);
      const marked = await rejected(set(k.valid, k.datePath, `2025-02-30-${MARK}`));
      expect(codeAt(marked, k.datePath)).toEqual(['invalid-date']);
    });

    it('several problems at once are all listed', async () => {
      let q = set(k.valid, k.requiredPath, undefined);
      q = set(q, k.datePath.length === 1 ? ['asOf'] : k.datePath, '2025-02-30');
      q = { ...q, extraNote: MARK };
      const issues = await rejected(q);
      const summary = issues.map((i) => `${i.path.join('.')}:${i.code}`);
      expect(summary).toContain(`${k.requiredPath.join('.')}:required`);
      expect(summary).toContain(`${(k.datePath.length === 1 ? ['asOf'] : k.datePath).join('.')}:invalid-date`);
      expect(summary).toContain('extraNote:unknown-field');
      expect(issues.length).toBeGreaterThanOrEqual(3);
    });

    it('no message repeats a value given', () => {
      const bad = [
        set(k.valid, k.wrongTypePath, `${MARK}-type`),
        set(k.valid, k.enumPath ?? k.wrongTypePath, `${MARK}-enum`),
        set(k.valid, k.datePath, `${MARK}-date`),
        set(k.valid, k.enumPath ?? k.datePath, MARK_NUMBER),
        { ...k.valid, note: { text: `${MARK}-nested`, n: MARK_NUMBER } },
      ];
      for (const q of bad) {
        const issues = issuesOf(q);
        const text = JSON.stringify(issues.map((i) => i.message));
        expect(text).not.toContain(MARK);
        expect(text).not.toContain(String(MARK_NUMBER));
        let thrown: unknown;
        try {
          evaluate(q);
        } catch (e) {
          thrown = e;
        }
        expect((thrown as Error).message).not.toContain(MARK);
        expect((thrown as Error).message).not.toContain(String(MARK_NUMBER));
      }
    });
  });
}

describe('questions that are not questions', () => {
  it('an unknown question kind → unknown-question at ["question"]', async () => {
    const issues = await rejected({ question: `${MARK}-teleport`, actor: { role: 'adviser' } });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('unknown-question');
    expect(issues[0]?.path).toEqual(['question']);
    expect(issues[0]?.message).not.toContain(MARK);
    expect(issues[0]?.message).toMatch(/disclosure/);
  });

  it('a question with no kind → required at ["question"]', async () => {
    const issues = await rejected({ actor: { role: 'adviser' } });
    expect(issues.map((i) => [i.path, i.code])).toEqual([[['question'], 'required']]);
  });

  it('a kind that is not a string → unknown-question', async () => {
    const issues = await rejected({ question: MARK_NUMBER });
    expect(issues[0]?.code).toBe('unknown-question');
    expect(JSON.stringify(issues)).not.toContain(String(MARK_NUMBER));
  });

  for (const input of [null, undefined, [], [{ question: 'recording' }], MARK, MARK_NUMBER, true]) {
    it(`non-object input ${JSON.stringify(input) ?? 'undefined'} → invalid-type at the root`, async () => {
      const issues = await rejected(input);
      expect(issues.map((i) => [i.path, i.code])).toEqual([[[], 'invalid-type']]);
      expect(JSON.stringify(issues)).not.toContain(MARK);
      expect(JSON.stringify(issues)).not.toContain(String(MARK_NUMBER));
    });
  }

  it('an unknown breach step kind → invalid-value at its path', async () => {
    const q = set(KINDS.breach?.valid as Record<string, unknown>, ['steps', 0, 'step'], `${MARK}-step`);
    const issues = await rejected(q);
    expect(codeAt(issues, ['steps', 0, 'step'])).toEqual(['invalid-value']);
    expect(JSON.stringify(issues)).not.toContain(MARK);
  });

  it('evaluate does not change the question it is given, valid or not', () => {
    for (const k of Object.values(KINDS)) {
      const q = structuredClone(k.valid);
      evaluate(q);
      expect(q).toEqual(k.valid);
      const bad = { ...structuredClone(k.valid), extra: 1 };
      safeEvaluate(bad);
      expect(bad).toEqual({ ...k.valid, extra: 1 });
    }
  });
});

describe('PolicyInputError message', () => {
  it('spells out the first 20 problems only, while issues lists every one', async () => {
    const { evaluate, PolicyInputError } = await import('../src/index.js');
    const q: Record<string, unknown> = { question: 'recording', consentToRecord: true, relevant: true };
    for (let i = 0; i < 500; i++) q[`extra${i}`] = i;
    try {
      evaluate(q);
      expect.unreachable('an invalid question was decided');
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyInputError);
      const err = e as InstanceType<typeof PolicyInputError>;
      expect(err.issues).toHaveLength(500);
      expect(err.message).toContain('… and 480 more.');
      expect(err.message.length).toBeLessThan(5_000);
    }
  });
});

describe('arrays over their maximum', () => {
  const release = (fields: unknown[], more: Record<string, unknown> = {}) => ({
    question: 'statistics-release',
    actor: { role: 'adviser' },
    recipient: { role: 'university-staff' },
    fields,
    ...more,
  });

  it('are one too-big issue, not one per element', async () => {
    const { safeEvaluate } = await import('../src/index.js');
    const r = safeEvaluate(
      release(
        Array.from({ length: 500_000 }, () => 0),
        { smallestCount: -1 },
      ),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => [i.code, i.path])).toEqual([
        ['too-big', ['fields']],
        ['too-small', ['smallestCount']],
      ]);
  });

  it('within their maximum, every element is still checked', async () => {
    const { safeEvaluate } = await import('../src/index.js');
    const r = safeEvaluate(release([0, 'ward', 0]));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => i.path)).toEqual([
        ['fields', 0],
        ['fields', 2],
      ]);
  });
});
