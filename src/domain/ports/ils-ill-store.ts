/** An interlibrary loan request the bot wrote that the library's own system has not taken yet (no ilsRequestId). */
export interface UnfiledIll {
  id: number;
  ref: string;
  libraryId: string;
  cardNumber: string;
  title: string;
  author?: string;
  year?: number;
  isbn?: string;
}

/** Where the ILS's request ids are kept beside the bot's ILL requests (IllRequest.ilsRequestId). */
export interface IlsIllStore {
  /** The request, if it is still outstanding and has no ILS id. */
  unfiledOf(id: number): Promise<UnfiledIll | undefined>;
  /** Every outstanding request in these libraries without an ILS id: what a restart files. */
  unfiledIn(libraryIds: readonly string[]): Promise<UnfiledIll[]>;
  record(id: number, ilsRequestId: string): Promise<void>;
}
