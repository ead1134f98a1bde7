import { describe, expect, it } from 'vitest';
import { spokenHours } from '../../src/i18n/spoken-hours';
import { kalamariaPolicy, ozdPolicy } from '../support/libraries';
import { tFor } from '../../src/i18n/init';

describe('spokenHours', () => {
  it('joins days with the same hours, in Greek', () => {
    expect(spokenHours(kalamariaPolicy.phoneHours, tFor('el', 'ivr')))
      .toBe('Το τηλέφωνο της βιβλιοθήκης απαντά από Δευτέρα έως Παρασκευή, από τις 8:30 έως τις 14:30.');
    expect(spokenHours(ozdPolicy.phoneHours, tFor('el', 'ivr')))
      .toBe('Το τηλέφωνο της βιβλιοθήκης απαντά από Τρίτη έως Παρασκευή, από τις 10:00 έως τις 18:00, και το Σάββατο, από τις 9:00 έως τις 13:00.');
  });

  it('uses the Hungarian day suffixes (-tól/-től, -ig, -n)', () => {
    expect(spokenHours(ozdPolicy.phoneHours, tFor('hu', 'ivr')))
      .toBe('A könyvtár telefonon keddtől péntekig 10:00 és 18:00 között, szombaton 9:00 és 13:00 között érhető el.');
    expect(spokenHours(kalamariaPolicy.phoneHours, tFor('hu', 'ivr')))
      .toBe('A könyvtár telefonon hétfőtől péntekig 8:30 és 14:30 között érhető el.');
  });

  it('keeps split days and gaps in the week apart', () => {
    const hours = { mon: [['09:00', '13:00'], ['17:00', '20:00']] as [string, string][], wed: [['09:00', '13:00']] as [string, string][] };
    expect(spokenHours(hours, tFor('hu', 'ivr')))
      .toBe('A könyvtár telefonon hétfőn 9:00 és 13:00 között, valamint 17:00 és 20:00 között, szerdán 9:00 és 13:00 között érhető el.');
    expect(spokenHours(hours, tFor('el', 'ivr')))
      .toBe('Το τηλέφωνο της βιβλιοθήκης απαντά τη Δευτέρα, από τις 9:00 έως τις 13:00 και από τις 17:00 έως τις 20:00, και την Τετάρτη, από τις 9:00 έως τις 13:00.');
  });
});
