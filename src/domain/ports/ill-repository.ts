import type { Decision, Refusal } from '../decision';
import type { IllForm, IllKind, IllStatus, IllUse } from '../ill-status';
import type { IllPatronSnapshot } from '../rules/ill-eligibility';

/** The exact words a reader agreed to, and when (seeds/004: the reader must be told the terms). */
export interface IllTermsAcceptance {
  /** `<policy termsVersion>/<part>/<language>`, e.g. `ozd-ill-2026-11/original/hu`. */
  version: string;
  text: string;
  language: string;
  acceptedAt: Date;
  /** For a cost acceptance: the amount agreed to, minor units. */
  amount?: number;
  actor: string;
}

export interface IllDraft {
  libraryId: string;
  patronId: number;
  channel: string;
  language: string;
  conversationRef?: string;
  kind: IllKind;
  form: IllForm;
  title: string;
  author?: string;
  year?: number;
  isbn?: string;
  journal?: string;
  volumeIssue?: string;
  pages?: string;
  notNeededAfter?: Date;
  /** The most the reader accepted to pay the lender (copying, postage, electronic fee), minor units. */
  maxCost: number;
  currency: string;
  terms: IllTermsAcceptance;
  /** Names this confirmation: a repeated yes finds the request written the first time (see OrderDraft). */
  requestKey?: string;
}

/**
 * `replayed`: written earlier under the draft's requestKey; nothing new was written. `ils`: the
 * library's own system did not take it (yet): the request is kept for staff and filed again on start.
 */
export type PlacedIll = { allowed: true; ref: string; id: number; replayed?: true; ils?: 'ils.ill_unavailable' | 'ils.ill_refused' };

export interface IllCharge {
  id: number;
  requestRef?: string;
  kind: 'return_postage' | 'late_fee' | 'lender_cost' | 'compensation';
  amount: number;
  createdAt: Date;
  paidAt?: Date;
}

export interface IllEvent { at: Date; actor: string; fromStatus: IllStatus | null; toStatus: IllStatus; note?: string }

/** One request as staff and the reader's status report see it. */
export interface IllRequestView {
  id: number;
  ref: string;
  libraryId: string;
  status: IllStatus;
  version: number;
  kind: IllKind;
  form: IllForm;
  title: string;
  author?: string;
  year?: number;
  isbn?: string;
  journal?: string;
  volumeIssue?: string;
  pages?: string;
  notNeededAfter?: Date;
  maxCost: number;
  currency: string;
  lender?: string;
  lenderCost?: number;
  costAcceptancePending: boolean;
  weightGrams?: number;
  amountDue?: number;
  arrivedAt?: Date;
  /** Last library-local day the reader may collect ("YYYY-MM-DD"). */
  collectBy?: string;
  use?: IllUse;
  dueDate?: string;
  liabilitySignedAt?: Date;
  returnedAt?: Date;
  channel: string;
  language: string;
  conversationRef?: string;
  /** The request's id in the library's own system; absent for a library without one, or until it took it. */
  ilsRequestId?: string;
  createdAt: Date;
  patron: { id: number; name: string; cardNumber: string; phone: string; language: string };
  events: IllEvent[];
  acceptances: IllTermsAcceptance[];
  charges: IllCharge[];
}

/** Fields a staff action sets on the request along with its new status. */
export interface IllChanges {
  lender?: string;
  lenderCost?: number;
  costAcceptancePending?: boolean;
  weightGrams?: number;
  amountDue?: number;
  arrivedAt?: Date;
  collectBy?: string;
  use?: IllUse;
  dueDate?: string;
  liabilitySignedAt?: Date;
  returnedAt?: Date;
}

export interface IllUpdate {
  /** Omitted: the status stays (e.g. a reader's cost acceptance). */
  to?: IllStatus;
  actor: string;
  note?: string;
  changes?: IllChanges;
  charge?: { kind: IllCharge['kind']; amount: number };
  acceptance?: IllTermsAcceptance;
}

export type IllStale = Refusal<'ill.stale'>;

export interface IllRepository {
  /** The reader's ILL standing now (outstanding requests, unpaid postage). */
  snapshot(patronId: number): Promise<IllPatronSnapshot | undefined>;
  /**
   * Writes the request, its terms acceptance and first event in one transaction, or nothing.
   * `check` runs inside the transaction after the reader's row is locked by a write, so two
   * requests cannot both take the reader's last free place.
   */
  submit<R extends string>(draft: IllDraft, check: (p: IllPatronSnapshot) => Decision<R>, makeRef: () => string): Promise<PlacedIll | Refusal<R>>;
  find(libraryId: string, ref: string): Promise<IllRequestView | undefined>;
  listForPatron(patronId: number, limit: number): Promise<IllRequestView[]>;
  listForLibrary(libraryId: string, statuses: readonly IllStatus[]): Promise<IllRequestView[]>;
  /** Applies a change if the request is still at `version` (optimistic concurrency); else 'ill.stale'. */
  update(id: number, version: number, update: IllUpdate): Promise<{ allowed: true } | IllStale>;
  unpaidCharges(patronId: number): Promise<IllCharge[]>;
  /** Marks a charge paid; false if it was already paid or is not the reader's. */
  recordPayment(patronId: number, chargeId: number, actor: string, at: Date): Promise<boolean>;
}
