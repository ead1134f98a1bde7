import { greekCardinalWords, greekOrdinalWords } from '../../numbers';
import { keyOf } from '../../text/normalize';
import { vocabulary, type Vocabulary } from '../common/vocabulary';

export const EL_WEEKDAYS: Vocabulary<number> = vocabulary('el', [
  [1, ['δευτέρα', 'δευτέρας', 'δευτ', 'δευ']],
  [2, ['τρίτη', 'τρίτης', 'τρι']],
  [3, ['τετάρτη', 'τετάρτης', 'τετ']],
  [4, ['πέμπτη', 'πέμπτης', 'πεμ', 'πέμ']],
  [5, ['παρασκευή', 'παρασκευής', 'παρ', 'παρασκ']],
  [6, ['σάββατο', 'σαββάτου', 'σάββατον', 'σαββάτο', 'σαβ', 'σάβ']],
  [0, ['κυριακή', 'κυριακής', 'κυρ']],
]);

export const EL_MONTHS: Vocabulary<number> = vocabulary('el', [
  [1, ['ιανουάριος', 'ιανουαρίου', 'ιανουάριο', 'ιανουάριον', 'γενάρης', 'γενάρη', 'ιαν']],
  [2, ['φεβρουάριος', 'φεβρουαρίου', 'φεβρουάριο', 'φεβρουάριον', 'φλεβάρης', 'φλεβάρη', 'φεβ', 'φλεβ']],
  [3, ['μάρτιος', 'μαρτίου', 'μάρτιο', 'μάρτιον', 'μάρτης', 'μάρτη', 'μαρ', 'μαρτ']],
  [4, ['απρίλιος', 'απριλίου', 'απρίλιο', 'απρίλιον', 'απρίλης', 'απρίλη', 'απρ']],
  [5, ['μάιος', 'μαΐου', 'μαϊου', 'μάιο', 'μάιον', 'μάης', 'μάη']], // no "μαι": its key is "με" (with)
  [6, ['ιούνιος', 'ιουνίου', 'ιούνιο', 'ιούνιον', 'ιούνης', 'ιούνη', 'ιουν']],
  [7, ['ιούλιος', 'ιουλίου', 'ιούλιο', 'ιούλιον', 'ιούλης', 'ιούλη', 'ιουλ']],
  [8, ['αύγουστος', 'αυγούστου', 'αύγουστο', 'αύγουστον', 'αυγ']],
  [9, ['σεπτέμβριος', 'σεπτεμβρίου', 'σεπτέμβριο', 'σεπτέμβριον', 'σεπτέμβρης', 'σεπτέμβρη', 'σεπτ', 'σεπ']],
  [10, ['οκτώβριος', 'οκτωβρίου', 'οκτώβριο', 'οκτώβριον', 'οκτώβρης', 'οκτώβρη', 'οκτ']],
  [11, ['νοέμβριος', 'νοεμβρίου', 'νοέμβριο', 'νοέμβριον', 'νοέμβρης', 'νοέμβρη', 'νοεμ', 'νοε']],
  [12, ['δεκέμβριος', 'δεκεμβρίου', 'δεκέμβριο', 'δεκέμβριον', 'δεκέμβρης', 'δεκέμβρη', 'δεκ']],
]);

function dayWords(): Vocabulary<number> {
  const entries: Array<[number, string[]]> = [];
  const byValue = new Map<number, string[]>();
  for (const [k, v] of [...greekCardinalWords(), ...greekOrdinalWords()]) {
    if (v < 1 || v > 31) continue;
    const list = byValue.get(v) ?? [];
    list.push(k);
    byValue.set(v, list);
  }
  for (const [v, list] of byValue) entries.push([v, list]);
  return vocabulary('el', entries, true);
}

/** Day of the month in words: cardinal ("τρεις απρίλη") or ordinal ("τρίτη απρίλη", "της 15ης"). */
export const EL_DAY_WORDS: Vocabulary<number> = dayWords();

