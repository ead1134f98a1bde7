import { keyOf } from './text/normalize';
import type { Lang } from './types';

// Phrases are matched at the start of the answer, so "ναι, την Παρασκευή" is still a yes.
// Longer phrases are tried first: "όχι ακόμα" before "όχι", "dehogynem" (= of course) before "dehogy".
const PHRASES: Record<Lang, { yes: string[]; no: string[]; unsure: string[] }> = {
  el: {
    yes: ['ναι', 'ναι βέβαια', 'ναι φυσικά', 'ναι παρακαλώ', 'ναι ναι', 'βεβαίως', 'βέβαια', 'σίγουρα', 'μάλιστα',
      'εντάξει', 'οκ', 'οκέι', 'ok', 'okay', 'σωστά', 'φυσικά', 'αμέ', 'ακριβώς', 'ασφαλώς', 'ναίσκε', 'yes',
      'ναι σωστά', 'συμφωνώ', 'πολύ καλά', 'καλά', 'θέλω', 'το θέλω', 'ναι θέλω', 'ισχύει'],
    no: ['όχι', 'όχι ευχαριστώ', 'όχι ακόμα', 'καθόλου', 'ούτε', 'μπα', 'όχι δεν', 'δεν θέλω', 'δε θέλω', 'no',
      'αρνητικό', 'ποτέ', 'λάθος', 'άσ\' το', 'ασ το', 'δεν χρειάζεται', 'δε χρειάζεται', 'όχι όχι'],
    unsure: ['δεν ξέρω', 'δεν είμαι σίγουρος', 'δεν είμαι σίγουρη', 'ίσως', 'μπορεί', 'ναι ή όχι'],
  },
  hu: {
    yes: ['igen', 'igen kérem', 'igen köszönöm', 'persze', 'persze hogy', 'hogyne', 'naná', 'jó', 'jól van',
      'rendben', 'rendben van', 'oké', 'okés', 'ok', 'okay', 'természetesen', 'aha', 'ja', 'úgy van', 'pontosan',
      'mehet', 'dehogynem', 'igenis', 'helyes', 'stimmel', 'szeretném', 'yes', 'biztosan', 'biztos', 'így van'],
    no: ['nem', 'nem kérem', 'nem köszönöm', 'dehogy', 'dehogyis', 'semmiképp', 'semmiképpen', 'egyáltalán nem',
      'nem szeretném', 'ne', 'nope', 'no', 'mégse', 'mégsem', 'nem kell', 'nincs', 'sehogy'],
    unsure: ['nem tudom', 'nem vagyok biztos', 'talán', 'lehet', 'nem biztos'],
  },
};

type Answer = { key: string[]; value: boolean | undefined };

const TABLES: Record<Lang, Answer[]> = { el: build('el'), hu: build('hu') };

function build(lang: Lang): Answer[] {
  const out: Answer[] = [];
  const add = (phrases: string[], value: boolean | undefined) => {
    for (const p of phrases) out.push({ key: words(p, lang), value });
  };
  add(PHRASES[lang].unsure, undefined);
  add(PHRASES[lang].yes, true);
  add(PHRASES[lang].no, false);
  return out.sort((a, b) => b.key.length - a.key.length);
}

function words(text: string, lang: Lang): string[] {
  return keyOf(text, lang).split(/[^\p{L}\p{N}']+/u).filter((w) => w !== '');
}

/**
 * Reads a yes/no answer ("ναι βέβαια", "όχι", "igen", "persze", "dehogy"). Returns undefined
 * when the answer is neither, or hedged ("δεν ξέρω", "nem tudom"), so the dialog asks again.
 *
 * @example parseYesNo('Ναι, βέβαια!', 'el') === true; parseYesNo('dehogy', 'hu') === false
 */
export function parseYesNo(text: string, lang: Lang): boolean | undefined {
  // A thumb or a tick from a phone keyboard is an answer too.
  const emoji = text.trim().replace(/[\u{1F3FB}-\u{1F3FF}\uFE0F]/gu, '');
  if (/^(?:👍|👌|✅|✔)+$/u.test(emoji)) return true;
  if (/^(?:👎|❌|✖)+$/u.test(emoji)) return false;
  const input = words(text, lang);
  if (input.length === 0) return undefined;
  for (const { key, value } of TABLES[lang]) {
    if (key.length > input.length) continue;
    if (key.every((w, i) => input[i] === w)) {
      // A long sentence that merely starts with "jó"/"καλά" is not an answer to a yes/no question.
      if (key.length === 1 && input.length > 6 && value !== undefined) return undefined;
      return value;
    }
  }
  return undefined;
}
