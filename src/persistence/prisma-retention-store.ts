import { TERMINAL_ILL_STATUSES } from '../domain/ill-status';
import { OPEN_STATUSES, ORDER_STATUSES } from '../domain/order-status';
import type { RetentionCutoffs } from '../domain/policy/retention';
import type { PurgeCounts, RetentionStore } from '../domain/ports/retention-store';
import type { Db } from './prisma-client';

const CLOSED_ORDER_STATUSES = ORDER_STATUSES.filter((s) => !OPEN_STATUSES.includes(s));

export class PrismaRetentionStore implements RetentionStore {
  constructor(private readonly db: Db) {}

  // Each kind in its own statement, not one transaction: a purge that stops half-way is simply
  // finished by the next run, and no statement holds SQLite's write lock for long.
  async purge(cutoffs: RetentionCutoffs, now: Date, perLibrary: ReadonlyMap<string, RetentionCutoffs> = new Map()): Promise<PurgeCounts> {
    // Kept by conversation only (no library in their rows): the process-wide periods.
    const conversationStates = (await this.db.botState.deleteMany({ where: { updatedAt: { lt: cutoffs.conversationDays } } })).count;
    const outbox = (await this.db.webChatOutbox.deleteMany({ where: { createdAt: { lt: cutoffs.outboxDays } } })).count;
    // Each library's own periods for its rows; rows of any other library (none in the map) the process-wide ones.
    const listed = [...perLibrary.keys()];
    const scopes: Array<{ libraryId: { equals: string } | { notIn: string[] }; cut: RetentionCutoffs }> = [
      ...[...perLibrary].map(([id, cut]) => ({ libraryId: { equals: id }, cut })),
      { libraryId: { notIn: listed }, cut: cutoffs },
    ];
    let notifications = 0, callbackRequests = 0, orderRefs = 0, illRefs = 0, demandSearches = 0, copyAlerts = 0;
    for (const { libraryId, cut } of scopes) {
      notifications += (await this.db.notification.deleteMany({ where: { createdAt: { lt: cut.notificationDays }, order: { libraryId } } })).count;
      callbackRequests += (await this.db.callbackRequest.deleteMany({ where: { libraryId, createdAt: { lt: cut.callbackDays } } })).count;
      const closedBefore = cut.closedConversationRefDays;
      orderRefs += (await this.db.order.updateMany({
        where: { libraryId, status: { in: CLOSED_ORDER_STATUSES }, updatedAt: { lt: closedBefore }, conversationRef: { not: null } }, data: { conversationRef: null },
      })).count;
      illRefs += (await this.db.illRequest.updateMany({
        where: { libraryId, status: { in: [...TERMINAL_ILL_STATUSES] }, updatedAt: { lt: closedBefore }, conversationRef: { not: null } }, data: { conversationRef: null },
      })).count;
      demandSearches += (await this.db.demandSearch.deleteMany({ where: { libraryId, at: { lt: cut.demandSearchDays } } })).count;
      // 'sending' is a send in progress (or one a crash cut short): left for staff to see until it is this old too.
      copyAlerts += (await this.db.copyAlert.deleteMany({ where: { libraryId, createdAt: { lt: cut.copyAlertDays } } })).count;
    }
    const staffSessions = (await this.db.staffSession.deleteMany({ where: { expiresAt: { lt: now } } })).count;
    return { conversationStates, outbox, notifications, callbackRequests, conversationRefs: orderRefs + illRefs, staffSessions, demandSearches, copyAlerts };
  }
}
