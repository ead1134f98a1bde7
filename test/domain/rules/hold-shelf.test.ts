import { describe, expect, it } from 'vitest';
import { kalamariaPolicy, ozdPolicy } from '../../support/libraries';
import { checkPickupDeadline, isExpiryReminderDue, pickupDeadline } from '../../../src/domain/rules/hold-shelf';

const readyAt = new Date('2026-11-23T10:00:00Z'); // Monday noon in Athens

describe('pickupDeadline (Kalamaria: 5 days on the hold shelf)', () => {
  it('is the end of the fifth local day after the order became ready', () => {
    expect(pickupDeadline(readyAt, kalamariaPolicy).toISOString()).toBe('2026-11-28T22:00:00.000Z');
  });

  it('moves to the end of a later appointment day', () => {
    expect(pickupDeadline(readyAt, kalamariaPolicy, [new Date('2026-12-02T08:00:00Z')]).toISOString()).toBe('2026-12-02T22:00:00.000Z');
  });

  it('keeps Ózd orders for 7 days, in Budapest time', () => {
    expect(pickupDeadline(readyAt, ozdPolicy).toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });
});

describe('checkPickupDeadline', () => {
  const deadline = pickupDeadline(readyAt, kalamariaPolicy);
  it.each([
    ['a minute before', '2026-11-28T21:59:00Z', true],
    ['at the deadline', '2026-11-28T22:00:00Z', false],
    ['a day after', '2026-11-29T22:00:00Z', false],
  ])('%s → collectable: %s', (_name, now, allowed) => {
    const decision = checkPickupDeadline(deadline, new Date(now), kalamariaPolicy.timezone);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision).toEqual({ allowed: false, reason: 'order.pickup_deadline_passed', params: { deadline: '2026-11-28' } });
  });
});

describe('isExpiryReminderDue (24 hours before)', () => {
  const deadline = pickupDeadline(readyAt, kalamariaPolicy);
  it.each([
    ['25 hours before', '2026-11-27T21:00:00Z', false],
    ['24 hours before', '2026-11-27T22:00:00Z', true],
    ['1 hour before', '2026-11-28T21:00:00Z', true],
    ['at the deadline', '2026-11-28T22:00:00Z', false],
  ])('%s → %s', (_name, now, due) => {
    expect(isExpiryReminderDue(deadline, new Date(now), kalamariaPolicy)).toBe(due);
  });
});
