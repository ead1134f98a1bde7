import { describe, expect, it } from 'vitest';
import { checkErasure } from '../../../src/domain/rules/erasure';

describe('checkErasure', () => {
  it.each([
    [{ openOrders: 0, openIllRequests: 0, unpaid: 0 }, { allowed: true }],
    [{ openOrders: 2, openIllRequests: 1, unpaid: 500 }, { allowed: false, reason: 'patron.erase_open_orders', params: { count: 2 } }],
    [{ openOrders: 0, openIllRequests: 3, unpaid: 500 }, { allowed: false, reason: 'patron.erase_open_ill', params: { count: 3 } }],
    [{ openOrders: 0, openIllRequests: 0, unpaid: 125000 }, { allowed: false, reason: 'patron.erase_unpaid', params: { amount: 125000 } }],
  ])('answers %j with %j', (snapshot, expected) => {
    expect(checkErasure(snapshot)).toEqual(expected);
  });
});
