/**
 * Demo interlibrary loan requests (Ózd, seeds/004). 2002003 has the 3 outstanding requests a
 * reader may have at once; 2002004 owes 1 250 Ft return postage for a book sent back uncollected.
 * Amounts are minor units (fillér).
 */
export interface SeedIllRequest {
  cardNumber: string;
  ref: string;
  status: 'requested' | 'shipped' | 'arrived' | 'not_collected';
  kind: 'book' | 'article';
  form: 'original' | 'copy' | 'electronic';
  title: string;
  author: string;
  year?: number;
  journal?: string;
  volumeIssue?: string;
  pages?: string;
  lender?: string;
  weightGrams?: number;
  /** Return postage owed and unpaid (not_collected only). */
  owedPostage?: number;
  arrivedAt?: string;
}

export const demoIllRequests: SeedIllRequest[] = [
  { cardNumber: '2002003', ref: '3000015', status: 'requested', kind: 'book', form: 'original', title: 'A Tisza-part', author: 'Szabó Magda', year: 1997, lender: 'Országos Széchényi Könyvtár' },
  { cardNumber: '2002003', ref: '3000023', status: 'shipped', kind: 'book', form: 'original', title: 'Kőszívű ember fiai', author: 'Jókai Mór', year: 1869, lender: 'Fővárosi Szabó Ervin Könyvtár' },
  { cardNumber: '2002003', ref: '3000031', status: 'requested', kind: 'article', form: 'copy', title: 'A borsodi iparvidék története', author: 'Kiss Gábor', journal: 'Borsodi Levéltári Évkönyv', year: 1989, volumeIssue: '6', pages: '115–142', lender: 'II. Rákóczi Ferenc Megyei Könyvtár' },
  { cardNumber: '2002004', ref: '3000049', status: 'not_collected', kind: 'book', form: 'original', title: 'Ózd ipartörténete', author: 'Nagy Ferenc', year: 1985, lender: 'Miskolci Egyetem Könyvtára', weightGrams: 480, owedPostage: 125000, arrivedAt: '2026-10-06T09:00:00Z' },
];
