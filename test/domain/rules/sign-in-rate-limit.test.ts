import { describe, expect, it } from 'vitest';
import {
  checkSignInSource, checkStaffLogin, failuresOf, limitedUntil, PATRON_SOURCE_WINDOWS, type SourceAttempt,
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
  it.each([
    ['nothing failed', 0, 0, true],
    ['9 from the address', 9, 0, true],
    ['10 from the address', 10, 0, false],
    ['10 for the username from elsewhere', 0, 10, false],
  ])('%s → allowed: %s', (_name, byAddress, byUsername, allowed) => {
    expect(checkStaffLogin(failed(byAddress), failed(byUsername), now).allowed).toBe(allowed);
  });

  it('refuses with staff.login_limited until the later of the two limits ends', () => {
    expect(checkStaffLogin(failed(10, 3), failed(10), now)).toEqual({ allowed: false, reason: 'staff.login_limited', params: { count: 5 } });
    expect(checkStaffLogin(failed(10), failed(10, 3), now)).toEqual({ allowed: false, reason: 'staff.login_limited', params: { count: 5 } });
  });

  it('allows 50 username failures a day, not 51', () => {
    expect(checkStaffLogin([], failed(49, 20, 20), now).allowed).toBe(true);
    expect(checkStaffLogin([], failed(50, 20, 20), now).allowed).toBe(false);
  });
});

describe('attempts still being checked', () => {
  it('makes a source busy, not limited, when they could fill the window', () => {
    expect(checkSignInSource([...failed(7), ...pending(3)], now)).toEqual({ allowed: false, reason: 'attempt.busy' });
    expect(checkSignInSource([...failed(6), ...pending(3)], now)).toEqual({ allowed: true });
    expect(checkStaffLogin(pending(10), [], now)).toEqual({ allowed: false, reason: 'attempt.busy' });
  });

  it('counts an attempt left pending for over a minute (a crash) as a failure', () => {
    const stale = [{ at: ago(2), pending: true }];
    expect(failuresOf([...stale, ...pending(1)], now)).toEqual([ago(2)]);
    expect(checkSignInSource([...failed(9), ...stale], now)).toMatchObject({ allowed: false, reason: 'signin.source_limited' });
  });
});
