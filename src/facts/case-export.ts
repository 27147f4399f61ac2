import { z } from 'zod';
import { breachFields } from './breach.js';
import { isoDate } from './common.js';
import { DEGREE_STATUSES, MAX_BREACHES, MAX_DISCLOSURES } from './constants.js';
import { recordedDisclosureFields } from './disclosure.js';
import { type ExportLevel, nearMiss } from './near-miss.js';
import type { BreachQuestion, DisclosureQuestion } from './question-types.js';

/**
 * An object of a case export with these fields. Fields it does not name (client names, emails, notes…) are
 * dropped, never echoed; but one that looks like an objection to staff sharing, like `disclosures` or
 * `breaches`, or like `destroyedOn`, under another name (`objectToStaffSharing`, `Disclosure`, `destroyed_on`) is an
 * `unknown-field` issue, not dropped:
 * dropping it could hide a finding (see near-miss.ts). The check runs even when other fields are invalid, so that
 * every problem is listed.
 */
function exportObject<S extends z.core.$ZodLooseShape>(level: ExportLevel, shape: S) {
  const names = Object.keys(shape);
  return z
    .looseObject(shape)
    .check(
      z.superRefine(
        (v, ctx) => {
          if (typeof v !== 'object' || v === null) return;
          for (const key of Object.keys(v)) {
            const like = Object.hasOwn(shape, key) ? undefined : nearMiss(key, level);
            if (like !== undefined)
              ctx.addIssue({ code: 'custom', path: [key], params: { code: 'unknown-field', like }, input: undefined });
          }
        },
        { when: () => true },
      ),
    )
    .transform((v) => {
      // The named fields only, in the schema's order (as z.object would give them).
      const out: Record<string, unknown> = {};
      for (const k of names) if (k in v) out[k] = (v as Record<string, unknown>)[k];
      return out as z.output<z.ZodObject<S>>;
    });
}

/**
 * One case of a case-management export (one NDJSON line). Fields the contract does not name (client
 * names, emails, student ids…) are ignored and dropped, never echoed; a field that looks like an objection to
 * staff sharing, like `disclosures` or `breaches`, or like `destroyedOn`, under another name is refused
 * (`unknown-field`), never dropped.
 * (A zod pipe: the object schema, with its `.shape`, is `caseExport.in`.)
 *
 * @example
 * import { auditCase } from 'upsu-confidentiality-policy';
 * import { caseExport } from 'upsu-confidentiality-policy/schemas';
 * const line = '{"id":"C-1042","client":{"degreeStatus":"completed","degreeCompletedOn":"2025-06-30"}}';
 * const c = caseExport.parse(JSON.parse(line));
 * auditCase(c, '2026-09-01').map((f) => f.code); // ['not-destroyed', 'consent-to-record-not-recorded']
 * @see 3.3
 */
export const caseExport = exportObject('case', {
  // The fields are documented on the public type, `CaseExport` below, checked equal to this schema's output.
  id: z.string().min(1).max(200),
  client: exportObject('client', {
    degreeStatus: z.enum(DEGREE_STATUSES),
    // null, as exports write an empty column, is read as absent: no date (retention `review` for a completed
    // degree), no consent shown (a finding). Both are the cautious readings; an objection has no such reading, so
    // `objectsToStaffSharing: null` stays an error.
    degreeCompletedOn: isoDate.nullable().optional(),
    consentToRecord: z.boolean().nullable().optional(),
    objectsToStaffSharing: z.boolean().optional(),
  }),
  disclosures: z.array(exportObject('disclosure', recordedDisclosureFields)).max(MAX_DISCLOSURES).optional(),
  breaches: z.array(exportObject('breach', breachFields)).max(MAX_BREACHES).optional(),
  destroyedOn: isoDate.nullable().optional(),
});

/**
 * A case as exported by a case-management system (see CONTRACT.md "Case exports"), as {@link caseExport} gives it.
 *
 * @example
 * import type { CaseExport } from 'upsu-confidentiality-policy';
 * const c: CaseExport = { id: 'C-1042', client: { degreeStatus: 'completed', degreeCompletedOn: '2025-06-30' } };
 * @see 3.3
 */
export type CaseExport = {
  /** The case's id in the case-management system: the only thing about the case a finding repeats. */
  id: string;
  /** The client, as retention, the consent to record and staff sharing need them. */
  client: {
    /** `studying`, `completed`, `withdrawn` or `unknown` (3.3). */
    degreeStatus: 'studying' | 'completed' | 'withdrawn' | 'unknown';
    /**
     * When the degree was completed (`YYYY-MM-DD`); `null` or absent: not known (a completed degree's retention is
     * then `review`).
     */
    degreeCompletedOn?: string | null | undefined;
    /** The client consented to recording (1.1); `null` or absent: not shown, a finding. */
    consentToRecord?: boolean | null | undefined;
    /** The client objects to sharing with UPSU staff involved in the case (2.2), for disclosures that do not say. */
    objectsToStaffSharing?: boolean | undefined;
  };
  /** Every disclosure recorded on the case: a disclosure question's fields, and `on`, its date. */
  disclosures?:
    | Omit<
        DisclosureQuestion & {
          /** When the disclosure was made (`YYYY-MM-DD`). */
          on?: string | undefined;
        },
        'question' | 'asOf'
      >[]
    | undefined;
  /** Every breach-of-confidentiality chain of the case: a breach question's fields. */
  breaches?: Omit<BreachQuestion, 'question' | 'asOf'>[] | undefined;
  /** When the case record was destroyed (`YYYY-MM-DD`); `null` or absent: it is still held. */
  destroyedOn?: string | null | undefined;
};
