import { distance } from 'fastest-levenshtein';
import type { Vocabulary } from '../ports/catalogue-repository';
import { fold } from '../text/fold';
import { searchKey, type Reading } from '../text/normalize';
import { stem } from '../text/stem';
import { LANGUAGES, type Language } from '../types';

/** 0: the same word however spelt; 1: inflected, or cut short; 2: a near miss (typo). */
export type Tier = 0 | 1 | 2;

interface Entry { word: string; key: string; stem: string; lang: Language }

interface Form { key: string; stem: string }

/**
 * A word as the patron typed it, prepared once per language. `xi`: the same word with its
 * Greeklish "x" read as ξ instead of χ («alexis», «xanthi»); the two readings are looked up
 * side by side, so a word costs two lookups, never one per combination of letters.
 */
export interface QueryWord { typed: string; folded: string; forms: Partial<Record<Language, Form & { xi?: Form }>> }

/**
 * Case endings as search keys, for names the stemmers do not know: Hungarian accusative, from,
 * about, at, to, with («Karinthyt», «Jókaitól», «Petőfiről»); Greek genitive and accusative of
 * foreign names («του Κάφκα», «τον Όργουελ» need none; «Ουγκώ»/«Ουγκό» are respellings).
 */
const ENDINGS: Record<Language, string[]> = {
  hu: ['t', 'ot', 'et', 'at', 'tol', 'rol', 'nal', 'nel', 'nak', 'nek', 'val', 'vel', 'ig', 'ert', 'hoz', 'hez', 'ba', 'be', 'ban', 'ben'],
  el: ['σ', 'ν', 'ου'],
};

/** At most this many catalogue words stand in for one typed word: the index lookup is an OR of them. */
const MAX_ALTERNATIVES = 12;

/**
 * Edits allowed between a typed word and a catalogue word, by the typed word's length in its
 * search key (where «πάντα» is «παδα», four letters). One slip from five letters, two from
 * eight: «καζανζακης», «janikovszki», «krasznahorkay». Short words get none: «πάντα» must not
 * find «Πασά», nor «Νικόλας» «Νίκος».
 */
export function maxEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 8) return 1;
  return 2;
}

function stemKey(word: string, lang: Language, reading: Reading = {}): string {
  // Greek is stemmed folded (the Ntais stemmer knows no accents), Hungarian with its accents.
  const base = lang === 'el' ? fold(word) : word.toLowerCase();
  return searchKey(stem(base, lang), lang, reading);
}

export function queryWord(typed: string, langs: readonly Language[]): QueryWord {
  const forms: QueryWord['forms'] = {};
  for (const lang of langs) {
    const form = { key: searchKey(typed, lang), stem: stemKey(typed, lang) };
    const xi = lang === 'el' && /x/i.test(typed) ? { key: searchKey(typed, lang, { x: 'ξ' }), stem: stemKey(typed, lang, { x: 'ξ' }) } : undefined;
    forms[lang] = xi && xi.key !== form.key ? { ...form, xi } : form;
  }
  return { typed, folded: fold(typed), forms };
}

