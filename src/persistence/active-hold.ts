import { OPEN_STATUSES } from '../domain/order-status';

/** Order statuses whose holds still count against the patron's limit and keep the copy. */
export const OPEN_ORDER_STATUSES: string[] = [...OPEN_STATUSES];
export const ACTIVE_HOLD = { status: 'active', order: { status: { in: OPEN_ORDER_STATUSES } } } as const;
