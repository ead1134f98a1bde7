import type { BranchAvailability, Language, RecordSummary, SearchPage } from '../types';

export interface NewAcquisition {
  branchId: string;
  branchName: string;
  records: RecordSummary[];
}

export type Vocabulary = Readonly<Record<Language, readonly string[]>>;

export interface CatalogueRepository {
  /**
   * `terms` are groups of folded words (see text/fold.ts): every group must match title, author
   * or ISBN, through any one of its words, as a substring. Ordered by title.
   */
  search(libraryId: string, terms: string[][], offset: number, limit: number): Promise<SearchPage>;
  /**
   * The distinct lower-case words of the library's titles and authors, by the records' language.
   * May be a few minutes old: a word missing from it is still found as typed.
   */
  vocabulary(libraryId: string): Promise<Vocabulary>;
  record(recordId: number): Promise<RecordSummary | undefined>;
  availability(recordId: number): Promise<BranchAvailability[]>;
  /** The record's id in the library's own system and its copies' barcodes: how the ILS is asked about them (issue 20). */
  ilsRefs(recordId: number): Promise<{ sourceId: string | null; barcodes: string[] }>;
  newAcquisitions(libraryId: string, perBranch: number): Promise<NewAcquisition[]>;
}
