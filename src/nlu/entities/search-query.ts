import { parseDateTime } from '../datetime';
import { DEFAULT_TIME_ZONE } from '../recognize';
import type { DateTimeEntity, Lang } from '../types';
import { stripHungarianAccusative } from './title';

/** What a patron's sentence asks the catalogue for, and what else it said. */
export interface SearchQuery {
  /** The title or author words, for the catalogue search. */
  query: string;
  /** A time stated with the title («για αύριο το πρωί», «holnap délutánra»): when to pick it up. */
  pickup?: DateTimeEntity;
  /** The rest of the sentence (verbs, greetings, the time), for the dialog. */
  rest: string;
}

// Quotes patrons use around a title, paired; a lone apostrophe pair ('…') counts too.
const QUOTED = /[«"“„'‘]([^«»"“”„'‘’]{2,}?)[»"”“'’]/u;

// Whole phrases first, longest first, so «θα ήθελα να κλείσω» goes before «θα ήθελα».
const EL_REQUEST = [
  'καλημέρα σας', 'καλημέρα', 'καλησπέρα σας', 'καλησπέρα', 'γεια σας', 'γεια σου', 'χαίρετε', 'γεια',
  'θα ήθελα να κλείσω', 'θα ήθελα να κρατήσω', 'θα ήθελα να δανειστώ', 'θα ήθελα να κάνω κράτηση για', 'θα ήθελα να βρω', 'θα ήθελα',
  'θέλω να κλείσω', 'θέλω να κρατήσω', 'θέλω να δανειστώ', 'θέλω να βρω', 'θέλω να διαβάσω', 'θέλω', 'θελω',
  'μπορώ να κλείσω', 'μπορώ να κρατήσω', 'μπορώ να δανειστώ', 'μπορείτε να μου κρατήσετε', 'μπορείτε να μου κλείσετε',
  'να κλείσω', 'να κρατήσω', 'κλείστε μου', 'κρατήστε μου', 'κράτηση για', 'κάνω κράτηση για',
  'ψάχνω για', 'ψάχνω', 'ψαχνω', 'αναζητώ', 'έχετε καθόλου', 'έχετε', 'εχετε', 'υπάρχει', 'βρίσκεται',
  'παρακαλώ', 'παρακαλω', 'ευχαριστώ', 'αν γίνεται', 'αν είναι δυνατόν', 'μήπως',
  'ένα βιβλίο', 'το βιβλίο', 'βιβλίο', 'βιβλία', 'βιβλιο', 'κάτι', 'κατι', 'το μυθιστόρημα', 'τον τίτλο', 'με τίτλο', 'που λέγεται',
  'στη βιβλιοθήκη', 'στη βιβλιοθηκη', 'σας',
];
const HU_REQUEST = [
  'jó napot kívánok', 'jó napot', 'jó reggelt', 'jó estét', 'szép napot', 'szervusz', 'szia', 'sziasztok', 'üdvözlöm', 'csókolom',
  'szeretném kikölcsönözni', 'szeretném lefoglalni', 'szeretném előjegyezni', 'szeretném elolvasni', 'szeretnék kölcsönözni', 'szeretnék foglalni',
  'szeretném', 'szeretnék', 'szeretnénk', 'kikölcsönözném', 'lefoglalnám', 'foglalnék', 'keresem', 'keresek', 'keresném',
  'meg van', 'megvan', 'van meg', 'van valami', 'van', 'nincs', 'kérem szépen', 'kérem', 'kérnék', 'kérném', 'legyen szíves', 'lenne szíves',
  'köszönöm', 'tudnak adni', 'tudna adni', 'a könyvtárban', 'könyvtárban', 'könyvük', 'könyvetek', 'könyvet', 'könyvét', 'könyveit', 'könyvei', 'könyv',
  'jönnék érte', 'jönnék', 'eljönnék', 'bejönnék', 'jövök érte', 'jövök', 'elmennék', 'regényét', 'regényt', 'valamit', 'valami', 'egy', 'című', 'kötetet', 'önöknek', 'önöknél', 'nektek', 'maguknak', 'esetleg', 'is',
];
// A preposition or suffix that ties the time to the request: «για αύριο», «holnapra».
const EL_TIME_LEAD = /(?:^|\s)(?:για|την|το|στις|από)\s*$/iu;

/** Lower case without accents, one character for one: patrons type «konyvuk» for «könyvük». */
function plain(text: string): string {
  return [...text].map((ch) => ch.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().slice(0, 1) || ch).join('');
}

