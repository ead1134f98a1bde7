/** Shapes of the demo data. Branch codes are the stable keys staff and tests use. */
export type LibraryCode = 'kalamaria' | 'ozd';
export type KalamariaBranch = 'kal-central' | 'kal-child-a' | 'kal-child-b';
export type OzdBranch = 'ozd-main';
export type BranchCode = KalamariaBranch | OzdBranch;

export interface SeedCopy {
  branch: BranchCode;
  status: 'available' | 'on_loan';
  /** Shelf mark as staff read it on the spine label, e.g. "889.3 ΚΑΖ" or "894.511 G 24". */
  shelf: string;
}

export interface SeedTitle {
  library: LibraryCode;
  title: string;
  author: string;
  isbn?: string;
  year: number;
  /** ISO 639-1 language of the text itself. */
  language: string;
  kind: 'book' | 'journal';
  audience: 'adult' | 'children';
  /** ISO date the library acquired it; the newest feed the "new acquisitions" lists. */
  acquired: string;
  copies: SeedCopy[];
}
