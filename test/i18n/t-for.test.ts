import { describe, expect, it } from 'vitest';
import { i18n, tFor } from '../../src/i18n/init';

// tFor remembers what it rendered: every answer must still be the one i18next gives for those parameters.
describe('tFor', () => {
  it('gives the text i18next renders for each set of parameters, asked once or many times', () => {
    const cases: Array<[string, string, Record<string, unknown> | undefined]> = [
      ['el', 'signin.invalid', { count: 1 }],
      ['el', 'signin.invalid', { count: 3 }],
      ['hu', 'signin.invalid', { count: 1 }],
      ['hu', 'signin.invalid', { count: 3 }],
      ['el', 'signin.invalid', { count: '3' }],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [language, key, params] of cases) {
        expect(tFor(language, 'reasons')(key, params)).toBe(i18n().getFixedT(language, 'reasons')(key, params));
      }
    }
    expect(tFor('el', 'reasons')('signin.invalid', { count: 1 })).not.toBe(tFor('el', 'reasons')('signin.invalid', { count: 3 }));
  });

  it('renders parameters that are objects or dates anew each time', () => {
    const t = tFor('el', 'ill');
    const params = { example: 12, formatParams: { example: { currency: 'EUR' } } };
    const euros = t('max_cost.electronic', params);
    params.formatParams.example.currency = 'HUF';
    const forints = t('max_cost.electronic', params);
    expect(euros).toBe(i18n().getFixedT('el', 'ill')('max_cost.electronic', { example: 12, formatParams: { example: { currency: 'EUR' } } }));
    expect(euros).toMatch(/€/);
    expect(forints).not.toBe(euros);
  });
});
