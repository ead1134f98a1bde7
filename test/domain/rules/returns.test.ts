import { describe, expect, it } from 'vitest';
import { kalamariaPolicy, ozdPolicy } from '../../support/libraries';
import { checkReturnDay, nextReturnDay } from '../../../src/domain/rules/returns';

// Athens is UTC+2 in November: 10:00Z is noon at the library.
describe('checkReturnDay (seeds/000: Central on Fridays only, children\'s branches every opening day)', () => {
  it.each([
    ['Central on Friday at noon', 'kal-central', '2026-11-27T10:00:00Z', true, undefined],
    ['Central on Thursday at noon', 'kal-central', '2026-11-26T10:00:00Z', false, 'returns.not_return_day'],
    ['Central on Monday', 'kal-central', '2026-11-23T10:00:00Z', false, 'returns.not_return_day'],
    ['Central on Friday after closing (14:30)', 'kal-central', '2026-11-27T12:30:00Z', false, 'returns.closed'],
    ['Central on Friday one minute before closing', 'kal-central', '2026-11-27T12:29:00Z', true, undefined],
    ['Central on Christmas Day, a Friday', 'kal-central', '2026-12-25T10:00:00Z', false, 'returns.not_return_day'],
    ['Α΄ Παιδική on Thursday at noon', 'kal-child-a', '2026-11-26T10:00:00Z', true, undefined],
    ['Α΄ Παιδική on Thursday evening opening', 'kal-child-a', '2026-11-26T16:00:00Z', true, undefined],
    ['Α΄ Παιδική on Monday evening (closed)', 'kal-child-a', '2026-11-23T16:00:00Z', false, 'returns.closed'],
    ['Β΄ Παιδική on Saturday', 'kal-child-b', '2026-11-28T10:00:00Z', false, 'returns.not_return_day'],
  ])('%s', (_name, branch, at, allowed, reason) => {
    const decision = checkReturnDay(kalamariaPolicy, branch, new Date(at));
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toBe(reason);
  });

  it('names the next Friday when Central is asked on a Thursday', () => {
    expect(checkReturnDay(kalamariaPolicy, 'kal-central', new Date('2026-11-26T10:00:00Z')))
      .toEqual({ allowed: false, reason: 'returns.not_return_day', params: { next: '2026-11-27' } });
  });

  it('skips a holiday Friday to the next one', () => {
    expect(nextReturnDay(kalamariaPolicy, 'kal-central', '2026-12-25')).toBe('2027-01-08'); // 1 Jan is a holiday too
  });

  it('lets Ózd take returns on Saturday morning but not on Monday', () => {
    expect(checkReturnDay(ozdPolicy, 'ozd-main', new Date('2026-11-28T09:00:00Z')).allowed).toBe(true);
    expect(checkReturnDay(ozdPolicy, 'ozd-main', new Date('2026-11-23T12:00:00Z')).allowed).toBe(false);
  });
});
