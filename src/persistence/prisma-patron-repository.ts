import type { CardLockout, PatronCredentials, PatronRepository } from '../domain/ports/patron-repository';
import type { Language, PatronSnapshot, PatronStatus } from '../domain/types';
import { ACTIVE_HOLD, OPEN_ORDER_STATUSES } from './active-hold';
import { sqlDate, sqlDateOrNull, sqlInt, type DirectSql, type DirectSqlTransaction, type SqlRow } from './direct-sql';
import { directSqlOf, type Db } from './prisma-client';

export class PrismaPatronRepository implements PatronRepository {
  // The sign-in, the hold checks and the order of a reservation read the patron four times:
  // one statement each, past Prisma's query compiler (direct-sql.ts).
  private readonly sql: DirectSql;

  constructor(private readonly db: Db) {
    this.sql = directSqlOf(db);
  }

  async findByCard(libraryId: string, cardNumber: string): Promise<PatronCredentials | undefined> {
    const [row] = await this.sql.query(`${SNAPSHOT_SQL} WHERE p."libraryId" = ? AND p."cardNumber" = ?`, [...ACTIVE_HOLD_ARGS, libraryId, cardNumber]);
    if (!row) return undefined;
    return { patron: snapshotOf(row), pinHash: String(row.pinHash), failedPinCount: sqlInt(row.failedPinCount), pinLockedUntil: sqlDateOrNull(row.pinLockedUntil) };
  }

  async snapshot(patronId: number): Promise<PatronSnapshot | undefined> {
    return readSnapshot(this.sql, patronId);
  }

  async phone(patronId: number): Promise<string | undefined> {
    const [row] = await this.sql.query('SELECT "phone" FROM "Patron" WHERE "id" = ?', [patronId]);
    return row?.phone ? String(row.phone) : undefined;
  }

  async beginPinCheck(patronId: number, now: Date): Promise<{ inARow: number } | { lockedUntil: Date }> {
    for (let tries = 0; tries < 2; tries++) {
      try {
        // One UPDATE … RETURNING: parallel checks of one card each get their own number.
        const row = await this.db.patron.update({
          where: { id: patronId, OR: [{ pinLockedUntil: null }, { pinLockedUntil: { lte: now } }] },
          data: { failedPinCount: { increment: 1 } },
          select: { failedPinCount: true },
        });
        return { inARow: row.failedPinCount };
      } catch (error) {
        if ((error as { code?: string }).code !== 'P2025') throw error;
        const row = await this.db.patron.findUniqueOrThrow({ where: { id: patronId }, select: { pinLockedUntil: true } });
        if (row.pinLockedUntil && row.pinLockedUntil > now) return { lockedUntil: row.pinLockedUntil };
        // The lock was lifted (by staff) between the two statements: count again.
      }
    }
    return { inARow: Number.MAX_SAFE_INTEGER };
  }

  async lockPin(patronId: number, until: Date): Promise<void> {
    // A lockout starts a fresh count: after it, five more wrong PINs in a row lock again.
    await this.db.patron.update({ where: { id: patronId }, data: { failedPinCount: 0, pinLockedUntil: until } });
  }

  async resetFailedPins(patronId: number): Promise<void> {
    await this.db.patron.update({ where: { id: patronId }, data: { failedPinCount: 0, pinLockedUntil: null } });
  }

  async replacePinHash(patronId: number, pinHash: string): Promise<void> {
    await this.sql.execute('UPDATE "Patron" SET "pinHash" = ? WHERE "id" = ?', [pinHash, patronId]);
  }

  async pinLockouts(libraryId: string, now: Date): Promise<CardLockout[]> {
    const rows = await this.db.patron.findMany({
      where: { libraryId, pinLockedUntil: { gt: now } },
      select: { id: true, cardNumber: true, name: true, pinLockedUntil: true },
      orderBy: { pinLockedUntil: 'desc' },
    });
    return rows.map((r) => ({ patronId: r.id, cardNumber: r.cardNumber, patronName: r.name, lockedUntil: r.pinLockedUntil! }));
  }
}

/** The patron row with its holds that count against the limits (ACTIVE_HOLD) counted. */
const SNAPSHOT_SQL = `SELECT p."id", p."libraryId", p."name", p."status", p."cardExpiresAt", p."loansCount", p."preferredLanguage",
  p."pinHash", p."failedPinCount", p."pinLockedUntil",
  (SELECT COUNT(*) FROM "Hold" h JOIN "Order" o ON o."id" = h."orderId"
    WHERE o."patronId" = p."id" AND h."status" = ? AND o."status" IN (${OPEN_ORDER_STATUSES.map(() => '?').join(', ')})) AS "activeHolds"
  FROM "Patron" p`;
const ACTIVE_HOLD_ARGS = [ACTIVE_HOLD.status, ...OPEN_ORDER_STATUSES];

function snapshotOf(row: SqlRow): PatronSnapshot {
  return {
    id: sqlInt(row.id),
    libraryId: String(row.libraryId),
    name: String(row.name),
    status: String(row.status) as PatronStatus,
    cardExpiresAt: sqlDate(row.cardExpiresAt),
    loansCount: sqlInt(row.loansCount),
    activeHolds: sqlInt(row.activeHolds),
    preferredLanguage: String(row.preferredLanguage) as Language,
  };
}

/** The patron as the hold rules see it; in a transaction, the order's (prisma-order-repository.ts). */
export async function readSnapshot(sql: Pick<DirectSqlTransaction, 'query'>, patronId: number): Promise<PatronSnapshot | undefined> {
  const [row] = await sql.query(`${SNAPSHOT_SQL} WHERE p."id" = ?`, [...ACTIVE_HOLD_ARGS, patronId]);
  return row ? snapshotOf(row) : undefined;
}
