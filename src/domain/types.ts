export type Language = 'el' | 'hu';
export const LANGUAGES: readonly Language[] = ['el', 'hu'];

export type PatronStatus = 'active' | 'locked' | 'expired';

/** What the rules need to know about a patron at one instant. */
export interface PatronSnapshot {
  id: number;
  libraryId: string;
  name: string;
  status: PatronStatus;
  cardExpiresAt: Date;
  loansCount: number;
  /** Holds not yet collected, cancelled or expired, across all branches. */
  activeHolds: number;
  preferredLanguage: Language;
}

export interface BranchAvailability {
  branchId: string;
  branchName: string;
  available: number;
  total: number;
}

export interface RecordSummary {
  id: number;
  title: string;
  author: string;
  year: number;
  kind: 'book' | 'journal';
  isbn?: string;
  availability: BranchAvailability[];
}

export interface SearchPage {
  total: number;
  items: RecordSummary[];
  /**
   * How the words were found: as typed (or spelt another way, or in Greeklish), inflected or
   * cut short, or only as a near miss (a typo). Absent when nothing was found.
   */
  match?: 'exact' | 'close' | 'fuzzy';
  /** For a near miss: the patron's words as the catalogue spells them («Καζαντζάκης»). */
  suggestion?: string;
}

/** A book the patron has put in the basket; the copy itself is chosen when the order is written. */
export interface BasketItem {
  recordId: number;
  title: string;
  branchId: string;
  branchName: string;
}

/** A library's name in one language (libraries/<id>.yaml `names`). */
export interface LibraryName {
  /** As written on its own. */
  name: string;
  /** As the greeting says it, with the article and case ending the sentence needs. */
  welcome: string;
  /** As the phone says it, when the written form would be misread. */
  spoken?: string;
}

export interface LibraryInfo {
  id: string;
  /** The name in the default language. */
  name: string;
  /** The name in each language offered. */
  names: Partial<Record<Language, LibraryName>>;
  languages: readonly Language[];
  phone: string;
  /** Where the phone line puts callers through; `phone` when not given. */
  transferNumber?: string;
  webAddress?: string;
  timezone: string;
  currency: string;
  defaultLanguage: Language;
  /** In the library's own order, for "where are you?" and "when are you open?". */
  branches: readonly BranchInfo[];
}

export interface BranchInfo {
  id: string;
  name: string;
  address: string;
  phone?: string;
}
