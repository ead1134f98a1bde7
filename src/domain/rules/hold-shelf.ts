import { allow, refuse, type Decision } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import { addDays, instantAt, localDate } from './local-time';

export type HoldShelfRefusal = 'order.pickup_deadline_passed';

/**
 * Until when a prepared order waits on the hold shelf: the end of the library-local day
 * `holdShelfDays` after it became ready, or the end of its last appointment's day when that is
 * later (staff may agree a later pickup).
 *
 * @example pickupDeadline(new Date('2026-11-23T10:00:00Z'), kalamariaPolicy) // 2026-11-29T00:00 Athens = 2026-11-28T22:00Z
 */
export function pickupDeadline(readyAt: Date, policy: LibraryPolicy, appointments: readonly Date[] = []): Date {
  const endOfDay = (instant: Date, plusDays: number) => instantAt(addDays(localDate(instant, policy.timezone), plusDays + 1), 0, policy.timezone);
  let deadline = endOfDay(readyAt, policy.holds.holdShelfDays);
  for (const at of appointments) {
    const end = endOfDay(at, 0);
    if (end > deadline) deadline = end;
  }
  return deadline;
}

/** Whether an order with this deadline may still be collected at `now`. */
export function checkPickupDeadline(deadline: Date, now: Date, timeZone: string): Decision<HoldShelfRefusal> {
  return now.getTime() < deadline.getTime() ? allow() : refuse('order.pickup_deadline_passed', { deadline: localDate(new Date(deadline.getTime() - 1), timeZone) });
}

/** Whether the one "your books wait until …" reminder is due: within the last reminder hours before the deadline. */
export function isExpiryReminderDue(deadline: Date, now: Date, policy: LibraryPolicy): boolean {
  const left = deadline.getTime() - now.getTime();
  return left > 0 && left <= policy.holds.expiryReminderHours * 3_600_000;
}
