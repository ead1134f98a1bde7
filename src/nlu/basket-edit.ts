import { fold } from '../domain/text/fold';
import { parseOrdinal } from './numbers';
import type { Lang } from './types';

/** A change to the basket said in words: which item goes (by position), and what to look for in its place. */
export interface BasketEdit {
  /** 0-based position in the basket of the item to take out. */
  remove: number;
  /** "X αντί για Y", "Y helyett X": the search for the replacement. */
  instead?: string;
}

// Folded, so "βγάλ' το", "βγαλτε", "vegye ki" all match.
const REMOVE: Record<Lang, RegExp> = {
  el: /(?:^|\s)(?:βγαλ\p{L}*|αφαιρεσ\p{L}*|σβησ\p{L}*|διαγραψ\p{L}*|πεταξ\p{L}*)(?:\s|$)/u,
  hu: /(?:^|\s)(?:ve(?:dd|gye|gyed|gyük)\s+ki|kiven\p{L}*|torol\p{L}*|torold|torolje|ne\s+legyen|nem\s+kell)(?:\s|$)/u,
};
const INSTEAD: Record<Lang, RegExp> = {
  el: /(?:^|\s)(?:αντι\s+(?:για|γι)|στη\s+θεση)(?:\s|$)/u,
  hu: /(?:^|\s)helyett(?:e)?(?:\s|$)/u,
};
// "αυτό", "το τελευταίο", "ezt", "az utolsót": the book just added.
const THIS: Record<Lang, RegExp> = {
  el: /(?:^|\s)(?:αυτο|αυτον|αυτη|αυτην|το\s+τελευταιο|το|τον|την)(?:\s|$)/u,
  hu: /(?:^|\s)(?:ezt|azt|az\s+utolsot|ezt\s+a\s+konyvet)(?:\s|$)/u,
};
const FILLER: Record<Lang, Set<string>> = {
  el: new Set(['οχι', 'ναι', 'θελω', 'θα', 'ηθελα', 'να', 'το', 'τον', 'την', 'τη', 'του', 'της', 'ο', 'η', 'και', 'βαλε', 'βαλτε', 'μου',
    'παρακαλω', 'αντι', 'για', 'γι', 'στη', 'θεση', 'αυτο', 'αυτου', 'καλαθι', 'απο', 'βιβλιο']),
  hu: new Set(['nem', 'igen', 'a', 'az', 'es', 'inkabb', 'kerem', 'kernem', 'helyett', 'helyette', 'legyen', 'szeretnem', 'konyvet',
    'kosarbol', 'ki', 'vegye', 'vedd', 'ezt', 'azt', 'hanem']),
};
/** Words shorter than this are not looked up in titles ("του", "és"). */
const TITLE_WORD = 4;

function titleIndex(words: readonly string[], titles: readonly string[]): number | undefined {
  const wanted = words.filter((w) => w.length >= TITLE_WORD);
  if (wanted.length === 0) return undefined;
  // Word starts, because the patron inflects the title: «τον Ζορμπά» for «…Αλέξη Ζορμπά», «a Kőszívűt».
  const hits = titles.map((title, i) => [i, fold(title).split(' ')] as const)
    .filter(([, tw]) => wanted.some((w) => tw.some((t) => t.length >= TITLE_WORD && (w.startsWith(t.slice(0, TITLE_WORD + 1)) || t.startsWith(w)))));
  return hits.length === 1 ? hits[0]![0] : undefined;
}

/**
 * Reads "όχι, βγάλε τον Ζορμπά", "βγάλ' το", "αφαίρεσε το δεύτερο", "vegye ki az Egri csillagokat",
 * "θέλω τη Φόνισσα αντί για τον Ζορμπά", "a Kőszívű helyett az Egri csillagokat" against the
 * titles in the basket. Undefined when the words name no single item to take out.
 *
 * @example parseBasketEdit('όχι, βγάλε τον Ζορμπά', 'el', ['Ο Καπετάν Μιχάλης', 'Βίος και πολιτεία του Αλέξη Ζορμπά'])?.remove === 1
 */
export function parseBasketEdit(text: string, lang: Lang, titles: readonly string[]): BasketEdit | undefined {
  if (titles.length === 0) return undefined;
  const folded = fold(text);
  const instead = INSTEAD[lang].exec(folded);
  if (!REMOVE[lang].test(folded) && !instead) return undefined;
  const last = titles.length - 1;
  if (instead) {
    // Greek names the new book first ("τη Φόνισσα αντί για τον Ζορμπά") or after ("αντί γι' αυτό, τη Φόνισσα");
    // Hungarian puts the old one before "helyett".
    const before = folded.slice(0, instead.index).trim().split(' ').filter(Boolean);
    const after = folded.slice(instead.index + instead[0].length).trim().split(' ').filter(Boolean);
    const [oldWords, newWords] = lang === 'hu' ? [before, after] : after.length > 0 && titleIndex(after, titles) !== undefined ? [after, before] : [before, after];
    const onlyThis = oldWords.every((w) => FILLER[lang].has(w));
    const remove = onlyThis ? last : titleIndex(oldWords, titles);
    const rest = (lang === 'el' && onlyThis ? [...oldWords, ...newWords] : newWords).filter((w) => !FILLER[lang].has(w));
    const query = (rest.length > 0 ? rest : lang === 'el' ? before : after).filter((w) => !FILLER[lang].has(w)).join(' ');
    if (remove === undefined || !query) return undefined;
    return { remove, instead: query };
  }
  const words = folded.split(' ');
  const ordinal = words.map((w) => parseOrdinal(w, lang)).find((n) => n !== undefined && n >= 1 && n <= titles.length);
  if (ordinal !== undefined) return { remove: ordinal - 1 };
  const named = titleIndex(words.filter((w) => !FILLER[lang].has(w)), titles);
  if (named !== undefined) return { remove: named };
  return THIS[lang].test(folded) || titles.length === 1 ? { remove: last } : undefined;
}
