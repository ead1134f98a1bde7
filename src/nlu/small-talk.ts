import { keyOf } from './text/normalize';
import type { Lang } from './types';

/** Messages that are manners, not requests: each gets its own short answer, never a search. */
export type SmallTalk = 'greeting' | 'thanks' | 'goodbye';

const PHRASES: Record<Lang, Record<SmallTalk, string[]>> = {
  el: {
    greeting: ['γεια', 'γεια σας', 'γεια σου', 'γειά χαρά', 'καλημέρα', 'καλημέρα σας', 'καλησπέρα', 'καλησπέρα σας', 'χαίρετε',
      'geia', 'geia sas', 'gia sas', 'yia sas', 'kalimera', 'kalispera', 'hello', 'hi', 'γεια χαρα'],
    thanks: ['ευχαριστώ', 'ευχαριστώ πολύ', 'σας ευχαριστώ', 'σας ευχαριστώ πολύ', 'ευχαριστούμε', 'να είστε καλά', 'να σαι καλά',
      'efxaristo', 'eyxaristo', 'euxaristo', 'efharisto', 'thanks', 'thank you', 'merci', 'μερσί', 'τέλεια', 'ωραία'],
    goodbye: ['αντίο', 'αντίο σας', 'καληνύχτα', 'τα λέμε', 'καλή συνέχεια', 'καλή σας μέρα', 'καλή μέρα να έχετε', 'adio', 'bye',
      'bye bye', 'γεια σας και ευχαριστώ'],
  },
  hu: {
    greeting: ['szia', 'sziasztok', 'szervusz', 'szervusztok', 'jó napot', 'jó napot kívánok', 'jó reggelt', 'jó reggelt kívánok',
      'jó estét', 'üdv', 'üdvözlöm', 'hello', 'helló', 'hali', 'halló', 'hi', 'csókolom'],
    thanks: ['köszönöm', 'köszönöm szépen', 'nagyon köszönöm', 'köszi', 'kösz', 'köszönjük', 'köszönöm a segítséget', 'thanks',
      'thank you', 'köszönöm szepen', 'koszi', 'szuper', 'remek', 'nagyszerű'],
    goodbye: ['viszlát', 'viszontlátásra', 'viszhall', 'viszonthallásra', 'további szép napot', 'szép napot', 'minden jót', 'bye',
      'jó éjszakát', 'pá', 'csá'],
  },
};

// "πολύ", "nagyon", "és" and their like may sit between the phrases ("καλημέρα και ευχαριστώ").
const JOINERS: Record<Lang, string[]> = { el: ['και', 'πολύ', 'κι'], hu: ['és', 'is', 'akkor', 'hát', 'na', 'nagyon'] };

type Table = Array<{ words: string[]; kind: SmallTalk | 'joiner' }>;

function words(text: string, lang: Lang): string[] {
  return keyOf(text, lang).split(/[^\p{L}\p{N}']+/u).filter((w) => w !== '');
}

function build(lang: Lang): Table {
  const out: Table = [];
  for (const [kind, phrases] of Object.entries(PHRASES[lang]) as Array<[SmallTalk, string[]]>)
    for (const p of phrases) out.push({ words: words(p, lang), kind });
  for (const j of JOINERS[lang]) out.push({ words: words(j, lang), kind: 'joiner' });
  return out.sort((a, b) => b.words.length - a.words.length);
}

const TABLES: Record<Lang, Table> = { el: build('el'), hu: build('hu') };
// A goodbye that also thanks is a goodbye; a thank-you after a greeting still ends a task.
const RANK: readonly SmallTalk[] = ['greeting', 'thanks', 'goodbye'];

/**
 * The kind of a message made only of greetings, thanks or goodbyes (with "και", "nagyon" and the
 * like between them), so the bot answers in kind instead of searching the catalogue for it.
 *
 * @example smallTalk('Ευχαριστώ πολύ!', 'el') === 'thanks'; smallTalk('köszönöm, viszlát', 'hu') === 'goodbye'
 */
export function smallTalk(text: string, lang: Lang): SmallTalk | undefined {
  const input = words(text, lang);
  let best: SmallTalk | undefined;
  let i = 0;
  while (i < input.length) {
    const hit = TABLES[lang].find((p) => p.words.every((w, k) => input[i + k] === w));
    if (!hit) return undefined;
    if (hit.kind !== 'joiner' && (!best || RANK.indexOf(hit.kind) > RANK.indexOf(best))) best = hit.kind;
    i += hit.words.length;
  }
  return best;
}
