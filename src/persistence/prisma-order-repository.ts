import type { Decision, Refusal } from '../domain/decision';
import type { CopyTaken, OrderDraft, OrderRepository, OrderSummary, PlacedOrder } from '../domain/ports/order-repository';
import type { PatronSnapshot } from '../domain/types';
import { Prisma } from '../generated/prisma/client';
import { loadSnapshot } from './prisma-patron-repository';
import type { Db } from './prisma-client';

/** Thrown inside the transaction to roll it back; turned into a refusal outside. */
class Rollback extends Error {
  constructor(readonly outcome: Refusal<string> | CopyTaken) { super(outcome.reason); }
}

export class PrismaOrderRepository implements OrderRepository {
  constructor(private readonly db: Db) {}

  async placeOrder<R extends string>(
    draft: OrderDraft,
    check: (patron: PatronSnapshot) => Decision<R>,
    makeRef: () => string,
  ): Promise<PlacedOrder | Refusal<R> | CopyTaken> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.$transaction(async (tx) => {
          // First statement is a write: it takes the patron row's lock before the limits are read.
          await tx.patron.update({ where: { id: draft.patronId }, data: { version: { increment: 1 } } });
          const patron = await loadSnapshot(tx, draft.patronId);
          if (!patron || patron.libraryId !== draft.libraryId) throw new Error(`patron ${draft.patronId} not in ${draft.libraryId}`);
          const decision = check(patron);
          if (!decision.allowed) throw new Rollback(decision);

          const ref = makeRef();
          const order = await tx.order.create({
            data: {
              ref, libraryId: draft.libraryId, patronId: draft.patronId, status: 'new', channel: draft.channel,
              language: draft.language, conversationRef: draft.conversationRef ?? null,
              events: { create: { actor: `patron:${draft.patronId}`, fromStatus: null, toStatus: 'new', note: draft.channel } },
            },
          });
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
            await tx.hold.create({ data: { orderId: order.id, copyId: copyIds[index]!, recordId: item.recordId, branchId: item.branchId, status: 'active' } });
          }
          return { allowed: true as const, orderRef: ref, orderId: order.id };
        });
      } catch (error) {
        if (error instanceof Rollback) return error.outcome as Refusal<R> | CopyTaken;
        // A random reference may collide with an existing one: draw again.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002' && attempt < 5) continue;
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
async function claimCopy(tx: Prisma.TransactionClient, recordId: number, branchId: string): Promise<number | undefined> {
  const candidates = await tx.copy.findMany({ where: { recordId, branchId, status: 'available' }, select: { id: true }, orderBy: { id: 'asc' }, take: 5 });
  for (const { id } of candidates) {
    const { count } = await tx.copy.updateMany({ where: { id, status: 'available' }, data: { status: 'held' } });
    if (count === 1) return id;
  }
  return undefined;
}
