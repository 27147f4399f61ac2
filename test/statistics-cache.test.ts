// The statistics check keeps its answers by column name (names repeat across tables). A name that may itself be a
// client's detail, as in a table pivoted by client, is answered every time and never kept: the answers outlive the
// question, and would hold a client's email or phone number in memory until they are cleared.
import { describe, expect, it } from 'vitest';
import { columnAnswerKept, identifyingFieldCount } from '../src/derive/statistics.js';

describe('the statistics check keeps no column name that may be a client detail', () => {
  it.each([
    ['an email', 'jane.fakename@example.invalid'],
    ['a phone number', '07700 900123'],
    ['a student number', 'UP1234567'],
    ['letters the checks cannot read (a name in another script)', 'Анна Фейкова'],
  ])('%s: counted, not kept', (_, name) => {
    expect(identifyingFieldCount([name, 'count'])).toBe(1);
    expect(identifyingFieldCount([name])).toBe(1);
    expect(columnAnswerKept(name)).toBe(false);
  });

  it('ordinary column names are kept, whatever their answer', () => {
    expect(identifyingFieldCount(['issueCategory', 'month', 'postcode'])).toBe(1);
    for (const name of ['issueCategory', 'month', 'postcode']) expect(columnAnswerKept(name)).toBe(true);
  });
});
