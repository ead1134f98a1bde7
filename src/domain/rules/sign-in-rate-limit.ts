import { allow, refuse, type Decision } from '../decision';

/** At most `maxFailures` failed sign-ins in any `minutes` long window. */
export interface FailureWindow {
  minutes: number;
  maxFailures: number;
}

/**
 * Failed patron sign-ins allowed from one source (a caller's number, a client address) at one
 * library, whatever cards it tries: 10 in a quarter of an hour leaves room for a patron who
 * mistypes several times, and 30 a day caps a slow, patient guesser at 30 of 10,000 PINs.
 */
export const PATRON_SOURCE_WINDOWS: readonly FailureWindow[] = Object.freeze([
  { minutes: 15, maxFailures: 10 },
  { minutes: 24 * 60, maxFailures: 30 },
]);

/**
 * Wrong PINs allowed for one card from one source: five lock that card for that source only,
 * so a stranger guessing at someone's card locks himself out, not the patron.
 */
export const CARD_SOURCE_WINDOWS: readonly FailureWindow[] = Object.freeze([
  { minutes: 15, maxFailures: 5 },
]);

/**
 * Wrong PINs allowed for one card from everywhere together, in any 24 hours: an attacker with
 * many numbers or addresses. Four times a source's quarter-hour budget, so it takes a real
 * attack to reach, and never reset by a lock (only by time, or by staff who have checked who is
 * asking): staff are alarmed when it is reached.
 */
export const CARD_WINDOWS: readonly FailureWindow[] = Object.freeze([
  { minutes: 24 * 60, maxFailures: 20 },
]);

/**
 * The most wrong PINs one card can be tried with in any 24 hours: the card-wide budget, plus
 * the daily budget of the one source the card-wide lock does not hold (the patron's own number
 * on file, which an attacker may spoof). 50 of 10,000 PINs.
 */
export const MAX_WRONG_PINS_PER_CARD_PER_DAY = CARD_WINDOWS[0]!.maxFailures + PATRON_SOURCE_WINDOWS[1]!.maxFailures;

/** Failed staff logins allowed from one client address, whatever usernames are tried. */
export const STAFF_ADDRESS_WINDOWS: readonly FailureWindow[] = Object.freeze([
  { minutes: 15, maxFailures: 10 },
  { minutes: 24 * 60, maxFailures: 30 },
]);

/** Failed logins allowed for one username from one address: the first lock, that address's only. */
export const STAFF_USERNAME_SOURCE_WINDOWS: readonly FailureWindow[] = Object.freeze([
  { minutes: 15, maxFailures: 5 },
]);

/**
 * Failed logins allowed for one username from everywhere, in any 24 hours. Counted for unknown
 * usernames too, so being limited says nothing about whether an account exists. Staff
 * passwords have at least 12 characters: the limit is there to end an attack, not to protect a
 * small secret, so it is high enough that a few addresses cannot lock a colleague out.
 */
export const STAFF_USERNAME_WINDOWS: readonly FailureWindow[] = Object.freeze([
  { minutes: 24 * 60, maxFailures: 100 },
]);

