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
 * Pieces that identify a client wherever they stand in a column name, once case and separators are gone
 * (`clientEmail`, `home_address`, `postcodeDistrict`, `dobYear`, `NHS number`): contact details, addresses, dates
 * of birth, official numbers and notes.
 */
const IDENTIFYING_PIECES = [
  'email',
  'address',
  'postcode',
  'phone',
  'mobile',
  'dateofbirth',
  'birth',
  'passport',
  'insurancenumber',
  'ninumber',
  'nhsnumber',
  'ucas',
  'surname',
  'forename',
  'initials',
  'casenotes',
];

/** Words that identify on their own: `dob`, `tel`, `nhs`, `notes` (`dobYear`, `telNo`, `NHS no`). */
const IDENTIFYING_WORDS = new Set(['dob', 'tel', 'nhs', 'notes', 'name', 'names', 'fullname', 'username']);

/** Words naming a number, code or reference: identifying after a person or case (`clientId`, `caseRef`, `studentNo`). */
const REFERENCE_WORDS = new Set([
  'id',
  'ids',
  'no',
  'nos',
  'num',
  'number',
  'numbers',
  'ref',
  'reference',
  'identifier',
]);

/** What a reference word is the reference of, when it identifies a client (or their case, home or documents). */
const PERSON_OR_CASE = new Set([
  'client',
  'clients',
  'student',
  'students',
  'case',
  'cases',
  'person',
  'people',
  'user',
  'customer',
  'member',
  'applicant',
  'enquirer',
  'enquiry',
  'matter',
  'record',
  'file',
  'contact',
  'up',
  'ni',
  'nhs',
  'ucas',
  'passport',
  'visa',
  'brp',
  'national',
  'insurance',
  'account',
  'bank',
  'card',
  'licence',
  'license',
  'driving',
  'room',
  'flat',
  'house',
  'door',
  'tenancy',
  'hesa',
]);

/** Names that are not a person's: `courseName`, `issueCategoryName`, `faculty_name`. */
const NOT_A_PERSON = new Set([
  'course',
  'module',
  'programme',
  'program',
  'category',
  'issue',
  'faculty',
  'school',
  'department',
  'service',
  'team',
  'organisation',
  'organization',
  'company',
  'campus',
  'building',
  'event',
  'outcome',
  'type',
  'group',
  'project',
  'agency',
  'partner',
  'month',
  'day',
  'file',
  'column',
  'field',
  'report',
  'table',
]);

/** A column name's words: `clientId` → client, id; `post_code_1` → post, code, 1; `NHS number` → nhs, number. */
function wordsOf(field: string): string[] {
  return field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/**
 * Whether one column name identifies a client (4.2): a name the contract lists or a variant of it, or a name with
 * an identifying piece or word in it, a person's name (`clientName`, `names`; not `courseName`), or a number or
 * reference of a client, a case or a document (`clientId`, `caseRef`, `studentNo`, `id`; not `numberOfCases`).
 */
function identifies(field: string): boolean {
  const f = normalise(field);
  if (IDENTIFYING.has(f) || IDENTIFYING_PIECES.some((p) => f.includes(p))) return true;
  const words = wordsOf(field);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const before = i > 0 ? (words[i - 1] as string) : undefined;
    if (w === 'name' || w === 'names') {
      if (before === undefined || !NOT_A_PERSON.has(before)) return true;
    } else if (IDENTIFYING_WORDS.has(w)) return true;
    if (REFERENCE_WORDS.has(w)) {
      // `numberOf…` / `noOf…` counts things; a reference word alone or after a person or case identifies.
      if (words[i + 1] === 'of') continue;
      if (before === undefined || PERSON_OR_CASE.has(before)) return true;
    }
  }
  return false;
}

/**
 * Counts the identifying fields in a statistics table's column names (4.2): the names the contract lists and
 * their variants (case, `_`, `-`, `.` and spaces ignored), and names that carry one of them or another
 * identifying piece (`clientEmail`, `homeAddress`, `studentName`, `clientId`, `caseRef`, `dobYear`). A course or
 * category name (`courseName`) and a count (`numberOfCases`) are not a client's.
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
