import { describe, expect, it } from 'vitest';
import { isValidOrderRef, makeOrderRef } from '../../src/domain/order-ref';

describe('makeOrderRef', () => {
  it('makes 7 digits with a Luhn check digit, never starting with 0', () => {
    for (let i = 0; i < 200; i++) {
      const ref = makeOrderRef();
      expect(ref).toMatch(/^[1-9]\d{6}$/);
      expect(isValidOrderRef(ref)).toBe(true);
    }
  });
  it('catches a single mistyped digit', () => {
    const ref = makeOrderRef(() => 0.5);
    const wrong = ref.slice(0, 3) + String((Number(ref[3]) + 1) % 10) + ref.slice(4);
    expect(isValidOrderRef(wrong)).toBe(false);
  });
});
