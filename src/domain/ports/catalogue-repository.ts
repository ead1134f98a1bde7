import type { BranchAvailability, RecordSummary, SearchPage } from '../types';

export interface NewAcquisition {
  branchId: string;
  branchName: string;
  records: RecordSummary[];
}

export interface CatalogueRepository {
  /** `words` are folded (see text/fold.ts); every word must match title, author or ISBN. */
  search(libraryId: string, words: string[], offset: number, limit: number): Promise<SearchPage>;
  record(recordId: number): Promise<RecordSummary | undefined>;
  availability(recordId: number): Promise<BranchAvailability[]>;
  newAcquisitions(libraryId: string, perBranch: number): Promise<NewAcquisition[]>;
}
