import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyFor } from '../../src/domain/policy/policies';
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
