import { fold } from './fold';
import type { Language } from '../types';

/**
 * The one text pipeline: what a patron says, what the catalogue holds and the vocabulary of the
 * intent recogniser all go through `normalize`, so that a word matches the same way wherever it
 * is compared. It keeps a map back to the patron's own characters so that a match in the
 * normalised text can be reported as the words the patron typed.
 */
export interface Normalized {
  /** Normalised text; letters folded, everything else (digits, punctuation, spaces) kept. */
  text: string;
  /** starts[i] / ends[i]: the span of the original text that produced character i. */
  starts: number[];
  ends: number[];
  source: string;
}

/**
 * `intent` (the default) is what the recogniser and the date parsers were built on. `search`
 * also merges what sounds alike to a caller or is spelt two ways in print (ντ/d, μπ/b, γκ/g,
 * αδελφός/αδερφός, final ν; Hungarian ly/j, cz/c, th/t, double consonants): a catalogue word
 * must match however the patron spells it, while intents need «ντε» and «δε» kept apart.
 */
export type Strength = 'intent' | 'search';

interface Piece {
  c: string;
  s: number;
  e: number;
}

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const foldCache = new Map<string, string>();

/** fold() works on whole strings and drops non-letters; applied per letter it keeps offsets. */
function foldLetter(ch: string): string {
  let f = foldCache.get(ch);
  if (f === undefined) {
    f = fold(ch) || ch.toLowerCase();
    foldCache.set(ch, f);
  }
  return f;
}

function foldPieces(text: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  for (const ch of text) {
    const len = ch.length;
    if (MARK.test(ch)) {
      const last = out[out.length - 1];
      if (last) last.e = i + len;
    } else if (LETTER.test(ch)) {
      for (const c of foldLetter(ch)) out.push({ c, s: i, e: i + len });
    } else {
      out.push({ c: ch, s: i, e: i + len });
    }
    i += len;
  }
  return out;
}

// Greeklish as people type it (ELOT 743 and the common variants): digraphs first. "x" is χ
// (xronia, oxi) by default and ξ in the other reading (Alexis, Xanthi: `Reading`); "ks" is
// always ξ; "8" for θ only inside a word ("8a" is not "θα" when it is a number, so a digit
// between letters is the only one read as a letter).
const GREEKLISH: ReadonlyArray<readonly [string, string]> = [
  ['th', 'θ'], ['ch', 'χ'], ['kh', 'χ'], ['ph', 'φ'], ['ps', 'ψ'], ['ks', 'ξ'], ['ou', 'ου'], ['mp', 'μπ'],
  ['nt', 'ντ'], ['gk', 'γκ'], ['gg', 'γκ'], ['a', 'α'], ['b', 'μπ'], ['c', 'κ'], ['d', 'δ'], ['e', 'ε'],
  ['f', 'φ'], ['g', 'γ'], ['h', 'η'], ['i', 'ι'], ['j', 'τζ'], ['k', 'κ'], ['l', 'λ'], ['m', 'μ'], ['n', 'ν'],
  ['o', 'ο'], ['p', 'π'], ['q', 'κ'], ['r', 'ρ'], ['s', 'σ'], ['t', 'τ'], ['u', 'υ'], ['v', 'β'], ['w', 'ω'],
  ['x', 'χ'], ['y', 'υ'], ['z', 'ζ'],
];

const H_DIGRAPHS = new Set(['th', 'ph', 'kh', 'ch']);
const isLatin = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';

/**
 * How a Greeklish "x" is read. Typists use it for χ (xronia, Xaris) and for ξ (Alexis, Xanthi,
 * monaxia) alike, and nothing in the word says which: a search tries both, one reading per
 * word, and takes what the catalogue has (search-lexicon.ts).
 */
export interface Reading { x?: 'χ' | 'ξ' }

