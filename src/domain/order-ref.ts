/**
 * Order references are 7 digits: a caller can key them on a phone and the voice reads them
 * digit by digit. The last digit is a Luhn check digit, so a mistyped reference is caught
 * before it reaches the database.
 */
export function makeOrderRef(random: () => number = Math.random): string {
  const body = Array.from({ length: 6 }, (_, i) => String(Math.floor(random() * (i === 0 ? 9 : 10)) + (i === 0 ? 1 : 0))).join('');
  return body + luhnDigit(body);
}

export function isValidOrderRef(ref: string): boolean {
  return /^\d{7}$/.test(ref) && luhnDigit(ref.slice(0, 6)) === ref[6];
}

function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
