import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksum, decode, encode, FIXED_LENGTH, parseSip2Date, sip2Date, Sip2FormatError } from '../../../src/ils/sip2/sip2-message';
import { hold, patronInformation, PATRON_STATUS_FLAGS, readPatronInformation } from '../../../src/ils/sip2/sip2-messages';

const value = fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_.:ÁéőűΑβγ'.split('')), maxLength: 20 }).filter((v) => !/[^\x20-\xff]/.test(v));
const tag = fc.constantFrom('AA', 'AB', 'AO', 'AD', 'BS', 'CN', 'CO', 'AF', 'AS');
const code = fc.constantFrom(...Object.keys(FIXED_LENGTH));
const message = code.chain((c) => fc.record({
  code: fc.constant(c),
  fixed: fc.string({ unit: fc.constantFrom('Y', 'N', ' ', '0', '1', '3'), minLength: FIXED_LENGTH[c]!, maxLength: FIXED_LENGTH[c]! }),
  fields: fc.array(fc.tuple(tag, value), { maxLength: 6 }),
}));

describe('sip2-message', () => {
  it('reads back every message it writes, with its sequence number, whatever the values', () => {
    fc.assert(fc.property(message, fc.integer({ min: 0, max: 9 }), (m, seq) => {
      const back = decode(encode(m, seq));
      expect(back).toEqual({ ...m, fields: m.fields.map(([t, v]) => [t, v]), sequence: seq });
    }));
  });

  it('refuses a message in which any one character changed', () => {
    fc.assert(fc.property(message, fc.nat(), fc.integer({ min: 1, max: 255 }), (m, at, delta) => {
      const text = encode(m, 3);
      const i = at % text.length;
      const changed = text.slice(0, i) + String.fromCharCode((text.charCodeAt(i) + delta) % 256) + text.slice(i + 1);
      expect(() => {
        const back = decode(changed);
        // A change that leaves a valid frame must at least not read as the same message.
        if (JSON.stringify(back) === JSON.stringify(decode(text))) throw new Sip2FormatError('same');
      }).toThrow(Sip2FormatError);
    }));
  });

  it('makes the character sum up to the checksum zero modulo 2^16, as 3M SIP2 2.00 defines it', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'9364AYZ|0123abc'.split('')), maxLength: 60 }), (text) => {
      const sum = [...Buffer.from(text, 'utf8')].reduce((a, b) => a + b, 0) + parseInt(checksum(text), 16);
      expect(sum & 0xffff).toBe(0);
    }));
  });

  it('keeps a delimiter in a value from opening a field', () => {
    const back = decode(encode(patronInformation({ institution: 'OZD', patron: '1234', pin: '12|AD99', now: new Date(0) }), 0));
    expect(back.fields.filter(([t]) => t === 'AD')).toEqual([['AD', '12 AD99']]);
  });

  it('writes dates as YYYYMMDDZZZZHHMMSS in universal time and reads them back', () => {
    expect(sip2Date(new Date('2026-12-04T09:05:07Z'))).toBe('20261204   Z090507');
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
      expect(parseSip2Date(sip2Date(d))?.getTime()).toBe(Math.floor(d.getTime() / 1000) * 1000);
    }));
  });

  it('lays out a hold request as 15, mode, date, then BS pickup, BY 3 and the item', () => {
    const text = encode(hold({ mode: '+', institution: 'OZD', patron: '2001', item: 'OZ-0001', pickupLocation: 'kozponti', now: new Date('2026-12-04T09:05:07Z') }));
    expect(text).toBe('15+20261204   Z090507BSkozponti|BY3|AOOZD|AA2001|ABOZ-0001|AC|');
  });

  it('reads the 14 patron status flags, the counts, BL, CQ and BV of a 64', () => {
    const fixed = `   Y Y        000${sip2Date(new Date(0))}0002000000030000` + '00000000';
    const info = readPatronInformation(decode(encode({ code: '64', fixed, fields: [['AA', '1'], ['BL', 'Y'], ['CQ', 'N'], ['BV', '12.50'], ['AS', 'X1'], ['AS', 'X2']] }, 1)));
    expect(PATRON_STATUS_FLAGS.filter((f) => info.status[f])).toEqual(['holdPrivilegesDenied', 'tooManyItemsCharged']);
    expect(info).toMatchObject({ holdItemsCount: 2, chargedItemsCount: 3, validPatron: true, validPassword: false, feeAmount: 12.5, holdItems: ['X1', 'X2'] });
  });

  it('refuses an answer without checksum when error detection is on', () => {
    expect(() => decode('941')).toThrow(Sip2FormatError);
    expect(decode('941', false)).toEqual({ code: '94', fixed: '1', fields: [] });
  });
});
