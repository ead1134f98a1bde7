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
  async purge(cutoffs: RetentionCutoffs, now: Date): Promise<PurgeCounts> {
    const conversationStates = (await this.db.botState.deleteMany({ where: { updatedAt: { lt: cutoffs.conversationDays } } })).count;
    const outbox = (await this.db.webChatOutbox.deleteMany({ where: { createdAt: { lt: cutoffs.outboxDays } } })).count;
    const notifications = (await this.db.notification.deleteMany({ where: { createdAt: { lt: cutoffs.notificationDays } } })).count;
    const callbackRequests = (await this.db.callbackRequest.deleteMany({ where: { createdAt: { lt: cutoffs.callbackDays } } })).count;
    const closedBefore = cutoffs.closedConversationRefDays;
    const orderRefs = (await this.db.order.updateMany({
      where: { status: { in: CLOSED_ORDER_STATUSES }, updatedAt: { lt: closedBefore }, conversationRef: { not: null } }, data: { conversationRef: null },
    })).count;
    const illRefs = (await this.db.illRequest.updateMany({
      where: { status: { in: [...TERMINAL_ILL_STATUSES] }, updatedAt: { lt: closedBefore }, conversationRef: { not: null } }, data: { conversationRef: null },
    })).count;
    const staffSessions = (await this.db.staffSession.deleteMany({ where: { expiresAt: { lt: now } } })).count;
    const demandSearches = (await this.db.demandSearch.deleteMany({ where: { at: { lt: cutoffs.demandSearchDays } } })).count;
    // 'sending' is a send in progress (or one a crash cut short): left for staff to see until it is this old too.
    const copyAlerts = (await this.db.copyAlert.deleteMany({ where: { createdAt: { lt: cutoffs.copyAlertDays } } })).count;
    return { conversationStates, outbox, notifications, callbackRequests, conversationRefs: orderRefs + illRefs, staffSessions, demandSearches, copyAlerts };
  }
}
