import type { IlsHoldStore, UnplacedHold, UnreleasedHold } from '../domain/ports/ils-hold-store';
import { ACTIVE_HOLD, OPEN_ORDER_STATUSES } from './active-hold';
import type { Db } from './prisma-client';

/** A hold's status once its order ended unfulfilled (applyHoldEffect writes the order's new status). */
const RELEASED_HOLD_STATUSES = ['cancelled', 'expired'] as const;

export class PrismaIlsHoldStore implements IlsHoldStore {
  constructor(private readonly db: Db) {}

  unplacedOf(orderId: number): Promise<UnplacedHold[]> {
    return this.unplaced(undefined, orderId);
  }

  unplacedIn(libraryIds: readonly string[]): Promise<UnplacedHold[]> {
    if (libraryIds.length === 0) return Promise.resolve([]);
    return this.unplaced([...libraryIds]);
  }

  async record(holdId: number, ilsHoldId: string): Promise<void> {
    await this.db.hold.update({ where: { id: holdId }, data: { ilsHoldId } });
  }

  unreleasedOf(orderId: number): Promise<UnreleasedHold[]> {
    return this.unreleased({ orderId });
  }

  unreleasedIn(libraryIds: readonly string[]): Promise<UnreleasedHold[]> {
    if (libraryIds.length === 0) return Promise.resolve([]);
    return this.unreleased({ order: { libraryId: { in: [...libraryIds] } } });
  }

  async markReleased(holdId: number, at: Date): Promise<void> {
    await this.db.hold.update({ where: { id: holdId }, data: { ilsReleasedAt: at } });
  }

  private async unreleased(where: { orderId?: number; order?: { libraryId: { in: string[] } } }): Promise<UnreleasedHold[]> {
    const rows = await this.db.hold.findMany({
      where: { ...where, status: { in: [...RELEASED_HOLD_STATUSES] }, ilsHoldId: { not: null }, ilsReleasedAt: null },
      include: { order: { select: { libraryId: true, patron: { select: { cardNumber: true } } } } },
      orderBy: { id: 'asc' },
    });
    return rows.map((h) => ({ holdId: h.id, orderId: h.orderId, libraryId: h.order.libraryId, cardNumber: h.order.patron.cardNumber, ilsHoldId: h.ilsHoldId! }));
  }

  private async unplaced(libraryIds?: string[], orderId?: number): Promise<UnplacedHold[]> {
    const rows = await this.db.hold.findMany({
      where: {
        status: ACTIVE_HOLD.status, ilsHoldId: null, ...(orderId !== undefined ? { orderId } : {}),
        order: { status: { in: OPEN_ORDER_STATUSES }, ...(libraryIds ? { libraryId: { in: libraryIds } } : {}) },
      },
      include: { order: { select: { ref: true, libraryId: true, patron: { select: { cardNumber: true } } } }, record: { select: { sourceId: true } }, copy: { select: { barcode: true } } },
      orderBy: { id: 'asc' },
    });
    return rows.map((h) => ({
      holdId: h.id, orderId: h.orderId, orderRef: h.order.ref, libraryId: h.order.libraryId, cardNumber: h.order.patron.cardNumber,
      recordId: h.recordId, recordIlsId: h.record.sourceId, barcode: h.copy.barcode, branchId: h.branchId,
    }));
  }
}
