/**
 * Folds text for matching: lower case, no diacritics (Greek tonos and dialytika,
 * Hungarian á é í ó ö ő ú ü ű), final sigma as sigma, runs of non-letters as one space.
 * Patrons on a phone keyboard or speech transcript rarely type accents, so every
 * comparison of what they say with catalogue text goes through here.
 *
 * @example fold('Καζαντζάκης') === 'καζαντζακησ'; fold('Kölcsey') === 'kolcsey'
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ς/g, 'σ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
