import type { Decision, Refusal } from '../decision';
import type { PatronSnapshot } from '../types';

export interface OrderDraft {
  libraryId: string;
  patronId: number;
  channel: string;
  language: string;
  conversationRef?: string;
  items: Array<{ recordId: number; branchId: string }>;
  /**
   * Names this confirmation: the same yes arriving twice (a re-sent message, a retry after a
   * crash between the order's commit and the conversation's save) finds the first order.
   */
  requestKey?: string;
}

export type CopyTaken = Refusal<'hold.copy_taken'> & { recordId: number; branchId: string };

/**
 * `replayed`: the order was already written under the draft's requestKey; nothing new was written.
 * `ils`: the library's own system has not taken every hold (down, or refused): the order waits for
 * staff, and no copy is promised (issue 20).
 */
export type PlacedOrder = { allowed: true; orderRef: string; orderId: number; replayed?: true; ils?: 'ils.unavailable' | 'ils.refused' };

export interface OrderSummary {
  ref: string;
  status: string;
  createdAt: Date;
  items: Array<{ title: string; branchName: string }>;
}

export interface OrderRepository {
  /**
   * Writes the order and its holds in one transaction, or nothing. `check` runs inside the
   * transaction on a fresh snapshot, so two orders cannot both take the patron's last place;
   * each copy is claimed with a conditional update, so two patrons cannot take one copy.
   */
  placeOrder<R extends string>(
    draft: OrderDraft,
    check: (patron: PatronSnapshot) => Decision<R>,
    makeRef: () => string,
  ): Promise<PlacedOrder | Refusal<R> | CopyTaken>;
  listForPatron(patronId: number, limit: number): Promise<OrderSummary[]>;
}
