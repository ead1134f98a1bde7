import { allow, refuse, type Decision } from '../decision';

export type ErasureRefusal = 'patron.erase_open_orders' | 'patron.erase_open_ill' | 'patron.erase_unpaid';

/** What still ties a patron to the library when staff are asked to erase their data. */
export interface ErasureSnapshot {
  /** Orders not yet collected, cancelled or expired: copies are on the hold shelf in their name. */
  openOrders: number;
  /** Interlibrary loan requests still running: a lender's document is on its way or on loan. */
  openIllRequests: number;
  /** Unpaid ILL charges (postage, late fees) in minor units: the library may still claim them. */
  unpaid: number;
}

/**
 * Whether a patron's personal data can be erased now (GDPR art. 17(3)(b) and (e): data needed to
 * perform a running loan or to establish a legal claim may be kept). Staff close the orders and
 * requests first — the refusal says which — and the erasure then goes through.
 *
 * @example checkErasure({ openOrders: 1, openIllRequests: 0, unpaid: 0 }) // refuse('patron.erase_open_orders', { count: 1 })
 */
export function checkErasure(p: ErasureSnapshot): Decision<ErasureRefusal> {
  if (p.openOrders > 0) return refuse('patron.erase_open_orders', { count: p.openOrders });
  if (p.openIllRequests > 0) return refuse('patron.erase_open_ill', { count: p.openIllRequests });
  if (p.unpaid > 0) return refuse('patron.erase_unpaid', { amount: p.unpaid });
  return allow();
}
