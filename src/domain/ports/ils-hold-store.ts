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

/** Where the ILS's hold ids are kept beside the bot's holds (Hold.ilsHoldId). */
export interface IlsHoldStore {
  /** The order's active holds without an ILS hold id. */
  unplacedOf(orderId: number): Promise<UnplacedHold[]>;
  /** Every active hold of an open order in these libraries without an ILS hold id: what a restart reconciles. */
  unplacedIn(libraryIds: readonly string[]): Promise<UnplacedHold[]>;
  record(holdId: number, ilsHoldId: string): Promise<void>;
}
