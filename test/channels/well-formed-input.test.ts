import { describe, expect, it } from 'vitest';
import { wellFormed } from '../../src/channels/well-formed-input';

describe('wellFormed', () => {
  it('replaces half surrogate pairs in every string, keys included, and keeps whole pairs', () => {
    expect(wellFormed({ username: '\udff8', list: ['a\ud800', { '\udc00k': '😀' }], n: 5, none: null }))
      .toEqual({ username: '\uFFFD', list: ['a\uFFFD', { '\uFFFDk': '😀' }], n: 5, none: null });
  });

  it('replaces NUL, which PostgreSQL refuses in any text value, even one only compared with', () => {
    expect(wellFormed({ username: 'igen\u0000', query: { branch: '\u0000' }, ['a\u0000']: 1 }))
      .toEqual({ username: 'igen\uFFFD', query: { branch: '\uFFFD' }, ['a\uFFFD']: 1 });
  });

  it('keeps a "__proto__" key of a JSON body as data, never as the copy\'s prototype', () => {
    const copy = wellFormed(JSON.parse('{"__proto__": {"admin": true}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { admin?: unknown }).admin).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__']);
  });
});
