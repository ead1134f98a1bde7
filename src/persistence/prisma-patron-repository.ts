import type { PatronCredentials, PatronRepository } from '../domain/ports/patron-repository';
import type { Language, PatronSnapshot, PatronStatus } from '../domain/types';
import type { Patron } from '../generated/prisma/client';
import { ACTIVE_HOLD } from './active-hold';
import type { Db } from './prisma-client';

type Tx = Pick<Db, 'patron' | 'hold'>;

export class PrismaPatronRepository implements PatronRepository {
  constructor(private readonly db: Db) {}

  async findByCard(libraryId: string, cardNumber: string): Promise<PatronCredentials | undefined> {
    const row = await this.db.patron.findUnique({ where: { libraryId_cardNumber: { libraryId, cardNumber } } });
    if (!row) return undefined;
    return { patron: await toSnapshot(this.db, row), pinHash: row.pinHash, failedPinCount: row.failedPinCount, pinLockedUntil: row.pinLockedUntil };
  }

  async snapshot(patronId: number): Promise<PatronSnapshot | undefined> {
    return loadSnapshot(this.db, patronId);
  }

  async phone(patronId: number): Promise<string | undefined> {
    const row = await this.db.patron.findUnique({ where: { id: patronId }, select: { phone: true } });
    return row?.phone || undefined;
  }

  async recordFailedPin(patronId: number, lockUntil: Date | null): Promise<number> {
    // A lockout starts a fresh count, so the next failure after it expires locks again at once
    // only if it is the fifth in a row after the lock.
    const row = await this.db.patron.update({
      where: { id: patronId },
      data: lockUntil ? { failedPinCount: 0, pinLockedUntil: lockUntil } : { failedPinCount: { increment: 1 } },
    });
    return row.failedPinCount;
  }

  async resetFailedPins(patronId: number): Promise<void> {
    await this.db.patron.update({ where: { id: patronId }, data: { failedPinCount: 0, pinLockedUntil: null } });
  }
}

export async function loadSnapshot(db: Tx, patronId: number): Promise<PatronSnapshot | undefined> {
  const row = await db.patron.findUnique({ where: { id: patronId } });
  return row ? toSnapshot(db, row) : undefined;
}

async function toSnapshot(db: Tx, row: Patron): Promise<PatronSnapshot> {
  const activeHolds = await db.hold.count({ where: { ...ACTIVE_HOLD, order: { ...ACTIVE_HOLD.order, patronId: row.id } } });
  return {
    id: row.id,
    libraryId: row.libraryId,
    name: row.name,
    status: row.status as PatronStatus,
    cardExpiresAt: row.cardExpiresAt,
    loansCount: row.loansCount,
    activeHolds,
    preferredLanguage: row.preferredLanguage as Language,
  };
}
