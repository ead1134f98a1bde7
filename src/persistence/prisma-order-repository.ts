import type { Decision, Refusal } from '../domain/decision';
import type { CopyTaken, OrderDraft, OrderRepository, OrderSummary, PlacedOrder } from '../domain/ports/order-repository';
import type { PatronSnapshot } from '../domain/types';
import { isUniqueViolation, sqlInt, type DirectSql, type DirectSqlTransaction } from './direct-sql';
import { readSnapshot } from './prisma-patron-repository';
import { directSqlOf, type Db } from './prisma-client';

/** Thrown inside the transaction to roll it back; turned into a refusal outside. */
class Rollback extends Error {
  constructor(readonly outcome: Refusal<string> | CopyTaken) { super(outcome.reason); }
}

export class PrismaOrderRepository implements OrderRepository {
  // Confirming is the costliest turn of a reservation: its transaction runs past Prisma's
  // query compiler (direct-sql.ts), with the same statements in the same order.
  private readonly sql: DirectSql;

  constructor(private readonly db: Db) {
    this.sql = directSqlOf(db);
  }

  async placeOrder<R extends string>(
    draft: OrderDraft,
    check: (patron: PatronSnapshot) => Decision<R>,
    makeRef: () => string,
  ): Promise<PlacedOrder | Refusal<R> | CopyTaken> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sql.transaction(async (tx) => {
          // First statement is a write: it takes the patron row's lock before the limits are read.
          await tx.execute('UPDATE "Patron" SET "version" = "version" + 1 WHERE "id" = ?', [draft.patronId]);
          // Under the patron's lock: a second transaction with the same key waits, then sees the first order.
          if (draft.requestKey) {
            const [placed] = await tx.query('SELECT "id", "ref", "patronId" FROM "Order" WHERE "requestKey" = ?', [draft.requestKey]);
            if (placed && sqlInt(placed.patronId) === draft.patronId) {
              return { allowed: true as const, orderRef: String(placed.ref), orderId: sqlInt(placed.id), replayed: true as const };
            }
          }
          const patron = await readSnapshot(tx, draft.patronId);
          if (!patron || patron.libraryId !== draft.libraryId) throw new Error(`patron ${draft.patronId} not in ${draft.libraryId}`);
          const decision = check(patron);
          if (!decision.allowed) throw new Rollback(decision);

          const ref = makeRef();
          const now = new Date();
          const [order] = await tx.query(`INSERT INTO "Order" ("ref", "libraryId", "patronId", "status", "channel", "language",
            "conversationRef", "requestKey", "version", "createdAt", "updatedAt") VALUES (?, ?, ?, 'new', ?, ?, ?, ?, 0, ?, ?) RETURNING "id"`,
          [ref, draft.libraryId, draft.patronId, draft.channel, draft.language, draft.conversationRef ?? null, draft.requestKey ?? null, now, now]);
          const orderId = sqlInt(order!.id);
          await tx.execute(`INSERT INTO "OrderEvent" ("orderId", "at", "actor", "fromStatus", "toStatus", "note") VALUES (?, ?, ?, NULL, 'new', ?)`,
            [orderId, now, `patron:${draft.patronId}`, draft.channel]);
          // Copies are locked in one global order (record, branch, copy id): two PostgreSQL
          // transactions claiming overlapping baskets wait for each other instead of deadlocking.
          const claimOrder = draft.items.map((item, index) => ({ item, index }))
            .sort((a, b) => a.item.recordId - b.item.recordId || a.item.branchId.localeCompare(b.item.branchId));
          const copyIds: number[] = [];
          for (const { item, index } of claimOrder) {
            const copyId = await claimCopy(tx, item.recordId, item.branchId);
            if (copyId === undefined) {
              throw new Rollback({ allowed: false, reason: 'hold.copy_taken', recordId: item.recordId, branchId: item.branchId });
            }
            copyIds[index] = copyId;
          }
          for (const [index, item] of draft.items.entries()) {
            await tx.execute(`INSERT INTO "Hold" ("orderId", "copyId", "recordId", "branchId", "status", "createdAt") VALUES (?, ?, ?, ?, 'active', ?)`,
              [orderId, copyIds[index]!, item.recordId, item.branchId, now]);
          }
          return { allowed: true as const, orderRef: ref, orderId };
        });
      } catch (error) {
        if (error instanceof Rollback) return error.outcome as Refusal<R> | CopyTaken;
        // A random reference may collide with an existing one: draw again. A requestKey written
        // meanwhile by the same yes sent twice is found by the next attempt.
        if (isUniqueViolation(error) && attempt < 5) continue;
        throw error;
      }
    }
  }

  async listForPatron(patronId: number, limit: number): Promise<OrderSummary[]> {
    const rows = await this.db.order.findMany({
      where: { patronId }, orderBy: { createdAt: 'desc' }, take: limit,
      include: { holds: { include: { record: { select: { title: true } }, branch: { select: { name: true } } } } },
    });
    return rows.map((o) => ({
      ref: o.ref, status: o.status, createdAt: o.createdAt,
      items: o.holds.map((h) => ({ title: h.record.title, branchName: h.branch.name })),
    }));
  }
}

/**
 * Takes one available copy of the record at the branch. The status condition in the UPDATE
 * is what makes the last copy go to exactly one patron, whatever the database.
 */
async function claimCopy(tx: DirectSqlTransaction, recordId: number, branchId: string): Promise<number | undefined> {
  // A few at a time; when others took all of them meanwhile, look again: a copy another
  // transaction holds is no longer 'available' once it commits, so each look sees fewer.
  const BATCH = 5;
  for (;;) {
    const candidates = await tx.query(`SELECT "id" FROM "Copy" WHERE "recordId" = ? AND "branchId" = ? AND "status" = 'available' ORDER BY "id" LIMIT ${BATCH}`,
      [recordId, branchId]);
    for (const candidate of candidates) {
      const id = sqlInt(candidate.id);
      if (await tx.execute(`UPDATE "Copy" SET "status" = 'held' WHERE "id" = ? AND "status" = 'available'`, [id]) === 1) return id;
    }
    if (candidates.length < BATCH) return undefined;
  }
}
