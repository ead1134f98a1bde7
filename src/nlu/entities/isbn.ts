/** ISBN-10 weights 10..1 (X = 10 in the check digit); ISBN-13 weights alternate 1 and 3. */
function validIsbn(d: string): boolean {
  if (/^\d{9}[\dX]$/.test(d)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (10 - i) * (d[i] === 'X' ? 10 : Number(d[i]));
    return sum % 11 === 0;
  }
  if (/^97[89]\d{10}$/.test(d)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(d[i]) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0;
  }
  return false;
}

const CANDIDATE = /(?<![\dXx])\d[\d\s‐-―-]{8,20}[\dXx](?![\dXx])/g;

/**
 * Finds an ISBN-10 or ISBN-13 in free text, with or without hyphens or spaces, and returns it
 * without separators ("978-960-03-4569-9" → "9789600345699"). Invalid checksums are ignored,
 * so a phone number or card number is not mistaken for a book.
 *
 * @example findIsbn('ISBN 960-03-4569-5 παρακαλώ') === '9600345695'
 */
export function findIsbn(text: string): string | undefined {
  for (const m of text.matchAll(CANDIDATE)) {
    const digits = m[0].replace(/[^\dXx]/g, '').toUpperCase();
    if (validIsbn(digits)) return digits;
    // A longer run may hold an ISBN followed by something else; try the 13- and 10-digit heads.
    for (const len of [13, 10]) if (digits.length > len && validIsbn(digits.slice(0, len))) return digits.slice(0, len);
  }
  return undefined;
}
