import { allow, refuse, type Decision } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import { addDays, localDate, type LocalDate } from './local-time';
import { daysBetween } from './ill-costs';

export type IllCollectionRefusal = 'ill.collection_window_passed';
export type IllSendBackRefusal = 'ill.collection_window_open';

/**
 * The last library-local day an arrived document waits for the reader: arrival + 7 days
 * (seeds/004: "legfeljebb 1 hétig őrizhető").
 *
 * @example collectionDeadline(new Date('2026-11-24T09:00:00Z'), ozdPolicy) === '2026-12-01'
 */
export function collectionDeadline(arrivedAt: Date, policy: LibraryPolicy): LocalDate {
  return addDays(localDate(arrivedAt, policy.timezone), policy.ill.holdDays);
}

/** Whether the reader may still collect: up to and including the deadline day (day 7), not day 8. */
export function checkIllCollection(arrivedAt: Date, now: Date, policy: LibraryPolicy): Decision<IllCollectionRefusal> {
  const deadline = collectionDeadline(arrivedAt, policy);
  return daysBetween(deadline, localDate(now, policy.timezone)) <= 0 ? allow() : refuse('ill.collection_window_passed', { deadline });
}

/** Whether staff may send an uncollected document back: only once the week is over. */
export function checkIllSendBack(arrivedAt: Date, now: Date, policy: LibraryPolicy): Decision<IllSendBackRefusal> {
  const deadline = collectionDeadline(arrivedAt, policy);
  return daysBetween(deadline, localDate(now, policy.timezone)) > 0 ? allow() : refuse('ill.collection_window_open', { deadline });
}
