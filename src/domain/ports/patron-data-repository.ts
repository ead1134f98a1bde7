import type { Decision, Refusal } from '../decision';
import type { ErasureSnapshot } from '../rules/erasure';

/** A patron found by card number, for the staff's data requests. */
export interface PatronDataSubject {
  patronId: number;
  libraryId: string;
  name: string;
}

/** Everything the bot holds about one patron, as the JSON a GDPR access request gets (art. 15). */
export interface PatronDataExport {
  format: 'library-booking-bot/patron-data/1';
  exportedAt: string;
  library: { id: string; name: string };
  patron: Record<string, unknown>;
  orders: Array<Record<string, unknown>>;
  illRequests: Array<Record<string, unknown>>;
  callbackRequests: Array<Record<string, unknown>>;
  /** "Tell me when a copy is back" alerts: the book, how and when the patron is or was told. */
  copyAlerts: Array<Record<string, unknown>>;
  conversations: Array<{ id: string; updatedAt: string; state: unknown }>;
  /** What is held but not exported, and why (e.g. the PIN, kept only as a one-way hash). */
  notExported: string[];
}

/** What an erasure removed or anonymized, for the staff's confirmation and the audit log. */
export interface ErasureSummary {
  patronId: number;
  ordersAnonymized: number;
  illRequestsAnonymized: number;
  conversationsDeleted: number;
  callbackRequestsDeleted: number;
}

export interface PatronDataRepository {
  /** The library's patron with this card number; erased patrons are no longer found. */
  findByCard(libraryId: string, cardNumber: string): Promise<PatronDataSubject | undefined>;
  export(patronId: number, at: Date): Promise<PatronDataExport>;
  /**
   * In one transaction that first takes the patron row (so no order of theirs is written
   * meanwhile) and runs `check` on what is still open: blanks the patron's name, phone, card
   * number and PIN hash and locks the account; keeps their orders, ILL requests, charges and
   * terms acceptances for the accounts, detached from any contact detail (conversation
   * references, staff notes and notification details cleared, an event recording the
   * erasure); deletes their conversations and call-back requests.
   */
  erase<R extends string>(patronId: number, actor: string, at: Date, check: (s: ErasureSnapshot) => Decision<R>): Promise<ErasureSummary | Refusal<R>>;
}