/** Attempts older than this can no longer limit anyone and are purged. */
export const LONGEST_WINDOW_MINUTES = Math.max(
  ...[PATRON_SOURCE_WINDOWS, CARD_SOURCE_WINDOWS, CARD_WINDOWS, STAFF_ADDRESS_WINDOWS, STAFF_USERNAME_SOURCE_WINDOWS, STAFF_USERNAME_WINDOWS].flat().map((w) => w.minutes),
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

/**
 * A check takes well under a second and waits for those ahead of it at most 5 s: an attempt
 * still pending after this was cut off by a crash (kill -9, a power cut) and is ignored.
 */
export const PENDING_STALE_MS = 60_000;

/** Refused for now because earlier attempts still being checked could fill a window: wait for them. */
export type Busy = 'attempt.busy';

/**
 * The attempts that count as failures: only those whose secret was checked and was wrong. An
 * attempt a crash left pending was never answered, so it does not count (issue 14: three kills
 * during forty right sign-ins locked an address for a day).
 * @example failuresOf([{ at: tenOClock, pending: false }, { at: tenOClock, pending: true }]) // [tenOClock]
 */
export function failuresOf(attempts: readonly SourceAttempt[]): Date[] {
  return attempts.filter((a) => !a.pending).map((a) => a.at);
}

const stillChecked = (attempts: readonly SourceAttempt[], now: Date) =>
  attempts.filter((a) => a.pending && now.getTime() - a.at.getTime() <= PENDING_STALE_MS);

/**
 * When a list is limited (its failures fill a window), or busy (they would if the attempts
 * still being checked failed too), or neither. `waitedOut`: the attempt has waited as long as
 * it may; it is then refused until those attempts are settled or stale, not let through.
 */
function state(attempts: readonly SourceAttempt[], now: Date, windows: readonly FailureWindow[], waitedOut: boolean): Date | Busy | undefined {
  const failures = failuresOf(attempts);
  const until = limitedUntil(failures, now, windows);
  if (until) return until;
  const checking = stillChecked(attempts, now);
  if (!limitedUntil([...failures, ...checking.map((a) => a.at)], now, windows)) return undefined;
  if (!waitedOut) return 'attempt.busy';
  return new Date(Math.max(...checking.map((a) => a.at.getTime())) + PENDING_STALE_MS);
}

/** One limit of a sign-in: the attempts it counts, its windows, and what a refusal by it says. */
interface Limit<R extends string> {
  attempts: readonly SourceAttempt[];
  windows: readonly FailureWindow[];
  reason: R;
}

/**
 * The first limit, in the order given, that refuses; busy when none refuses but one is busy.
 * The order is what the person is told: the most general reason first.
 */
function checkLimits<R extends string>(limits: ReadonlyArray<Limit<R>>, now: Date, waitedOut: boolean): Decision<R | Busy> {
  let busy = false;
  for (const { attempts, windows, reason } of limits) {
    const found = state(attempts, now, windows, waitedOut);
    if (found === 'attempt.busy') busy = true;
    else if (found) return refuse(reason, { count: minutesUntil(found, now) });
  }
  return busy ? refuse('attempt.busy') : allow();
}

export type SignInSourceRefusal = 'signin.source_limited';

/**
 * Whether a patron may try a card and PIN from this source now, given its earlier attempts at
 * this library. The refusal's `count` is the minutes to wait (plural key).
 * @example checkSignInSource(Array(10).fill({ at: minuteAgo, pending: false }), now) // { allowed: false, reason: 'signin.source_limited', params: { count: 14 } }
 */
export function checkSignInSource(attempts: readonly SourceAttempt[], now: Date, waitedOut = false): Decision<SignInSourceRefusal | Busy> {
  return checkLimits([{ attempts, windows: PATRON_SOURCE_WINDOWS, reason: 'signin.source_limited' as const }], now, waitedOut);
}

export type CardRefusal = 'signin.temporarily_locked' | 'signin.card_locked';

/** The attempts a patron sign-in is counted in: its source's, its card's from that source, its card's from everywhere. */
export interface PatronAttempts {
  bySource: readonly SourceAttempt[];
  byCardFromSource: readonly SourceAttempt[];
  byCard: readonly SourceAttempt[];
}

/**
 * Whether a card and PIN may be checked now: the source is not limited, the card is not
 * locked for this source (5 wrong PINs from it), and the card is not locked everywhere (20
 * from all sources in a day). The card-wide lock does not hold the patron's own number on file
 * (`ownPhone`): the patron locked out by a stranger can still sign in by calling from it.
 * @example checkPatronSignIn({ bySource: [], byCardFromSource: fiveWrong, byCard: fiveWrong }, now) // refused: signin.temporarily_locked
 */
export function checkPatronSignIn(
  attempts: PatronAttempts, now: Date, options: { ownPhone?: boolean; waitedOut?: boolean } = {},
): Decision<SignInSourceRefusal | CardRefusal | Busy> {
  const limits: Array<Limit<SignInSourceRefusal | CardRefusal>> = [
    { attempts: attempts.bySource, windows: PATRON_SOURCE_WINDOWS, reason: 'signin.source_limited' },
    ...(options.ownPhone ? [] : [{ attempts: attempts.byCard, windows: CARD_WINDOWS, reason: 'signin.card_locked' as const }]),
    { attempts: attempts.byCardFromSource, windows: CARD_SOURCE_WINDOWS, reason: 'signin.temporarily_locked' },
  ];
  return checkLimits(limits, now, options.waitedOut ?? false);
}

/** Until when a card is locked everywhere by wrong PINs from all sources, if it is. */
export function cardLockedUntil(byCard: readonly SourceAttempt[], now: Date): Date | undefined {
  return limitedUntil(failuresOf(byCard), now, CARD_WINDOWS);
}

export type StaffLoginRefusal = 'staff.login_limited';

/** The attempts a staff login is counted in: its address's, its username's from that address, its username's from everywhere. */
export interface StaffAttempts {
  byAddress: readonly SourceAttempt[];
  byUsernameFromAddress: readonly SourceAttempt[];
  byUsername: readonly SourceAttempt[];
}

/**
 * Whether a staff login may be checked now: the client address, the username from that
 * address, and the username from everywhere have not filled their windows.
 * @example checkStaffLogin({ byAddress: [], byUsernameFromAddress: fiveWrong, byUsername: fiveWrong }, now) // refused for this address only
 */
export function checkStaffLogin(attempts: StaffAttempts, now: Date, waitedOut = false): Decision<StaffLoginRefusal | Busy> {
  const limits: Array<Limit<StaffLoginRefusal>> = [
    { attempts: attempts.byAddress, windows: STAFF_ADDRESS_WINDOWS, reason: 'staff.login_limited' },
    { attempts: attempts.byUsernameFromAddress, windows: STAFF_USERNAME_SOURCE_WINDOWS, reason: 'staff.login_limited' },
    { attempts: attempts.byUsername, windows: STAFF_USERNAME_WINDOWS, reason: 'staff.login_limited' },
  ];
  // One answer for all three: which limit it was would tell whether the username is under attack elsewhere.
  const decisions = limits.map((l) => checkLimits([l], now, waitedOut));
  const counts = decisions.flatMap((d) => (!d.allowed && d.reason !== 'attempt.busy' ? [Number(d.params?.count ?? 1)] : []));
  if (counts.length > 0) return refuse('staff.login_limited', { count: Math.max(...counts) });
  return decisions.some((d) => !d.allowed) ? refuse('attempt.busy') : allow();
}

/** Whole minutes from `now` to `until`, at least one: "try again in 0 minutes" helps nobody. */
export const minutesUntil = (until: Date, now: Date): number => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
