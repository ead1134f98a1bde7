import { keyOf } from '../../text/normalize';
import { vocabulary, type Vocabulary } from '../common/vocabulary';
import type { Unit } from '../common/wall';

/** Case forms a Hungarian day or month name takes in a booking ("pénteken", "decemberben", "keddre"). */
function forms(base: string, back: boolean, extra: string[] = []): string[] {
  const a = back ? 'a' : 'e';
  return [base, `${base}i`, `${base}it`, `${base}r${a}`, `${base}ig`, `${base}b${a}n`, `${base}t${back ? 'ó' : 'ő'}l`, ...extra];
}

// "hét" (Monday, abbreviated) is left out: it is also "seven" and "week". See HuWeekdayParser.
export const HU_WEEKDAYS: Vocabulary<number> = vocabulary('hu', [
  [1, [...forms('hétfő', false, ['hétfőn', 'hétfőt'])]],
  [2, [...forms('kedd', false, ['kedden', 'keddet'])]],
  [3, [...forms('szerda', true, ['szerdán', 'szerdát', 'szerdai', 'szerdait', 'szerdára', 'szerdáig', 'szer'])]],
  [4, [...forms('csütörtök', false, ['csütörtökön', 'csütörtököt', 'csüt'])]],
  [5, [...forms('péntek', false, ['pénteken', 'pénteket', 'pén', 'pént'])]],
  [6, [...forms('szombat', true, ['szombaton', 'szombatot', 'szom', 'szo'])]],
  [0, [...forms('vasárnap', true, ['vasárnapot', 'vasárnapon', 'vas'])]],
]);

export const HU_MONTHS: Vocabulary<number> = vocabulary('hu', [
  [1, forms('január', true, ['jan'])],
  [2, forms('február', true, ['feb', 'febr'])],
  [3, forms('március', true, ['márc', 'már'])],
  [4, forms('április', true, ['ápr'])],
  [5, forms('május', true, ['máj'])],
  [6, forms('június', true, ['jún'])],
  [7, forms('július', true, ['júl'])],
  [8, forms('augusztus', true, ['aug'])],
  [9, forms('szeptember', false, ['szep', 'szept'])],
  [10, forms('október', false, ['okt'])],
  [11, forms('november', false, ['nov'])],
  [12, forms('december', false, ['dec'])],
]);

const HOUR_WORDS: Array<[number, string[]]> = [
  [1, ['egy']], [2, ['kettő', 'két']], [3, ['három']], [4, ['négy']], [5, ['öt']], [6, ['hat']], [7, ['hét']],
  [8, ['nyolc']], [9, ['kilenc']], [10, ['tíz']], [11, ['tizenegy']], [12, ['tizenkettő', 'tizenkét']],
  [13, ['tizenhárom']], [14, ['tizennégy']], [15, ['tizenöt']], [16, ['tizenhat']], [17, ['tizenhét']],
  [18, ['tizennyolc']], [19, ['tizenkilenc']], [20, ['húsz']], [21, ['huszonegy']], [22, ['huszonkettő', 'huszonkét']],
  [23, ['huszonhárom']], [24, ['huszonnégy']],
];
/** Clock hours in words; "tizenegykor" is the word plus "-kor" (at). */
export const HU_HOUR_WORDS: Vocabulary<number> = vocabulary('hu', HOUR_WORDS);

export const HU_COUNT_WORDS: Vocabulary<number> = vocabulary('hu', [
  ...HOUR_WORDS,
  [30, ['harminc']], [40, ['negyven']], [50, ['ötven']], [60, ['hatvan']], [100, ['száz']],
  [0.5, ['fél']], [1.5, ['másfél']], [2.5, ['két és fél', 'kettő és fél']], [3, ['pár', 'néhány']],
]);

export const HU_UNITS: Vocabulary<Unit> = vocabulary('hu', [
  ['second', ['másodperc', 'másodpercet', 'másodperccel', 'mp']],
  ['minute', ['perc', 'percet', 'perccel', 'percen', 'p']],
  ['hour', ['óra', 'órát', 'órával', 'órán', 'órája', 'ó']],
  ['day', ['nap', 'napot', 'nappal', 'napon', 'napja']],
  ['week', ['hét', 'hetet', 'héttel', 'héten', 'hete']],
  ['month', ['hónap', 'hónapot', 'hónappal', 'hónapon', 'hónapja', 'hó']],
  ['quarter', ['negyedév', 'negyedévet', 'negyedévvel', 'negyedéve']],
  ['year', ['év', 'évet', 'évvel', 'éven', 'éve']],
]);

export const k = (s: string): string => keyOf(s, 'hu');
