import { allow, refuse, type Decision } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import type { PatronSnapshot } from '../types';

export type HoldAccountRefusal = 'hold.account_locked' | 'hold.card_expired';
export type HoldLimitRefusal = 'hold.limit_reached';

/**
 * Whether the account may place holds at all.
 * seeds/000: "A hold is impossible while your account is locked: phone the library."
 *
 * @example checkHoldAccount({ ...patron, status: 'locked' }, now) // refuse('hold.account_locked')
 */
export function checkHoldAccount(patron: PatronSnapshot, now: Date): Decision<HoldAccountRefusal> {
  if (patron.status === 'locked') return refuse('hold.account_locked');
  if (patron.status === 'expired' || patron.cardExpiresAt.getTime() < now.getTime()) return refuse('hold.card_expired');
  return allow();
}

/**
 * What the patron has that counts against the borrowing limit: their holds, their loans, or
 * both, as the library's `holds.countsAgainstLimit` says (both unless set: seeds/000 §5).
 *
 * @example countedAgainstLimit({ loansCount: 8, activeHolds: 1 }, kalamariaPolicy) === 9
 */
export function countedAgainstLimit(patron: Pick<PatronSnapshot, 'loansCount' | 'activeHolds'>, policy: LibraryPolicy): number {
  const counts = policy.holds.countsAgainstLimit;
  return (counts.includes('holds') ? patron.activeHolds : 0) + (counts.includes('loans') ? patron.loansCount : 0);
}

/**
 * How many more books the patron may hold: holds are capped on their own (`maxHolds`), and what
 * counts against the borrowing limit (holds plus loans unless the library says otherwise) may
 * not exceed it (seeds/000 §5: "reserve according to how many you may still borrow"). A new
 * hold always adds to the holds; it uses a place of the borrowing limit only where holds count.
 *
 * @example remainingHolds({ ...patron, loansCount: 8, activeHolds: 1 }, kalamariaPolicy) === 1
 */
export function remainingHolds(patron: PatronSnapshot, policy: LibraryPolicy): number {
  const byHolds = policy.holds.maxHolds - patron.activeHolds;
  if (!policy.holds.countsAgainstLimit.includes('holds')) {
    // Holds do not use up the limit: only a patron at it already (by loans) may hold nothing more.
    return Math.max(0, countedAgainstLimit(patron, policy) >= policy.holds.borrowingLimit ? 0 : byHolds);
  }
  const byLimit = policy.holds.borrowingLimit - countedAgainstLimit(patron, policy);
  return Math.max(0, Math.min(byHolds, byLimit));
}

/**
 * Whether `adding` more holds fit within the limits.
 *
 * @example checkHoldLimit({ ...patron, activeHolds: 9 }, 1, kalamariaPolicy).allowed === true
 */
export function checkHoldLimit(patron: PatronSnapshot, adding: number, policy: LibraryPolicy): Decision<HoldLimitRefusal> {
  const remaining = remainingHolds(patron, policy);
  if (adding > remaining) return refuse('hold.limit_reached', { count: policy.holds.maxHolds, remaining });
  return allow();
}
