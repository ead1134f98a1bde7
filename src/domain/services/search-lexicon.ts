import { distance } from 'fastest-levenshtein';
import type { Vocabulary } from '../ports/catalogue-repository';
import { fold } from '../text/fold';
import { searchKey } from '../text/normalize';
import { stem } from '../text/stem';
import { LANGUAGES, type Language } from '../types';

/** 0: the same word however spelt; 1: inflected, or cut short; 2: a near miss (typo). */
export type Tier = 0 | 1 | 2;

interface Entry { word: string; key: string; stem: string; lang: Language }

/** A word as the patron typed it, prepared once per language. */
export interface QueryWord { typed: string; folded: string; forms: Partial<Record<Language, { key: string; stem: string }>> }

/** At most this many catalogue words stand in for one typed word: the index lookup is an OR of them. */
const MAX_ALTERNATIVES = 12;

/**
 * Edits allowed between a typed word and a catalogue word, by the typed word's length in its
 * search key. One slip in five letters, two from seven: «καζανζακης» (one letter short),
 * «egri csilagok», «karinty». Short words get none: «Vuk» and «Kele» must not find each other.
 */
export function maxEdits(length: number): number {
  if (length < 4) return 0;
  if (length < 7) return 1;
  return 2;
}

function stemKey(word: string, lang: Language): string {
  // Greek is stemmed folded (the Ntais stemmer knows no accents), Hungarian with its accents.
  const base = lang === 'el' ? fold(word) : word.toLowerCase();
  return searchKey(stem(base, lang), lang);
}

export function queryWord(typed: string, langs: readonly Language[]): QueryWord {
  const forms: QueryWord['forms'] = {};
  for (const lang of langs) forms[lang] = { key: searchKey(typed, lang), stem: stemKey(typed, lang) };
  return { typed, folded: fold(typed), forms };
}

/**
 * The catalogue's words with their search keys and stems, to turn what a patron typed into the
 * words the index holds. A spelling corrector over the catalogue's own vocabulary (as Lucene's
 * DirectSpellChecker does over an index's terms): the index then answers with exact lookups,
 * so fuzzy matching costs one pass over the vocabulary, not one over the records.
 */
export class SearchLexicon {
  private readonly byKey = new Map<string, Entry[]>();
  private readonly byStem = new Map<string, Entry[]>();
  private readonly entries: Entry[] = [];
  readonly languages: Language[];

  constructor(vocabulary: Vocabulary) {
    this.languages = LANGUAGES.filter((l) => vocabulary[l].length > 0);
    for (const lang of this.languages) {
      for (const word of vocabulary[lang]) {
        const key = searchKey(word, lang);
        if (key === '' || key.includes(' ')) continue;
        const entry = { word: fold(word), key, stem: stemKey(word, lang), lang };
        this.entries.push(entry);
        push(this.byKey, `${lang}:${key}`, entry);
        if (entry.stem.length >= 3) push(this.byStem, `${lang}:${entry.stem}`, entry);
      }
    }
  }

  /** Catalogue words (folded, as the index holds them) that `q` may stand for, up to `tier`. */
  alternatives(q: QueryWord, tier: Tier): { words: string[]; tier: Tier | undefined } {
    const found = new Map<string, number>();
    let best: Tier | undefined;
    const add = (e: Entry, score: number, t: Tier) => {
      const prev = found.get(e.word);
      if (prev === undefined || score < prev) found.set(e.word, score);
      if (best === undefined || t < best) best = t;
    };
    for (const lang of this.languages) {
      const form = q.forms[lang];
      if (!form || form.key === '') continue;
      for (const e of this.byKey.get(`${lang}:${form.key}`) ?? []) add(e, 0, 0);
      if (tier < 1) continue;
      if (form.stem.length >= 3) for (const e of this.byStem.get(`${lang}:${form.stem}`) ?? []) add(e, 1, 1);
      const k = form.key;
      const edits = maxEdits([...k].length);
      for (const e of this.entries) {
        if (e.lang !== lang || e.key === k) continue;
        // Cut short («Καζαντζ») or inflected past what the stemmer knows («zsigmondtol»).
        if (k.length >= 3 && e.key.startsWith(k)) { add(e, 1 + (e.key.length - k.length) / 100, 1); continue; }
        if (e.key.length >= 4 && k.startsWith(e.key) && k.length - e.key.length <= 4) { add(e, 1.05, 1); continue; }
        if (tier < 2 || edits === 0 || Math.abs(e.key.length - k.length) > edits) continue;
        const d = distance(k, e.key);
        if (d <= edits) add(e, 2 + d, 2);
        // An inflected word with a typo («καζανζακη»): compare the stems.
        else if (form.stem.length >= 4 && e.stem.length >= 4 && distance(form.stem, e.stem) <= maxEdits(form.stem.length)) add(e, 3.5, 2);
      }
    }
    const words = [...found.entries()].sort((a, b) => a[1] - b[1]).slice(0, MAX_ALTERNATIVES).map(([w]) => w);
    return { words, tier: best };
  }

  /** The catalogue's spelling, as in `text` (a hit's title and author), of the word `q` stands for. */
  spellingIn(text: string, q: QueryWord, lang: Language): string | undefined {
    const form = q.forms[lang];
    if (!form) return undefined;
    let best: { word: string; d: number } | undefined;
    for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
      const key = searchKey(word, lang);
      if (key === '') continue;
      const d = Math.min(distance(key, form.key), distance(stemKey(word, lang), form.stem));
      if (!best || d < best.d) best = { word, d };
    }
    return best && best.d <= maxEdits(form.key.length) + 1 ? best.word : undefined;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
