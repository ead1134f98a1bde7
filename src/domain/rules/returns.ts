import { allow, refuse, type Decision } from '../decision';
import type { BranchPolicy, LibraryPolicy } from '../policy/library-policy';
import { addDays, localDate, localMinutes, minutesOf, weekdayOf, type LocalDate } from './local-time';

export type ReturnRefusal = 'returns.not_return_day' | 'returns.closed';

/**
 * Whether a branch takes returns at `now`. seeds/000: the children's branches take returns
 * every opening day; the Central Library only on Fridays, because it has no room to keep
 * returned books in quarantine otherwise. Returns go into the box at the entrance, so the
 * branch must be open.
 *
 * @example checkReturnDay(kalamariaPolicy, 'kal-central', thursdayNoon) // refuse('returns.not_return_day', { next: '2026-11-27' })
 */
export function checkReturnDay(policy: LibraryPolicy, branchId: string, now: Date): Decision<ReturnRefusal> {
  const branch = branchOf(policy, branchId);
  const today = localDate(now, policy.timezone);
  if (!branch.returnDays.includes(weekdayOf(today)) || policy.holidays.includes(today)) {
    return refuse('returns.not_return_day', { next: nextReturnDay(policy, branchId, addDays(today, 1)) ?? '' });
  }
  const minute = localMinutes(now, policy.timezone);
  const open = (branch.openingHours[weekdayOf(today)] ?? []).some(([from, to]) => minute >= minutesOf(from) && minute < minutesOf(to));
  return open ? allow() : refuse('returns.closed');
}

/** The first day from `from` (inclusive) on which the branch takes returns and is open. */
export function nextReturnDay(policy: LibraryPolicy, branchId: string, from: LocalDate): LocalDate | undefined {
  const branch = branchOf(policy, branchId);
  for (let i = 0; i < 366; i++) {
    const day = addDays(from, i);
    const weekday = weekdayOf(day);
    if (branch.returnDays.includes(weekday) && branch.openingHours[weekday] && !policy.holidays.includes(day)) return day;
  }
  return undefined;
}

export function branchOf(policy: LibraryPolicy, branchId: string): BranchPolicy {
  const branch = policy.branches[branchId];
  if (!branch) throw new Error(`branch '${branchId}' is not in the policy of '${policy.libraryId}'`);
  return branch;
}
