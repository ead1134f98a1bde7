import { allow, refuse, type Decision } from '../decision';
import type { OrderStatus } from '../order-status';
import { localDate } from './local-time';

export type ArrivalRefusal = 'arrival.not_ready' | 'arrival.not_today';

export interface ArrivalSnapshot {
  status: OrderStatus;
  /** Starts of the order's booked appointments. */
  appointments: readonly Date[];
}

/**
 * Whether a patron who says "I am at the entrance" can be handed this order now (seeds/000:
 * handover at the entrance). Only a prepared order can be brought out; with an appointment,
 * only on its day, so staff are not called out for a pickup planned for next week.
 *
 * @example checkArrival({ status: 'preparing', appointments: [] }, now, 'Europe/Athens') // refuse('arrival.not_ready')
 */
export function checkArrival(order: ArrivalSnapshot, now: Date, timeZone: string): Decision<ArrivalRefusal> {
  if (order.status === 'waiting_outside') return allow();
  if (order.status !== 'ready') return refuse('arrival.not_ready');
  if (order.appointments.length === 0) return allow();
  const today = localDate(now, timeZone);
  const days = order.appointments.map((a) => localDate(a, timeZone)).sort();
  if (days.includes(today)) return allow();
  const next = days.find((d) => d > today) ?? days[days.length - 1]!;
  return refuse('arrival.not_today', { date: next });
}
