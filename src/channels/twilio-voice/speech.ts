import type { TFunction } from 'i18next';

export type SayLanguage = 'el-GR' | 'hu-HU';

/** One stretch of speech and the voice language that must say it. */
export interface SpeechPart {
  language: SayLanguage;
  text: string;
}

/**
 * The words a voice needs to read written text aloud, from the `ivr:speech` keys of its
 * language: what each abbreviation or symbol is said as, and how a range and a "+" are said.
 */
export interface SpeechLexicon {
  /** Written form → spoken form, e.g. «π.χ.» → «για παράδειγμα», «Ft» → «forint». */
  abbreviations: ReadonlyArray<readonly [string, string]>;
  /** How amounts are written after the number («€», «Ft», «HUF»). */
  currencies: readonly string[];
  plus: string;
  /** "from–to" as a phrase; Hungarian picks the ending of `from` that agrees with how the number sounds. */
  range(from: string, to: string): string;
  /** Feminine ordinals, first to tenth: the Greek keraia numerals of branch names («Β΄ Παιδική»). */
  ordinals: readonly string[];
}

/** Letters of each script; digits and punctuation belong to neither. */
const GREEK = /[\u0370-\u03ff\u1f00-\u1fff]/u;
const LATIN = /[A-Za-z\u00c0-\u024f]/u;
/**
 * Capitals a Greek voice says as letters anyway (PIN, ISBN, SMS): moving them into a Hungarian
 * voice mid-sentence would sound worse than the Greek letter names.
 */
const ACRONYM = /^[A-Z]{2,5}$/;

/** A number in digit groups: a phone number («2310 000 100», «+36 48 000 100»). */
const PHONE = /(?<!\d|\d[,.])(\+\s?)?\d{2,4}(?:[ \u00a0\u202f-]\d{2,4}){2,}(?!\d|[,.]\d)/gu;
/** A long run of digits is a reference, ISBN or card number: said one digit at a time. */
const LONG_NUMBER = /(?<!\d|\d[,.])\d{5,}(?!\d|[,.]\d)/gu;
/** A range between two numbers: «115–142», «1–5». */
const RANGE = /(?<!\d|\d[,.])(\d{1,4})\s?[–-]\s?(\d{1,4})(?!\d|[,.]\d)/gu;
/** Thousands written with a space, as Intl writes Hungarian amounts («12 000 Ft»): one number for the ear. */
// Not the last groups of a phone number said before a word («2310 000 100 ή …»).
const GROUPED_AMOUNT = /(?<!\d|\d[,.]|\d[\u00a0\u202f ])(\d{1,3})[\u00a0\u202f ](\d{3})(?=\s?\p{L})/gu;
/** "2.000,00 €": the cents of a whole amount are not worth saying. */
const ZERO_CENTS = /(\d),00(?=\s?\p{L}|\s?[€$])/gu;
/** Α΄ to Ι΄ (ϛ΄ is six), with a keraia or a look-alike after the letter. */
const GREEK_NUMERALS = [0x391, 0x392, 0x393, 0x394, 0x395, 0x3db, 0x396, 0x397, 0x398, 0x399].map((c) => String.fromCodePoint(c)).join('');
const KERAIA = new RegExp(`(?<!\\p{L})([${GREEK_NUMERALS}])[\u0384\u0374\u02b9\u2032'](?=\\s)`, 'gu');

const digitByDigit = (digits: string) => digits.replace(/\D/g, '').split('').join(' ');

/**
 * Text for one voice: numbers the way a caller can note them down, no abbreviation or symbol
 * left for the voice to guess at. Runs on one language's text only (see `speechParts`).
 */
export function spokenText(text: string, lexicon: SpeechLexicon): string {
  let out = text.replace(ZERO_CENTS, '$1');
  out = out.replace(GROUPED_AMOUNT, '$1$2');
  out = out.replace(PHONE, (match, plus: string | undefined) => {
    const groups = match.replace(/^\+\s?/, '').split(/[ \u00a0\u202f-]/).map(digitByDigit);
    return `${plus ? `${lexicon.plus} ` : ''}${groups.join(', ')}`;
  });
  // An amount is a number to the ear («12000 forint»); any other long number is a reference.
  out = out.replace(LONG_NUMBER, (digits, offset: number, all: string) =>
    lexicon.currencies.some((c) => all.slice(offset + digits.length).trimStart().startsWith(c)) ? digits : digitByDigit(digits));
  out = out.replace(RANGE, (_m, from: string, to: string) => lexicon.range(from, to));
  out = out.replace(KERAIA, (m, letter: string) => lexicon.ordinals[GREEK_NUMERALS.indexOf(letter)] ?? m);
  for (const [written, said] of lexicon.abbreviations) out = replaceWord(out, written, said);
  return out.replace(/\s+/g, ' ').trim();
}

