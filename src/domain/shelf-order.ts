/**
 * The order copies stand in on the shelves, from their shelf marks (spine labels) as the demo
 * libraries write them: an optional collection prefix ("Π" children's, "J" youth), a Dewey class
 * ("889.3", "894.511"), then the author mark: letters and Cutter numbers ("ΚΑΖ", "Sz 12", "F 36").
 *
 * - Marks without a prefix (the main stacks) come first, then each collection in turn.
 * - Dewey classes compare as numbers, so the digits after the point count as decimals:
 *   889.3 < 889.31 < 889.4, and class 92 comes before 889 (a string sort would put it after).
 * - Cutter numbers are decimal fractions too (F 4 stands after F 36), as on the shelf.
 * - Letters follow the library's language: Greek accents are ignored, Hungarian digraphs
 *   ("Sz", "Cs") are letters of their own that come after their first letter.
 */
export function shelfMarkComparer(language: string): (a: string, b: string) => number {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: false });
  return (a, b) => {
    const x = parse(a);
    const y = parse(b);
    const prefix = compareParts(x.prefix, y.prefix, collator, true);
    if (prefix !== 0) return prefix;
    if (x.dewey !== y.dewey) {
      if (x.dewey === undefined) return 1;
      if (y.dewey === undefined) return -1;
      return x.dewey - y.dewey;
    }
    const rest = compareParts(x.rest, y.rest, collator, false);
    return rest !== 0 ? rest : collator.compare(a, b);
  };
}

interface ParsedMark { prefix: string[]; dewey?: number; rest: string[] }

const DEWEY = /^\d{1,3}(\.\d+)?$/;
const NUMBER = /^\d+$/;

function parse(mark: string): ParsedMark {
  const tokens = mark.trim().split(/\s+/).filter(Boolean);
  const at = tokens.findIndex((t) => DEWEY.test(t));
  if (at < 0) return { prefix: [], rest: tokens };
  return { prefix: tokens.slice(0, at), dewey: Number(tokens[at]), rest: tokens.slice(at + 1) };
}

/** Token by token; a Cutter number as a decimal fraction; `emptyFirst`: no prefix before any prefix. */
function compareParts(a: string[], b: string[], collator: Intl.Collator, emptyFirst: boolean): number {
  if (emptyFirst && (a.length === 0) !== (b.length === 0)) return a.length === 0 ? -1 : 1;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    const order = NUMBER.test(x) && NUMBER.test(y) ? Number(`0.${x}`) - Number(`0.${y}`) : collator.compare(x, y);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
