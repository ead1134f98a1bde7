import { normalize, type Normalized } from '../../domain/text/normalize';
import type { Lang } from '../types';

// The pipeline itself lives in the domain, where the catalogue search uses it too.
export { normalize, type Normalized };

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
