import { allow, refuse, type Decision } from './decision';

/**
 * An order's life: the bot creates it `new`; staff prepare it and stage the items (`ready`,
 * appointment confirmed); on the day the patron says they are at the entrance
 * (`waiting_outside`, seeds/000: handover at the entrance); staff hand it over (`collected`).
 * It can be `cancelled` (patron or staff, with a reason) or `expired` (not collected by the
 * hold-shelf deadline; its copies are released).
 */
export const ORDER_STATUSES = ['new', 'preparing', 'ready', 'waiting_outside', 'collected', 'cancelled', 'expired'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const OPEN_STATUSES: readonly OrderStatus[] = ['new', 'preparing', 'ready', 'waiting_outside'];

const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  new: ['preparing', 'cancelled'],
  preparing: ['ready', 'cancelled'],
  ready: ['waiting_outside', 'collected', 'cancelled', 'expired'],
  waiting_outside: ['collected', 'ready', 'cancelled'],
  collected: [],
  cancelled: [],
  expired: [],
};

export type TransitionRefusal = 'order.illegal_transition' | 'order.reason_required';

/**
 * Whether an order may move from one status to another. Cancelling always needs a reason,
 * which staff and the patron's notification both show.
 *
 * @example checkTransition('new', 'collected') // refuse('order.illegal_transition', …)
 */
export function checkTransition(from: OrderStatus, to: OrderStatus, note?: string): Decision<TransitionRefusal> {
  if (!TRANSITIONS[from].includes(to)) return refuse('order.illegal_transition', { from, to });
  if (to === 'cancelled' && !note?.trim()) return refuse('order.reason_required');
  return allow();
}

export function nextStatuses(from: OrderStatus): readonly OrderStatus[] {
  return TRANSITIONS[from];
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}
