import type { Refusal } from '../decision';

/**
 * The library's own system (ILS) as the dialogs and rules need it: sign-in, the patron's
 * standing, the live status of copies, item-level holds and ILL requests (issue 20). One
 * instance per library; `embedded` is the bot's own database, `koha` the Koha REST API,
 * `sip2` any system that speaks SIP2. Every answer is a value: refusals carry the reason code
 * of the localized sentence (locales/*\/reasons.json), outages `ils.unavailable`.
 */
export interface LibrarySystem {
  readonly kind: 'embedded' | 'koha' | 'sip2';
  /** Whether `requestIll` can file anything at all (SIP2 has no such message; the embedded store is the bot's own). */
  readonly takesIllRequests: boolean;
  authenticate(cardNumber: string, pin: string): Promise<IlsAnswer<{ patron: IlsPatron }, 'signin.invalid'>>;
  standing(patron: IlsPatron): Promise<IlsAnswer<{ standing: PatronStanding }>>;
  /**
   * The copies of a record and their status right now: Koha lists them by the record's id,
   * SIP2 can only be asked item by item (the barcodes the catalogue import kept).
   */
  copies(record: RecordRef): Promise<IlsAnswer<{ copies: IlsCopy[] }>>;
  /**
   * An item-level hold for pickup at a branch (its ILS code). `requestKey` names the attempt:
   * placing it again finds the first hold instead of a second (a restart after the ILS said
   * yes but before the bot wrote it down).
   */
  placeHold(request: HoldRequest): Promise<IlsAnswer<{ ilsHoldId: string; replayed?: true }, HoldRefusal>>;
  listHolds(patron: IlsPatron): Promise<IlsAnswer<{ holds: IlsHold[] }, 'ils.not_supported'>>;
  /** `pending`: the ILS recorded a cancellation request that staff still have to grant (Koha's 202). */
  cancelHold(patron: IlsPatron, hold: Pick<IlsHold, 'ilsHoldId' | 'itemId'>): Promise<IlsAnswer<{ pending: boolean }, 'ils.not_supported' | 'hold.not_found'>>;
  /** Filed under `requestKey`: filing it again finds the first request (`replayed`) instead of a second. */
  requestIll(patron: IlsPatron, request: IllRequestDraft): Promise<IlsAnswer<{ ilsRequestId: string; replayed?: true }, 'ils.not_supported'>>;
}

/** What every call may answer besides its own refusals. */
export type IlsFailure =
  /** The system said no for a reason we do not know: staff will call; the order is kept for them. */
  | 'ils.refused'
  /** Down, in maintenance, too slow or the connection dropped: nothing was promised. */
  | 'ils.unavailable';

export type IlsAnswer<T, R extends string = never> = ({ allowed: true } & T) | (Refusal<R | IlsFailure> & { detail?: string });

export type HoldRefusal =
  | 'hold.account_locked'
  | 'hold.card_expired'
  | 'hold.limit_reached'
  | 'hold.copy_taken'
  | 'hold.bad_pickup'
  /** The embedded system: the hold is the bot's own Hold row, written with the order. */
  | 'ils.not_supported';

export interface IlsPatron {
  /** The ILS's own key (Koha's patron_id; the card number for SIP2, which has no other); found from the card when absent. */
  ilsPatronId?: string;
  cardNumber: string;
}

export interface PatronStanding {
  /** Restricted (Koha) or hold privileges denied (SIP2): the bot's `hold.account_locked`. */
  blocked: boolean;
  expired: boolean;
  cardLost: boolean;
  expiresAt?: Date;
  /** What the patron owes, in the library's currency (positive = debt). */
  finesOwed: number;
  holdsCount: number;
  loansCount: number;
  name?: string;
}

export type CopyStatus = 'available' | 'on_loan' | 'on_hold' | 'in_transit' | 'not_for_loan' | 'lost' | 'unknown';

export interface IlsCopy {
  itemId: string;
  barcode?: string;
  /** The branch's code in the ILS (Koha library_id, SIP2 location). */
  branchCode: string;
  status: CopyStatus;
}

export interface RecordRef {
  /** The record's id in the ILS (Record.sourceId, Koha's biblio_id); the bot's own id for embedded. */
  recordIlsId: string;
  barcodes: readonly string[];
}

export interface HoldRequest {
  patron: IlsPatron;
  recordIlsId: string;
  itemId: string;
  pickupBranchCode: string;
  requestKey: string;
}

export interface IlsHold {
  ilsHoldId: string;
  itemId?: string;
  pickupBranchCode?: string;
  /** The requestKey the bot wrote with the hold (Koha notes), for reconciliation. */
  requestKey?: string;
}

export interface IllRequestDraft {
  title: string;
  author?: string;
  year?: string;
  isbn?: string;
  pickupBranchCode: string;
  requestKey: string;
}

