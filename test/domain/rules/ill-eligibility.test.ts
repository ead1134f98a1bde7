import { describe, expect, it } from 'vitest';
import { kalamariaPolicy, ozdPolicy } from '../../support/libraries';
import { checkIllEligibility, remainingIllRequests, type IllPatronSnapshot } from '../../../src/domain/rules/ill-eligibility';

const now = new Date('2026-11-23T10:00:00Z');
const aReader = (overrides: Partial<IllPatronSnapshot> = {}): IllPatronSnapshot => ({
  status: 'active', cardExpiresAt: new Date('2030-12-31T00:00:00Z'), outstandingRequests: 0, unpaidPostage: 0, ...overrides,
});

describe('checkIllEligibility (Ózd, seeds/004)', () => {
  it.each([
    ['1st request (none outstanding)', 0, true],
    ['2nd request', 1, true],
    ['3rd request (2 outstanding)', 2, true],
    ['4th request (3 outstanding)', 3, false],
    ['5th request (4 outstanding, e.g. seeded by staff)', 4, false],
  ])('%s', (_name, outstanding, allowed) => {
    const decision = checkIllEligibility(aReader({ outstandingRequests: outstanding }), ozdPolicy, now);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision).toEqual({ allowed: false, reason: 'ill.limit_reached', params: { count: 3, outstanding } });
  });

  it.each([
    ['expired status', aReader({ status: 'expired' }), 'ill.card_invalid'],
    ['card expired a second ago', aReader({ cardExpiresAt: new Date(now.getTime() - 1000) }), 'ill.card_invalid'],
    ['locked account', aReader({ status: 'locked' }), 'ill.account_locked'],
    ['expired card wins over the limit', aReader({ status: 'expired', outstandingRequests: 3 }), 'ill.card_invalid'],
    ['unpaid postage wins over the limit', aReader({ unpaidPostage: 125000, outstandingRequests: 3 }), 'ill.unpaid_postage'],
  ])('refuses: %s', (_name, reader, reason) => {
    const decision = checkIllEligibility(reader, ozdPolicy, now);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.reason).toBe(reason);
  });

  it('blocks on unpaid return postage, with the amount, until it is paid', () => {
    expect(checkIllEligibility(aReader({ unpaidPostage: 125000 }), ozdPolicy, now))
      .toEqual({ allowed: false, reason: 'ill.unpaid_postage', params: { amount: 125000 } });
    expect(checkIllEligibility(aReader({ unpaidPostage: 1 }), ozdPolicy, now).allowed).toBe(false);
    expect(checkIllEligibility(aReader({ unpaidPostage: 0 }), ozdPolicy, now)).toEqual({ allowed: true });
  });

  it('refuses at a library that has not switched ILL on (Kalamaria)', () => {
    expect(checkIllEligibility(aReader(), kalamariaPolicy, now)).toEqual({ allowed: false, reason: 'ill.not_offered' });
    const switchedOn = { ...kalamariaPolicy, ill: { ...kalamariaPolicy.ill, enabled: true } };
    expect(checkIllEligibility(aReader(), switchedOn, now)).toEqual({ allowed: true });
  });

  it('counts the places left', () => {
    expect([0, 1, 2, 3, 4].map((n) => remainingIllRequests(aReader({ outstandingRequests: n }), ozdPolicy))).toEqual([3, 2, 1, 0, 0]);
  });
});
