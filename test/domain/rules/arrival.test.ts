import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../src/domain/order-status';
import { checkArrival } from '../../../src/domain/rules/arrival';

const now = new Date('2026-11-27T08:00:00Z'); // Friday 10:00 in Athens
const zone = 'Europe/Athens';

describe('checkArrival', () => {
  it.each<[string, OrderStatus, string[], boolean, string | undefined]>([
    ['ready, no appointment (to be phoned)', 'ready', [], true, undefined],
    ['ready, appointment today', 'ready', ['2026-11-27T09:00:00Z'], true, undefined],
    ['ready, appointment late tonight Athens time (still today)', 'ready', ['2026-11-27T21:30:00Z'], true, undefined],
    ['ready, appointment tomorrow', 'ready', ['2026-11-28T08:00:00Z'], false, 'arrival.not_today'],
    ['already waiting outside (said it twice)', 'waiting_outside', [], true, undefined],
    ['still being prepared', 'preparing', ['2026-11-27T09:00:00Z'], false, 'arrival.not_ready'],
    ['new', 'new', [], false, 'arrival.not_ready'],
    ['collected', 'collected', [], false, 'arrival.not_ready'],
  ])('%s', (_name, status, appointments, allowed, reason) => {
    const decision = checkArrival({ status, appointments: appointments.map((a) => new Date(a)) }, now, zone);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toBe(reason);
  });

  it('names the appointment day when the patron comes on the wrong day', () => {
    expect(checkArrival({ status: 'ready', appointments: [new Date('2026-11-30T08:00:00Z')] }, now, zone))
      .toEqual({ allowed: false, reason: 'arrival.not_today', params: { date: '2026-11-30' } });
  });
});
