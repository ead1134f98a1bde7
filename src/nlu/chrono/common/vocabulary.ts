import { alternation, keyOf } from '../../text/normalize';
import type { Lang } from '../../types';

/** A word list keyed by normalised form, with the regex alternation that finds any of them. */
export interface Vocabulary<T> {
  pattern: string;
  lookup(key: string): T | undefined;
}

export function vocabulary<T>(lang: Lang, entries: Array<[T, string[]]>): Vocabulary<T> {
  const map = new Map<string, T>();
  for (const [value, words] of entries) for (const w of words) map.set(keyOf(w, lang).replace(/\s+/g, ' '), value);
  return {
    pattern: `(?:${alternation(map.keys(), lang)})`,
    lookup: (key: string) => map.get(key.replace(/\s+/g, ' ').replace(/\.$/, '')),
  };
}

/** Alternation of the normalised forms of phrases, for optional glue words inside patterns. */
export function words(lang: Lang, ...phrases: string[]): string {
  return `(?:${alternation(phrases, lang)})`;
}
