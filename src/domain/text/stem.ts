import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import greek from 'lunr-languages/lunr.el.js';
import hungarian from 'lunr-languages/lunr.hu.js';
import type { Language } from '../types';

type Stemmer = (word: string) => string;

/**
 * The Greek (Ntais) and Hungarian (Snowball) stemmers of lunr-languages, without lunr: the
 * plugins only need somewhere to register their pipeline functions, and lunr itself is not a
 * dependency of this project. Only the stemmers are taken; trimming, stop words and accents are
 * the job of fold() and normalize().
 */
const host: Record<string, unknown> & { el?: { stemmer: Stemmer }; hu?: { stemmer: Stemmer } } = {
  Pipeline: { registerFunction: () => undefined },
  trimmerSupport: { generateTrimmer: () => (token: unknown) => token },
  generateStopWordFilter: () => (token: unknown) => token,
};
stemmerSupport(host);
greek(host);
hungarian(host);

const STEMMERS: Record<Language, Stemmer> = { el: host.el!.stemmer, hu: host.hu!.stemmer };
const cache = new Map<string, string>();

/**
 * The stem of one lower-case word: «Ζορμπάς» and «Ζορμπά», «Καζαντζάκη» and «Καζαντζάκης»,
 * «csillagokat» and «csillagok» share one. Greek is stemmed folded (the Ntais stemmer knows no
 * accents); Hungarian with its accents, which carry the case endings («-ról», «-től»).
 *
 * @example stem('καζαντζακη', 'el') === stem('καζαντζακησ', 'el')
 */
export function stem(word: string, lang: Language): string {
  const k = `${lang}\u0000${word}`;
  let v = cache.get(k);
  if (v === undefined) {
    // The Greek stemmer lower-cases through toLowerCase(), which writes a final Σ as ς.
    v = STEMMERS[lang](word).replace(/ς/g, 'σ');
    if (cache.size > 50_000) cache.clear();
    cache.set(k, v);
  }
  return v;
}
