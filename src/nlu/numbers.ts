import { keyOf } from './text/normalize';
import type { Lang } from './types';

type NumberWord = { value: number; kind: 'add' | 'mult' };

function greekCardinals(): Map<string, NumberWord> {
  const m = new Map<string, NumberWord>();
  const add = (value: number, ...words: string[]) => {
    for (const w of words) m.set(keyOf(w, 'el'), { value, kind: 'add' });
  };
  add(0, 'μηδέν', 'μηδενικό');
  add(1, 'ένα', 'ένας', 'έναν', 'ενός', 'μία', 'μια', 'μιας', 'μίας');
  add(2, 'δύο', 'δυο');
  add(3, 'τρία', 'τρεις', 'τρείς', 'τριών');
  add(4, 'τέσσερα', 'τέσσερις', 'τέσσερεις', 'τεσσάρων');
  add(5, 'πέντε');
  add(6, 'έξι', 'έξη');
  add(7, 'επτά', 'εφτά');
  add(8, 'οκτώ', 'οχτώ');
  add(9, 'εννέα', 'εννιά');
  add(10, 'δέκα', 'δεκαριά');
  add(11, 'έντεκα', 'ένδεκα');
  add(12, 'δώδεκα');
  add(13, 'δεκατρία', 'δεκατρείς', 'δεκατρεις');
  add(14, 'δεκατέσσερα', 'δεκατέσσερις');
  add(15, 'δεκαπέντε');
  add(16, 'δεκαέξι', 'δεκάξι');
  add(17, 'δεκαεπτά', 'δεκαεφτά');
  add(18, 'δεκαοκτώ', 'δεκαοχτώ');
  add(19, 'δεκαεννέα', 'δεκαεννιά');
  add(20, 'είκοσι');
  add(30, 'τριάντα');
  add(40, 'σαράντα');
  add(50, 'πενήντα');
  add(60, 'εξήντα');
  add(70, 'εβδομήντα');
  add(80, 'ογδόντα');
  add(90, 'ενενήντα');
  add(100, 'εκατό', 'εκατόν');
  const hundreds: Array<[number, string[]]> = [
    [200, ['διακόσι']], [300, ['τριακόσι']], [400, ['τετρακόσι']], [500, ['πεντακόσι']], [600, ['εξακόσι']],
    [700, ['επτακόσι', 'εφτακόσι']], [800, ['οκτακόσι', 'οχτακόσι']], [900, ['εννιακόσι', 'εννεακόσι']],
  ];
  for (const [v, stems] of hundreds) for (const s of stems) add(v, `${s}α`, `${s}οι`, `${s}ες`, `${s}ων`);
  add(1000, 'χίλια', 'χίλιοι', 'χίλιες', 'χιλίων');
  for (const w of ['χιλιάδες', 'χιλιάδων', 'χιλιάδα']) m.set(keyOf(w, 'el'), { value: 1000, kind: 'mult' });
  for (const w of ['εκατομμύριο', 'εκατομμύρια', 'εκατομμυρίων', 'εκατ.'])
    m.set(keyOf(w, 'el'), { value: 1e6, kind: 'mult' });
  for (const w of ['δισεκατομμύριο', 'δισεκατομμύρια']) m.set(keyOf(w, 'el'), { value: 1e9, kind: 'mult' });
  return m;
}

const EL_CARDINALS = greekCardinals();
const EL_DECIMAL = keyOf('κόμμα', 'el');

// Hungarian writes numbers as one word ("huszonnégy", "kétezer-háromszáz"): morphemes are
// matched longest first with backtracking. Values are for the folded spelling.
const HU_MORPHEMES: ReadonlyArray<readonly [string, number, 'add' | 'mult']> = [
  ['nulla', 0, 'add'], ['zero', 0, 'add'], ['egy', 1, 'add'], ['ketto', 2, 'add'], ['ket', 2, 'add'],
  ['harom', 3, 'add'], ['negy', 4, 'add'], ['ot', 5, 'add'], ['hat', 6, 'add'], ['het', 7, 'add'],
  ['nyolc', 8, 'add'], ['kilenc', 9, 'add'], ['tiz', 10, 'add'], ['tizen', 10, 'add'], ['husz', 20, 'add'],
  ['huszon', 20, 'add'], ['harminc', 30, 'add'], ['negyven', 40, 'add'], ['otven', 50, 'add'],
  ['hatvan', 60, 'add'], ['hetven', 70, 'add'], ['nyolcvan', 80, 'add'], ['kilencven', 90, 'add'],
  ['szaz', 100, 'mult'], ['ezer', 1000, 'mult'], ['millio', 1e6, 'mult'], ['milliard', 1e9, 'mult'],
];
const HU_SORTED = [...HU_MORPHEMES].sort((a, b) => b[0].length - a[0].length);