function phraseRegex(phrases: string[]): RegExp {
  const sorted = [...phrases].map(plain).sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  return new RegExp(`(^|[\\s,.!?;:])(?:${sorted.join('|')})(?=$|[\\s,.!?;:])`, 'giu');
}
const REQUEST: Record<Lang, RegExp> = { el: phraseRegex(EL_REQUEST), hu: phraseRegex(HU_REQUEST) };

const EL_AUTHOR_OF = /(^|\s)(?:κατι|βιβλια|βιβλιο|εργα|ο,τι)\s+(?:του|τησ|της|απο\s+τον|απο\s+την)(?=\s)/giu;

/** Cuts what `pattern` finds in the accent-free form of `text` out of `text` itself. */
function removeMatches(text: string, pattern: RegExp, removed: string[]): string {
  const folded = plain(text);
  if (folded.length !== text.length) return text;
  let out = '';
  let last = 0;
  for (const m of folded.matchAll(new RegExp(pattern.source, pattern.flags))) {
    const lead = m[1] ?? '';
    const start = (m.index ?? 0) + lead.length;
    out += `${text.slice(last, start)} `;
    removed.push(text.slice(start, (m.index ?? 0) + m[0].length).trim());
    last = (m.index ?? 0) + m[0].length;
  }
  return out + text.slice(last);
}

/**
 * Hungarian names and titles arrive with case endings: «Móricz Zsigmondtól» (from), «Jókaitól»,
 * «a Pál utcai fiúkat» (accusative). The ablative is taken off every word that ends in it; the
 * accusative only off the last word, as cleanTitle does («Fekete Istvántól a Vukot»).
 */
function stripHungarianEndings(text: string): string {
  // «-ért» stays: titles end in it («…gyermekért»), and the search reads «csillagokért» as an ending itself.
  const ablative = text.replace(/(\p{L}{3,}?)(?:tól|től|ról|ről|nál|nél|tol|rol|nal|nel)(?=$|[^\p{L}])/gu, '$1');
  return stripHungarianAccusative(ablative);
}

/**
 * Takes the title or author out of what a patron typed or said: greetings, request verbs
 * («θα ήθελα να κλείσω», «szeretném kikölcsönözni»), a time phrase («για αύριο το πρωί»),
 * quotes, «κάτι του …» and Hungarian case endings go; what was quoted, if anything, is the
 * query. Returns the patron's own words when nothing is left, so a bare title passes through.
 *
 * @example extractSearchQuery("Θα ήθελα να κλείσω το 'Ζορμπάς' για αύριο το πρωί", 'el').query === 'Ζορμπάς'
 */
export function extractSearchQuery(text: string, lang: Lang, opts: { ref?: Date; timeZone?: string } = {}): SearchQuery {
  const original = text.normalize('NFC').trim();
  let t = original;
  const rest: string[] = [];
  let pickup: DateTimeEntity | undefined;
  const dt = parseDateTime(t, lang, opts.ref ?? new Date(), opts.timeZone ?? DEFAULT_TIME_ZONE[lang]);
  if (dt && dt.text.trim().length >= 3 && !/^\d+$/.test(dt.text.trim())) {
    const at = t.indexOf(dt.text);
    if (at >= 0) {
      let before = t.slice(0, at);
      if (lang === 'el') before = before.replace(EL_TIME_LEAD, ' ');
      pickup = dt;
      rest.push(dt.text);
      t = `${before} ${t.slice(at + dt.text.length)}`;
    }
  }
  const quoted = QUOTED.exec(t);
  if (quoted?.[1] && quoted[1].trim().length >= 2) {
    rest.push(t.replace(quoted[0], ' ').trim());
    return { query: quoted[1].trim(), ...(pickup ? { pickup } : {}), rest: rest.filter(Boolean).join(' ') };
  }
  if (lang === 'el') t = removeMatches(t, EL_AUTHOR_OF, rest);
  t = removeMatches(t, REQUEST[lang], rest);
  // Spoken transcripts end sentences with a full stop; punctuation is never part of the search.
  t = t.replace(/[«»"“”„?!;¿.,:…]+/gu, ' ').replace(/(^|\s)['’‘]+|['’‘]+(?=\s|$)/gu, ' ').replace(/\s+/gu, ' ').trim();
  if (lang === 'hu') t = stripHungarianEndings(t);
  const query = t.length >= 2 ? t : original.replace(/[.?!;]+$/u, '').trim();
  return { query, ...(pickup ? { pickup } : {}), rest: rest.filter(Boolean).join(' ') };
}
