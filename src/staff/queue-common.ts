import type { Refusal } from '../domain/decision';
import { isOrderStatus, nextStatuses, OPEN_STATUSES, type OrderStatus } from '../domain/order-status';
import type { OrderView } from '../domain/ports/staff-order-repository';
import { isLocalDate, type LocalDate } from '../domain/rules/local-time';
import type { PickupAssembly } from './pickup-services';
import type { StaffAuth, StaffSession } from './staff-auth';
import type { staffPages } from './staff-request';

export const REF = /^\d{7}$/;

/** What the queue's route modules share: built once here, passed to each. */
export interface QueueRouteContext {
  pickup: PickupAssembly;
  auth: StaffAuth;
  pages: ReturnType<typeof staffPages>;
  calendarUrl(token: string): string;
  actor(s: StaffSession): string;
  /** An order of the staff member's own library: another library's reference is simply not found. */
  findOrder(s: StaffSession, ref: unknown): Promise<OrderView | undefined>;
  /** A refusal in the staff member's language, statuses named as staff know them. */
  refusalText(s: StaffSession, r: Refusal<string>): string;
  /** Whether the library's holds go to its own system (issue 20): the order page shows each hold's ILS id. */
  usesIls(libraryId: string): boolean;
}


/**
 * The `day` of a query: absent (or left empty in the filter form), a real day, or not a day at
 * all ("9999-99-99" once reached the date arithmetic and came back as a 500).
 */
export function dayOf(query: Record<string, unknown>): { ok: true; day?: LocalDate } | { ok: false } {
  const { day } = query;
  if (day === undefined || day === '') return { ok: true };
  return typeof day === 'string' && isLocalDate(day) ? { ok: true, day } : { ok: false };
}

export function statusesOf(filter: string | undefined): OrderStatus[] | undefined {
  if (filter === 'all') return undefined;
  if (filter && isOrderStatus(filter)) return [filter];
  return [...OPEN_STATUSES];
}

/** The queue filter of a page or API query: the same three fields everywhere. */
export function queueFilter(query: Record<string, unknown>) {
  const day = dayOf(query);
  return {
    day,
    filter: {
      status: typeof query.status === 'string' && (query.status === 'all' || isOrderStatus(query.status)) ? query.status : undefined,
      branch: typeof query.branch === 'string' && query.branch ? query.branch : undefined,
      day: day.ok ? day.day : undefined,
    },
  };
}

export function statusFor(reason: string): number {
  if (reason === 'order.not_found') return 404;
  if (reason === 'order.changed' || reason === 'pickup.slot_full') return 409;
  return 422;
}

export function orderJson(order: OrderView, calendarUrl: (token: string) => string) {
  const { id: _id, patron, appointments, ...rest } = order;
  return {
    ...rest, nextStatuses: nextStatuses(order.status),
    patron: { name: patron.name, cardNumber: patron.cardNumber, phone: patron.phone, status: patron.status, activeHolds: patron.activeHolds, loansCount: patron.loansCount },
    appointments: appointments.map(({ icsToken, orderId: _o, ...a }) => ({ ...a, calendarUrl: calendarUrl(icsToken) })),
  };
}
