import { OPEN_STATUSES } from '../domain/order-status';
import type { LibraryPolicy } from '../domain/policy/library-policy';
import type { OrderView } from '../domain/ports/staff-order-repository';
import { checkArrival } from '../domain/rules/arrival';
import { checkHoldAccount, countedAgainstLimit } from '../domain/rules/hold-eligibility';
import { checkPickupDeadline } from '../domain/rules/hold-shelf';
import { localDate, type LocalDate } from '../domain/rules/local-time';

/**
 * One line of "rule checks" on the order page. `reason` is a key in the staff namespace
 * (`check.*`): the rules' own reason codes are worded for the patron («your card…», «your
 * appointment…»), so each refusal maps to a sentence about the patron, said to staff.
 * Dates are library-local days (YYYY-MM-DD), formatted by the page.
 */
export interface OrderCheck { ok: boolean; reason: string; params?: Record<string, string | number>; dates?: Record<string, LocalDate> }

const STAFF_WORDING: Record<string, string> = {
  'hold.account_locked': 'check.account_locked',
  'hold.card_expired': 'check.card_expired',
  'arrival.not_ready': 'check.not_ready',
  'arrival.not_today': 'check.not_today',
  'order.pickup_deadline_passed': 'check.deadline_passed',
};

export function orderChecks(order: OrderView, policy: LibraryPolicy, now: Date): OrderCheck[] {
  const zone = policy.timezone;
  const staffKey = (reason: string) => STAFF_WORDING[reason] ?? 'check.failed';
  const account = checkHoldAccount({ ...order.patron, libraryId: order.libraryId, preferredLanguage: order.patron.preferredLanguage === 'hu' ? 'hu' : 'el' }, now);
  const checks: OrderCheck[] = [
    account.allowed ? { ok: true, reason: 'check.account_ok' } : { ok: false, reason: staffKey(account.reason) },
    {
      ok: countedAgainstLimit(order.patron, policy) <= policy.holds.borrowingLimit,
      reason: 'check.holds', params: { holds: order.patron.activeHolds, loans: order.patron.loansCount, limit: policy.holds.borrowingLimit },
    },
  ];
  const open = OPEN_STATUSES.includes(order.status);
  if (open) {
    const allHeld = order.items.every((i) => i.holdStatus === 'active' && i.copyStatus === 'held');
    checks.push({ ok: allHeld, reason: allHeld ? 'check.copies_held' : 'check.copies_not_held' });
  }
  if (order.pickupDeadline && open) {
    const d = checkPickupDeadline(order.pickupDeadline, now, zone);
    // The deadline is an instant (the start of the day after the last day); staff read the last day.
    const deadline = localDate(new Date(order.pickupDeadline.getTime() - 1), zone);
    checks.push({ ok: d.allowed, reason: d.allowed ? 'check.deadline_ok' : staffKey(d.reason), dates: { deadline } });
  }
  if (order.status === 'ready' || order.status === 'waiting_outside') {
    const a = checkArrival({ status: order.status, appointments: order.appointments.map((x) => x.startsAt) }, now, zone);
    checks.push(a.allowed ? { ok: true, reason: 'check.arrival_ok' }
      : { ok: false, reason: staffKey(a.reason), ...(a.params?.date ? { dates: { date: String(a.params.date) as LocalDate } } : {}) });
  }
  return checks;
}
