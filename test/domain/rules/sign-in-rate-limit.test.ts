import { describe, expect, it } from 'vitest';
import {
  checkPatronSignIn, checkSignInSource, checkStaffLogin, failuresOf, limitedUntil, MAX_WRONG_PINS_PER_CARD_PER_DAY, PATRON_SOURCE_WINDOWS, type SourceAttempt,
} from '../../../src/domain/rules/sign-in-rate-limit';

const now = new Date('2026-11-23T10:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
/** `count` failures, one a minute, the newest `newest` minutes ago. */
const failures = (count: number, newest = 1, every = 1) => Array.from({ length: count }, (_, i) => ago(newest + i * every));
const failed = (count: number, newest = 1, every = 1): SourceAttempt[] => failures(count, newest, every).map((at) => ({ at, pending: false }));
const pending = (count: number, newest = 0): SourceAttempt[] => failures(count, newest, 0).map((at) => ({ at, pending: true }));

describe('limitedUntil', () => {
  it.each([
    ['no failures', [], undefined],
    ['9 in a quarter of an hour', failures(9), undefined],
    // The 10th newest failed 10 minutes ago: the window frees a place 15 minutes after it.
    ['10 in a quarter of an hour', failures(10), '2026-11-23T10:05:00.000Z'],
    ['12 in a quarter of an hour: the 10th newest decides', failures(12), '2026-11-23T10:05:00.000Z'],
    ['10 spread over 20 minutes', failures(10, 1, 2), undefined],
    ['29 in a day', failures(29, 20, 40), undefined],
    // 30 in the last day, the 30th newest 20 + 29×40 = 1180 minutes ago: free at 1440 - 1180 = 260 minutes from now.
    ['30 in a day', failures(30, 20, 40), '2026-11-23T14:20:00.000Z'],
  ])('%s → %s', (_name, list, until) => {
    expect(limitedUntil(list, now, PATRON_SOURCE_WINDOWS)?.toISOString()).toBe(until);
  });

  it('takes the later end when both windows are full', () => {
    const list = [...failures(10), ...failures(20, 100, 10)];
    expect(limitedUntil(list, now, PATRON_SOURCE_WINDOWS)?.toISOString()).toBe(new Date(ago(290).getTime() + 24 * 3_600_000).toISOString());
  });

  it('counts a failure stamped after now (another instance\'s clock runs ahead)', () => {
    const ahead = [...failures(9), new Date(now.getTime() + 30_000)];
    expect(limitedUntil(ahead, now, PATRON_SOURCE_WINDOWS)).toBeDefined();
  });

  it('forgets failures older than the window', () => {
    expect(limitedUntil(failures(10, 6), now, PATRON_SOURCE_WINDOWS)).toBeUndefined(); // the oldest left exactly now
    expect(limitedUntil(failures(10, 5), now, PATRON_SOURCE_WINDOWS)?.toISOString()).toBe('2026-11-23T10:01:00.000Z');
  });
});

describe('checkSignInSource', () => {
  it('allows a source with fewer than 10 recent failures', () => {
    expect(checkSignInSource(failed(9), now)).toEqual({ allowed: true });
  });

  it('refuses with signin.source_limited and the minutes to wait as count', () => {
    expect(checkSignInSource(failed(10), now)).toEqual({ allowed: false, reason: 'signin.source_limited', params: { count: 5 } });
  });

  it('never says 0 minutes', () => {
    const almost = new Date(now.getTime() + 4 * 60_000 + 59_000);
    expect(checkSignInSource(failed(10), almost)).toEqual({ allowed: false, reason: 'signin.source_limited', params: { count: 1 } });
  });
});

describe('checkStaffLogin', () => {
  const staff = (byAddress: SourceAttempt[], byUsernameFromAddress: SourceAttempt[], byUsername: SourceAttempt[]) => ({ byAddress, byUsernameFromAddress, byUsername });
  it.each([
    ['nothing failed', staff([], [], []), true],
    ['9 from the address', staff(failed(9), [], []), true],
    ['10 from the address', staff(failed(10), [], []), false],
    ['4 for the username from this address', staff(failed(4), failed(4), failed(4)), true],
    ['5 for the username from this address', staff(failed(5), failed(5), failed(5)), false],
    // Twelve from two other addresses once locked the username for everyone for a day.
    ['12 for the username from elsewhere', staff([], [], failed(12)), true],
    ['99 for the username from everywhere in a day', staff([], [], failed(99, 1, 10)), true],
    ['100 for the username from everywhere in a day', staff([], [], failed(100, 1, 10)), false],
  ])('%s → allowed: %s', (_name, attempts, allowed) => {
    expect(checkStaffLogin(attempts, now).allowed).toBe(allowed);
  });

  it('refuses with staff.login_limited until the latest of the limits ends, whichever it is', () => {
    // The address frees at 10:03 (its 10th newest failed at 9:48), the pair at 10:10 (its 5th at 9:55).
    expect(checkStaffLogin(staff(failed(10, 3), failed(5), failed(5)), now)).toEqual({ allowed: false, reason: 'staff.login_limited', params: { count: 10 } });
    // The address at 10:05, the pair at 10:08.
    expect(checkStaffLogin(staff(failed(10), failed(5, 3), failed(5, 3)), now)).toEqual({ allowed: false, reason: 'staff.login_limited', params: { count: 8 } });
  });
});

describe('checkPatronSignIn', () => {
  const patron = (bySource: SourceAttempt[], byCardFromSource: SourceAttempt[], byCard: SourceAttempt[]) => ({ bySource, byCardFromSource, byCard });

  it.each([
    ['nothing failed', patron([], [], []), { allowed: true }],
    ['4 wrong PINs at the card from here', patron(failed(4), failed(4), failed(4)), { allowed: true }],
    ['5 wrong PINs at the card from here: locked for this source', patron(failed(5), failed(5), failed(5)), { allowed: false, reason: 'signin.temporarily_locked', params: { count: 10 } }],
    // What used to lock the card for everyone: five wrong PINs from somewhere else.
    ['5 wrong PINs at the card from elsewhere', patron([], [], failed(5)), { allowed: true }],
    ['19 from everywhere in a day', patron([], [], failed(19, 1, 60)), { allowed: true }],
    // One an hour: the oldest failed 1,141 minutes ago and leaves the day in 299.
    ['20 from everywhere in a day: locked everywhere', patron([], [], failed(20, 1, 60)), { allowed: false, reason: 'signin.card_locked', params: { count: 299 } }],
    ['the source limited as well: the source is named first', patron(failed(10), failed(5), failed(20, 1, 60)), { allowed: false, reason: 'signin.source_limited', params: { count: 5 } }],
  ])('%s', (_name, attempts, decision) => {
    expect(checkPatronSignIn(attempts, now)).toEqual(decision);
  });

  it('lets the patron\'s own number through the card-wide lock, not through its own limits', () => {
    expect(checkPatronSignIn(patron([], [], failed(20, 1, 60)), now, { ownPhone: true })).toEqual({ allowed: true });
    expect(checkPatronSignIn(patron(failed(5), failed(5), failed(25, 1, 50)), now, { ownPhone: true })).toMatchObject({ reason: 'signin.temporarily_locked' });
  });

  it('caps the wrong PINs one card can be tried with in a day at 50', () => {
    expect(MAX_WRONG_PINS_PER_CARD_PER_DAY).toBe(50);
  });
});

describe('attempts still being checked', () => {
  it('makes a source busy, not limited, when they could fill the window', () => {
    expect(checkSignInSource([...failed(7), ...pending(3)], now)).toEqual({ allowed: false, reason: 'attempt.busy' });
    expect(checkSignInSource([...failed(6), ...pending(3)], now)).toEqual({ allowed: true });
    expect(checkStaffLogin({ byAddress: pending(10), byUsernameFromAddress: [], byUsername: [] }, now)).toEqual({ allowed: false, reason: 'attempt.busy' });
    expect(checkPatronSignIn({ bySource: [], byCardFromSource: pending(5), byCard: pending(5) }, now)).toEqual({ allowed: false, reason: 'attempt.busy' });
  });

  it('never counts an attempt a crash left pending: not as a failure, and after a minute not at all', () => {
    const stale = [{ at: ago(2), pending: true }];
    expect(failuresOf([...stale, ...pending(1), ...failed(1)])).toEqual([ago(1)]);
    expect(checkSignInSource([...failed(9), ...stale], now)).toEqual({ allowed: true });
    expect(checkSignInSource([...failed(9), ...Array(40).fill(stale[0])], now)).toEqual({ allowed: true });
  });

  it('refuses an attempt that waited out the ones ahead until they are settled or stale, not for the window', () => {
    const justNow = [{ at: new Date(now.getTime() - 5_000), pending: true }];
    // Stale 55 seconds from now: "1 minute", where a failure would have said 15.
    expect(checkSignInSource([...failed(9), ...justNow], now, true)).toEqual({ allowed: false, reason: 'signin.source_limited', params: { count: 1 } });
    expect(checkSignInSource([...failed(9), ...justNow], now, false)).toEqual({ allowed: false, reason: 'attempt.busy' });
  });
});
