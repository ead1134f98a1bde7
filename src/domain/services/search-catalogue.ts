import type { CatalogueRepository, NewAcquisition, Vocabulary } from '../ports/catalogue-repository';
import { fold } from '../text/fold';
import { searchKey } from '../text/normalize';
import type { Language, RecordSummary, SearchPage } from '../types';
import { queryWord, SearchLexicon, type QueryWord, type Tier } from './search-lexicon';

/** Words that carry no meaning in a title search ("το", "a", "az", "the" …), as search keys. */
const STOP_WORDS: Record<Language, Set<string>> = {
  el: new Set(['ο', 'η', 'το', 'οι', 'τα', 'του', 'της', 'των', 'τον', 'την', 'τη', 'και', 'στο', 'στη', 'στην', 'στον', 'τους', 'τις', 'στα', 'στους', 'στις', 'με', 'σε', 'για', 'απο', 'the']
    .map((w) => searchKey(w, 'el'))),
  hu: new Set(['a', 'az', 'es', 'egy', 's', 'the']),
};

const MATCH: Record<Tier, 'exact' | 'close' | 'fuzzy'> = { 0: 'exact', 1: 'close', 2: 'fuzzy' };

export class SearchCatalogue {
  private readonly lexicons = new WeakMap<Vocabulary, SearchLexicon>();
  /** The last lexicon of each library, for its languages' stop words before the vocabulary is read. */
  private readonly loaded = new Map<string, SearchLexicon>();

  constructor(private readonly catalogue: CatalogueRepository) {}

  /**
   * Title, author or ISBN search that forgives how patrons type: every meaningful word must
   * match, first as typed or spelt another way (Greeklish, «αδερφοί», no accents), then
   * inflected or cut short («Καζαντζάκη», «csillagokat»), and only when neither finds anything,
   * as a near miss («καζανζακης»), which the page marks with the catalogue's spelling. A word
   * the catalogue has nothing like is left out when the other words outnumber it («βιβλία της
   * Πηνελόπης Δέλτα»); otherwise the search finds nothing, and the library may offer a loan.
   */
  async search(libraryId: string, query: string, offset: number, limit: number): Promise<SearchPage> {
    // The words as typed need no vocabulary: they are looked up before it is read, so a search
    // never waits for it unless the words as typed find nothing.
    const known = this.loaded.get(libraryId);
    const typedLangs: Language[] = known && known.languages.length > 0 ? known.languages : ['el', 'hu'];
    const asTyped = queryWords(query, typedLangs);
    if (asTyped.length === 0) return { total: 0, items: [] };
    const first = await this.catalogue.search(libraryId, asTyped.map((w) => [fold(w)]).filter((g) => g[0] !== ''), offset, limit);
    if (first.total > 0) return { ...first, match: 'exact' };
    const lexicon = await this.lexicon(libraryId);
    const langs: Language[] = lexicon.languages.length > 0 ? lexicon.languages : ['el', 'hu'];
    const typed = queryWords(query, langs);
    if (typed.length === 0) return { total: 0, items: [] };
    const words = typed.map((w) => queryWord(w, langs));
    const page = await this.tiered(libraryId, lexicon, words, offset, limit, JSON.stringify(asTyped.map((w) => [fold(w)])));
    if (page) return page;
    // Words the catalogue has nothing like, not even a near miss: drop them if they are few.
    const matched = words.filter((w) => lexicon.alternatives(w, 2).tier !== undefined);
    if (matched.length === 0 || matched.length === words.length || matched.length <= words.length - matched.length) return { total: 0, items: [] };
    return (await this.tiered(libraryId, lexicon, matched, offset, limit, '')) ?? { total: 0, items: [] };
  }

  /** Respelt, then inflected or cut short, then near misses; `previous`: the groups already looked up. */
  private async tiered(libraryId: string, lexicon: SearchLexicon, words: QueryWord[], offset: number, limit: number, previous: string): Promise<SearchPage | undefined> {
    for (const tier of [0, 1, 2] as const) {
      const groups = words.map((w) => unique([w.folded, ...lexicon.alternatives(w, tier).words]));
      // Nothing new to look for at this tier: the same query would find the same nothing.
      const signature = JSON.stringify(groups);
      if (signature === previous) continue;
      previous = signature;
      const page = await this.catalogue.search(libraryId, groups, offset, limit);
      if (page.total === 0) continue;
      if (tier < 2) return { ...page, match: MATCH[tier] };
      const suggestion = this.suggestion(lexicon, words, page.items[0]);
      return { ...page, match: 'fuzzy', ...(suggestion ? { suggestion } : {}) };
    }
    return undefined;
  }

  /** The typed words, each replaced by its spelling in the first hit where it was only a near miss. */
  private suggestion(lexicon: SearchLexicon, words: QueryWord[], first: RecordSummary | undefined): string | undefined {
    if (!first) return undefined;
    const text = `${first.title} ${first.author}`;
    const lang = lexicon.languages[0] ?? 'el';
    const out = words.map((w) => (lexicon.alternatives(w, 2).tier === 2 ? lexicon.spellingIn(text, w, lang) ?? w.typed : w.typed));
    return out.join(' ');
  }

  /** Reads a library's vocabulary ahead of its first search: at a million copies that takes seconds. */
  async warm(libraryId: string): Promise<void> {
    await this.lexicon(libraryId);
  }

  private async lexicon(libraryId: string): Promise<SearchLexicon> {
    const vocabulary = await this.catalogue.vocabulary(libraryId);
    let lexicon = this.lexicons.get(vocabulary);
    if (!lexicon) {
      lexicon = new SearchLexicon(vocabulary);
      this.lexicons.set(vocabulary, lexicon);
      this.loaded.set(libraryId, lexicon);
    }
    return lexicon;
  }

  record(recordId: number): Promise<RecordSummary | undefined> {
    return this.catalogue.record(recordId);
  }

  newAcquisitions(libraryId: string, perBranch: number): Promise<NewAcquisition[]> {
    return this.catalogue.newAcquisitions(libraryId, perBranch);
  }
}

/**
 * The meaningful words of a query, as typed: stop words out, unless nothing else is left
 * («Η Λέξη» keeps «Λέξη»; «Το» alone is kept as typed). At most eight.
 *
 * @example queryWords('Η Φόνισσα') → ['Φόνισσα']
 */
export function queryWords(query: string, langs: readonly Language[] = ['el', 'hu']): string[] {
  const all = query.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const meaningful = all.filter((w) => !langs.some((lang) => STOP_WORDS[lang].has(searchKey(w, lang))));
  return (meaningful.length > 0 ? meaningful : all).slice(0, 8);
}

/** The group's distinct words, without those that contain another: a substring match finds them anyway. */
function unique(words: string[]): string[] {
  const distinct = [...new Set(words.filter((w) => w !== ''))];
  return distinct.filter((w) => !distinct.some((v) => v !== w && w.includes(v)));
}
