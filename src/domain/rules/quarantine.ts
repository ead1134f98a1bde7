import { allow, refuse, type Decision } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import { addDays, instantAt, localDate } from './local-time';

export type QuarantineRefusal = 'copy.in_quarantine';

/**
 * When a returned copy may be lent again. seeds/000: returns go into the entrance boxes "to be
 * quarantined". A copy spends `quarantineDays` whole days in quarantine after the day it was
 * returned and is available from the start of the next day; with 0 days, at once.
 *
 * @example quarantineEndsAt(fridayMorning, kalamariaPolicy) // Tuesday 00:00 Athens (Sat, Sun, Mon in quarantine)
 */
export function quarantineEndsAt(returnedAt: Date, policy: LibraryPolicy): Date {
  if (policy.quarantineDays === 0) return returnedAt;
  const returnDay = localDate(returnedAt, policy.timezone);
  return instantAt(addDays(returnDay, policy.quarantineDays + 1), 0, policy.timezone);
}

/** Whether a copy returned at `returnedAt` may be available again at `now`. */
export function checkQuarantineOver(returnedAt: Date, now: Date, policy: LibraryPolicy): Decision<QuarantineRefusal> {
  const ends = quarantineEndsAt(returnedAt, policy);
  return now.getTime() >= ends.getTime() ? allow() : refuse('copy.in_quarantine', { until: localDate(ends, policy.timezone) });
}
