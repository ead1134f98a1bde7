import { describe, expect, it } from 'vitest';
import { fold } from '../../../src/domain/text/fold';

describe('fold', () => {
  it.each([
    ['Καζαντζάκης', 'καζαντζακησ'],
    ['καζαντζακης', 'καζαντζακησ'],
    ['ΚΑΖΑΝΤΖΑΚΗΣ', 'καζαντζακησ'],
    ['Ο Καπετάν Μιχάλης', 'ο καπεταν μιχαλησ'],
    ['Προϊόν ϊ ΐ', 'προιον ι ι'],
    ['Kölcsey', 'kolcsey'],
    ['kolcsey', 'kolcsey'],
    ['Gárdonyi Géza: Egri csillagok!', 'gardonyi geza egri csillagok'],
    ['Őrség ÚTŰ', 'orseg utu'],
    ['978-960-03-5413-4', '978 960 03 5413 4'],
  ])('%s → %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});
