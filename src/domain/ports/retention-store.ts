import type { RetentionCutoffs } from '../policy/retention';

/** Rows deleted (or, for conversation references, cleared) by one purge, per kind. */
export interface PurgeCounts {
  conversationStates: number;
  outbox: number;
  notifications: number;
  callbackRequests: number;
  conversationRefs: number;
  staffSessions: number;
  demandSearches: number;
  copyAlerts: number;
}

export interface RetentionStore {
  /**
   * Deletes what is older than its cutoff: conversation state untouched since, outbox
   * messages, notification records and call-back requests created before; clears the
   * conversation reference of orders and ILL requests closed before; deletes expired staff
   * sessions (`now`). Idempotent: a second run finds nothing more. `perLibrary`: a library's own
   * cutoffs for its rows of the kinds that have a library (notifications by their order's
   * library, call-backs, closed references, not-found searches, copy alerts); `cutoffs` for the
   * rest.
   */
  purge(cutoffs: RetentionCutoffs, now: Date, perLibrary?: ReadonlyMap<string, RetentionCutoffs>): Promise<PurgeCounts>;
}
