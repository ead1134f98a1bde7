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

// "nem beszélek görögül", "δεν μιλάω ελληνικά", "I don't speak Greek": the language after these is
// the one the patron cannot use. Two words of reach cover the verb between ("nem beszélek görögül").
const NEGATORS: Record<Lang, Set<string>> = {
  el: new Set(['δεν', 'δε', 'όχι', 'not', "don't", 'dont', 'no'].map((w) => keyOf(w, 'el'))),
  hu: new Set(['nem', 'ne', 'sem', 'not', "don't", 'dont', 'no'].map((w) => keyOf(w, 'hu'))),
};
const NEGATION_REACH = 2;

/**
 * The language a patron asks for in `tokens` (normalised words of the utterance), if any: the
 * last one named that is not negated, because people say what they cannot use before what they want.
 *
 * @example findLanguage(['nem', 'beszelek', 'gorogul', 'beszel', 'magyarul'], 'hu') === 'hu'
 */
export function findLanguage(tokens: readonly string[], lang: Lang): Language | undefined {
  const table = TABLE[lang];
  let found: Language | undefined;
  tokens.forEach((t, i) => {
    const hit = table.get(t);
    if (!hit) return;
    const negated = tokens.slice(Math.max(0, i - NEGATION_REACH), i).some((w) => NEGATORS[lang].has(w));
    if (!negated) found = hit;
  });
  return found;
}
