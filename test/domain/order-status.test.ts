import { describe, expect, it } from 'vitest';
import { checkTransition, ORDER_STATUSES, type OrderStatus } from '../../src/domain/order-status';

const LEGAL: Array<[OrderStatus, OrderStatus]> = [
  ['new', 'preparing'], ['new', 'cancelled'], ['preparing', 'ready'], ['preparing', 'cancelled'],
  ['ready', 'waiting_outside'], ['ready', 'collected'], ['ready', 'cancelled'], ['ready', 'expired'],
  ['waiting_outside', 'collected'], ['waiting_outside', 'ready'], ['waiting_outside', 'cancelled'],
];

describe('checkTransition', () => {
  it.each(LEGAL)('allows %s → %s', (from, to) => {
    expect(checkTransition(from, to, 'reason').allowed).toBe(true);
  });

  const illegal = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]))
    .filter(([from, to]) => !LEGAL.some(([f, t]) => f === from && t === to));

  it.each(illegal)('refuses %s → %s', (from, to) => {
    expect(checkTransition(from, to, 'reason')).toEqual({ allowed: false, reason: 'order.illegal_transition', params: { from, to } });
  });

  it('refuses a cancellation without a reason', () => {
    expect(checkTransition('new', 'cancelled', '  ')).toEqual({ allowed: false, reason: 'order.reason_required' });
  });

  it('covers every pair of statuses', () => {
    expect(LEGAL.length + illegal.length).toBe(ORDER_STATUSES.length ** 2);
  });
});