function replaceWord(text: string, written: string, said: string): string {
  const escaped = written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A word's abbreviation may not be part of a longer word («Ft» is not in «Fti»); a symbol may touch a number.
  const before = /^\p{L}/u.test(written) ? '(?<![\\p{L}\\d])' : '';
  const after = /\p{L}\.?$/u.test(written) ? '(?![\\p{L}])' : '';
  const pattern = new RegExp(`${before}${escaped}${after}`, 'gu');
  if (!before && !after) return text.replace(pattern, ` ${said}`);
  return text.replace(pattern, said);
}

/**
 * Which voice says a word in a conversation held in `language`: Greek letters are Greek, and in a
 * Greek conversation a Latin-script word (other than an acronym) is Hungarian — the only other
 * language here: «Magyarul», «Ózd», a title from the Ózd catalogue.
 */
function wordLanguage(word: string, language: SayLanguage): SayLanguage {
  if (GREEK.test(word)) return 'el-GR';
  if (LATIN.test(word) && language === 'el-GR' && !ACRONYM.test(word)) return 'hu-HU';
  return language;
}

/**
 * What the caller hears for `text`, split where the language changes so that each part is
 * said by its own language's voice, each part already in spoken form.
 */
export function speechParts(text: string, language: SayLanguage, lexicons: Record<SayLanguage, SpeechLexicon>): SpeechPart[] {
  const raw: SpeechPart[] = [];
  // Words with what follows them up to the next word; a word keeps its own trailing punctuation.
  for (const match of text.matchAll(/[^\s\p{L}\d]*[\p{L}\p{M}\d][\p{L}\p{M}\d'’΄.:,-]*[^\s\p{L}\d]*\s*|\S+\s*/gu)) {
    const chunk = match[0];
    const word = chunk.replace(/[^\p{L}\p{M}]/gu, '');
    const previous = raw[raw.length - 1];
    const own = word ? wordLanguage(word, language) : previous?.language ?? language;
    if (previous && previous.language === own) previous.text += chunk;
    else raw.push({ language: own, text: chunk });
  }
  return raw
    .map((part) => ({ language: part.language, text: spokenText(part.language === language ? part.text : stripQuotes(part.text), lexicons[part.language]) }))
    .filter((part) => /[\p{L}\d]/u.test(part.text));
}

/** Quotes around a word said in the other voice are for the eye; the other voice would say the punctuation's pause alone. */
const stripQuotes = (text: string) => text.replace(/[«»„”“"]/g, '');

/** Hungarian suffix harmony for "from N": -tól after a back-vowel number word, -től after a front one. */
const BACK_UNITS = new Set(['3', '6', '8']);
const BACK_TENS = new Set(['2', '3', '6', '8']);
export function hungarianBackVowel(number: string): boolean {
  const digits = number.replace(/\D/g, '');
  const n = Number(digits);
  if (!Number.isFinite(n) || digits === '') return false;
  const units = digits.at(-1)!;
  if (units !== '0') return BACK_UNITS.has(units);
  const tens = digits.at(-2);
  if (tens && tens !== '0') return BACK_TENS.has(tens);
  if (n === 0) return false; // nulla
  if (n % 1000 !== 0) return true; // száz
  return n % 1_000_000 === 0; // millió is back, ezer is front
}

/** The lexicon of one language from its `ivr` namespace. */
export function lexiconFromLocale(t: TFunction): SpeechLexicon {
  const pairs = t('speech.abbreviations', { returnObjects: true }) as unknown;
  const abbreviations = Object.values((pairs ?? {}) as Record<string, { written: string; said: string }>)
    .flatMap(({ written, said }) => written.split('|').map((w) => [w, said] as const))
    // The longest first, so «Τηλ.» is not eaten by a shorter «Τ.».
    .sort((a, b) => b[0].length - a[0].length);
  const money = pairs as Record<string, { written: string } | undefined>;
  return {
    abbreviations,
    currencies: [money.euro, money.forint].flatMap((c) => c?.written.split('|') ?? []),
    plus: t('speech.plus'),
    range: (from, to) => t(hungarianBackVowel(from) ? 'speech.range.back' : 'speech.range.front', { from, to }),
    ordinals: t('speech.ordinals').split('|'),
  };
}
