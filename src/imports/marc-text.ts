/**
 * Text from MARC records as the bot stores it: NFC, with what MARC-8 conversions leave behind
 * repaired. MARC-8 writes a diacritic *before* its letter, and some converters copy that order
 * into UTF-8 («Kölcsey» as «K\u0308olcsey», «\u0301Αθήνα») or turn the mark into a spacing accent
 * («K¨olcsey»). A spacing accent folds to a space and splits the word, so search would no longer
 * find «Kölcsey» as «kolcsey»; a mark on the wrong letter reads wrong on screen.
 */

/** Spacing accents converters leave in place of MARC-8 combining ones, and the combining mark each stands for. */
const SPACING_TO_COMBINING: Record<string, string> = {
  '\u00B4': '\u0301', // ´ acute
  '\u0060': '\u0300', // ` grave
  '\u00A8': '\u0308', // ¨ diaeresis
  '\u02DD': '\u030B', // ˝ double acute (Hungarian ő ű)
  '\u02C7': '\u030C', // ˇ caron
  '\u02DC': '\u0303', // ˜ tilde
  '\u02C6': '\u0302', // ˆ circumflex
  '\u00B8': '\u0327', // ¸ cedilla
  '\u0384': '\u0301', // ΄ Greek tonos, spacing
  '\u0385': '\u0344', // ΅ dialytika tonos, spacing
};
const ACCENTS = Object.keys(SPACING_TO_COMBINING).join('');
const SPACING = new RegExp(`[${ACCENTS}]`, 'u');
// After a letter and before one («Ko¨lcsey»), or at a word's start before one («¨Ovek»); a grave
// accent (the ASCII backquote) only between letters, as it also stands for an opening quote.
const BETWEEN_OR_BEFORE = new RegExp(`(?<=\\p{L})[${ACCENTS}](?=\\p{L})|(?<![\\p{L}\\p{M}])[${ACCENTS.replace('`', '')}](?=\\p{L})`, 'gu');

/**
 * @param marc8Order the record says MARC-8 (leader/09 is not 'a'): its marks come before their letters.
 * @example marcText('K\u00A8olcsey', true) === 'Kölcsey'
 */
export function marcText(value: string, marc8Order = false): string {
  let text = value;
  if (SPACING.test(text)) text = spacingToCombining(text);
  if (/\p{M}/u.test(text)) text = markBeforeLetter(text, marc8Order);
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A spacing accent next to a letter becomes the combining mark, where it stands; markBeforeLetter then places it. */
function spacingToCombining(text: string): string {
  return text.replace(BETWEEN_OR_BEFORE, (c) => SPACING_TO_COMBINING[c] ?? c);
}

/**
 * Combining marks at a word's start (nothing to sit on) go after the letter that follows; in a
 * MARC-8 record every run of marks does.
 */
function markBeforeLetter(text: string, marc8Order: boolean): string {
  const pattern = marc8Order ? /(\p{M}+)(\p{L})/gu : /(?<![\p{L}\p{M}])(\p{M}+)(\p{L})/gu;
  return text.replace(pattern, (_, marks: string, letter: string) => `${letter}${marks}`);
}

/** ISBD punctuation a MARC subfield ends with before the next one: « /», « :», « ;», « =», «,», a lone «.». */
export function withoutIsbdPunctuation(text: string): string {
  return text.replace(/(?:\s*[/:;=,]|(?<![.\s]\p{L}|\.\.)\.)+\s*$/u, '').trim();
}
