import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../../src/nlu/datetime';
import { formatWall, instantOfWall } from '../../src/nlu/zone';

const ATHENS = 'Europe/Athens';
const BUDAPEST = 'Europe/Budapest';
// Wednesday 25 November 2026, 10:00 in each library's zone (the server runs in UTC).
const REF_EL = instantOfWall(2026, 11, 25, 10, 0, 0, ATHENS);
const REF_HU = instantOfWall(2026, 11, 25, 10, 0, 0, BUDAPEST);

function read(text: string, lang: 'el' | 'hu', ref = lang === 'el' ? REF_EL : REF_HU, tz = lang === 'el' ? ATHENS : BUDAPEST) {
  const r = parseDateTime(text, lang, ref, tz);
  return r ? `${formatWall(r.start, tz)} ${r.grain}` : undefined;
}

describe('parseDateTime', () => {
  it('runs with the process in UTC', () => {
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(0);
  });

  it.each([
    ['την Παρασκευή στις 11', '2026-11-27T11:00:00 hour'],
    ['Παρασκευή', '2026-11-27T00:00:00 day'],
    ['την παρασκευη στις 11', '2026-11-27T11:00:00 hour'],
    ['ΠΑΡΑΣΚΕΥΗ ΣΤΙΣ 11', '2026-11-27T11:00:00 hour'],
    ['paraskevi stis 11', '2026-11-27T11:00:00 hour'],
    ['αύριο στις 10 και μισή', '2026-11-26T10:30:00 minute'],
    ['avrio stis 10 kai misi', '2026-11-26T10:30:00 minute'],
    ['αύριο στις 5 το απόγευμα', '2026-11-26T17:00:00 hour'],
    ['μεθαύριο', '2026-11-27T00:00:00 day'],
    ['σήμερα', '2026-11-25T00:00:00 day'],
    ['στις 11:30', '2026-11-25T11:30:00 minute'],
    ['στις 7 μ.μ.', '2026-11-25T19:00:00 hour'],
    ['στις 11 και τέταρτο', '2026-11-25T11:15:00 minute'],
    ['στις 11 παρά τέταρτο', '2026-11-25T10:45:00 minute'],
    ['Δευτέρα 7 Δεκεμβρίου', '2026-12-07T00:00:00 day'],
    ['3 Δεκεμβρίου', '2026-12-03T00:00:00 day'],
    ['τρίτη Δεκεμβρίου', '2026-12-03T00:00:00 day'],
    ['Δεκέμβριος', '2026-12-01T00:00:00 month'],
    ['τον Δεκέμβριο', '2026-12-01T00:00:00 month'],
    ['25/12', '2026-12-25T00:00:00 day'],
    ['5/1/2027', '2027-01-05T00:00:00 day'],
    ['σε δύο μέρες', '2026-11-27T00:00:00 day'],
    ['σε 3 ώρες', '2026-11-25T13:00:00 minute'],
    ['την επόμενη εβδομάδα', '2026-11-30T00:00:00 week'],
    ['αυτή την εβδομάδα', '2026-11-23T00:00:00 week'],
    ['την επόμενη Τρίτη', '2026-12-01T00:00:00 day'],
    ['Τετάρτη στις 12', '2026-11-25T12:00:00 hour'],
  ])('reads Greek %j as %s', (text, expected) => {
    expect(read(text, 'el')).toBe(expected);
  });

  it.each([
    ['pénteken 11-kor', '2026-11-27T11:00:00 hour'],
    ['penteken 11-kor', '2026-11-27T11:00:00 hour'],
    ['holnap fél 11-kor', '2026-11-26T10:30:00 minute'],
    ['HOLNAP DELUTAN 3-KOR', '2026-11-26T15:00:00 hour'],
    ['jövő kedden délután 3-kor', '2026-12-01T15:00:00 hour'],
    ['hétfőn', '2026-11-30T00:00:00 day'],
    ['kedden', '2026-12-01T00:00:00 day'],
    ['december 3-án', '2026-12-03T00:00:00 day'],
    ['decemberben', '2026-12-01T00:00:00 month'],
    ['két nap múlva', '2026-11-27T00:00:00 day'],
    ['3 óra múlva', '2026-11-25T13:00:00 minute'],
    ['2026.12.03.', '2026-12-03T00:00:00 day'],
    ['11 órakor', '2026-11-25T11:00:00 hour'],
    ['negyed 12-kor', '2026-11-25T11:15:00 minute'],
    ['háromnegyed 12', '2026-11-25T11:45:00 minute'],
    ['holnap reggel 8-kor', '2026-11-26T08:00:00 hour'],
    ['ma este 7-kor', '2026-11-25T19:00:00 hour'],
    ['jövő héten', '2026-11-30T00:00:00 week'],
    ['tizenegykor', '2026-11-25T11:00:00 hour'],
  ])('reads Hungarian %j as %s', (text, expected) => {
    expect(read(text, 'hu')).toBe(expected);
  });

  it('returns undefined when there is no date', () => {
    expect(parseDateTime('θέλω να κλείσω ένα βιβλίο', 'el', REF_EL, ATHENS)).toBeUndefined();
    expect(parseDateTime('Egri csillagok', 'hu', REF_HU, BUDAPEST)).toBeUndefined();
  });

  it('reports the words it read, as the patron typed them', () => {
    expect(parseDateTime('Μπορώ να έρθω ΑΥΡΙΟ στις 10;', 'el', REF_EL, ATHENS)?.text).toBe('ΑΥΡΙΟ στις 10');
  });

  it('resolves "tomorrow" in the library zone, not the server zone', () => {
    // 23:30 UTC on the 25th is already 01:30 on the 26th in Athens.
    const late = new Date('2026-11-25T23:30:00Z');
    expect(read('αύριο', 'el', late)).toBe('2026-11-27T00:00:00 day');
  });

  it('uses the offset at the result across a DST change', () => {
    // Friday 27 March 2026 in Athens is UTC+2; Sunday 29 March is already summer time, UTC+3.
    const ref = instantOfWall(2026, 3, 27, 10, 0, 0, ATHENS);
    expect(parseDateTime('την Κυριακή στις 11', 'el', ref, ATHENS)?.start.toISOString()).toBe('2026-03-29T08:00:00.000Z');
    const refHu = instantOfWall(2026, 3, 27, 10, 0, 0, BUDAPEST);
    expect(parseDateTime('vasárnap 11-kor', 'hu', refHu, BUDAPEST)?.start.toISOString()).toBe('2026-03-29T09:00:00.000Z');
  });
});
