import { editDistance } from './fuzzy';
import { keyOf, type Normalized } from './normalize';
import type { Lang } from '../types';

/** A word of the normalised utterance and where it sits in the normalised text. */
export interface Token {
  key: string;
  index: number;
  length: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function tokenize(n: Normalized): Token[] {
  const out: Token[] = [];
  for (const m of n.text.matchAll(WORD)) out.push({ key: m[0], index: m.index ?? 0, length: m[0].length });
  return out;
}

interface CueWord {
  key: string;
  prefix: boolean;
}

/** A phrase to look for: words in order, "*" marking a stem ("κρατήσ*" matches κράτηση, κρατήσεις). */
export interface Cue {
  words: CueWord[];
  phrase: string;
}

export function compileCue(phrase: string, lang: Lang): Cue {
  const words = phrase
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => {
      const prefix = w.endsWith('*');
      return { key: keyOf(prefix ? w.slice(0, -1) : w, lang).replace(/\s+/g, ''), prefix };
    })
    .filter((w) => w.key !== '');
  return { words, phrase };
}

/** Patrons make typos, but short words are too close to each other to forgive one. */
const FUZZY_MIN_LENGTH = 5;

function wordMatch(token: string, w: CueWord, fuzzy: boolean): 'exact' | 'fuzzy' | undefined {
  if (w.prefix ? token.startsWith(w.key) : token === w.key) return 'exact';
  if (!fuzzy || w.key.length < FUZZY_MIN_LENGTH || token.length < FUZZY_MIN_LENGTH - 1) return undefined;
  if (w.prefix) {
    for (const len of [w.key.length - 1, w.key.length, w.key.length + 1]) {
      if (len > token.length) continue;
      if (editDistance(token.slice(0, len), w.key, 1) <= 1) return 'fuzzy';
    }
    return undefined;
  }
  return editDistance(token, w.key, 1) <= 1 ? 'fuzzy' : undefined;
}

export interface CueMatch {
  /** Token indices of the first and last matched word. */
  first: number;
  last: number;
  fuzzy: boolean;
}

/**
 * Finds the cue's words in order, allowing up to `gap` other words between consecutive ones.
 * `fuzzy` also accepts one typo per long word; it is the slow path, so callers try exact first.
 */
export function matchCue(tokens: Token[], cue: Cue, gap = 2, allowFuzzy = true): CueMatch | undefined {
  const [head, ...rest] = cue.words;
  if (!head) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    const m0 = wordMatch(tokens[i]!.key, head, allowFuzzy);
    if (!m0) continue;
    let fuzzy = m0 === 'fuzzy';
    let pos = i;
    let ok = true;
    for (const w of rest) {
      let found = -1;
      for (let j = pos + 1; j <= Math.min(tokens.length - 1, pos + 1 + gap); j++) {
        const m = wordMatch(tokens[j]!.key, w, allowFuzzy);
        if (m) {
          found = j;
          fuzzy ||= m === 'fuzzy';
          break;
        }
      }
      if (found < 0) {
        ok = false;
        break;
      }
      pos = found;
    }
    if (ok) return { first: i, last: pos, fuzzy };
  }
  return undefined;
}