// Accusative and other common forms of a choice ("a kettőt", "hármat"), folded.
const HU_INFLECTED = new Map<string, number>([
  ['egyet', 1], ['kettot', 2], ['harmat', 3], ['negyet', 4], ['otot', 5], ['hatot', 6], ['hetet', 7],
  ['nyolcat', 8], ['kilencet', 9], ['tizet', 10], ['huszat', 20],
]);

function segmentHu(word: string): NumberWord[] | undefined {
  if (word === '') return [];
  for (const [m, value, kind] of HU_SORTED) {
    if (!word.startsWith(m)) continue;
    const rest = segmentHu(word.slice(m.length));
    if (rest) return [{ value, kind }, ...rest];
  }
  return undefined;
}

function combine(parts: NumberWord[]): number | undefined {
  if (parts.length === 0) return undefined;
  let total = 0;
  let current = 0;
  let seenAny = false;
  for (const p of parts) {
    if (p.kind === 'add') {
      current += p.value;
      seenAny = true;
    } else if (p.value === 100) {
      current = (current || 1) * 100;
      seenAny = true;
    } else {
      total += (current || 1) * p.value;
      current = 0;
      seenAny = true;
    }
  }
  return seenAny ? total + current : undefined;
}

/** Digits as Greeks and Hungarians write them: "7.200.032,356", "0,77", "100 000"; "2.5" too. */
export function parseDigits(raw: string): number | undefined {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^-?\d+(,\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  if (/^-?\d+\.\d+$/.test(s)) return Number(s);
  return undefined;
}

function splitWords(text: string, lang: Lang): string[] {
  return keyOf(text, lang)
    .split(/[\s\-–]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.,]+$/gu, ''))
    .filter((w) => w !== '');
}

const EL_LEADING = new Set(['ο', 'το', 'τον', 'την', 'τι', 'τα', 'στο', 'στον', 'στιν', 'νοθμερο', 'αριθμο', 'αριθμοσ'].map((w) => keyOf(w, 'el')));
const HU_LEADING = new Set(['a', 'az', 'szam', 'szamu', 'szamot']);

function elWordsToNumber(words: string[]): number | undefined {
  const ints: NumberWord[] = [];
  const frac: NumberWord[] = [];
  let mult = 1;
  let inFraction = false;
  for (const w of words) {
    if (w === EL_DECIMAL) {
      if (inFraction) return undefined;
      inFraction = true;
      continue;
    }
    const digits = parseDigits(w);
    const word = EL_CARDINALS.get(w);
    if (digits !== undefined && !inFraction && ints.length === 0) {
      ints.push({ value: digits, kind: 'add' });
      continue;
    }
    if (!word) return undefined;
    if (inFraction && word.kind === 'mult') {
      mult = word.value;
      continue;
    }
    (inFraction ? frac : ints).push(word);
  }
  const whole = combine(ints);
  if (whole === undefined) return undefined;
  if (!inFraction) return whole;
  const f = combine(frac);
  if (f === undefined) return undefined;
  const scale = 10 ** String(Math.round(f)).length;
  return Math.round((whole + f / scale) * mult * 1e9) / 1e9;
}

function huWordsToNumber(words: string[]): number | undefined {
  const parts: NumberWord[] = [];
  for (const w of words) {
    const digits = parseDigits(w.replace(/\.$/, ''));
    if (digits !== undefined && parts.length === 0) {
      parts.push({ value: digits, kind: 'add' });
      continue;
    }
    const inflected = HU_INFLECTED.get(w);
    if (inflected !== undefined) {
      parts.push({ value: inflected, kind: 'add' });
      continue;
    }
    const seg = segmentHu(w) ?? segmentHu(w.replace(/(at|et|ot|t)$/, ''));
    if (!seg) return undefined;
    parts.push(...seg);
  }
  return combine(parts);
}

/**
 * Reads a whole answer as a cardinal number, in digits or words ("δύο", "τριάντα τρία",
 * "kettő", "huszonnégy", "7.200.032,356"). Leading articles are ignored ("το 2", "a kettőt").
 *
 * @example parseNumber('εκατόν είκοσι δύο', 'el') === 122; parseNumber('két', 'hu') === 2
 */
export function parseNumber(text: string, lang: Lang): number | undefined {
  const words = splitWords(text, lang);
  const leading = lang === 'el' ? EL_LEADING : HU_LEADING;
  while (words.length > 1 && leading.has(words[0]!)) words.shift();
  if (words.length === 0 || words.length > 12) return undefined;
  return lang === 'el' ? elWordsToNumber(words) : huWordsToNumber(words);
}

// ---------------------------------------------------------------------------------- ordinals

