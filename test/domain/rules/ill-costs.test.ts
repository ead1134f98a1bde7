import { describe, expect, it } from 'vitest';
import { ozdPolicy } from '../../support/libraries';
import { amountDueOnCollection, costNeedsReacceptance, lateFee, postageRange, returnPostage } from '../../../src/domain/rules/ill-costs';

describe('lateFee (seeds/004: 200 Ft per day per document)', () => {
  it.each([
    // items, returned (UTC), fee in fillér
    [1, '2026-12-01T15:00:00Z', 0], // on the due day
    [1, '2026-12-02T09:00:00Z', 20000], // 1 day late: 200 Ft
    [1, '2026-12-04T09:00:00Z', 60000], // 3 days: 600 Ft
    [1, '2026-12-11T09:00:00Z', 200000], // 10 days: 2 000 Ft
    [2, '2026-12-01T15:00:00Z', 0],
    [2, '2026-12-02T09:00:00Z', 40000], // 2 × 1 day: 400 Ft
    [2, '2026-12-04T09:00:00Z', 120000], // 2 × 3 days: 1 200 Ft
    [2, '2026-12-11T09:00:00Z', 400000], // 2 × 10 days: 4 000 Ft
    [1, '2026-11-28T09:00:00Z', 0], // early
  ])('%i item(s) due 2026-12-01, returned %s: %i', (items, returned, fee) => {
    expect(lateFee('2026-12-01', new Date(returned), items, ozdPolicy)).toBe(fee);
  });

  it('counts library-local days: 23:30 UTC on the due day is already the next day in Ózd', () => {
    expect(lateFee('2026-12-01', new Date('2026-12-01T23:30:00Z'), 1, ozdPolicy)).toBe(20000);
  });
});

describe('returnPostage (postal rate table by weight band)', () => {
  it.each([[1, 125000], [480, 125000], [500, 125000], [501, 165000], [1000, 165000], [1999, 215000], [5000, 299000]])('%i g costs %i', (grams, amount) => {
    expect(returnPostage(grams, ozdPolicy)).toBe(amount);
  });

  it.each([[0], [-5], [5001], [2.5]])('has no band for %d g', (grams) => {
    expect(returnPostage(grams, ozdPolicy)).toBeUndefined();
  });

  it('tells the range of the table', () => {
    expect(postageRange(ozdPolicy)).toEqual({ min: 125000, max: 299000 });
  });
});

describe('amountDueOnCollection', () => {
  it('is the return postage for an original (sending is free), the lender\'s cost for a copy or a file', () => {
    expect(amountDueOnCollection('original', { weightGrams: 900 }, ozdPolicy)).toBe(165000);
    expect(amountDueOnCollection('original', { weightGrams: 9000 }, ozdPolicy)).toBeUndefined();
    expect(amountDueOnCollection('copy', { lenderCost: 180000 }, ozdPolicy)).toBe(180000);
    expect(amountDueOnCollection('electronic', { lenderCost: 50000 }, ozdPolicy)).toBe(50000);
  });
});

describe('costNeedsReacceptance (a lender cost above what the reader accepted)', () => {
  it.each([[200000, 150000, false], [200000, 200000, false], [200000, 200001, true], [0, 1, true], [0, 0, false]])(
    'accepted %i, lender asks %i: ask again %s', (accepted, cost, again) => {
      expect(costNeedsReacceptance(accepted, cost)).toBe(again);
    });
});
