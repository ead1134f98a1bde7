import { describe, expect, it } from 'vitest';
import { kalamariaPolicy, ozdPolicy } from '../../support/libraries';
import { checkQuarantineOver, quarantineDaysAt, quarantineEndsAt } from '../../../src/domain/rules/quarantine';

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

describe('a branch with its own quarantine (issue 19: "what each branch does")', () => {
  // Kalamaria's library-wide 3 days, with the Central Library keeping returns 1 day and Children's A none.
  const policy = {
    ...kalamariaPolicy,
    branches: {
      ...kalamariaPolicy.branches,
      'kal-central': { ...kalamariaPolicy.branches['kal-central']!, quarantineDays: 1 },
      'kal-child-a': { ...kalamariaPolicy.branches['kal-child-a']!, quarantineDays: 0 },
    },
  };

  it('uses the branch\'s days where it sets them, the library\'s elsewhere', () => {
    expect(quarantineDaysAt(policy, 'kal-central')).toBe(1);
    expect(quarantineDaysAt(policy, 'kal-child-a')).toBe(0);
    expect(quarantineDaysAt(policy, 'kal-child-b')).toBe(3);
    expect(quarantineDaysAt(policy)).toBe(3);
    // Friday's return at the Central Library: Saturday in quarantine, available on Sunday.
    expect(quarantineEndsAt(returnedAt, policy, 'kal-central').toISOString()).toBe('2026-11-28T22:00:00.000Z');
    expect(quarantineEndsAt(returnedAt, policy, 'kal-child-a')).toBe(returnedAt);
    expect(quarantineEndsAt(returnedAt, policy, 'kal-child-b').toISOString()).toBe('2026-11-30T22:00:00.000Z');
    expect(checkQuarantineOver(returnedAt, new Date('2026-11-29T10:00:00Z'), policy, 'kal-central').allowed).toBe(true);
    expect(checkQuarantineOver(returnedAt, new Date('2026-11-29T10:00:00Z'), policy, 'kal-child-b').allowed).toBe(false);
  });

  it('the project\'s libraries set none: every branch keeps the library\'s days', () => {
    for (const b of Object.keys(kalamariaPolicy.branches)) expect(quarantineDaysAt(kalamariaPolicy, b)).toBe(3);
    expect(quarantineDaysAt(ozdPolicy, 'ozd-main')).toBe(0);
  });
});
