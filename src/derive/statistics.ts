/**
 * Field names that identify a client (4.2). Matched case-insensitively, ignoring `_`, `-` and spaces, so
 * `Post Code`, `post_code` and `postcode` are all caught.
 */
export const IDENTIFYING_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'fullName',
  'surname',
  'forename',
  'email',
  'emailAddress',
  'phone',
  'phoneNumber',
  'mobile',
  'telephone',
  'address',
  'postcode',
  'postCode',
  'studentId',
  'studentNumber',
  'upNumber',
  'dateOfBirth',
  'dob',
  'birthDate',
  'caseNotes',
  'caseId',
  'niNumber',
  'nationalInsuranceNumber',
] as const;

const normalise = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
const IDENTIFYING = new Set(IDENTIFYING_FIELDS.map(normalise));

/**
 * Counts the identifying fields in a statistics table's column names (4.2).
 *
 * @example
 * identifyingFieldCount(['postcode', 'issueCategory', 'count']); // 1
 * @see 4.2
 */
export function identifyingFieldCount(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) if (IDENTIFYING.has(normalise(f))) n++;
  return n;
}
