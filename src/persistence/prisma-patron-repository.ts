import type { PatronCredentials, PatronRepository } from '../domain/ports/patron-repository';
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

  async cardNumber(patronId: number): Promise<string | undefined> {
    const [row] = await this.sql.query('SELECT "cardNumber" FROM "Patron" WHERE "id" = ?', [patronId]);
    return row?.cardNumber ? String(row.cardNumber) : undefined;
  }

  async replacePinHash(patronId: number, pinHash: string): Promise<void> {
    await this.sql.execute('UPDATE "Patron" SET "pinHash" = ? WHERE "id" = ?', [pinHash, patronId]);
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
