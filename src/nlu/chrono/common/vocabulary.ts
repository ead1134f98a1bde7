import { alternation, escapeRegExp, keyOf } from '../../text/normalize';
import type { Lang } from '../../types';

/** A word list keyed by normalised form, with the regex alternation that finds any of them. */
export interface Vocabulary<T> {
  pattern: string;
  lookup(key: string): T | undefined;
}

/**
 * `prekeyed`: the words are already normalised (tables from numbers.ts). Normalising twice is
 * not a no-op for Greek ("μάη" → "μαι" → "με"), so keys must never go through keyOf again.
 */
export function vocabulary<T>(lang: Lang, entries: Array<[T, string[]]>, prekeyed = false): Vocabulary<T> {
  const map = new Map<string, T>();
  for (const [value, words] of entries) for (const w of words) map.set((prekeyed ? w : keyOf(w, lang)).replace(/\s+/g, ' '), value);
  const keys = [...map.keys()].sort((a, b) => b.length - a.length);
  return {
    pattern: `(?:${keys.map((x) => escapeRegExp(x).replace(/ /g, '\\s+')).join('|')})`,
    lookup: (key: string) => map.get(key.replace(/\s+/g, ' ').replace(/\.$/, '')),
  };
}

/** Alternation of the normalised forms of phrases, for optional glue words inside patterns. */
export function words(lang: Lang, ...phrases: string[]): string {
  return `(?:${alternation(phrases, lang)})`;
}
