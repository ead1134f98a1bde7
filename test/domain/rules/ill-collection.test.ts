import { describe, expect, it } from 'vitest';
import { ozdPolicy } from '../../support/libraries';
import { checkIllCollection, checkIllSendBack, collectionDeadline } from '../../../src/domain/rules/ill-collection';

// Arrived Tuesday 24 November 2026, 11:00 in Ózd (10:00 UTC).
const arrivedAt = new Date('2026-11-24T10:00:00Z');

describe('collection window (seeds/004: kept at most 1 week)', () => {
  it('ends on arrival day + 7', () => {
    expect(collectionDeadline(arrivedAt, ozdPolicy)).toBe('2026-12-01');
    // Late in the evening local time is already the next day in Budapest.
    expect(collectionDeadline(new Date('2026-11-24T23:30:00Z'), ozdPolicy)).toBe('2026-12-02');
  });

  it.each([
    ['day 0, the arrival day', '2026-11-24T15:00:00Z', true],
    ['day 6', '2026-11-30T09:00:00Z', true],
    ['day 7, morning', '2026-12-01T08:00:00Z', true],
    ['day 7, 23:30 local (22:30 UTC)', '2026-12-01T22:30:00Z', true],
    ['day 8, 00:30 local (still 1 December in UTC)', '2026-12-01T23:30:00Z', false],
    ['day 8, noon', '2026-12-02T11:00:00Z', false],
    ['day 20', '2026-12-14T11:00:00Z', false],
  ])('collection on %s: allowed %s', (_name, at, allowed) => {
    const decision = checkIllCollection(arrivedAt, new Date(at), ozdPolicy);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision).toEqual({ allowed: false, reason: 'ill.collection_window_passed', params: { deadline: '2026-12-01' } });
  });

  it.each([
    ['day 7', '2026-12-01T16:00:00Z', false],
    ['day 8', '2026-12-02T09:00:00Z', true],
  ])('sending back on %s: allowed %s', (_name, at, allowed) => {
    const decision = checkIllSendBack(arrivedAt, new Date(at), ozdPolicy);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toBe('ill.collection_window_open');
  });
});
