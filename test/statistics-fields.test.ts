// Which statistics columns identify a client (4.2, 4.3): the contract's list is a minimum, so the names real
// exports use for the same things are caught too, and the names that only count or categorise are not.
import { describe, expect, it } from 'vitest';
import { identifyingColumnProblem, identifyingFieldCount, normaliseColumn } from '../src/derive/statistics.js';

const IDENTIFYING = [
  // The contract's own list, in the spellings exports use.
  ...['name', 'firstName', 'Last Name', 'email', 'E_Mail', 'phone', 'address', 'Post Code', 'studentId'],
  ...['date_of_birth', 'caseNotes', 'caseId'],
  // Names of people.
  ...['names', 'surnames', 'initials', 'fullName', 'clientName', 'preferredName', 'userName', 'student name'],
  // Numbers and references of a client, a case or a document.
  ...['id', 'clientId', 'client_id', 'studentNo', 'student_no', 'student id number', 'caseRef', 'caseNo'],
  ...['studentNumber', 'UP number', 'NI number', 'nhsNumber', 'passportNumber', 'ucasNumber', 'roomNumber'],
  // Contact details, addresses and dates of birth in other words.
  ...['addressLine1', 'address1', 'postcode1', 'postcode_district', 'phoneNo', 'mobileNo', 'telNo'],
  ...['contactNumber', 'emailDomain', 'dobYear', 'birthYear', 'notes'],
  // Written as one word, in any case (the contract matches case-insensitively).
  ...['clientname', 'CLIENTNAME', 'studentname', 'maidenname', 'GIVENNAME', 'casenumber', 'Casenumber'],
  ...['clientid', 'CLIENTID', 'caseref', 'studentno', 'client_studentid', 'clientCaseid', 'client_casenumber'],
  // References and numbers under other names.
  ...['ID Number', 'Reference Number', 'Ref No', 'Ref_No', 'Ref ID', 'ID_No', 'NINO', 'national_insurance', 'HUSID'],
  ...['matric_no', 'Registration number', 'enrolment_number', 'Personal ID', 'pid', 'uid', 'client#', 'Case #'],
  // Addresses, contacts, names, free text and the like.
  ...['zip', 'postal_code', 'addr1', 'Street', 'Landline', 'contact_details', 'Client IP', 'Device ID', 'Nickname'],
  ...['Known as', 'Partner Name', 'next_of_kin', 'Emergency contact', 'Note', 'comments', 'free_text', 'narrative'],
  ...['date_born', 'birth', 'Birthplace', 'Place of birth', 'latitude', 'sort_code', 'Signature', 'photo'],
  // Look-alikes: other separators (an en dash, as word processors write it; a slash), invisible characters (a
  // zero-width space, a soft hyphen), full-width letters.
  ...[
    'post\u2013code',
    'post/code',
    'post\u200bcode',
    'e\u00admail',
    '\uff45\uff4d\uff41\uff49\uff4c',
    '\uff2e\uff21\uff2d\uff25',
  ],
  ...['d/o/b', 'Client\u00a0Name', 'student\u2011id'],
  // Default-ignorable marks (a combining grapheme joiner, a variation selector) and a combining mark left over.
  ...['No\u034ftes', 'No\ufe0ftes', 'Home A\u034fddr', 'T\u034fel', 'Str\u034feet', 'Kin\ufe0f', 'Co\u0301mments'],
  // Letters the checks cannot read (a Cyrillic о or а in a Latin name; any name outside A–Z): they might be any name.
  ...['p\u043estcode', 'n\u0430me', 'caf\u00e9', '\u59d3\u540d', 'count\u0661'],
  // A column name that is itself a client's detail (a table pivoted by client): an email address, a phone,
  // student or case number.
  ...['jane.doe@example.com', 'J.Doe@myport.ac.uk', '07700900123', '07700 900123', '+44 (0)7700-900-123'],
  ...['UP1234567', 'case 20261234567', '\uff4a\uff40example.com'.replace('\uff40', '\uff20')],
  // The same numbers written with an en dash or an underscore between their groups, or in pairs (as a French
  // mobile number is): the digits are still one number, and no year is among them.
  ...['07700\u2013900123', '07700\u2014900\u2013123', '07700_900123', '06 12 34 56 78', '+33 6 12 34 56 78'],
  // A year beside a number is not a period when the number's other groups are not days or months.
  ...['cases 2026 07700 900123', '2025-07700900123'],
  // Registration numbers, a person's initials and a case's own narrative (free text about the client).
  ...['regNo', 'Reg No', 'studentRegNo', 'reg_number', 'registrationNo', 'Student Reg ID'],
  ...['initial', 'firstInitial', 'Client initials', 'surname_initial', 'INITIAL'],
  ...['caseSummary', 'caseDescription', 'case details', 'Case Narrative', 'case_history', 'caseDetail'],
  ...['caseSummaries', 'case_histories', 'caseDetailsText', 'client_case_summary'],
];