function transliterateLatin(pieces: Piece[], strength: Strength, reading: Reading = {}): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  outer: while (i < pieces.length) {
    const p = pieces[i]!;
    // "8elw", "kapetan mi8alis": a digit 8 between Latin letters is θ (search only: "8" alone is a number).
    if (strength === 'search' && p.c === '8' && (isLatin(pieces[i - 1]?.c) || isLatin(pieces[i + 1]?.c))) {
      out.push({ c: 'θ', s: p.s, e: p.e });
      i += 1;
      continue;
    }
    // ELOT writes ου as "ou" and υ as "y"; a lone "u" is almost always ου ("Ugko", "tu"), except in au/eu.
    if (strength === 'search' && p.c === 'u' && pieces[i - 1]?.c !== 'a' && pieces[i - 1]?.c !== 'e') {
      out.push({ c: 'ο', s: p.s, e: p.e }, { c: 'υ', s: p.s, e: p.e });
      i += 1;
      continue;
    }
    // "y" before a vowel is the «γι» of Γιάννης / Yannis, Ντοστογιέφσκι / Dostoyefski.
    if (strength === 'search' && p.c === 'y' && /[aeiou]/.test(pieces[i + 1]?.c ?? '')) {
      out.push({ c: 'γ', s: p.s, e: p.e }, { c: 'ι', s: p.s, e: p.e });
      i += 1;
      continue;
    }
    if (p.c === 'x' && reading.x) {
      out.push({ c: reading.x, s: p.s, e: p.e });
      i += 1;
      continue;
    }
    if (isLatin(p.c)) {
      for (const [latin, greek] of GREEKLISH) {
        if (latin.length === 2) {
          const q = pieces[i + 1];
          if (!q || p.c + q.c !== latin) continue;
          // «Xanthi», «anthos»: the "th" wins over the "nt" before it (n + θ, not ντ + η).
          if (H_DIGRAPHS.has(q.c + (pieces[i + 2]?.c ?? ''))) continue;
          for (const c of greek) out.push({ c, s: p.s, e: q.e });
          i += 2;
          continue outer;
        }
        if (p.c === latin) {
          for (const c of greek) out.push({ c, s: p.s, e: p.e });
          i += 1;
          continue outer;
        }
      }
    }
    out.push(p);
    i += 1;
  }
  return out;
}

const VOICELESS = new Set([...'θκξπστφχψ']);
const CONSONANTS = new Set([...'βγδζθκλμνξπρστφχψ']);
const GREEK_LETTER = /[α-ω]/;

/**
 * Spelling-insensitive Greek: the five ways of writing /i/ (ι η υ ει οι) become ι, ω becomes ο,
 * αι becomes ε, αυ/ευ become αβ/εβ or αφ/εφ as pronounced, double consonants are single.
 * Greeks misspell these constantly, and Greeklish ("paraskevi", "avrio") can only be matched
 * by sound, so both the vocabulary and the input are reduced to this form.
 */
function collapseGreek(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  const push = (c: string, s: number, e: number) => out.push({ c, s, e });
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const q = pieces[i + 1];
    const pair = q ? p.c + q.c : '';
    if (q && (pair === 'ει' || pair === 'οι' || pair === 'υι')) { push('ι', p.s, q.e); i++; continue; }
    if (q && pair === 'αι') { push('ε', p.s, q.e); i++; continue; }
    if (q && pair === 'ου') { push('ο', p.s, p.e); push('υ', q.s, q.e); i++; continue; }
    if (q && (pair === 'αυ' || pair === 'ευ' || pair === 'ηυ')) {
      const next = pieces[i + 2];
      const v = next && VOICELESS.has(next.c) ? 'φ' : 'β';
      push(p.c === 'η' ? 'ι' : p.c, p.s, p.e);
      push(v, q.s, q.e);
      i++;
      continue;
    }
    if (q && pair === 'γγ') { push('γ', p.s, p.e); push('κ', q.s, q.e); i++; continue; }
    if (q && p.c === q.c && CONSONANTS.has(p.c)) { push(p.c, p.s, q.e); i++; continue; }
    if (p.c === 'η' || p.c === 'υ') { push('ι', p.s, p.e); continue; }
    if (p.c === 'ω') { push('ο', p.s, p.e); continue; }
    out.push(p);
  }
  return out;
}

/**
 * Search strength for Greek. ντ/μπ/γκ are how Greek writes d/b/g, and Greeklish writes them
 * "d"/"b"/"g" as often as "nt"/"mp"/"gk" ("Dostoyefski", "Zorbas"); δ/β/γ are what a "d"/"v"/"g"
 * becomes, so each pair is merged into one letter. «αδερφός» is the spoken form of «αδελφός»
 * (ρφ/λφ, ρθ/λθ before the same vowels); a final ν comes and goes («το μόνον», «την/τη»);
 * «γι» before a vowel is the "y" of Greeklish; «ξ» is «κσ» as typed by someone who does not know the ELOT "ks".
 */
