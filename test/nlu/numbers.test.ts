import { describe, expect, it } from 'vitest';
import { parseNumber, parseOrdinal } from '../../src/nlu/numbers';

describe('parseNumber', () => {
  it.each([
    ['2', 'el', 2], ['δύο', 'el', 2], ['δυο', 'el', 2], ['ΤΡΙΑ', 'el', 3], ['το 2', 'el', 2], ['είκοσι τρία', 'el', 23],
    ['εκατόν είκοσι δύο', 'el', 122], ['dyo', 'el', 2], ['7.200.032,356', 'el', 7200032.356], ['0,77', 'el', 0.77],
    ['kettő', 'hu', 2], ['két', 'hu', 2], ['ketto', 'hu', 2], ['huszonnégy', 'hu', 24], ['hármat', 'hu', 3],
    ['a kettőt', 'hu', 2], ['kétezer-háromszáz', 'hu', 2300],
  ] as const)('reads %j (%s) as %d', (text, lang, expected) => {
    expect(parseNumber(text, lang)).toBe(expected);
  });

  it.each([['Egri csillagok', 'hu'], ['ναι', 'el'], ['το βιβλίο', 'el'], ['', 'hu']] as const)('rejects %j', (text, lang) => {
    expect(parseNumber(text, lang)).toBeUndefined();
  });
});

describe('parseOrdinal', () => {
  it.each([
    ['το δεύτερο', 'el', 2], ['τη δεύτερη', 'el', 2], ['δεύτερος', 'el', 2], ['to deftero', 'el', 2], ['ΤΟ ΤΡΙΤΟ', 'el', 3],
    ['2ος', 'el', 2], ['2', 'el', 2], ['το πρώτο', 'el', 1], ['εικοστός πέμπτος', 'el', 25],
    ['a másodikat', 'hu', 2], ['második', 'hu', 2], ['a masodikat', 'hu', 2], ['az elsőt', 'hu', 1], ['2.', 'hu', 2],
    ['harmadik', 'hu', 3], ['huszonötödik', 'hu', 25],
  ] as const)('reads %j (%s) as %d', (text, lang, expected) => {
    expect(parseOrdinal(text, lang)).toBe(expected);
  });

  it.each([['δύο', 'el'], ['kettő', 'hu'], ['Egri csillagok', 'hu']] as const)('rejects the cardinal or text %j', (text, lang) => {
    expect(parseOrdinal(text, lang)).toBeUndefined();
  });
});
