import { describe, expect, it } from 'vitest';
import { parseYesNo } from '../../src/nlu/yes-no';

describe('parseYesNo', () => {
  it.each([
    ['ναι', 'el', true], ['Ναι, βέβαια!', 'el', true], ['ναι βέβαια', 'el', true], ['nai', 'el', true], ['ΝΑΙ', 'el', true],
    ['βεβαίως', 'el', true], ['εντάξει', 'el', true], ['όχι', 'el', false], ['οχι', 'el', false], ['oxi', 'el', false],
    ['όχι ευχαριστώ', 'el', false], ['igen', 'hu', true], ['persze', 'hu', true], ['Igen, köszönöm', 'hu', true],
    ['rendben', 'hu', true], ['dehogynem', 'hu', true], ['nem', 'hu', false], ['dehogy', 'hu', false], ['Nem köszönöm', 'hu', false],
    ['mégse', 'hu', false],
  ] as const)('reads %j (%s) as %s', (text, lang, expected) => {
    expect(parseYesNo(text, lang)).toBe(expected);
  });

  it.each([['δεν ξέρω', 'el'], ['ίσως', 'el'], ['nem tudom', 'hu'], ['Egri csillagok', 'hu'], ['την Παρασκευή', 'el']] as const)(
    'leaves %j undecided', (text, lang) => {
      expect(parseYesNo(text, lang)).toBeUndefined();
    });

  it.each([['👍', true], ['👍🏽', true], ['✅', true], ['👎', false]] as const)('reads %s as %s', (text, value) => {
    expect(parseYesNo(text, 'el')).toBe(value);
    expect(parseYesNo(text, 'hu')).toBe(value);
  });
});