function wordLength(pieces: Piece[]): number {
  let n = 0;
  while (n < pieces.length && GREEK_LETTER.test(pieces[pieces.length - 1 - n]!.c)) n++;
  return n;
}

function soundsAlikeGreek(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const q = pieces[i + 1];
    const pair = q ? p.c + q.c : '';
    if (q && (pair === 'ντ' || pair === 'νδ')) { out.push({ c: 'δ', s: p.s, e: q.e }); i++; continue; }
    if (q && (pair === 'μπ' || pair === 'μβ')) { out.push({ c: 'β', s: p.s, e: q.e }); i++; continue; }
    if (q && (pair === 'γκ' || pair === 'γγ')) { out.push({ c: 'γ', s: p.s, e: q.e }); i++; continue; }
    // «γι» before a vowel is the sound of "y": Γιάννης / Yannis, Ντοστογιέφσκι / Dostoyefski.
    if (q && p.c === 'γ' && q.c === 'ι' && /[αεοι]/.test(pieces[i + 2]?.c ?? '')) continue;
    if (q && pair === 'κσ') { out.push({ c: 'ξ', s: p.s, e: q.e }); i++; continue; }
    if (q && pair === 'πσ') { out.push({ c: 'ψ', s: p.s, e: q.e }); i++; continue; }
    if (q && p.c === 'ρ' && (q.c === 'φ' || q.c === 'θ')) { out.push({ c: 'λ', s: p.s, e: p.e }); continue; }
    if (p.c === 'ν' && !GREEK_LETTER.test(q?.c ?? '') && wordLength(out) >= 3) continue;
    // A doubled consonant the collapse could not see ("ss" read as σσ after a merge).
    const last = out[out.length - 1];
    if (last && last.c === p.c && CONSONANTS.has(p.c)) { last.e = p.e; continue; }
    out.push(p);
  }
  return out;
}

// Hungarian spellings that sound the same: old family names (Móricz, Karinthy, Széchenyi) and
// the ly/j that even native writers confuse; a doubled consonant is often typed single.
const HU_DIGRAPHS: ReadonlyArray<readonly [string, string]> = [['cz', 'c'], ['th', 't'], ['ly', 'j'], ['ch', 'cs']];
const HU_CONSONANT = /[bcdfghjklmnpqrstvwxz]/;

function soundsAlikeHungarian(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const q = pieces[i + 1];
    const pair = q ? p.c + q.c : '';
    const digraph = HU_DIGRAPHS.find(([from]) => from === pair);
    if (q && digraph) {
      const [first, second] = [...digraph[1]];
      out.push({ c: first!, s: p.s, e: second ? p.e : q.e });
      if (second) out.push({ c: second, s: q.s, e: q.e });
      i++;
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.c === p.c && HU_CONSONANT.test(p.c)) { last.e = p.e; continue; }
    out.push(p);
  }
  return out;
}

/**
 * Normalises an utterance for matching in `lang`: folds case, accents and final sigma with
 * fold(); for Greek also reads Greeklish as Greek and reduces spelling to sound (see
 * collapseGreek). Digits and punctuation are kept, so "3:15" and "2013.08.20" survive.
 *
 * @example normalize('kapetan mixalis', 'el').text === normalize('Καπετάν Μιχάλης', 'el').text
 */
export function normalize(text: string, lang: Language, strength: Strength = 'intent', reading: Reading = {}): Normalized {
  let pieces = foldPieces(text);
  if (lang === 'el') {
    pieces = collapseGreek(transliterateLatin(pieces, strength, reading));
    if (strength === 'search') pieces = soundsAlikeGreek(pieces);
  } else if (strength === 'search') {
    pieces = soundsAlikeHungarian(pieces);
  }
  return {
    text: pieces.map((p) => p.c).join(''),
    starts: pieces.map((p) => p.s),
    ends: pieces.map((p) => p.e),
    source: text,
  };
}

/**
 * The search key of one word or phrase: `normalize` at search strength, words separated by one
 * space, nothing but letters and digits.
 *
 * @example searchKey('Αδερφοί Καραμαζόφ', 'el') === searchKey('adelfoi karamazof', 'el')
 */
export function searchKey(text: string, lang: Language, reading: Reading = {}): string {
  return normalize(text, lang, 'search', reading).text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
