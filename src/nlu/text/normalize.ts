import { fold } from '../../domain/text/fold';
import type { Lang } from '../types';

/**
 * Text prepared for matching, with a map back to the patron's own characters so that a
 * match in the normalised text can be reported as the words the patron typed.
 */
export interface Normalized {
  /** Normalised text; letters folded, everything else (digits, punctuation, spaces) kept. */
  text: string;
  /** starts[i] / ends[i]: the span of the original text that produced character i. */
  starts: number[];
  ends: number[];
  source: string;
}

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

// Greeklish as people type it: digraphs first. "x" is χ (xronia, oxi); ξ is written "ks".
const GREEKLISH: ReadonlyArray<readonly [string, string]> = [
  ['th', 'θ'], ['ch', 'χ'], ['kh', 'χ'], ['ph', 'φ'], ['ps', 'ψ'], ['ks', 'ξ'], ['ou', 'ου'], ['mp', 'μπ'],
  ['nt', 'ντ'], ['gk', 'γκ'], ['gg', 'γκ'], ['a', 'α'], ['b', 'μπ'], ['c', 'κ'], ['d', 'δ'], ['e', 'ε'],
  ['f', 'φ'], ['g', 'γ'], ['h', 'η'], ['i', 'ι'], ['j', 'τζ'], ['k', 'κ'], ['l', 'λ'], ['m', 'μ'], ['n', 'ν'],
  ['o', 'ο'], ['p', 'π'], ['q', 'κ'], ['r', 'ρ'], ['s', 'σ'], ['t', 'τ'], ['u', 'υ'], ['v', 'β'], ['w', 'ω'],
  ['x', 'χ'], ['y', 'υ'], ['z', 'ζ'],
];

function transliterateLatin(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  outer: while (i < pieces.length) {
    const p = pieces[i]!;
    if (p.c >= 'a' && p.c <= 'z') {
      for (const [latin, greek] of GREEKLISH) {
        if (latin.length === 2) {
          const q = pieces[i + 1];
          if (!q || p.c + q.c !== latin) continue;
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
 * Normalises an utterance for matching in `lang`: folds case, accents and final sigma with
 * fold(); for Greek also reads Greeklish as Greek and reduces spelling to sound (see
 * collapseGreek). Digits and punctuation are kept, so "3:15" and "2013.08.20" survive.
 */
export function normalize(text: string, lang: Lang): Normalized {
  let pieces = foldPieces(text);
  if (lang === 'el') pieces = collapseGreek(transliterateLatin(pieces));
  return {
    text: pieces.map((p) => p.c).join(''),
    starts: pieces.map((p) => p.s),
    ends: pieces.map((p) => p.e),
    source: text,
  };
}

const keyCache = new Map<string, string>();

/** The normalised form of a vocabulary word or phrase, for building patterns and tables. */
export function keyOf(text: string, lang: Lang): string {
  const k = `${lang}\u0000${text}`;
  let v = keyCache.get(k);
  if (v === undefined) {
    v = normalize(text, lang).text;
    // Also called on patrons' text; keep memory bounded on a long-running server.
    if (keyCache.size > 20_000) keyCache.clear();
    keyCache.set(k, v);
  }
  return v;
}

/** Maps a span of the normalised text back to the original text. */
export function originalSpan(n: Normalized, index: number, length: number): { index: number; text: string } {
  if (n.starts.length === 0) return { index: 0, text: '' };
  const first = Math.min(Math.max(index, 0), n.starts.length - 1);
  const last = Math.min(Math.max(index + length - 1, first), n.ends.length - 1);
  const start = n.starts[first]!;
  const end = n.ends[last]!;
  return { index: start, text: n.source.slice(start, end) };
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex alternation of the normalised forms of `words`, longest first so the regex is greedy. */
export function alternation(words: Iterable<string>, lang: Lang): string {
  const keys = [...new Set([...words].map((w) => keyOf(w, lang)))];
  keys.sort((a, b) => b.length - a.length);
  return keys.map((k) => escapeRegExp(k).replace(/ /g, '\\s+')).join('|');
}
