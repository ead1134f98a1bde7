import { keyOf } from '../text/normalize';
import type { Lang } from '../types';

export type Language = 'el' | 'hu' | 'en';

// How patrons name a language in either language (and in Greeklish / English).
const NAMES: Record<Language, string[]> = {
  el: ['ελληνικά', 'ελληνικα', 'ελληνικός', 'ελληνική', 'στα ελληνικά', 'görögül', 'görög', 'görögre', 'greek', 'ellinika',
    'elliniká'],
  hu: ['ουγγρικά', 'ουγγρικη', 'ουγγρική', 'magyarul', 'magyar', 'magyarra', 'hungarian', 'ougrika', 'ouggrika', 'ungarisch'],
  en: ['english', 'αγγλικά', 'anglika', 'angolul', 'angol', 'angolra', 'in english', 'inglés'],
};

const TABLE: Record<Lang, Map<string, Language>> = { el: build('el'), hu: build('hu') };

function build(lang: Lang): Map<string, Language> {
  const m = new Map<string, Language>();
  for (const [language, names] of Object.entries(NAMES) as Array<[Language, string[]]>)
    for (const n of names) m.set(keyOf(n, lang), language);
  return m;
}

/** The language a patron names in `tokens` (normalised words of the utterance), if any. */
export function findLanguage(tokens: readonly string[], lang: Lang): Language | undefined {
  const table = TABLE[lang];
  for (const t of tokens) {
    const hit = table.get(t);
    if (hit) return hit;
  }
  return undefined;
}
