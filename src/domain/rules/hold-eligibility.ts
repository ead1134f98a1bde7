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
 * How many more books the patron may hold: holds are capped on their own, and holds plus
 * loans may not exceed the borrowing limit (seeds/000 §5: "reserve according to how many
 * you may still borrow").
 *
 * @example remainingHolds({ ...patron, loansCount: 8, activeHolds: 1 }, kalamariaPolicy) === 1
 */
export function remainingHolds(patron: PatronSnapshot, policy: LibraryPolicy): number {
  const byHolds = policy.holds.maxHolds - patron.activeHolds;
  const byLoans = policy.holds.borrowingLimit - patron.activeHolds - patron.loansCount;
  return Math.max(0, Math.min(byHolds, byLoans));
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
