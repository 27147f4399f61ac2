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

const normalise = (s: string) => s.toLowerCase().replace(/[\s_.-]+/g, '');
const IDENTIFYING = new Set(IDENTIFYING_FIELDS.map(normalise));

/**
 * Column-name endings that identify a client whatever comes before them (`clientEmail`, `homeAddress`,
 * `termTimePostcode`, `client_date_of_birth`, `caseNumber`), so a prefixed column is caught too.
 */
const IDENTIFYING_ENDINGS = [
  'email',
  'emailaddress',
  'address',
  'postcode',
  'phonenumber',
  'mobilenumber',
  'telephonenumber',
  'dateofbirth',
  'studentid',
  'studentnumber',
  'caseid',
  'casenumber',
  'casenotes',
  'ninumber',
  'insurancenumber',
];

/** A person's name, not a course's or a category's: `clientName`, `studentName`, `preferredName`, `surname`. */
const PERSON_NAME = /(client|student|person|first|last|full|sur|fore|given|family|middle|preferred|maiden|user)name$/;

/** Whether one column name identifies a client (4.2). */
function identifies(field: string): boolean {
  const f = normalise(field);
  return IDENTIFYING.has(f) || PERSON_NAME.test(f) || IDENTIFYING_ENDINGS.some((e) => f.endsWith(e));
}

/**
 * Counts the identifying fields in a statistics table's column names (4.2): the names the contract lists and
 * their variants (case, `_`, `-`, `.` and spaces ignored), and columns that end in one of them
 * (`clientEmail`, `homeAddress`, `studentName`). A course or category name (`courseName`) is not a client's.
 *
 * @example
 * identifyingFieldCount(['postcode', 'issueCategory', 'count']); // 1
 * identifyingFieldCount(['Client Name', 'home_address', 'courseName']); // 2
 * @see 4.2
 */
export function identifyingFieldCount(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) if (identifies(f)) n++;
  return n;
}
