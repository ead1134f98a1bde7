import { describe, expect, it } from 'vitest';
import { shelfMarkComparer } from '../../src/domain/shelf-order';

const sorted = (marks: string[], language: string) => [...marks].sort(shelfMarkComparer(language));

describe('shelfMarkComparer', () => {
  it('puts the main stacks before a collection, Dewey classes as numbers, and letters in Greek order', () => {
    expect(sorted(['Π 889.3 ΤΡΙ', '889.3 ΣΩΤ', '92 ΚΑΖ', '891.73 ΝΤΟ', '889.31 ΑΒΓ', '889.3 ΚΑΖ', '889.3 Άλφα', 'Π 823 ΡΟΟ'], 'el'))
      .toEqual(['92 ΚΑΖ', '889.3 Άλφα', '889.3 ΚΑΖ', '889.3 ΣΩΤ', '889.31 ΑΒΓ', '891.73 ΝΤΟ', 'Π 823 ΡΟΟ', 'Π 889.3 ΤΡΙ']);
  });

  it('reads Cutter numbers as decimals and Hungarian digraphs as letters of their own', () => {
    // Sz is a letter after S (and Cs after C) in Hungarian order; F 4 stands after F 36.
    expect(sorted(['894.511 Sz 12', '894.511 T 10', '894.511 S 90', '894.511 F 4', '894.511 F 36', '894.511 Cs 5', '894.511 D 1', 'J 894.511 F 36'], 'hu'))
      .toEqual(['894.511 Cs 5', '894.511 D 1', '894.511 F 36', '894.511 F 4', '894.511 S 90', '894.511 Sz 12', '894.511 T 10', 'J 894.511 F 36']);
  });

  it('keeps marks without a class number after the classed ones of the same collection', () => {
    expect(sorted(['M 29', '894.511 K 26'], 'hu')).toEqual(['894.511 K 26', 'M 29']);
  });
});
