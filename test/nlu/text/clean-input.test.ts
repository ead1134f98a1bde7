import { describe, expect, it } from 'vitest';
import { cleanInput } from '../../../src/nlu/text/clean-input';

describe('cleanInput', () => {
  it.each([
    ['removes NUL and other control characters', 'Egri\u0000 csil\u0007lagok\u001b', 'Egri csillagok'],
    ['makes tabs and line breaks spaces', 'A Pál\tutcai\r\nfiúk', 'A Pál utcai fiúk'],
    ['removes direction overrides and the BOM', '\uFEFF\u202Egel\u202C Φόνισσα', 'gel Φόνισσα'],
    ['removes half of a surrogate pair but keeps whole ones', 'a\uD800b\uDC00c 😀', 'abc 😀'],
    ['removes U+FFFD, what HTTP made of NUL and half pairs', '\uFFFD 1001001\uFFFD', '1001001'],
    ['composes letters typed as letter + accent', 'Ko\u0308lcsey', 'Kölcsey'],
    ['trims', '  1001001  ', '1001001'],
    ['keeps SQL and markup as plain text', `'; DROP TABLE "Order"; -- <b>`, `'; DROP TABLE "Order"; -- <b>`],
  ])('%s', (_, input, expected) => {
    expect(cleanInput(input)).toBe(expected);
  });
});