function greekOrdinals(): Map<string, number> {
  const m = new Map<string, number>();
  const stems: Array<[number, string[]]> = [
    [1, ['πρώτ']], [2, ['δεύτερ']], [3, ['τρίτ']], [4, ['τέταρτ']], [5, ['πέμπτ']], [6, ['έκτ']],
    [7, ['έβδομ', 'εβδόμ']], [8, ['όγδο', 'ογδό']], [9, ['ένατ', 'ένν']], [10, ['δέκατ']],
    [11, ['ενδέκατ', 'εντέκατ']], [12, ['δωδέκατ']], [20, ['εικοστ']], [30, ['τριακοστ']],
    [40, ['τεσσαρακοστ']], [50, ['πεντηκοστ']], [60, ['εξηκοστ']], [70, ['εβδομηκοστ']],
    [80, ['ογδοηκοστ']], [90, ['ενενηκοστ']], [100, ['εκατοστ']],
  ];
  // Neuter plural "-α" is left out: "δευτέρα" is Monday far more often than "the second ones".
  const endings = ['ος', 'η', 'ή', 'ο', 'ό', 'ου', 'ού', 'ης', 'ής', 'ων', 'ών', 'οι', 'ες', 'ον', 'ους', 'ούς', 'ην', 'ήν'];
  for (const [v, ss] of stems) for (const s of ss) for (const e of endings) m.set(keyOf(s + e, 'el'), v);
  return m;
}
const EL_ORDINALS = greekOrdinals();
const EL_ORDINAL_DIGITS = new RegExp(
  `^(\\d{1,4})\\s*(?:${['ος', 'η', 'ο', 'ου', 'ης', 'ων', 'οι', 'ες', 'ον', 'ους', 'ην', 'α'].map((e) => keyOf(e, 'el')).join('|')})?\\.?$`,
);

function hungarianOrdinals(): Map<string, number> {
  const m = new Map<string, number>();
  const unitCompound: Array<[number, string]> = [
    [1, 'egyedik'], [2, 'kettedik'], [3, 'harmadik'], [4, 'negyedik'], [5, 'otodik'], [6, 'hatodik'],
    [7, 'hetedik'], [8, 'nyolcadik'], [9, 'kilencedik'],
  ];
  const tens: Array<[number, string, string]> = [
    [10, 'tizen', 'tizedik'], [20, 'huszon', 'huszadik'], [30, 'harminc', 'harmincadik'],
    [40, 'negyven', 'negyvenedik'], [50, 'otven', 'otvenedik'], [60, 'hatvan', 'hatvanadik'],
    [70, 'hetven', 'hetvenedik'], [80, 'nyolcvan', 'nyolcvanadik'], [90, 'kilencven', 'kilencvenedik'],
  ];
  m.set('elso', 1);
  m.set('masodik', 2);
  for (const [v, w] of unitCompound) if (v > 2) m.set(w, v);
  for (const [t, prefix, alone] of tens) {
    m.set(alone, t);
    for (const [u, w] of unitCompound) m.set(prefix + w, t + u);
  }
  m.set('szazadik', 100);
  // Case endings a choice takes: "a másodikat", "az elsőre", "a harmadiknál".
  const inflected = new Map<string, number>();
  for (const [w, v] of m) {
    inflected.set(w, v);
    const forms = w.endsWith('o') ? ['t', 're', 'nel', 'ben'] : ['at', 'et', 'ot', 'ra', 're', 'nal', 'nel', 'ban', 'ben'];
    for (const f of forms) inflected.set(w + f, v);
  }
  return inflected;
}
const HU_ORDINALS = hungarianOrdinals();

/**
 * Reads a whole answer as an ordinal ("το δεύτερο", "τη δεύτερη", "2ος", "a másodikat", "2.").
 * A bare digit counts too, because patrons answer "which one?" with "2".
 *
 * @example parseOrdinal('τη δεύτερη', 'el') === 2; parseOrdinal('a harmadikat', 'hu') === 3
 */
export function parseOrdinal(text: string, lang: Lang): number | undefined {
  const words = splitWords(text, lang);
  const leading = lang === 'el' ? EL_LEADING : HU_LEADING;
  while (words.length > 1 && leading.has(words[0]!)) words.shift();
  if (words.length === 0 || words.length > 3) return undefined;
  if (lang === 'el') {
    const joined = words.join(' ');
    const d = EL_ORDINAL_DIGITS.exec(joined);
    if (d) return Number(d[1]);
    let total = 0;
    for (const w of words) {
      const v = EL_ORDINALS.get(w);
      if (v === undefined) return undefined;
      total += v;
    }
    return total;
  }
  if (words.length === 1) {
    const d = /^(\d{1,4})(?:\.|-?(?:[aeo]?dik|ik))?(?:-?[aeo]?t|-?[aeo]?n)?\.?$/.exec(words[0]!);
    if (d) return Number(d[1]);
  }
  if (words.length !== 1) return undefined;
  return HU_ORDINALS.get(words[0]!);
}

/** The table of single-word Greek ordinals (normalised form → value), for the date parsers. */
export function greekOrdinalWords(): ReadonlyMap<string, number> {
  return EL_ORDINALS;
}

/** The table of single-word Greek cardinals (normalised form → value) below 1000, for the date parsers. */
export function greekCardinalWords(): ReadonlyMap<string, number> {
  const m = new Map<string, number>();
  for (const [k, v] of EL_CARDINALS) if (v.kind === 'add' && v.value < 1000) m.set(k, v.value);
  return m;
}
