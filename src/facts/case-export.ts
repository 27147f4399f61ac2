import { z } from 'zod';
import { breachFields } from './breach.js';
import { isoDate } from './common.js';
import { DEGREE_STATUSES, MAX_BREACHES, MAX_DISCLOSURES } from './constants.js';
import { recordedDisclosure } from './disclosure.js';

/**
 * One case of a case-management export (one NDJSON line). Fields the contract does not name (client
 * names, emails, student ids…) are ignored and dropped, never echoed.
 *
 * @example
 * const c = caseExport.parse(JSON.parse(line));
 * auditCase(c, '2026-09-01');
 * @see 3.3
 */
export const caseExport = z.object({
  id: z.string().min(1).max(200),
  client: z.object({
    degreeStatus: z.enum(DEGREE_STATUSES),
    degreeCompletedOn: isoDate.optional(),
    consentToRecord: z.boolean().optional(),
    objectsToStaffSharing: z.boolean().optional(),
  }),
  disclosures: z.array(recordedDisclosure).max(MAX_DISCLOSURES).optional(),
  breaches: z.array(z.object(breachFields)).max(MAX_BREACHES).optional(),
  destroyedOn: isoDate.nullable().optional(),
});

/**
 * A case as exported by a case-management system (see CONTRACT.md "Case exports").
 *
 * @example
 * const c: CaseExport = { id: 'C-1042', client: { degreeStatus: 'completed', degreeCompletedOn: '2025-06-30' } };
 * @see 3.3
 */
export type CaseExport = z.infer<typeof caseExport>;
