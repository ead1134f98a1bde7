import { describe, expect, it } from 'vitest';
import { kalamariaPolicy, ozdPolicy } from '../../support/libraries';
import { checkOnePerDay, checkSlot, daySlots, freeSlots, freeSlotsOn, nearestFreeSlots } from '../../../src/domain/rules/pickup-slots';

const now = new Date('2026-11-23T08:00:00Z'); // Monday 10:00 Athens; 4 hours' notice → 14:00 Athens
const at = (iso: string) => new Date(iso);
const none = new Map<number, number>();

describe('daySlots (opening hours cut into 15-minute slots)', () => {
  it('gives Central 24 slots on a Friday, 08:30–14:15 Athens', () => {
    const slots = daySlots(kalamariaPolicy, 'kal-central', '2026-11-27');
    expect(slots).toHaveLength(24);
    expect(slots[0]!.toISOString()).toBe('2026-11-27T06:30:00.000Z');
    expect(slots.at(-1)!.toISOString()).toBe('2026-11-27T12:15:00.000Z');
  });

  it('adds the evening opening of Α΄ Παιδική on Tuesdays', () => {
    expect(daySlots(kalamariaPolicy, 'kal-child-a', '2026-11-24')).toHaveLength(16 + 12);
    expect(daySlots(kalamariaPolicy, 'kal-child-a', '2026-11-23')).toHaveLength(16);
  });

  it('has none on a weekend or a holiday', () => {
    expect(daySlots(kalamariaPolicy, 'kal-central', '2026-11-28')).toEqual([]);
    expect(daySlots(kalamariaPolicy, 'kal-central', '2026-12-25')).toEqual([]);
  });

  it('uses the library\'s own zone (Ózd opens at 10:00 Budapest = 09:00Z)', () => {
    expect(daySlots(ozdPolicy, 'ozd-main', '2026-11-24')[0]!.toISOString()).toBe('2026-11-24T09:00:00.000Z');
  });
});

describe('checkSlot', () => {
  const friday11 = at('2026-11-27T09:00:00Z'); // 11:00 Athens
  it.each([
    ['free slot', friday11, 0, true, undefined],
    ['one place left of two', friday11, 1, true, undefined],
    ['slot full (2 of 2)', friday11, 2, false, 'pickup.slot_full'],
    ['between slot boundaries (11:10)', at('2026-11-27T09:10:00Z'), 0, false, 'pickup.not_a_slot'],
    ['last slot 14:15 (ends at closing)', at('2026-11-27T12:15:00Z'), 0, true, undefined],
    ['14:30, closing time', at('2026-11-27T12:30:00Z'), 0, false, 'pickup.closed'],
    ['before opening (08:00)', at('2026-11-27T06:00:00Z'), 0, false, 'pickup.closed'],
    ['Saturday', at('2026-11-28T09:00:00Z'), 0, false, 'pickup.closed'],
    ['Christmas Day, past the booking horizon', at('2026-12-25T09:00:00Z'), 0, false, 'pickup.too_far'],
    ['today at 13:45, within 4 hours\' notice', at('2026-11-23T11:45:00Z'), 0, false, 'pickup.too_soon'],
    ['today at 14:00, exactly 4 hours later', at('2026-11-23T12:00:00Z'), 0, true, undefined],
    ['14 days ahead', at('2026-12-07T09:00:00Z'), 0, true, undefined],
    ['15 days ahead', at('2026-12-08T09:00:00Z'), 0, false, 'pickup.too_far'],
  ])('%s', (_name, start, booked, allowed, reason) => {
    const decision = checkSlot(kalamariaPolicy, 'kal-central', start, booked, now);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toBe(reason);
  });

  it('refuses a holiday within the booking horizon as a holiday', () => {
    const policy = { ...kalamariaPolicy, holidays: ['2026-11-27'] };
    expect(checkSlot(policy, 'kal-central', friday11, 0, now)).toEqual({ allowed: false, reason: 'pickup.holiday', params: { date: '2026-11-27' } });
  });

  it('takes three patrons per slot at Ózd', () => {
    const tuesday = at('2026-11-24T10:00:00Z');
    expect(checkSlot(ozdPolicy, 'ozd-main', tuesday, 2, now).allowed).toBe(true);
    expect(checkSlot(ozdPolicy, 'ozd-main', tuesday, 3, now).allowed).toBe(false);
  });
});

describe('freeSlots / nearestFreeSlots', () => {
  it('starts after the notice period and skips full slots', () => {
    const booked = new Map([[at('2026-11-23T12:00:00Z').getTime(), 2]]);
    expect(freeSlots(kalamariaPolicy, 'kal-central', now, booked, 3).map((d) => d.toISOString()))
      .toEqual(['2026-11-23T12:15:00.000Z', '2026-11-24T06:30:00.000Z', '2026-11-24T06:45:00.000Z']);
  });

  it('proposes the neighbours of a full slot', () => {
    const friday11 = at('2026-11-27T09:00:00Z');
    const booked = new Map([[friday11.getTime(), 2]]);
    expect(nearestFreeSlots(kalamariaPolicy, 'kal-central', friday11, now, booked, 2).map((d) => d.toISOString()))
      .toEqual(['2026-11-27T08:45:00.000Z', '2026-11-27T09:15:00.000Z']);
  });

  it('proposes the closest opening when the wanted time is after closing', () => {
    expect(nearestFreeSlots(kalamariaPolicy, 'kal-central', at('2026-11-27T16:00:00Z'), now, none, 1).map((d) => d.toISOString()))
      .toEqual(['2026-11-27T12:15:00.000Z']);
  });

  it('lists a whole day\'s free slots', () => {
    expect(freeSlotsOn(kalamariaPolicy, 'kal-central', '2026-11-28', now, none)).toEqual([]);
    expect(freeSlotsOn(kalamariaPolicy, 'kal-central', '2026-11-27', now, none)).toHaveLength(24);
  });
});

describe('checkOnePerDay (pickup.onePerDay, issue 19)', () => {
  const onePerDay = { ...kalamariaPolicy, pickup: { ...kalamariaPolicy.pickup, onePerDay: true } };
  const friday9 = at('2026-11-27T07:00:00Z');
  it('allows anything where the library does not set it (Kalamaria, Ózd: today\'s rule)', () => {
    expect(kalamariaPolicy.pickup.onePerDay).toBe(false);
    expect(ozdPolicy.pickup.onePerDay).toBe(false);
    expect(checkOnePerDay(kalamariaPolicy, at('2026-11-27T09:00:00Z'), [friday9]).allowed).toBe(true);
  });
  it('refuses a second appointment on the same local day, allows another day', () => {
    expect(checkOnePerDay(onePerDay, at('2026-11-27T09:00:00Z'), [friday9])).toEqual({ allowed: false, reason: 'pickup.one_per_day', params: { date: '2026-11-27' } });
    expect(checkOnePerDay(onePerDay, at('2026-11-26T09:00:00Z'), [friday9]).allowed).toBe(true);
    expect(checkOnePerDay(onePerDay, at('2026-11-27T09:00:00Z'), []).allowed).toBe(true);
  });
  it('compares library-local days: 23:30 UTC on Thursday is already Friday in Athens', () => {
    expect(checkOnePerDay(onePerDay, friday9, [at('2026-11-26T22:30:00Z')]).allowed).toBe(false);
  });
});
