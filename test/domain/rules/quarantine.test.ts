import { describe, expect, it } from 'vitest';
import { kalamariaPolicy, ozdPolicy } from '../../support/libraries';
import { checkQuarantineOver, quarantineEndsAt } from '../../../src/domain/rules/quarantine';

// Kalamaria: 3 days. Returned on Friday 27 Nov (Athens): Sat, Sun, Mon in quarantine, available on Tuesday.
const returnedAt = new Date('2026-11-27T09:00:00Z');

describe('checkQuarantineOver (Kalamaria: 3 days after the day of return)', () => {
  it.each([
    ['the day of return', '2026-11-27T20:00:00Z', false],
    ['day 1 (Saturday)', '2026-11-28T10:00:00Z', false],
    ['day 3 (Monday), last minute', '2026-11-30T21:59:00Z', false],
    ['day 4 (Tuesday), first minute', '2026-11-30T22:00:00Z', true],
    ['a week later', '2026-12-04T10:00:00Z', true],
  ])('%s → available: %s', (_name, now, allowed) => {
    const decision = checkQuarantineOver(returnedAt, new Date(now), kalamariaPolicy);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision).toEqual({ allowed: false, reason: 'copy.in_quarantine', params: { until: '2026-12-01' } });
  });

  it('ends at local midnight, not UTC midnight', () => {
    expect(quarantineEndsAt(returnedAt, kalamariaPolicy).toISOString()).toBe('2026-11-30T22:00:00.000Z');
  });

  it('releases at once where the library keeps no quarantine (Ózd)', () => {
    expect(checkQuarantineOver(returnedAt, returnedAt, ozdPolicy).allowed).toBe(true);
  });
});
