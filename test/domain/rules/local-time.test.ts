import { describe, expect, it } from 'vitest';
import { isLocalDate } from '../../../src/domain/rules/local-time';

describe('isLocalDate', () => {
  it.each(['2026-11-23', '2028-02-29', '2000-01-01', '2999-12-31', '2026-04-30'])('takes %s for a day', (text) => {
    expect(isLocalDate(text)).toBe(true);
  });

  it.each([
    '9999-99-99', '0000-00-00', '2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-01', '2026-01-00',
    '1999-12-31', '3000-01-01', '2026-1-1', '20261123', ' 2026-11-23', '2026-11-23T00:00', '２０２６-11-23', '',
  ])('refuses %j', (text) => {
    expect(isLocalDate(text)).toBe(false);
  });
});
