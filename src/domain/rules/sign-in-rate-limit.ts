import { allow, refuse, type Decision } from '../decision';

/** At most `maxFailures` failed sign-ins in any `minutes` long window. */
export interface FailureWindow {
  minutes: number;
  maxFailures: number;
}

/**
 * Failed patron sign-ins allowed from one source (a caller's number, a client address) at one
 * library. The per-card lockout (5 wrong PINs) stops guessing one card; these stop one source
 * from walking through many cards: 10 in a quarter of an hour leaves room for a patron who
 * mistypes several times, and 30 a day caps a slow, patient guesser at 30 of 10,000 PINs.
 */
export const PATRON_SOURCE_WINDOWS: readonly FailureWindow[] = Object.freeze([
  { minutes: 15, maxFailures: 10 },
  { minutes: 24 * 60, maxFailures: 30 },
]);

/** Failed staff logins allowed from one client address, whatever usernames are tried. */
export const STAFF_ADDRESS_WINDOWS: readonly FailureWindow[] = Object.freeze([
  { minutes: 15, maxFailures: 10 },
  { minutes: 24 * 60, maxFailures: 30 },
]);

/**
 * Failed logins allowed for one username, from anywhere. Counted for unknown usernames too, so
 * being limited says nothing about whether an account exists.
 */
export const STAFF_USERNAME_WINDOWS: readonly FailureWindow[] = Object.freeze([
  { minutes: 15, maxFailures: 10 },
  { minutes: 24 * 60, maxFailures: 50 },
]);

/** Attempts older than this can no longer limit anyone and are purged. */
export const LONGEST_WINDOW_MINUTES = Math.max(
  ...[PATRON_SOURCE_WINDOWS, STAFF_ADDRESS_WINDOWS, STAFF_USERNAME_WINDOWS].flat().map((w) => w.minutes),
);

/**
 * Until when a source that failed at `failures` is limited: for each window it has filled, the
 * moment its oldest failure in that window leaves it. `undefined` when no window is full.
 * A failure stamped after `now` (another instance's clock runs ahead) still counts.
 * @example
 * // Ten failures at 10:00, 10:01 … 10:09: refused until 10:15, when the 10:00 one leaves the window.
 * limitedUntil(Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2026, 10, 23, 10, i))), new Date('2026-11-23T10:10:00Z'), PATRON_SOURCE_WINDOWS)
 */
export function limitedUntil(failures: readonly Date[], now: Date, windows: readonly FailureWindow[]): Date | undefined {
  const newestFirst = failures.map((d) => d.getTime()).sort((a, b) => b - a);
  let until: number | undefined;
  for (const { minutes, maxFailures } of windows) {
    const span = minutes * 60_000;
    const inWindow = newestFirst.filter((t) => t > now.getTime() - span);
    if (inWindow.length < maxFailures) continue;
    // Once the maxFailures-th newest failure leaves the window, only maxFailures - 1 remain.
    const freedAt = inWindow[maxFailures - 1]! + span;
    until = until === undefined ? freedAt : Math.max(until, freedAt);
  }
  return until === undefined ? undefined : new Date(until);
}

/** An earlier attempt of the same source: failed, or still being checked (`pending`). */
export interface SourceAttempt {
  at: Date;
  pending: boolean;
}

/** A check takes well under a second; a pending attempt older than this was cut off by a crash. */
export const PENDING_STALE_MS = 60_000;

/** Refused for now because earlier attempts still being checked could fill a window: wait for them. */
export type Busy = 'attempt.busy';

/**
 * The attempts that count as failures: the failed ones and those left pending by a crash.
 * @example failuresOf([{ at: tenOClock, pending: false }, { at: tenOClock, pending: true }], tenOClockAndASecond) // [tenOClock]
 */
export function failuresOf(attempts: readonly SourceAttempt[], now: Date): Date[] {
  return attempts.filter((a) => !a.pending || now.getTime() - a.at.getTime() > PENDING_STALE_MS).map((a) => a.at);
}

/**
 * When the source is limited (its failures fill a window), or busy (they would if the attempts
 * still being checked failed too), or neither.
 */
function state(attempts: readonly SourceAttempt[], now: Date, windows: readonly FailureWindow[]): Date | Busy | undefined {
  const until = limitedUntil(failuresOf(attempts, now), now, windows);
  if (until) return until;
  return limitedUntil(attempts.map((a) => a.at), now, windows) ? 'attempt.busy' : undefined;
}

export type SignInSourceRefusal = 'signin.source_limited';

/**
 * Whether a patron may try a card and PIN from this source now, given its earlier attempts at
 * this library. The refusal's `count` is the minutes to wait (plural key).
 * @example checkSignInSource(Array(10).fill({ at: minuteAgo, pending: false }), now) // { allowed: false, reason: 'signin.source_limited', params: { count: 14 } }
 */
export function checkSignInSource(attempts: readonly SourceAttempt[], now: Date): Decision<SignInSourceRefusal | Busy> {
  const found = state(attempts, now, PATRON_SOURCE_WINDOWS);
  if (found === 'attempt.busy') return refuse(found);
  return found ? refuse('signin.source_limited', { count: minutesUntil(found, now) }) : allow();
}

export type StaffLoginRefusal = 'staff.login_limited';

/**
 * Whether a staff login may be checked now: neither the client address nor the username has
 * filled its windows.
 * @example checkStaffLogin([], Array(10).fill({ at: minuteAgo, pending: false }), now) // refused: the username is limited
 */
export function checkStaffLogin(byAddress: readonly SourceAttempt[], byUsername: readonly SourceAttempt[], now: Date): Decision<StaffLoginRefusal | Busy> {
  const states = [state(byAddress, now, STAFF_ADDRESS_WINDOWS), state(byUsername, now, STAFF_USERNAME_WINDOWS)];
  const until = states.filter((d): d is Date => d instanceof Date).sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) return refuse('staff.login_limited', { count: minutesUntil(until, now) });
  return states.includes('attempt.busy') ? refuse('attempt.busy') : allow();
}

/** Whole minutes from `now` to `until`, at least one: "try again in 0 minutes" helps nobody. */
export const minutesUntil = (until: Date, now: Date): number => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
