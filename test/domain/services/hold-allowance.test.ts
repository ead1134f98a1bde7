import { describe, expect, it } from 'vitest';
import { allow, refuse } from '../../../src/domain/decision';
import { kalamariaPolicy } from '../../support/libraries';
import type { LibrarySystem, PatronStanding } from '../../../src/domain/ports/library-system';
import { HoldAllowance } from '../../../src/domain/services/hold-allowance';
import type { PatronSnapshot } from '../../../src/domain/types';

const now = new Date('2026-12-04T10:00:00Z');
const local: PatronSnapshot = { id: 1, libraryId: 'kalamaria', name: 'Μαρία', status: 'active', cardExpiresAt: new Date('2030-01-01'), loansCount: 0, activeHolds: 0, preferredLanguage: 'el' };
const standing: PatronStanding = { blocked: false, expired: false, cardLost: false, finesOwed: 0, holdsCount: 0, loansCount: 0 };

/** A library system that answers one standing (or an outage): what the allowance reads from Koha or SIP2. */
function ilsWith(answer: PatronStanding | 'down'): LibrarySystem {
  const none = async () => refuse('ils.not_supported' as const);
  const down = async () => refuse('ils.unavailable' as const);
  return {
    kind: 'koha', takesIllRequests: false, authenticate: down, copies: down, placeHold: none, listHolds: none, cancelHold: none, requestIll: none,
    standing: async () => (answer === 'down' ? refuse('ils.unavailable') : { ...allow(), standing: answer }),
  };
}

const allowance = (system?: LibrarySystem, patron = local) =>
  new HoldAllowance({ snapshot: async () => patron, cardNumber: async () => '1001001' }, () => kalamariaPolicy, () => now, () => system);

describe('HoldAllowance', () => {
  it('counts from the bot\'s own snapshot where the library has no system of its own', async () => {
    expect(await allowance(undefined, { ...local, loansCount: 8, activeHolds: 1 }).check(1, 'kalamaria', 0)).toEqual({ allowed: true, remaining: 1 });
  });

  it.each([
    [{ ...standing, blocked: true }, { allowed: false, reason: 'hold.account_locked' }],
    [{ ...standing, cardLost: true }, { allowed: false, reason: 'hold.account_locked' }],
    [{ ...standing, expiresAt: new Date('2026-11-30') }, { allowed: false, reason: 'hold.card_expired' }],
    [{ ...standing, loansCount: 9, holdsCount: 1 }, { allowed: false, reason: 'hold.limit_reached', params: { count: kalamariaPolicy.holds.maxHolds } }],
    [{ ...standing, loansCount: 7, holdsCount: 1 }, { allowed: true, remaining: 1 }],
  ] as const)('reads the ILS\'s standing %j with the bot\'s rules: %j', async (s, expected) => {
    // The bot's own row says nothing is wrong: the ILS is the truth.
    expect(await allowance(ilsWith(s)).check(1, 'kalamaria', 1)).toEqual(expected);
  });

  it('says the library system is unavailable when it does not answer', async () => {
    expect(await allowance(ilsWith('down')).check(1, 'kalamaria', 0)).toEqual({ allowed: false, reason: 'ils.unavailable' });
  });
});
