import type { LibraryPolicy } from '../policy/library-policy';
import { localDate, localMinutes, minutesOf, weekdayOf } from './local-time';

/**
 * Whether staff answer the library's telephone at `now`: inside `phoneHours` (library-local
 * time) and not on a holiday. Outside them a caller asking for staff is offered a call back.
 * @example phoneDeskOpen(kalamariaPolicy, new Date('2026-11-23T09:00:00Z')) // Monday 11:00 in Athens → true
 */
export function phoneDeskOpen(policy: Pick<LibraryPolicy, 'timezone' | 'phoneHours' | 'holidays'>, now: Date): boolean {
  const date = localDate(now, policy.timezone);
  if (policy.holidays.includes(date)) return false;
  const minutes = localMinutes(now, policy.timezone);
  return (policy.phoneHours[weekdayOf(date)] ?? []).some(([from, to]) => minutes >= minutesOf(from) && minutes < minutesOf(to));
}
