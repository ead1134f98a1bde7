import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyFor } from '../support/libraries';
import { PlaceOrder } from '../../src/domain/services/place-order';
import type { Db } from '../../src/persistence/prisma-client';
import { PrismaOrderRepository } from '../../src/persistence/prisma-order-repository';
import { freshDb } from '../support/test-db';

// Runs on SQLite and, in `npm run test:postgres`, on PostgreSQL (READ COMMITTED, a pool of
// connections): the guarantees must come from the database rows, not from one process.
const now = new Date('2026-11-23T10:00:00Z');
let db: Db;
beforeEach(async () => { ({ db } = await freshDb()); });
afterEach(async () => { await db.$disconnect(); });

describe('PrismaOrderRepository.placeOrder under concurrency', () => {
  it('gives the last copy to exactly one of 50 patrons confirming at the same moment', async () => {
    const copy = await db.copy.findFirstOrThrow({ where: { record: { title: 'Ο Καπετάν Μιχάλης' }, status: 'available' } });
    expect(await db.copy.count({ where: { recordId: copy.recordId, branchId: copy.branchId, status: 'available' } })).toBe(1);
    const patrons = await Promise.all(Array.from({ length: 50 }, (_, i) => db.patron.create({
      data: {
        libraryId: 'kalamaria', cardNumber: `90000${String(i).padStart(2, '0')}`, pinHash: 'x', name: `Patron ${i}`, phone: '',
        preferredLanguage: 'el', homeBranchId: 'kal-central', status: 'active', cardExpiresAt: new Date('2030-01-01T00:00:00Z'),
      },
    })));
    const place = new PlaceOrder(new PrismaOrderRepository(db), policyFor, () => now);
    const outcomes = await Promise.all(patrons.map((p) => place.run({
      libraryId: 'kalamaria', patronId: p.id, channel: 'test', language: 'el',
      items: [{ recordId: copy.recordId, branchId: copy.branchId }],
    })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.allowed && o.reason === 'hold.copy_taken')).toHaveLength(49);
    expect(await db.hold.count({ where: { copyId: copy.id } })).toBe(1);
    expect(await db.copy.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ status: 'held' });
    expect(await db.order.count({ where: { patronId: { in: patrons.map((p) => p.id) } } })).toBe(1);
  });

  it('never lets one patron confirming 20 baskets at once go over the limit of 10 holds', async () => {
    const patron = await db.patron.findFirstOrThrow({ where: { libraryId: 'kalamaria', cardNumber: '1001001' } });
    expect(patron.loansCount).toBe(0);
    const available = await db.copy.findMany({ where: { status: 'available', branch: { libraryId: 'kalamaria' } }, orderBy: { id: 'asc' } });
    const items = [...new Map(available.map((c) => [`${c.recordId}|${c.branchId}`, { recordId: c.recordId, branchId: c.branchId }])).values()].slice(0, 20);
    expect(items).toHaveLength(20);
    const place = new PlaceOrder(new PrismaOrderRepository(db), policyFor, () => now);
    const outcomes = await Promise.all(items.map((item) => place.run({
      libraryId: 'kalamaria', patronId: patron.id, channel: 'test', language: 'el', items: [item],
    })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
    expect(outcomes.filter((o) => !o.allowed && o.reason === 'hold.limit_reached')).toHaveLength(10);
    expect(await db.hold.count({ where: { status: 'active', order: { patronId: patron.id } } })).toBe(10);
    expect(await db.copy.count({ where: { status: 'held', holds: { some: { order: { patronId: patron.id } } } } })).toBe(10);
  });

  it('lets baskets that list the same two last copies in opposite orders finish without a deadlock', async () => {
    const available = await db.copy.findMany({ where: { status: 'available', branch: { libraryId: 'kalamaria' } } });
    const counts = new Map<string, number>();
    for (const c of available) counts.set(`${c.recordId}|${c.branchId}`, (counts.get(`${c.recordId}|${c.branchId}`) ?? 0) + 1);
    const [a, b] = [...counts].filter(([, n]) => n === 1).map(([key]) => {
      const [recordId, branchId] = key.split('|');
      return { recordId: Number(recordId), branchId: branchId! };
    });
    if (!a || !b) throw new Error('the demo catalogue needs two records with a single available copy');
    const patrons = await Promise.all(Array.from({ length: 12 }, (_, i) => db.patron.create({
      data: {
        libraryId: 'kalamaria', cardNumber: `91000${String(i).padStart(2, '0')}`, pinHash: 'x', name: `Patron ${i}`, phone: '',
        preferredLanguage: 'el', homeBranchId: 'kal-central', status: 'active', cardExpiresAt: new Date('2030-01-01T00:00:00Z'),
      },
    })));
    const place = new PlaceOrder(new PrismaOrderRepository(db), policyFor, () => now);
    const outcomes = await Promise.all(patrons.map((p, i) => place.run({
      libraryId: 'kalamaria', patronId: p.id, channel: 'test', language: 'el', items: i % 2 === 0 ? [a, b] : [b, a],
    })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.allowed && o.reason === 'hold.copy_taken')).toHaveLength(11);
    expect(await db.hold.count({ where: { order: { patronId: { in: patrons.map((p) => p.id) } } } })).toBe(2);
  });
});

describe('PrismaOrderRepository.placeOrder', () => {
  const basketOf = async () => {
    const copy = await db.copy.findFirstOrThrow({ where: { record: { title: 'Ο Καπετάν Μιχάλης' }, status: 'available' } });
    const patron = await db.patron.findFirstOrThrow({ where: { libraryId: 'kalamaria', cardNumber: '1001001' } });
    return { copy, patron, draft: { libraryId: 'kalamaria', patronId: patron.id, channel: 'webchat', language: 'el', items: [{ recordId: copy.recordId, branchId: copy.branchId }] } };
  };

  it('writes the order, its first event and the hold, and marks the copy held', async () => {
    const { copy, patron, draft } = await basketOf();
    const outcome = await new PlaceOrder(new PrismaOrderRepository(db), policyFor, () => now, () => '4444444')
      .run({ ...draft, conversationRef: '{"conversation":{"id":"c-1"}}', requestKey: 'k-1' });
    expect(outcome).toEqual({ allowed: true, orderRef: '4444444', orderId: expect.any(Number) });
    const order = await db.order.findUniqueOrThrow({ where: { ref: '4444444' }, include: { events: true, holds: true } });
    expect(order).toMatchObject({
      patronId: patron.id, libraryId: 'kalamaria', status: 'new', channel: 'webchat', language: 'el', version: 0,
      conversationRef: '{"conversation":{"id":"c-1"}}', requestKey: 'k-1', pickupDeadline: null,
      events: [{ actor: `patron:${patron.id}`, fromStatus: null, toStatus: 'new', note: 'webchat' }],
      holds: [{ copyId: copy.id, recordId: copy.recordId, branchId: copy.branchId, status: 'active' }],
    });
    expect(order.createdAt.getTime()).toBe(order.updatedAt.getTime());
    expect(Math.abs(order.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await db.copy.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ status: 'held' });
    expect(await db.patron.findUniqueOrThrow({ where: { id: patron.id } })).toMatchObject({ version: patron.version + 1 });
  });

  it('draws another reference when the first one is taken', async () => {
    const { draft } = await basketOf();
    const taken = (await db.order.findFirstOrThrow()).ref;
    const refs = [taken, '5555555'];
    const outcome = await new PlaceOrder(new PrismaOrderRepository(db), policyFor, () => now, () => refs.shift()!).run(draft);
    expect(outcome).toMatchObject({ allowed: true, orderRef: '5555555' });
    expect(await db.order.count({ where: { ref: taken } })).toBe(1);
  });

  it('finds the order of a request key again instead of writing a second one', async () => {
    const { draft } = await basketOf();
    const place = new PlaceOrder(new PrismaOrderRepository(db), policyFor, () => now);
    const first = await place.run({ ...draft, requestKey: 'k-2' });
    const again = await place.run({ ...draft, requestKey: 'k-2' });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await db.order.count({ where: { requestKey: 'k-2' } })).toBe(1);
  });

  it('writes nothing when the limits refuse the basket', async () => {
    const { patron, draft } = await basketOf();
    await db.patron.update({ where: { id: patron.id }, data: { loansCount: 10 } });
    const before = await db.order.count();
    const outcome = await new PlaceOrder(new PrismaOrderRepository(db), policyFor, () => now).run(draft);
    expect(outcome).toMatchObject({ allowed: false, reason: 'hold.limit_reached' });
    expect(await db.order.count()).toBe(before);
    expect(await db.patron.findUniqueOrThrow({ where: { id: patron.id } })).toMatchObject({ version: patron.version });
  });
});
