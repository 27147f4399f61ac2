/**
 * Field names that identify a client (4.2). Matched case-insensitively, ignoring every character that is not a
 * letter or digit, so `Post Code`, `post_code`, `post–code` and `postcode` are all caught.
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

/**
 * A column name as the checks read it: Unicode compatibility forms folded (`ｅｍａｉｌ` → `email`) and invisible
 * characters (a zero-width space, a soft hyphen, a combining grapheme joiner, a variation selector) removed, so that look-alikes of a name are read as the name.
 */
const clean = (s: string) => s.normalize('NFKC').replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]+/gu, '');
/**
 * A column name as the name checks compare it: Unicode compatibility forms folded, invisible characters removed,
 * lower case, and every character that is not a letter A–Z or a digit gone (`Post–Code`, `post/code`,
 * `ｐｏｓｔｃｏｄｅ` → `postcode`). The built-in list and a policy's `identifyingColumns` are compared in this form.
 *
 * @example
 * normaliseColumn('Hall_Room'); // 'hallroom'
 * normaliseColumn('matric\u200bNumber'); // 'matricnumber'
 * @see 4.2
 */
export function normaliseColumn(s: string): string {
  return clean(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
const normalise = normaliseColumn;
/**
 * Letters or digits outside A–Z and 0–9 once folded (`pоstcode` with a Cyrillic о), or a combining mark left over
 * (one that does not compose with the letter before it): a name the checks cannot read.
 */
const UNREADABLE = /[^\P{L}a-zA-Z]|[^\P{N}0-9]|\p{M}/u;
/** The built-in identifying names, normalised: made on first use (normalising them at import cost a cold start ~0.5 ms). */
let identifying: ReadonlySet<string> | undefined;

/**
 * What is wrong with a name given in a policy's `identifyingColumns` setting, or `undefined` when it can be
 * compared: it must keep at least one letter or digit once normalised ({@link normaliseColumn}), and have no
 * letter or digit outside A–Z and 0–9 (a column named so counts as identifying already, and the normalised form
 * would drop the letter, so `matrícula` would be compared as `matrcula`, never matching `matricula`). The message
 * never repeats the name.
 *
 * @example
 * identifyingColumnProblem('hallRoom'); // undefined
 * identifyingColumnProblem(' _ '); // 'must name a column: …'
 * @see 4.2
 */
export function identifyingColumnProblem(name: string): string | undefined {
  if (UNREADABLE.test(clean(name)))
    return 'must be written with the letters A–Z and digits 0–9 (a column name with other letters counts as identifying already)';
  if (normalise(name) === '')
    return 'must name a column: at least one letter A–Z or digit 0–9 once case, spaces, punctuation and invisible characters are left out';
  return undefined;
}

/**
 * Pieces that identify a client wherever they stand in a column name, once case and separators are gone
 * (`clientEmail`, `home_address`, `termTimePostcode`, `birthYear`, `NHS number`): contact details, addresses, dates
 * of birth, official numbers and notes. (With {@link JOINED_REFERENCE} they cover every ending the first version of
 * this check matched: `…emailaddress`, `…phonenumber`, `…studentid`, `…casenumber`, `…ninumber`.)
 */
const IDENTIFYING_PIECES = [
  'email',
  'address',
  'postcode',
  'phone',
  'mobile',
  'dateofbirth',
  'birthdate',
  'birthday',
  'birthyear',
  'yearofbirth',
  'passport',
  'insurancenumber',
  'ninumber',
  'nationalinsurance',
  'birthplace',
  'placeofbirth',
  'zipcode',
  'postalcode',
  'landline',
  'contactdetails',
  'emergencycontact',
  'nextofkin',
  'nickname',
  'knownas',
  'freetext',
  'sortcode',
  'nhsnumber',
  'ucas',
  'surname',
  'forename',
  'initials',
  'casenotes',
];

/**
 * A case's own narrative, free text about the client: `caseSummary`, `case details`, `Case Narrative`,
 * `case_histories`. At the end of the name only: `caseHistoryCount`, `caseDetailLevel` and
 * `caseDescriptionCategory` are counts and categories.
 */
const CASE_NARRATIVE = /case(summar(y|ies)|descriptions?|details?|narratives?|histor(y|ies))(text)?$/;

/** A person's name, not a course's or a category's: `clientName`, `studentname`, `preferredName`, `surname`. */
const PERSON_NAME = /(client|student|person|first|last|full|sur|fore|given|family|middle|preferred|maiden|user)names?$/;

/**
 * A client's, case's or document's number or reference written as one word: `clientid`, `CASEREF`, `studentno`,
 * `regno` (a registration number).
 */
const JOINED_REFERENCE =
  /(client|student|case|person|user|customer|member|applicant|enquirer|matter|record|contact|nhs|ucas|passport|visa|brp|licence|license|tenancy|reg|registration)(id|ids|no|nos|num|number|ref|reference|identifier)$/;

/** A person's initial or initials, alone or of a name: `initial`, `firstInitial`, `Client initials`. */
const PERSON_INITIAL =
  /(^|client|student|person|first|last|middle|given|family|fore|sur|name|user|applicant|enquirer)initials?$/;

/** Words that identify on their own: `dob`, `tel`, `nhs`, `notes` (`dobYear`, `telNo`, `NHS no`). */
const IDENTIFYING_WORDS = new Set([
  'dob',
  'tel',
  'nhs',
  'nino',
  'husid',
  'matric',
  'pid',
  'uid',
  'ip',
  'zip',
  'postal',
  'addr',
  'street',
  'kin',
  'note',
  'notes',
  'comment',
  'comments',
  'narrative',
  'born',
  'birth',
  'latitude',
  'longitude',
  'signature',
  'photo',
  'photograph',
  'fullname',
  'username',
]);

/** Words naming a number or reference: identifying after a person, case or document word (`clientId`, `caseRef`). */
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
  'student',
  'case',
  'person',
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
  'personal',
  'reg',
  'registration',
  'enrolment',
  'enrollment',
  'device',
  'reference',
  'ref',
]);