function numberWords(max: number): Vocabulary<number> {
  const entries: Array<[number, string[]]> = [];
  for (const [k, v] of greekCardinalWords()) if (v >= 1 && v <= max) entries.push([v, [k]]);
  return vocabulary('el', entries, true);
}

/** Hours in words, 1–12 ("στις έντεκα", "τρεις και μισή"). */
export const EL_HOUR_WORDS: Vocabulary<number> = numberWords(12);
/** Small counts in words ("σε δύο μέρες", "μερικά λεπτά" = a few = 3, as Duckling reads it). */
export const EL_COUNT_WORDS: Vocabulary<number> = vocabulary('el', [
  ...[...greekCardinalWords()].filter(([, v]) => v >= 1).map(([key, v]): [number, string[]] => [v, [key]]),
  ...([
    [3, ['μερικά', 'μερικές', 'μερικούς', 'μερικοί', 'λίγα', 'λίγες', 'λίγους']],
    [0.5, ['μισή', 'μισό', 'μισής', 'μισού']],
    [1.5, ['μιάμιση', 'μιάμισι', 'ενάμισι', 'ενάμιση', 'ενάμισης']],
    [2.5, ['δυόμισι', 'δυόμιση']],
  ] as Array<[number, string[]]>).map(([v, ws]): [number, string[]] => [v, ws.map((x) => keyOf(x, 'el'))]),
], true);

/** "τρεισήμισι" and friends: hour and a half in one word. */
export const EL_HALF_PAST_WORDS: Vocabulary<number> = vocabulary('el', [
  [1, ['μιάμιση', 'μιάμισι']], [2, ['δυόμισι', 'δυόμιση']], [3, ['τρεισήμισι', 'τρεισήμιση', 'τρεισίμισι']],
  [4, ['τεσσερισήμισι', 'τεσσερισήμιση']], [5, ['πεντέμισι', 'πεντέμιση']], [6, ['εξίμισι', 'εξήμισι', 'εξίμιση']],
  [7, ['εφτάμισι', 'επτάμισι', 'εφτάμιση']], [8, ['οχτώμισι', 'οκτώμισι', 'οχτώμιση']], [9, ['εννιάμισι', 'εννιάμιση']],
  [10, ['δεκάμισι', 'δεκάμιση']], [11, ['εντεκάμισι', 'εντεκάμιση']], [12, ['δωδεκάμισι', 'δωδεκάμιση']],
]);

export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

export const EL_UNITS: Vocabulary<Unit> = vocabulary('el', [
  ['second', ['δευτερόλεπτο', 'δευτερόλεπτα', 'δευτερολέπτου', 'δευτερολέπτων', 'δεύτερο', 'δεύτερα', 'δευτ', '"']],
  ['minute', ['λεπτό', 'λεπτά', 'λεπτού', 'λεπτών', 'λ', '\'']],
  ['hour', ['ώρα', 'ώρες', 'ώρας', 'ωρών', 'ω', 'ωρ']],
  ['day', ['μέρα', 'μέρες', 'ημέρα', 'ημέρες', 'ημέρας', 'ημερών', 'μέρας', 'μερών']],
  ['week', ['εβδομάδα', 'εβδομάδες', 'βδομάδα', 'βδομάδες', 'εβδομάδας', 'εβδομάδων', 'βδομάδας']],
  ['month', ['μήνα', 'μήνες', 'μήνας', 'μηνών', 'μηνός']],
  ['quarter', ['τρίμηνο', 'τρίμηνα', 'τριμήνου']],
  ['year', ['χρόνο', 'χρόνια', 'χρόνος', 'χρόνου', 'χρονιά', 'έτος', 'έτη', 'ετών', 'χρονών']],
]);

/** Key of a single word, for comparisons inside extract(). */
export const k = (s: string): string => keyOf(s, 'el');
