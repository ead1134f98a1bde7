import { allow, refuse, type Decision } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import type { PatronStatus } from '../types';

/** What the ILL rules need to know about a reader at one instant. */
export interface IllPatronSnapshot {
  status: PatronStatus;
  cardExpiresAt: Date;
  /** Requests not yet returned, closed, cancelled, unfilled or sent back (ill-status.ts). */
  outstandingRequests: number;
  /** Return postage owed for documents sent back uncollected, minor units. */
  unpaidPostage: number;
}

export type IllRefusal = 'ill.not_offered' | 'ill.card_invalid' | 'ill.account_locked' | 'ill.unpaid_postage' | 'ill.limit_reached';

/**
 * Whether the reader may start a new ILL request (seeds/004): only with a valid card; not while
 * return postage of an uncollected document is unpaid; at most `maxOutstanding` (3) at once,
 * "a new request only after these are returned".
 *
 * @example checkIllEligibility({ ...reader, outstandingRequests: 3 }, ozdPolicy, now) // refuse('ill.limit_reached', { count: 3 })
 */
export function checkIllEligibility(p: IllPatronSnapshot, policy: LibraryPolicy, now: Date): Decision<IllRefusal> {
  if (!policy.ill.enabled) return refuse('ill.not_offered');
  if (p.status === 'expired' || p.cardExpiresAt.getTime() < now.getTime()) return refuse('ill.card_invalid');
  if (p.status === 'locked') return refuse('ill.account_locked');
  if (policy.ill.unpaidPostageBlocks && p.unpaidPostage > 0) return refuse('ill.unpaid_postage', { amount: p.unpaidPostage });
  if (p.outstandingRequests >= policy.ill.maxOutstanding) {
    return refuse('ill.limit_reached', { count: policy.ill.maxOutstanding, outstanding: p.outstandingRequests });
  }
  return allow();
}

/** How many more requests the reader may make now. */
export function remainingIllRequests(p: IllPatronSnapshot, policy: LibraryPolicy): number {
  return Math.max(0, policy.ill.maxOutstanding - p.outstandingRequests);
}