/** Words after a reference word or a name that make the column a count of them: `id_count`, `names_total`. */
const COUNT_WORDS = new Set(['count', 'counts', 'total', 'totals']);

/** Names that are not a client's: `courseName`, `issueCategoryName`, `faculty_name`, `adviserName`. */
const NOT_A_CLIENT = new Set([
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
  'month',
  'day',
  'file',
  'column',
  'field',
  'report',
  'table',
  'adviser',
  'advisor',
  'staff',
  'officer',
  'manager',
  'caseworker',
  'worker',
  'country',
  'city',
  'town',
  'region',
]);

/** A column name's words: `clientId` → client, id; `post_code_1` → post, code; `NHS number` → nhs, number. */
function wordsOf(field: string): string[] {
  return clean(field)
    .replace(/#/g, ' number ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/**
 * Answers by column name: names repeat across tables, and reading one costs a few regular expressions. A name that
 * may itself be a client's detail is never kept here (see {@link identifies}).
 */
const answers = new Map<string, boolean>();

/** For tests: whether the answer for this column name is kept. */
export function columnAnswerKept(field: string): boolean {
  return answers.has(field);
}

/**
 * Whether one column name identifies a client (4.2): a name the contract lists or a variant of it, or a name with
 * an identifying piece or ending in it whatever the case (`clientEmail`, `CASENUMBER`, `studentname`), a
 * person's name (`clientName`, `names`; not `courseName` or `adviserName`), or a number or reference of a client,
 * a case or a document (`clientId`, `caseref`, `studentNo`, `id` alone; not `numberOfCases` or `id_count`).
 */
function identifies(field: string): boolean {
  const known = answers.get(field);
  if (known !== undefined) return known;
  // A name that may be a client's detail (an email, a phone, student or case number, or letters the checks cannot
  // read, such as a person's name in another script) counts, and is not kept: the answers outlive the question, and
  // would hold the detail in memory until they are cleared.
  if (UNREADABLE.test(clean(field)) || holdsAClientsDetail(field)) return true;
  const answer = read(field);
  if (answers.size >= 10_000) answers.clear();
  answers.set(field, answer);
  return answer;
}

/**
 * A column name that is itself a client's detail, as a table pivoted by client has (one column per client):
 * an email address (any `@`), or a phone, student or case number (seven digits or more, once spaces, dashes of
 * any kind, underscores, slashes, dots, parentheses and `+` between them are gone: `07700 900123`, `07700–900123`,
 * `07700_900123`, `06 12 34 56 78`, `UP1234567`). A year (`2025`), a month (`2026-01`, `202601`) or a date
 * (`2026-01-31`, `20260131`) is a period, not a client: a period has a year in it, so digits in pairs alone
 * (`06 12 34 56 78`) are a number.
 */
function holdsAClientsDetail(field: string): boolean {
  const f = clean(field);
  if (f.includes('@') || f.includes('\uff20')) return true;
  // Digits with only separators between them, read as one number: `07700 900123`, `+44 (0)7700-900-123`,
  // `07700–900123` (an en dash, as word processors write a hyphen), `07700_900123`.
  for (const number of f.match(/\d[\d\s\p{Pd}\u2212_/.()+]*\d/gu) ?? []) {
    const groups = number.match(/\d+/g) ?? [];
    const digits = groups.join('');
    if (digits.length < 7) continue;
    // Years, months and days (`2025-2026`, `2026-01-31`, `20260131`): a period, which has a year.
    const year = (g: string) => /^(19|20)\d\d$/.test(g);
    if (groups.some(year) && groups.every((g) => g.length <= 2 || year(g))) continue;
    if (groups.length === 1 && /^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(digits)) continue;
    return true;
  }
  return false;
}

function read(field: string): boolean {
  // (A name the checks below cannot read might be any of the names they look for, and a name that is a client's
  // detail identifies them: both count, fail closed, and are answered by `identifies` before this.)
  const f = normalise(field);
  if (
    (identifying ??= new Set(IDENTIFYING_FIELDS.map(normalise))).has(f) ||
    PERSON_NAME.test(f) ||
    PERSON_INITIAL.test(f) ||
    CASE_NARRATIVE.test(f) ||
    JOINED_REFERENCE.test(f) ||
    IDENTIFYING_PIECES.some((p) => f.includes(p))
  )
    return true;
  const words = wordsOf(field);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const before = i > 0 ? (words[i - 1] as string) : undefined;
    const after = words[i + 1];
    const counted = after !== undefined && COUNT_WORDS.has(after);
    // A place or date of birth identifies; a country of birth (a nationality) is a category.
    if (w === 'birth' && words.includes('country')) continue;
    if (IDENTIFYING_WORDS.has(w)) return true;
    if ((w === 'name' || w === 'names') && !counted && (before === undefined || !NOT_A_CLIENT.has(before))) return true;
    // A reference word after a person, case or document word (`clientId`, `caseRef`), or first and followed only
    // by reference words (`id`, `ID Number`, `Ref No`); not one that counts (`numberOfCases`, `numClients`,
    // `id_count`, `case_id_count`).
    if (
      REFERENCE_WORDS.has(w) &&
      !counted &&
      (before === undefined ? words.every((x) => REFERENCE_WORDS.has(x)) : PERSON_OR_CASE.has(before))
    )
      return true;
  }
  return false;
}

/** A policy's `identifyingColumns`, normalised once per (frozen) list. */
const extraLists = new WeakMap<readonly string[], readonly string[]>();
function extraList(extra: readonly string[]): readonly string[] {
  let list = extraLists.get(extra);
  if (!list) {
    list = [...new Set(extra.map(normalise))];
    extraLists.set(extra, list);
  }
  return list;
}

/**
 * Whether a normalised column name carries one of a policy's own identifying names: anywhere in it
 * (`hall_room_2025`, `Hall Room (term time)`, `clientHallRoom`), as the built-in pieces are read, except where only
 * a count word follows it (`hallRoomCount`, `hall_room_total`: a count of them, as `id_count` is).
 */
function carriesOwn(column: string, own: readonly string[]): boolean {
  for (const name of own)
    for (let at = column.indexOf(name); at >= 0; at = column.indexOf(name, at + 1))
      if (!COUNT_WORDS.has(column.slice(at + name.length))) return true;
  return false;
}

/**
 * Counts the identifying fields in a statistics table's column names (4.2): the names the contract lists and
 * their variants (case, separators, Unicode compatibility forms and invisible characters ignored), names
 * with letters or digits outside A–Z and 0–9 (which the checks cannot read, so might be any of them), and names that carry one of them or another
 * identifying piece (`clientEmail`, `homeAddress`, `studentName`, `clientId`, `caseRef`, `dobYear`). A course or
 * category name (`courseName`) and a count (`numberOfCases`) are not a client's.
 *
 * `extra` is a policy's own identifying column names (the `identifyingColumns` setting): a column whose
 * normalised name ({@link normaliseColumn}) carries one of theirs counts too, wherever it stands in it, unless
 * only a count word follows it (`hallRoomCount`). They only add: every built-in check still applies.
 *
 * @example
 * identifyingFieldCount(['postcode', 'issueCategory', 'count']); // 1
 * identifyingFieldCount(['Client Name', 'home_address', 'courseName']); // 2
 * identifyingFieldCount(['Hall Room', 'hall_room_2025', 'hallRoomCount'], ['hallRoom']); // 2
 * @see 4.2
 */
export function identifyingFieldCount(fields: readonly string[], extra: readonly string[] = []): number {
  const own = extra.length > 0 ? extraList(extra) : undefined;
  let n = 0;
  for (const f of fields) if (identifies(f) || (own !== undefined && carriesOwn(normalise(f), own))) n++;
  return n;
}
