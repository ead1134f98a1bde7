import { describe, expect, it } from 'vitest';
import { normalize, searchKey } from '../../../src/domain/text/normalize';

describe('searchKey', () => {
  it.each([
    ['el', 'kapetan michalis', 'Ο Καπετάν Μιχάλης'.slice(2)],
    ['el', 'kapetan mixalis', 'Καπετάν Μιχάλης'],
    ['el', 'zorbas', 'Ζορμπάς'],
    ['el', 'kazantzakis', 'Καζαντζάκης'],
    ['el', 'trelantonis', 'Τρελαντώνης'],
    ['el', 'Τρελαdonis', 'Τρελαντώνης'],
    ['el', 'sonata tou selinofotos', 'σονάτα του σεληνόφωτος'],
    ['el', 'mikro prigkipa', 'μικρό πρίγκιπα'],
    ['el', 'Αδερφοί Καραμαζόφ', 'Αδελφοί Καραμαζόφ'],
    ['el', 'το μόνον', 'το μόνο'],
    ['el', 'Dostoyefski', 'Ντοστογιέφσκι'],
    ['el', 'Giannis Ritsos', 'Γιάννης Ρίτσος'],
    ['el', 'Ugko', 'Ουγκώ'],
    ['el', '8eotokas', 'Θεοτοκάς'],
    ['el', 'anthos', 'άνθος'],
    ['el', 'εγκλημα και τημωρια', 'Έγκλημα και τιμωρία'],
    ['hu', 'Moric Zsigmond', 'Móricz Zsigmond'],
    ['hu', 'karinty', 'Karinthy'],
    ['hu', 'egri csilagok', 'Egri csillagok'],
    ['hu', 'Kosztolanyi', 'Kosztolányi'],
  ] as const)('in %s, «%s» has the key of «%s»', (lang, typed, catalogue) => {
    expect(searchKey(typed, lang)).toBe(searchKey(catalogue, lang));
  });

  it.each([
    ['el', 'Καζαντζάκης', 'Καζαντζίδης'],
    ['el', 'Ντίκ', 'Τικ'],
    ['hu', 'Egri', 'Ugri'],
    ['el', '1984', '1948'],
  ] as const)('in %s, «%s» and «%s» stay apart', (lang, a, b) => {
    expect(searchKey(a, lang)).not.toBe(searchKey(b, lang));
  });

  it.each([
    ['Alexis', 'Αλέξης', 'ξ'], ['Xanthi', 'Ξάνθη', 'ξ'], ['monaxia', 'μοναξιά', 'ξ'], ['xronia', 'χρόνια', 'χ'], ['Xaris', 'Χάρης', 'χ'],
  ] as const)('reads the "x" of «%s» as «%s» in its %s reading, and "ks" as ξ in both', (typed, greek, x) => {
    expect(searchKey(typed, 'el', { x })).toBe(searchKey(greek, 'el'));
    expect(searchKey('ksenos', 'el', { x: 'χ' })).toBe(searchKey('ξένος', 'el'));
  });

  it('keeps the intent strength as the recogniser knows it: ντ and δ stay apart there', () => {
    expect(normalize('ντε', 'el').text).not.toBe(normalize('δε', 'el').text);
    expect(normalize('ντε', 'el', 'search').text).toBe(normalize('δε', 'el', 'search').text);
  });
});
