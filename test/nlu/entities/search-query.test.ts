import { describe, expect, it } from 'vitest';
import { extractSearchQuery } from '../../../src/nlu/entities/search-query';

const ref = new Date('2026-12-03T09:00:00Z');

describe('extractSearchQuery', () => {
  it.each([
    ['el', "Θα ήθελα να κλείσω το 'Ζορμπάς' για αύριο το πρωί", 'Ζορμπάς'],
    ['el', 'θέλω το φονισσα', 'το φονισσα'],
    ['el', 'ψαχνω κατι του παπαδιαμαντι', 'παπαδιαμαντι'],
    ['el', 'Καλημέρα, έχετε την Αιολική γη;', 'την Αιολική γη'],
    ['el', 'Ο καπετάν Μιχάλης.', 'Ο καπετάν Μιχάλης'],
    ['el', 'Το νούμερο 31328', 'Το νούμερο 31328'],
    ['hu', 'van valami konyvuk moricz zsigmondtol?', 'moricz zsigmond'],
    ['hu', 'Jó napot kívánok. A Pál utcai fiúkat szeretném kikölcsönözni.', 'A Pál utcai fiúk'],
    ['hu', 'Fekete Istvántól a Vukot', 'Fekete István a Vuk'],
    ['hu', 'Kaddis a meg nem született gyermekért', 'Kaddis a meg nem született gyermekér'],
  ] as const)('in %s, «%s» searches for «%s»', (lang, text, query) => {
    expect(extractSearchQuery(text, lang, { ref }).query).toBe(query);
  });

  it('keeps a time stated with the title as the pickup time, and the rest of the sentence for the dialog', () => {
    const el = extractSearchQuery("Θα ήθελα να κλείσω το 'Ζορμπάς' για αύριο το πρωί", 'el', { ref });
    expect(el.pickup?.text).toBe('αύριο το πρωί');
    expect(el.pickup?.start.toISOString().slice(0, 10)).toBe('2026-12-04');
    expect(el.rest).toContain('Θα ήθελα να κλείσω');
    const hu = extractSearchQuery('Szeretném kikölcsönözni az Egri csillagokat holnapra', 'hu', { ref });
    expect(hu.query).toBe('az Egri csillagok');
    expect(hu.pickup?.text).toBe('holnapra');
  });

  it('takes no number for a time: «1984» and «31328» are titles', () => {
    expect(extractSearchQuery('1984', 'el', { ref })).toEqual({ query: '1984', rest: '' });
    expect(extractSearchQuery('Το νούμερο 31328.', 'el', { ref }).pickup).toBeUndefined();
  });
});
