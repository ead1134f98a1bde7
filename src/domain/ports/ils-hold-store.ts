/** A hold the bot wrote that the library's own system has not confirmed yet (no ilsHoldId). */
export interface UnplacedHold {
  holdId: number;
  orderId: number;
  orderRef: string;
  libraryId: string;
  cardNumber: string;
  recordId: number;
  /** Record.sourceId: the record's id in the ILS (Koha biblio_id). */
  recordIlsId: string | null;
  barcode: string | null;
  branchId: string;
}

/** A hold that ended unfulfilled (cancelled, expired) while the ILS still has it. */
export interface UnreleasedHold {
  holdId: number;
  orderId: number;
  libraryId: string;
  cardNumber: string;
  ilsHoldId: string;
}

/** Where the ILS's hold ids are kept beside the bot's holds (Hold.ilsHoldId). */
export interface IlsHoldStore {
  /** The order's active holds without an ILS hold id. */
  unplacedOf(orderId: number): Promise<UnplacedHold[]>;
  /** Every active hold of an open order in these libraries without an ILS hold id: what a restart reconciles. */
  unplacedIn(libraryIds: readonly string[]): Promise<UnplacedHold[]>;
  record(holdId: number, ilsHoldId: string): Promise<void>;
  /** The order's holds that ended unfulfilled and are still held in the ILS. */
  unreleasedOf(orderId: number): Promise<UnreleasedHold[]>;
  /** Every such hold in these libraries: what a reconciliation run cancels in the ILS. */
  unreleasedIn(libraryIds: readonly string[]): Promise<UnreleasedHold[]>;
  markReleased(holdId: number, at: Date): Promise<void>;
}
