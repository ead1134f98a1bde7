import type { CatalogueRepository, NewAcquisition } from '../ports/catalogue-repository';
import { fold } from '../text/fold';
import type { RecordSummary, SearchPage } from '../types';

/** Words that carry no meaning in a title search ("το", "a", "az", "the" …). */
const STOP_WORDS = new Set(['ο', 'η', 'το', 'οι', 'τα', 'του', 'τησ', 'των', 'τον', 'την', 'και', 'a', 'az', 'es', 'the']);

export class SearchCatalogue {
  constructor(private readonly catalogue: CatalogueRepository) {}

  /** Case-, accent- and final-sigma-insensitive search; every meaningful word must match. */
  async search(libraryId: string, query: string, offset: number, limit: number): Promise<SearchPage> {
    const words = queryWords(query);
    if (words.length === 0) return { total: 0, items: [] };
    return this.catalogue.search(libraryId, words, offset, limit);
  }

  record(recordId: number): Promise<RecordSummary | undefined> {
    return this.catalogue.record(recordId);
  }

  newAcquisitions(libraryId: string, perBranch: number): Promise<NewAcquisition[]> {
    return this.catalogue.newAcquisitions(libraryId, perBranch);
  }
}

/**
 * How a patron inflects a title word that the catalogue spells otherwise: Greek nominative
 * «Ζορμπάς» for «…Ζορμπά», Hungarian accusative «csillagokat» for «csillagok». Matching is by
 * substring, so a shorter stem only ever widens the hits.
 */
function stem(word: string): string {
  if (/\p{Script=Greek}/u.test(word)) return word.length >= 5 && word.endsWith('σ') ? word.slice(0, -1) : word;
  return word.length >= 7 ? word.replace(/(?:[aeo]t|t)$/u, '') : word;
}

export function queryWords(query: string): string[] {
  const all = fold(query).split(' ').filter(Boolean).map(stem);
  const meaningful = all.filter((w) => !STOP_WORDS.has(w));
  // "Η Φόνισσα" keeps "φονισσα"; a query of stop words only ("Το") is kept as typed.
  return (meaningful.length > 0 ? meaningful : all).slice(0, 8);
}
