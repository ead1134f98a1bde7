import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatronSnapshot } from '../../src/domain/types';
import { ACTIVE_HOLD } from '../../src/persistence/active-hold';
import type { Db } from '../../src/persistence/prisma-client';
import { PrismaPatronRepository } from '../../src/persistence/prisma-patron-repository';
import { freshDb } from '../support/test-db';

// findByCard and snapshot read with one SQL statement of their own (direct-sql.ts): they must
// agree with what Prisma's typed queries read, on SQLite and on PostgreSQL.
let db: Db;
let patrons: PrismaPatronRepository;
beforeEach(async () => { ({ db } = await freshDb()); patrons = new PrismaPatronRepository(db); });
afterEach(async () => { await db.$disconnect(); });

async function throughPrisma(patronId: number): Promise<PatronSnapshot> {
  const row = await db.patron.findUniqueOrThrow({ where: { id: patronId } });
  const activeHolds = await db.hold.count({ where: { ...ACTIVE_HOLD, order: { ...ACTIVE_HOLD.order, patronId } } });
  return {
    id: row.id, libraryId: row.libraryId, name: row.name, status: row.status as PatronSnapshot['status'], cardExpiresAt: row.cardExpiresAt,
    loansCount: row.loansCount, activeHolds, preferredLanguage: row.preferredLanguage as PatronSnapshot['preferredLanguage'],
  };
}

async function addOrder(patronId: number, status: string, holdStatus: string, ref: string): Promise<void> {
  const copy = await db.copy.findFirstOrThrow({ where: { status: 'available', branch: { libraryId: 'kalamaria' } }, orderBy: { id: 'asc' } });
  await db.copy.update({ where: { id: copy.id }, data: { status: 'held' } });
  await db.order.create({
    data: {
      ref, libraryId: 'kalamaria', patronId, status, channel: 'test', language: 'el',
      holds: { create: { copyId: copy.id, recordId: copy.recordId, branchId: copy.branchId, status: holdStatus } },
    },
  });
}

describe('PrismaPatronRepository', () => {
  it('reads a card: the patron as Prisma reads it, and the PIN state', async () => {
    const found = await patrons.findByCard('kalamaria', '1001003');
    expect(found?.patron).toEqual({
      id: expect.any(Number), libraryId: 'kalamaria', name: 'Ελένη Δημητρίου', status: 'active',
      cardExpiresAt: new Date('2030-12-31T00:00:00Z'), loansCount: 8, activeHolds: 1, preferredLanguage: 'el',
    });
    expect(found).toMatchObject({ failedPinCount: 0, pinLockedUntil: null, pinHash: expect.stringMatching(/^hmac-sha256\$[0-9a-f]{8}\$[0-9a-f]{64}$/) });
    expect(found?.patron).toEqual(await throughPrisma(found!.patron.id));
    expect(await patrons.snapshot(found!.patron.id)).toEqual(found?.patron);
  });

  it('counts only the active holds of open orders', async () => {
    const { patron } = (await patrons.findByCard('kalamaria', '1001001'))!;
    await addOrder(patron.id, 'ready', 'active', '7000001');
    await addOrder(patron.id, 'new', 'cancelled', '7000002');
    await addOrder(patron.id, 'collected', 'active', '7000003');
    await addOrder(patron.id, 'waiting_outside', 'active', '7000004');
    const snapshot = await patrons.snapshot(patron.id);
    expect(snapshot?.activeHolds).toBe(2);
    expect(snapshot).toEqual(await throughPrisma(patron.id));
  });

  it('reads a locked card with its lock, and nothing for an unknown card or patron', async () => {
    const until = new Date('2026-11-23T10:15:00.250Z');
    await db.patron.update({ where: { libraryId_cardNumber: { libraryId: 'ozd', cardNumber: '2002001' } }, data: { failedPinCount: 4, pinLockedUntil: until } });
    expect(await patrons.findByCard('ozd', '2002001')).toMatchObject({ failedPinCount: 4, pinLockedUntil: until, patron: { name: 'Kovács Anna', preferredLanguage: 'hu' } });
    expect(await patrons.findByCard('kalamaria', '2002001')).toBeUndefined();
    expect(await patrons.snapshot(999_999)).toBeUndefined();
  });
});
