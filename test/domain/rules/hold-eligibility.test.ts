import { describe, expect, it } from 'vitest';
import { kalamariaPolicy, ozdPolicy } from '../../support/libraries';
import { checkHoldAccount, checkHoldLimit, countedAgainstLimit, remainingHolds } from '../../../src/domain/rules/hold-eligibility';
import type { PatronSnapshot } from '../../../src/domain/types';

const now = new Date('2026-11-23T10:00:00Z');
const aPatron = (overrides: Partial<PatronSnapshot> = {}): PatronSnapshot => ({
  id: 1, libraryId: 'kalamaria', name: 'Μαρία', status: 'active', cardExpiresAt: new Date('2027-01-01T00:00:00Z'),
  loansCount: 0, activeHolds: 0, preferredLanguage: 'el', ...overrides,
});

describe('checkHoldAccount', () => {
  it.each([
    ['active, valid card', aPatron(), true, undefined],
    ['locked account', aPatron({ status: 'locked' }), false, 'hold.account_locked'],
    ['expired status', aPatron({ status: 'expired' }), false, 'hold.card_expired'],
    ['card expired a second ago', aPatron({ cardExpiresAt: new Date(now.getTime() - 1000) }), false, 'hold.card_expired'],
    ['card expiring this very instant is still valid', aPatron({ cardExpiresAt: now }), true, undefined],
  ])('%s', (_name, patron, allowed, reason) => {
    const decision = checkHoldAccount(patron, now);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toBe(reason);
  });
});

describe('remainingHolds (Kalamaria: 10 holds, holds + loans ≤ 10)', () => {
  it.each([
    [0, 0, 10],
    [0, 9, 1],
    [0, 10, 0],
    [8, 1, 1], // demo patron 1001003: one more allowed
    [8, 2, 0],
    [10, 0, 0],
    [12, 0, 0], // more loans than the limit never goes negative
  ])('loans %i and holds %i leave %i', (loansCount, activeHolds, expected) => {
    expect(remainingHolds(aPatron({ loansCount, activeHolds }), kalamariaPolicy)).toBe(expected);
  });

  it('caps Ózd holds at its own maximum even with no loans', () => {
    expect(remainingHolds(aPatron({ libraryId: 'ozd' }), ozdPolicy)).toBe(ozdPolicy.holds.maxHolds);
  });
});

describe('checkHoldLimit', () => {
  it.each([
    ['10th hold allowed', 9, 0, 1, true],
    ['11th hold refused', 10, 0, 1, false],
    ['basket of 2 with one place left refused', 9, 0, 2, false],
    ['holds + loans reach exactly 10', 1, 8, 1, true],
    ['holds + loans would reach 11', 1, 9, 1, false],
  ])('%s', (_name, activeHolds, loansCount, adding, allowed) => {
    const decision = checkHoldLimit(aPatron({ activeHolds, loansCount }), adding, kalamariaPolicy);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision).toMatchObject({ reason: 'hold.limit_reached', params: { count: 10 } });
  });
});

describe('holds.countsAgainstLimit (issue 19: what counts against the borrowing limit)', () => {
  it('Kalamaria and Ózd count holds and loans, the default', () => {
    expect(kalamariaPolicy.holds.countsAgainstLimit).toEqual(['holds', 'loans']);
    expect(ozdPolicy.holds.countsAgainstLimit).toEqual(['holds', 'loans']);
    expect(countedAgainstLimit({ loansCount: 8, activeHolds: 1 }, kalamariaPolicy)).toBe(9);
  });

  // A library whose limit counts only holds: 10 holds at most, loans do not matter.
  const holdsOnly = { ...kalamariaPolicy, holds: { ...kalamariaPolicy.holds, maxHolds: 10, borrowingLimit: 6, countsAgainstLimit: ['holds' as const] } };
  it.each([
    [0, 0, 6],
    [9, 0, 6], // nine loans: with holds and loans counted, none would be left
    [20, 5, 1],
    [0, 6, 0],
  ])('holds only: loans %i and holds %i leave %i', (loansCount, activeHolds, expected) => {
    expect(countedAgainstLimit({ loansCount, activeHolds }, holdsOnly)).toBe(activeHolds);
    expect(remainingHolds(aPatron({ loansCount, activeHolds }), holdsOnly)).toBe(expected);
  });
  it('holds only: a patron with many loans may still place a hold', () => {
    expect(checkHoldLimit(aPatron({ loansCount: 10, activeHolds: 0 }), 1, holdsOnly).allowed).toBe(true);
    expect(checkHoldLimit(aPatron({ loansCount: 10, activeHolds: 0 }), 1, kalamariaPolicy).allowed).toBe(false);
  });

  // A library whose limit counts only loans: holds are capped by maxHolds alone, unless the loans reach the limit.
  const loansOnly = { ...kalamariaPolicy, holds: { ...kalamariaPolicy.holds, maxHolds: 3, borrowingLimit: 5, countsAgainstLimit: ['loans' as const] } };
  it.each([
    [0, 0, 3],
    [4, 0, 3],
    [4, 2, 1],
    [5, 0, 0],
  ])('loans only: loans %i and holds %i leave %i', (loansCount, activeHolds, expected) => {
    expect(remainingHolds(aPatron({ loansCount, activeHolds }), loansOnly)).toBe(expected);
  });
});