const NOT_IDENTIFYING = [
  ...['issueCategory', 'count', 'caseCount', 'numberOfCases', 'noOfClients', 'clients', 'cases'],
  ...['courseName', 'issue_category_name', 'Faculty Name', 'issueCategoryId', 'facultyCode'],
  ...['faculty', 'department', 'month', 'year', 'yearOfStudy', 'outcome', 'gender', 'ageBand', 'referralSource'],
  // Counts, periods and staff, not clients.
  ...['numClients', 'id_count', 'refPeriod', 'reference_period', 'countryOfBirth', 'adviserName', 'staffName'],
  ...['Country of birth', 'Name Count', 'names_count', 'case_id_count'],
  // Periods written as numbers are not a client's number.
  ...['2025', '2026-01', '202601', 'count_2025_26', '2026-01-31', '20260131', 'cases 2025-2026'],
  // The column names of an advice service's own statistics tables: periods, age bands and counts.
  ...['2025/26', 'Q1 2026', 'week 12', 'age 18-21', 'count', 'issue category', 'weeks 1-52 2025/26'],
  ...['2025\u20132026', '2025-01-01 \u2013 2025-12-31', 'cases_2024_2025_2026', 'age 18-21 (2025-26)'],
  // Near the names added for registration numbers, initials and case narratives, but counts, dates and categories.
  ...['initialContactDate', 'initial_contact_month', 'regCount', 'registrations', 'caseCount', 'caseType'],
  ...['caseOutcome', 'case_category', 'caseSummaryCount', 'caseHistoryCount', 'case_history_length'],
  ...['caseDetailLevel', 'caseDescriptionCategory', 'caseHistoryMonths', 'regionName', 'registrationYear'],
];

describe('identifying statistics columns (4.2)', () => {
  it.each(IDENTIFYING)('%s identifies a client', (field) => {
    expect(identifyingFieldCount([field])).toBe(1);
  });
  it.each(NOT_IDENTIFYING)('%s does not', (field) => {
    expect(identifyingFieldCount([field])).toBe(0);
  });
  it('counts each identifying column once', () => {
    expect(identifyingFieldCount(['clientId', 'issueCategory', 'home_address', 'count'])).toBe(2);
  });
});

describe('every name an earlier, whole-name reading caught is still caught', () => {
  // The endings the first version matched on the name without case or separators (kept as a floor).
  const ENDINGS = ['email', 'emailaddress', 'address', 'postcode', 'phonenumber', 'mobilenumber', 'telephonenumber'];
  ENDINGS.push('dateofbirth', 'studentid', 'studentnumber', 'caseid', 'casenumber', 'casenotes', 'ninumber');
  ENDINGS.push('insurancenumber', 'clientname', 'studentname', 'firstname', 'surname', 'givenname', 'maidenname');
  const PREFIXES = ['', 'client', 'home', 'termTime', 'x', 'Main'];
  const CASES: ((s: string) => string)[] = [
    (s) => s,
    (s) => s.toUpperCase(),
    (s) => s[0]?.toUpperCase() + s.slice(1),
    (s) => s.replace(/(name|id|number|notes|code|of|birth|address)$/, '_$1'),
  ];
  it.each(ENDINGS)('…%s, with any prefix, in any case', (ending) => {
    for (const prefix of PREFIXES)
      for (const c of CASES) {
        const name = prefix + c(ending);
        expect(identifyingFieldCount([name]), name).toBe(1);
      }
  });
});

describe("a policy's own identifying columns (the identifyingColumns setting) only add", () => {
  const OWN = ['hallRoom', 'Matric Number'];
  it('a column whose normalised name carries one of them counts, wherever it stands, unless only a count word follows', () => {
    expect(identifyingFieldCount(['hallRoom', 'count'])).toBe(0);
    expect(identifyingFieldCount(['hallRoom', 'count'], OWN)).toBe(1);
    expect(identifyingFieldCount(['HALL_ROOM', 'hall\u00adroom', 'matric-number', 'hallRoomCount'], OWN)).toBe(3);
    const carrying = ['hall_room_2025', 'Hall Room (term time)', 'hallRoom1', 'client hall room', 'matricNumberRef'];
    expect(identifyingFieldCount(carrying, OWN)).toBe(carrying.length);
    // A count of them is not one of them (as `id_count` is not an id), but a count word with more after it is.
    expect(identifyingFieldCount(['hall_room_count', 'hallRoomTotals', 'Hall Room counts'], OWN)).toBe(0);
    expect(identifyingFieldCount(['hallRoomCount2025', 'hallRoomCountOrName'], OWN)).toBe(2);
  });
  it.each(IDENTIFYING)('%s still identifies a client with them given', (field) => {
    expect(identifyingFieldCount([field], OWN)).toBe(1);
  });
  it('names are compared in one form, and a name that cannot be compared is refused without being repeated', () => {
    expect(normaliseColumn('Hall\u200b–Room')).toBe('hallroom');
    expect(identifyingColumnProblem('hallRoom')).toBeUndefined();
    for (const bad of ['', ' ', '_-/', '\u200b', 'matr\u00edcula', '\u59d3\u540d']) {
      const problem = identifyingColumnProblem(bad);
      expect(problem, bad).toBeDefined();
      if (bad.trim()) expect(problem).not.toContain(bad);
    }
  });
});
