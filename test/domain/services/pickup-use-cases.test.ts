import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationRequest, PatronNotifier } from '../../../src/domain/ports/patron-notifier';
import type { Db } from '../../../src/persistence/prisma-client';
import { createPickupServices } from '../../../src/staff/pickup-services';
import { anOrder } from '../../staff/staff-support';
import { freshDb } from '../../support/test-db';
import { kalamariaPolicy } from '../../support/libraries';

let db: Db;
let clock: Date;
let sent: NotificationRequest[];
let pickup: ReturnType<typeof createPickupServices>;
const notifier: PatronNotifier = { notify: async (r) => { sent.push(r); } };

beforeEach(async () => {
  ({ db } = await freshDb());
  clock = new Date('2026-11-23T08:00:00Z'); // Monday 10:00 Athens
  sent = [];
  pickup = createPickupServices(db, () => clock, { notifier });
});
afterEach(async () => { await db.$disconnect(); });

const friday11 = new Date('2026-11-27T09:00:00Z'); // 11:00 Athens, Central takes 2 patrons per slot

describe('BookAppointment', () => {
  it('gives the last place of a slot to exactly one of several patrons booking at once', async () => {
    const titles = ['Ο Καπετάν Μιχάλης', 'Βίος και πολιτεία του Αλέξη Ζορμπά', 'Το τρίτο στεφάνι'];
    const refs = ['1000025', '1000033', '1000041'];
    for (const [i, ref] of refs.entries()) await anOrder(db, { library: 'kalamaria', card: '1001001', ref, title: titles[i] });
    const copies = await db.hold.findMany({ where: { order: { ref: { in: refs } } }, select: { branchId: true } });
    expect(copies.every((c) => c.branchId === 'kal-central')).toBe(true);
    const results = await Promise.all(refs.map((ref) => pickup.bookAppointment.run({ libraryId: 'kalamaria', ref, branchId: 'kal-central', startsAt: friday11, actor: 'staff:1' })));
    expect(results.filter((r) => r.allowed)).toHaveLength(2);
    const loser = results.find((r) => !r.allowed);
    expect(loser).toMatchObject({ allowed: false, reason: 'pickup.slot_full' });
    expect(loser && !loser.allowed && loser.alternatives.map((d) => d.toISOString())).toEqual(['2026-11-27T08:45:00.000Z', '2026-11-27T09:15:00.000Z']);
    expect(await db.appointment.count({ where: { startsAt: friday11, status: 'booked' } })).toBe(2);
  });

  it('moves an appointment: the old seat is freed and the history says so', async () => {
    await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', title: 'Ο Καπετάν Μιχάλης' });
    const first = await pickup.bookAppointment.run({ libraryId: 'kalamaria', ref: '1000025', branchId: 'kal-central', startsAt: friday11, actor: 'patron:1' });
    expect(first.allowed).toBe(true);
    const later = new Date('2026-11-27T10:00:00Z');
    expect((await pickup.bookAppointment.run({ libraryId: 'kalamaria', ref: '1000025', branchId: 'kal-central', startsAt: later, actor: 'patron:1' })).allowed).toBe(true);
    const rows = await db.appointment.findMany({ where: { order: { ref: '1000025' } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.startsAt.toISOString(), r.status, r.seat])).toEqual([
      ['2026-11-27T09:00:00.000Z', 'cancelled', null], ['2026-11-27T10:00:00.000Z', 'booked', 1],
    ]);
    const notes = (await db.orderEvent.findMany({ where: { order: { ref: '1000025' } } })).map((e) => e.note);
    expect(notes).toContain('appointment kal-central 2026-11-27T10:00:00.000Z (moved from 2026-11-27T09:00:00.000Z)');
  });

  it('refuses a branch the order does not pick up from, and another library\'s order', async () => {
    await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', title: 'Ο Καπετάν Μιχάλης' });
    expect(await pickup.bookAppointment.run({ libraryId: 'kalamaria', ref: '1000025', branchId: 'kal-child-b', startsAt: friday11, actor: 'staff:1' }))
      .toMatchObject({ allowed: false, reason: 'pickup.not_pickup_branch' });
    expect(await pickup.bookAppointment.run({ libraryId: 'ozd', ref: '1000025', branchId: 'kal-central', startsAt: friday11, actor: 'staff:2' }))
      .toMatchObject({ allowed: false, reason: 'order.not_found' });
  });
});

describe('BookAppointment with pickup.onePerDay (issue 19)', () => {
  const book = (services: typeof pickup, ref: string, startsAt: Date) =>
    services.bookAppointment.run({ libraryId: 'kalamaria', ref, branchId: 'kal-central', startsAt, actor: 'patron:1' });
  const twoOrders = async () => {
    await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', title: 'Ο Καπετάν Μιχάλης' });
    await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000033', title: 'Βίος και πολιτεία του Αλέξη Ζορμπά' });
  };

  it('off (Kalamaria, today\'s rule): one patron\'s two orders may each have an appointment on the same day', async () => {
    expect(kalamariaPolicy.pickup.onePerDay).toBe(false);
    await twoOrders();
    expect((await book(pickup, '1000025', friday11)).allowed).toBe(true);
    expect((await book(pickup, '1000033', new Date('2026-11-27T10:00:00Z'))).allowed).toBe(true);
  });

  it('on: a second appointment of the patron that day is refused, with slots on other days instead; moving the same one within the day is allowed', async () => {
    const onePerDay = { ...kalamariaPolicy, pickup: { ...kalamariaPolicy.pickup, onePerDay: true } };
    const strict = createPickupServices(db, () => clock, { notifier, policyFor: () => onePerDay });
    await twoOrders();
    expect((await book(strict, '1000025', friday11)).allowed).toBe(true);
    const second = await book(strict, '1000033', new Date('2026-11-27T10:00:00Z'));
    expect(second).toMatchObject({ allowed: false, reason: 'pickup.one_per_day', params: { date: '2026-11-27' } });
    // The nearest free slots not on Friday: Thursday's last two (Central is closed at the weekend).
    expect(!second.allowed && second.alternatives.map((d) => d.toISOString())).toEqual(['2026-11-26T12:00:00.000Z', '2026-11-26T12:15:00.000Z']);
    expect((await book(strict, '1000033', new Date('2026-11-30T08:00:00Z'))).allowed).toBe(true);
    // The first order moves to another hour of the same Friday: its own appointment does not count.
    expect((await book(strict, '1000025', new Date('2026-11-27T11:00:00Z'))).allowed).toBe(true);
    expect(await db.appointment.count({ where: { status: 'booked' } })).toBe(2);
  });
});