/** The readings of a word in `lang`: as typed, and with "x" as ξ where it has one. */
function readings(q: QueryWord, lang: Language): Form[] {
  const form = q.forms[lang];
  if (!form) return [];
  return form.xi ? [form, form.xi] : [form];
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
  /** Per language, every distinct key in order: the keys a cut-short word starts are one range. */
  private readonly sortedKeys = new Map<Language, string[]>();
  /** Per language and key length: a near miss differs in length by at most its edits. */
  private readonly byLength = new Map<string, Entry[]>();
  /** Per language and stem length, the distinct stems. */
  private readonly stemsByLength = new Map<string, string[]>();
  private readonly memo = new Map<string, { close: Candidate[]; all?: Candidate[] }>();
  readonly languages: Language[];

  constructor(vocabulary: Vocabulary) {
    this.languages = LANGUAGES.filter((l) => vocabulary[l].length > 0);
    for (const lang of this.languages) {
      for (const word of vocabulary[lang]) {
        const entry = entryOf(word, lang);
        if (!entry) continue;
        if (!this.byKey.has(`${lang}:${entry.key}`)) push(this.byLength, `${lang}:${entry.key.length}`, entry);
        push(this.byKey, `${lang}:${entry.key}`, entry);
        if (entry.stem.length >= 3) {
          if (!this.byStem.has(`${lang}:${entry.stem}`)) push(this.stemsByLength, `${lang}:${entry.stem.length}`, entry.stem);
          push(this.byStem, `${lang}:${entry.stem}`, entry);
        }
      }
      this.sortedKeys.set(lang, [...new Set(vocabulary[lang].map((w) => entryOf(w, lang)?.key ?? ''))].filter(Boolean).sort());
    }
  }

  /** Catalogue words (folded, as the index holds them) that `q` may stand for, up to `tier`. */
  alternatives(q: QueryWord, tier: Tier): { words: string[]; tier: Tier | undefined } {
    const all = this.candidates(q, tier === 2);
    const best = all[0];
    // Near misses only at the best distance found: «csilagok» stands for «csillagok», not also
    // for every word two edits away, each of which would bring its own hundreds of records.
    const kept = best && best.tier === 2 ? all.filter((c) => c.score <= best.score) : all.filter((c) => c.tier <= tier);
    return { words: kept.slice(0, MAX_ALTERNATIVES).map((c) => c.word), tier: best?.tier };
  }

  /**
   * The catalogue words `q` may stand for, best first; computed once per typed word. Near
   * misses cost a pass over the words of similar length: only when asked for.
   */
  private candidates(q: QueryWord, nearMisses: boolean): Candidate[] {
    const memoKey = this.languages.map((l) => `${l}:${readings(q, l).map((f) => `${f.key}:${f.stem}`).join('/')}`).join('|');
    let memo = this.memo.get(memoKey);
    if (!memo) {
      if (this.memo.size > 5_000) this.memo.clear();
      memo = { close: this.collect(q, false) };
      this.memo.set(memoKey, memo);
    }
    if (!nearMisses || memo.close.some((c) => c.tier < 2)) return memo.close;
    memo.all ??= this.collect(q, true);
    return memo.all;
  }

  private collect(q: QueryWord, nearMisses: boolean): Candidate[] {
    const found = new Map<string, Candidate>();
    const add = (e: Entry, score: number, tier: Tier) => {
      const prev = found.get(e.word);
      if (!prev || score < prev.score) found.set(e.word, { word: e.word, score, tier });
    };
    for (const lang of this.languages) for (const form of readings(q, lang)) {
      if (form.key === '') continue;
      const k = form.key;
      for (const e of this.byKey.get(`${lang}:${k}`) ?? []) add(e, 0, 0);
      if (form.stem.length >= 3) for (const e of this.byStem.get(`${lang}:${form.stem}`) ?? []) add(e, 1, 1);
      // Cut short («Καζαντζ»): the keys that start with it.
      if (k.length >= 4) {
        const keys = this.sortedKeys.get(lang) ?? [];
        for (let i = lowerBound(keys, k); i < keys.length && keys[i]!.startsWith(k); i++) {
          if (keys[i] === k) continue;
          for (const e of this.byKey.get(`${lang}:${keys[i]}`) ?? []) add(e, 1 + (e.key.length - k.length) / 100, 1);
        }
      }
      // Inflected past what the stemmer knows («zsigmondtol», «karinthyt»): a catalogue word
      // followed by a case ending.
      for (const ending of ENDINGS[lang]) {
        if (k.length - ending.length < 4 || !k.endsWith(ending)) continue;
        for (const e of this.byKey.get(`${lang}:${k.slice(0, -ending.length)}`) ?? []) add(e, 1.05, 1);
      }
      if (!nearMisses) continue;
      const edits = maxEdits([...k].length);
      for (let len = k.length - edits; edits > 0 && len <= k.length + edits; len++) {
        for (const e of this.byLength.get(`${lang}:${len}`) ?? []) {
          if (e.key === k) continue;
          const d = distance(k, e.key);
          if (d <= edits) for (const same of this.byKey.get(`${lang}:${e.key}`) ?? []) add(same, 2 + d, 2);
        }
      }
      // An inflected word with a typo («καζανζακη»): compare the stems.
      const stemEdits = maxEdits(form.stem.length);
      for (let len = form.stem.length - stemEdits; form.stem.length >= 4 && stemEdits > 0 && len <= form.stem.length + stemEdits; len++) {
        for (const other of this.stemsByLength.get(`${lang}:${len}`) ?? []) {
          if (other !== form.stem && distance(form.stem, other) <= stemEdits) for (const e of this.byStem.get(`${lang}:${other}`) ?? []) add(e, 3.5, 2);
        }
      }
    }
    return [...found.values()].sort((a, b) => a.score - b.score);
  }

  /** The catalogue's spelling, as in `text` (a hit's title and author), of the word `q` stands for. */
  spellingIn(text: string, q: QueryWord, lang: Language): string | undefined {
    const forms = readings(q, lang);
    const form = forms[0];
    if (!form) return undefined;
    let best: { word: string; d: number } | undefined;
    for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
      const key = searchKey(word, lang);
      if (key === '') continue;
      const wordStem = stemKey(word, lang);
      const d = Math.min(...forms.map((f) => Math.min(distance(key, f.key), distance(wordStem, f.stem))));
      if (!best || d < best.d) best = { word, d };
    }
    return best && best.d <= maxEdits(form.key.length) + 1 ? best.word : undefined;
  }
}

interface Candidate { word: string; score: number; tier: Tier }

// The same catalogue word gets the same key and stem on every reload of the vocabulary.
const entries = new Map<string, Entry | null>();

function entryOf(word: string, lang: Language): Entry | undefined {
  const k = `${lang}:${word}`;
  let e = entries.get(k);
  if (e === undefined) {
    const key = searchKey(word, lang);
    e = key === '' || key.includes(' ') ? null : { word: fold(word), key, stem: stemKey(word, lang), lang };
    if (entries.size > 500_000) entries.clear();
    entries.set(k, e);
  }
  return e ?? undefined;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
