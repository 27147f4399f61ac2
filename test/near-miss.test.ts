import { describe, expect, it } from 'vitest';
import { nearMiss, nearMissTest } from '../src/facts/near-miss.js';

// Which unknown field names of a case export count as misspellings of the fields it reads (refused), and
// which are other columns (dropped).

const CASE = ['id', 'client', 'disclosures', 'breaches', 'destroyedOn'];
const CLIENT = ['degreeStatus', 'degreeCompletedOn', 'consentToRecord', 'objectsToStaffSharing'];
const DISCLOSURE = [
  'on',
  'actor',
  'recipient',
  'information',
  'purpose',
  'consent',
  'clientObjectsToStaffSharing',
  'breach',
];

describe('nearMiss', () => {
  it.each([
    ['objectToStaffSharing', CLIENT, 'objectsToStaffSharing'],
    ['objectsToStafSharing', CLIENT, 'objectsToStaffSharing'],
    ['objcetsToStaffSharing', CLIENT, 'objectsToStaffSharing'],
    ['ObjectsToStaffSharing', CLIENT, 'objectsToStaffSharing'],
    ['objects_to_staff_sharing', CLIENT, 'objectsToStaffSharing'],
    ['objects-to-staff-sharing', CLIENT, 'objectsToStaffSharing'],
    ['consentToRecords', CLIENT, 'consentToRecord'],
    ['degreestatus', CLIENT, 'degreeStatus'],
    ['degreeCompleteOn', CLIENT, 'degreeCompletedOn'],
    ['objectsToStaffSharing', DISCLOSURE, 'clientObjectsToStaffSharing'],
    ['clientObjectToStaffSharing', DISCLOSURE, 'clientObjectsToStaffSharing'],
    ['recipeint', DISCLOSURE, 'recipient'],
    ['purpse', DISCLOSURE, 'purpose'],
    ['On', DISCLOSURE, 'on'],
    ['ID', CASE, 'id'],
    ['destroyed', CASE, 'destroyedOn'],
    ['destroyed_on', CASE, 'destroyedOn'],
    ['disclosure', CASE, 'disclosures'],
    ['breach', CASE, 'breaches'],
  ])('%s is a misspelling (of %s)', (key, known, like) => {
    expect(nearMiss(key, known)).toBe(like);
  });

  it.each([
    ['name', CLIENT],
    ['email', CLIENT],
    ['studentId', CLIENT],
    ['status', CLIENT],
    ['consent', CLIENT],
    ['phone', CLIENT],
    ['clientName', CASE],
    ['clientId', CASE],
    ['notes', CASE],
    ['caseWorker', CASE],
    ['openedOn', CASE],
    ['no', DISCLOSURE],
    ['id', DISCLOSURE],
    ['notes', DISCLOSURE],
    ['', CASE],
    ['x'.repeat(70), CLIENT],
    ['objectsToStaffSharing', CLIENT], // the field itself
  ])('%s is not', (key, known) => {
    expect(nearMiss(key, known)).toBeUndefined();
  });

  it('nearMissTest remembers its answers and gives the same ones', () => {
    const t = nearMissTest(CLIENT);
    for (let i = 0; i < 3; i++) {
      expect(t('objectToStaffSharing')).toBe(true);
      expect(t('email')).toBe(false);
    }
    for (let i = 0; i < 2000; i++) expect(t(`column${i}`)).toBe(false);
    expect(t('objectToStaffSharing')).toBe(true);
  });
});
