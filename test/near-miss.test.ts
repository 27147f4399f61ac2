import { describe, expect, it } from 'vitest';
import { type ExportLevel, nearMiss, nearMissTest } from '../src/facts/near-miss.js';

// Which unknown field names of a case export are refused (they look like a field whose loss would hide a finding:
// an objection to staff sharing, the disclosures or breaches lists, the date the record was destroyed) and which are
// dropped as other columns.

describe('nearMiss: refused', () => {
  it.each<[string, ExportLevel, string]>([
    ['objectToStaffSharing', 'client', 'objectsToStaffSharing'],
    ['objectsToSharing', 'client', 'objectsToStaffSharing'],
    ['objectsToStaffShare', 'client', 'objectsToStaffSharing'],
    ['objects_to_staff_sharing', 'client', 'objectsToStaffSharing'],
    ['ObjectsToStaffSharing', 'client', 'objectsToStaffSharing'],
    ['optOutStaffSharing', 'client', 'objectsToStaffSharing'],
    ['objection', 'client', 'objectsToStaffSharing'],
    ['noSharing', 'client', 'objectsToStaffSharing'],
    // Flattened into the case.
    ['objectsToStaffSharing', 'case', 'objectsToStaffSharing'],
    ['client.objectsToStaffSharing', 'case', 'objectsToStaffSharing'],
    ['client_objects_to_staff_sharing', 'case', 'objectsToStaffSharing'],
    // In a disclosure (its own field is clientObjectsToStaffSharing).
    ['clientObjectsToSharing', 'disclosure', 'clientObjectsToStaffSharing'],
    ['objectsToStaffSharing', 'disclosure', 'clientObjectsToStaffSharing'],
    ['objectToStaffSharing', 'disclosure', 'clientObjectsToStaffSharing'],
    ['optedOut', 'disclosure', 'clientObjectsToStaffSharing'],
    // The lists, in the case or (misplaced) in its client.
    ['disclosure', 'case', 'disclosures'],
    ['Disclosures', 'case', 'disclosures'],
    ['disclosrues', 'case', 'disclosures'],
    ['breach', 'case', 'breaches'],
    ['Breaches', 'case', 'breaches'],
    ['disclosures', 'client', 'disclosures'],
    // The date the record was destroyed: absent, the record reads as still held (destroyed-early hidden).
    ['destroyed_on', 'case', 'destroyedOn'],
    ['DestroyedOn', 'case', 'destroyedOn'],
    ['destroyedAt', 'case', 'destroyedOn'],
    ['dateDestroyed', 'case', 'destroyedOn'],
    ['destructionDate', 'case', 'destroyedOn'],
    ['destroyed', 'case', 'destroyedOn'],
    ['destoryedOn', 'case', 'destroyedOn'],
    ['destroyedOn', 'client', 'destroyedOn'],
    ['client.destroyed_on', 'case', 'destroyedOn'],
    // Other words for getting rid of the record (a soft-deleting system's `deletedOn` above all).
    ['deletedOn', 'case', 'destroyedOn'],
    ['deleted_at', 'client', 'destroyedOn'],
    ['erasedOn', 'case', 'destroyedOn'],
    ['erasureDate', 'case', 'destroyedOn'],
    ['disposedOn', 'case', 'destroyedOn'],
    ['disposalDate', 'case', 'destroyedOn'],
    ['purgedOn', 'case', 'destroyedOn'],
    ['shreddedOn', 'case', 'destroyedOn'],
    // A name that goes on after "due" or "by" may still be the date.
    ['destroyedOnDueToRequest', 'case', 'destroyedOn'],
    // Compatibility forms (NFKC), letters of other scripts that look like Latin ones, invisible characters.
    ['ｄｉｓｃｌｏｓｕｒｅｓ', 'case', 'disclosures'],
    ['ｄｅｓｔｒｏｙｅｄＯｎ', 'case', 'destroyedOn'],
    ['disсlosures', 'case', 'disclosures'],
    ['ԁіѕсlоѕurеѕ', 'case', 'disclosures'],
    ['Вreaches', 'case', 'breaches'],
    ['dis\u200bclosures', 'case', 'disclosures'],
    ['оbjеctіоn', 'client', 'objectsToStaffSharing'],
    ['𝐨𝐛𝐣𝐞𝐜𝐭𝐬𝐓𝐨𝐒𝐭𝐚𝐟𝐟𝐒𝐡𝐚𝐫𝐢𝐧𝐠', 'client', 'objectsToStaffSharing'],
    // Another letter outside ASCII counts as one letter wrong.
    ['disclosurés', 'case', 'disclosures'],
    ['brëaches', 'case', 'breaches'],
  ])('%s in a %s stands for %s', (key, level, like) => {
    expect(nearMiss(key, level)).toBe(like);
  });
});

describe('nearMiss: dropped as other columns', () => {
  it.each<[string, ExportLevel]>([
    ['_id', 'case'],
    ['ID', 'case'],
    ['objectId', 'case'],
    ['clientName', 'case'],
    ['notes', 'case'],
    ['caseWorker', 'case'],
    ['destroyedBy', 'case'],
    ['destroyAfter', 'case'],
    ['destructionDue', 'case'],
    ['deletionDueDate', 'case'],
    ['deletedBy', 'case'],
    ['eraseAfter', 'case'],
    ['disposition', 'case'],
    ['destroyedBy', 'client'],
    ['destroyed', 'disclosure'],
    ['disclosuresCount', 'case'],
    ['breachCount', 'case'],
    ['clients', 'case'],
    ['name', 'client'],
    ['email', 'client'],
    ['studentId', 'client'],
    ['status', 'client'],
    ['degreeStatusDate', 'client'],
    ['consentToRecordOn', 'client'],
    ['consentToRecords', 'client'],
    ['informationKind', 'disclosure'],
    ['factor', 'disclosure'],
    ['id', 'disclosure'],
    ['breaches', 'disclosure'],
    ['objectsToStaffSharing', 'breach'],
    ['', 'case'],
    ['___', 'case'],
    ['\u200b', 'case'],
    // Names in other scripts are not our names misspelt.
    ['名前', 'client'],
    ['学生番号', 'case'],
    ['prénom', 'client'],
    ['Straße', 'client'],
  ])('%s in a %s', (key, level) => {
    expect(nearMiss(key, level)).toBeUndefined();
  });

  it('looks at a name of any length for an objection (a long one is not let through)', () => {
    expect(nearMiss(`objectsToStaffSharing${' '.repeat(100)}`, 'client')).toBe('objectsToStaffSharing');
    expect(nearMiss(`${'x'.repeat(100_000)}objects`, 'client')).toBe('objectsToStaffSharing');
  });
});

describe('nearMissTest', () => {
  it('never refuses the object own fields, and remembers its answers', () => {
    const t = nearMissTest('client', ['degreeStatus', 'objectsToStaffSharing']);
    expect(t('objectsToStaffSharing')).toBe(false);
    for (let i = 0; i < 3; i++) {
      expect(t('objectToStaffSharing')).toBe(true);
      expect(t('email')).toBe(false);
    }
    for (let i = 0; i < 2000; i++) expect(t(`column${i}`)).toBe(false);
    expect(t('objectToStaffSharing')).toBe(true);
  });
});
