import { allow, refuse, type Decision } from '../decision';
import type { CopyStatus, PatronStanding } from '../ports/library-system';
import type { HoldAccountRefusal } from './hold-eligibility';

/**
 * The library system's word on an account, as the bot's own rule words it (hold-eligibility.ts):
 * a restriction or a card reported lost locks the account (seeds/000: "phone the library"), an
 * expiry date in the past expires it.
 *
 * @example checkIlsStanding({ ...standing, cardLost: true }, now) // refuse('hold.account_locked')
 */
export function checkIlsStanding(standing: PatronStanding, now: Date): Decision<HoldAccountRefusal> {
  if (standing.blocked || standing.cardLost) return refuse('hold.account_locked');
  if (standing.expired || (standing.expiresAt !== undefined && standing.expiresAt.getTime() < now.getTime())) return refuse('hold.card_expired');
  return allow();
}

/**
 * Only a copy the ILS reports on the shelf may be offered (issue 20: "no copy promised that the
 * ILS has not held"); on loan, on the hold shelf or in transit are not "available now".
 *
 * @example isOnShelf('in_transit') === false
 */
export const isOnShelf = (status: CopyStatus): boolean => status === 'available';