describe('TransitionOrder', () => {
  it('sets the hold-shelf deadline when the order becomes ready and tells the patron', async () => {
    const order = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', status: 'preparing', title: 'Ο Καπετάν Μιχάλης' });
    const result = await pickup.transitionOrder.run({ libraryId: 'kalamaria', ref: '1000025', to: 'ready', actor: 'staff:1', expectedVersion: 0 });
    expect(result.allowed).toBe(true);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).pickupDeadline?.toISOString()).toBe('2026-11-28T22:00:00.000Z');
    expect(sent).toEqual([{ kind: 'ready', orderId: order.id }]);
  });

  it('lends the copies when collected: loans go up, the hold and copy follow', async () => {
    const order = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', status: 'ready', title: 'Ο Καπετάν Μιχάλης' });
    expect((await pickup.transitionOrder.run({ libraryId: 'kalamaria', ref: '1000025', to: 'collected', actor: 'staff:1', expectedVersion: 0 })).allowed).toBe(true);
    const hold = await db.hold.findFirstOrThrow({ where: { orderId: order.id }, include: { copy: true } });
    expect([hold.status, hold.copy.status]).toEqual(['collected', 'on_loan']);
    expect((await db.patron.findUniqueOrThrow({ where: { id: order.patronId } })).loansCount).toBe(1);
    expect(sent).toEqual([]);
  });

  it('does not tell patrons about their own cancellation, and refuses someone else\'s order', async () => {
    const order = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', title: 'Ο Καπετάν Μιχάλης' });
    expect(await pickup.transitionOrder.run({ libraryId: 'kalamaria', ref: '1000025', to: 'cancelled', actor: 'patron:3', note: 'by_patron', patronId: 3 }))
      .toMatchObject({ allowed: false, reason: 'order.not_found' });
    expect((await pickup.transitionOrder.run({ libraryId: 'kalamaria', ref: '1000025', to: 'cancelled', actor: `patron:${order.patronId}`, note: 'by_patron', patronId: order.patronId })).allowed).toBe(true);
    expect(sent).toEqual([]);
  });
});

describe('ExpireOrders', () => {
  it('reminds once within 24 hours of the deadline, then expires the order and releases its copies', async () => {
    const order = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', status: 'preparing', title: 'Ο Καπετάν Μιχάλης' });
    await pickup.transitionOrder.run({ libraryId: 'kalamaria', ref: '1000025', to: 'ready', actor: 'staff:1' });
    sent = [];
    clock = new Date('2026-11-27T12:00:00Z'); // 34 hours before the deadline (Sat 28 Nov, end of day Athens)
    expect(await pickup.expireOrders.run()).toEqual({ expired: [], reminded: [] });
    clock = new Date('2026-11-28T08:00:00Z');
    expect(await pickup.expireOrders.run()).toEqual({ expired: [], reminded: ['1000025'] });
    expect(sent).toEqual([{ kind: 'expiring', orderId: order.id, once: true }]);
    clock = new Date('2026-11-28T22:00:00Z');
    expect(await pickup.expireOrders.run()).toEqual({ expired: ['1000025'], reminded: [] });
    expect(await pickup.expireOrders.run()).toEqual({ expired: [], reminded: [] });
    const after = await db.order.findUniqueOrThrow({ where: { id: order.id }, include: { holds: { include: { copy: true } }, events: { orderBy: { id: 'asc' } } } });
    expect(after.status).toBe('expired');
    expect(after.holds.map((h) => [h.status, h.copy.status])).toEqual([['expired', 'available']]);
    expect(after.events.at(-1)).toMatchObject({ actor: 'system', fromStatus: 'ready', toStatus: 'expired', note: 'pickup_deadline_passed' });
    expect(sent.at(-1)).toEqual({ kind: 'expired', orderId: order.id });
  });
});

describe('appointment capacity in the database', () => {
  it('refuses a second booked appointment in the same seat of a slot (unique index), whatever the code does', async () => {
    const a = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', title: 'Ο Καπετάν Μιχάλης' });
    const b = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000033', title: 'Το τρίτο στεφάνι' });
    const row = (orderId: number, token: string) => ({
      orderId, libraryId: 'kalamaria', branchId: 'kal-central', startsAt: friday11, endsAt: new Date(friday11.getTime() + 900_000),
      seat: 1, status: 'booked', icsToken: token, bookedBy: 'test',
    });
    await db.appointment.create({ data: row(a.id, 'token-aaaaaaaaaaaaaaaa') });
    await expect(db.appointment.create({ data: row(b.id, 'token-bbbbbbbbbbbbbbbb') })).rejects.toMatchObject({ code: 'P2002' });
  });
});
