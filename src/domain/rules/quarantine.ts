import { allow, refuse, type Decision } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import { addDays, instantAt, localDate } from './local-time';

export type QuarantineRefusal = 'copy.in_quarantine';

/**
 * Days a copy returned to `branchId` stays in quarantine: the branch's own `quarantineDays`,
 * else the library's (a branch not in the policy, or none given, gets the library's).
 *
 * @example quarantineDaysAt({ ...policy, quarantineDays: 3, branches: { b: { ...branch, quarantineDays: 0 } } }, 'b') === 0
 */
export function quarantineDaysAt(policy: LibraryPolicy, branchId?: string): number {
  return (branchId === undefined ? undefined : policy.branches[branchId]?.quarantineDays) ?? policy.quarantineDays;
}

/**
 * When a copy returned to `branchId` may be lent again. seeds/000: returns go into the entrance boxes "to be
 * quarantined". A copy spends `quarantineDays` (quarantineDaysAt) whole days in quarantine after the day it was
 * returned and is available from the start of the next day; with 0 days, at once.
 *
 * @example quarantineEndsAt(fridayMorning, kalamariaPolicy) // Tuesday 00:00 Athens (Sat, Sun, Mon in quarantine)
 */
export function quarantineEndsAt(returnedAt: Date, policy: LibraryPolicy, branchId?: string): Date {
  const days = quarantineDaysAt(policy, branchId);
  if (days === 0) return returnedAt;
  const returnDay = localDate(returnedAt, policy.timezone);
  return instantAt(addDays(returnDay, days + 1), 0, policy.timezone);
}

/** Whether a copy returned at `returnedAt` to `branchId` may be available again at `now`. */
export function checkQuarantineOver(returnedAt: Date, now: Date, policy: LibraryPolicy, branchId?: string): Decision<QuarantineRefusal> {
  const ends = quarantineEndsAt(returnedAt, policy, branchId);
  return now.getTime() >= ends.getTime() ? allow() : refuse('copy.in_quarantine', { until: localDate(ends, policy.timezone) });
}
