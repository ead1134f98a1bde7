import { allow, refuse, type Decision } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import { addDays, instantAt, localDate, localMinutes, minutesOf, weekdayOf, type LocalDate } from './local-time';
import { branchOf } from './returns';

export type SlotRefusal =
  | 'pickup.closed' | 'pickup.holiday' | 'pickup.too_soon' | 'pickup.too_far' | 'pickup.not_a_slot' | 'pickup.slot_full';

/** Appointments already booked, keyed by slot start (epoch milliseconds). */
export type BookedSlots = ReadonlyMap<number, number>;

/**
 * The pickup slots of a branch on a library-local day, the model Koha's curbside pickup uses:
 * the opening intervals cut into `slotMinutes` pieces, each taking `patronsPerSlot` patrons.
 * A slot must end by closing time. Closed days and holidays have none.
 *
 * @example daySlots(kalamariaPolicy, 'kal-central', '2026-11-27')[0] // 08:30 Athens = 06:30Z
 */
export function daySlots(policy: LibraryPolicy, branchId: string, date: LocalDate): Date[] {
  if (policy.holidays.includes(date)) return [];
  const intervals = branchOf(policy, branchId).openingHours[weekdayOf(date)] ?? [];
  const length = policy.pickup.slotMinutes;
  const slots: Date[] = [];
  for (const [from, to] of intervals) {
    for (let m = minutesOf(from); m + length <= minutesOf(to); m += length) slots.push(instantAt(date, m, policy.timezone));
  }
  return slots;
}

/**
 * Whether a patron may book the slot starting at `start`, given how many are already booked in
 * it. The same rule answers the bot and the staff page; the repository enforces the capacity
 * again when it writes, so two patrons cannot both take the last place.
 *
 * @example checkSlot(kalamariaPolicy, 'kal-central', fridayAt11, 2, now) // refuse('pickup.slot_full') with 2 per slot
 */
export function checkSlot(policy: LibraryPolicy, branchId: string, start: Date, booked: number, now: Date): Decision<SlotRefusal> {
  const date = localDate(start, policy.timezone);
  // Past the horizon first: "closed for a holiday" about Christmas a month away would send the
  // patron looking for another day that month, when no day that far can be booked at all.
  if (date > lastBookableDay(policy, now)) return refuse('pickup.too_far', { count: policy.pickup.horizonDays });
  if (policy.holidays.includes(date)) return refuse('pickup.holiday', { date });
  const intervals = branchOf(policy, branchId).openingHours[weekdayOf(date)] ?? [];
  const minute = localMinutes(start, policy.timezone);
  if (!intervals.some(([from, to]) => minute >= minutesOf(from) && minute < minutesOf(to))) return refuse('pickup.closed', { date });
  if (!daySlots(policy, branchId, date).some((s) => s.getTime() === start.getTime())) return refuse('pickup.not_a_slot');
  if (start.getTime() < earliestStart(policy, now).getTime()) return refuse('pickup.too_soon', { count: policy.pickup.minNoticeHours });
  if (booked >= policy.pickup.patronsPerSlot) return refuse('pickup.slot_full');
  return allow();
}

export type OnePerDayRefusal = 'pickup.one_per_day';

/**
 * `pickup.onePerDay`: whether the patron may book a slot starting at `start` when they already
 * have appointments at `patronBooked` (their other appointments, not the one this booking
 * replaces). Allowed whenever the library does not set it.
 *
 * @example checkOnePerDay({ ...policy, pickup: { ...policy.pickup, onePerDay: true } }, friday11, [friday9]) // refuse('pickup.one_per_day')
 */
export function checkOnePerDay(policy: LibraryPolicy, start: Date, patronBooked: readonly Date[]): Decision<OnePerDayRefusal> {
  if (!policy.pickup.onePerDay) return allow();
  const date = localDate(start, policy.timezone);
  return patronBooked.some((b) => localDate(b, policy.timezone) === date) ? refuse('pickup.one_per_day', { date }) : allow();
}

/**
 * The next `limit` free slots from `from` (default: the earliest bookable instant), one per
 * distinct time, in order.
 */
export function freeSlots(policy: LibraryPolicy, branchId: string, now: Date, booked: BookedSlots, limit: number, from?: Date): Date[] {
  const out: Date[] = [];
  const after = Math.max(earliestStart(policy, now).getTime(), from?.getTime() ?? 0);
  for (const date of bookableDays(policy, now)) {
    for (const slot of daySlots(policy, branchId, date)) {
      if (slot.getTime() < after) continue;
      if (checkSlot(policy, branchId, slot, booked.get(slot.getTime()) ?? 0, now).allowed) out.push(slot);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** Free slots on one local day (for "την Παρασκευή" without a time). */
export function freeSlotsOn(policy: LibraryPolicy, branchId: string, date: LocalDate, now: Date, booked: BookedSlots): Date[] {
  return daySlots(policy, branchId, date).filter((s) => checkSlot(policy, branchId, s, booked.get(s.getTime()) ?? 0, now).allowed);
}

/**
 * The free slots closest to what the patron asked for, nearest first (earlier wins a tie):
 * what the bot proposes when the wanted time is taken or falls outside the opening hours.
 */
export function nearestFreeSlots(policy: LibraryPolicy, branchId: string, wanted: Date, now: Date, booked: BookedSlots, limit: number): Date[] {
  const all: Date[] = [];
  for (const date of bookableDays(policy, now)) all.push(...freeSlotsOn(policy, branchId, date, now, booked));
  return all
    .map((slot) => ({ slot, distance: Math.abs(slot.getTime() - wanted.getTime()) }))
    .sort((a, b) => a.distance - b.distance || a.slot.getTime() - b.slot.getTime())
    .slice(0, limit)
    .map((s) => s.slot)
    .sort((a, b) => a.getTime() - b.getTime());
}

export function earliestStart(policy: LibraryPolicy, now: Date): Date {
  return new Date(now.getTime() + policy.pickup.minNoticeHours * 3_600_000);
}

/** The last library-local day a pickup may be booked for. */
export function lastBookableDay(policy: LibraryPolicy, now: Date): LocalDate {
  return addDays(localDate(now, policy.timezone), policy.pickup.horizonDays);
}

function bookableDays(policy: LibraryPolicy, now: Date): LocalDate[] {
  const today = localDate(now, policy.timezone);
  return Array.from({ length: policy.pickup.horizonDays + 1 }, (_, i) => addDays(today, i));
}
