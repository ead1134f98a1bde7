import type { Parser, ParsingComponents, ParsingContext, ParsingResult } from 'chrono-node';

type Extracted = ParsingComponents | ParsingResult | null;

/**
 * A chrono Parser from a regex over normalised text. chrono's own word-boundary parsers use
 * `(\W|^)`, which treats Greek letters and á/é/ő as boundaries; here a match may not start
 * after, or end before, a letter (`\p{L}` with the `u` flag), the way chrono's ru/uk locales do.
 */
export function defineParser(
  name: string,
  source: string,
  extract: (context: ParsingContext, match: RegExpMatchArray) => Extracted,
): Parser {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}])`, 'iu');
  const parser = {
    pattern: () => re,
    extract: (context: ParsingContext, match: RegExpMatchArray) => extract(context, match),
  };
  Object.defineProperty(parser, 'constructor', { value: { name }, enumerable: false });
  return parser;
}
