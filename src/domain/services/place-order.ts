import { refuse, type Refusal } from '../decision';
import { makeOrderRef } from '../order-ref';
import type { LibraryPolicy } from '../policy/library-policy';
import type { CopyTaken, OrderDraft, OrderRepository, PlacedOrder } from '../ports/order-repository';
import type { PlaceIlsHolds } from './place-ils-holds';
import { checkHoldAccount, checkHoldLimit, type HoldAccountRefusal, type HoldLimitRefusal } from '../rules/hold-eligibility';

export type PlaceOrderRefusal = HoldAccountRefusal | HoldLimitRefusal | 'hold.empty_basket';
export type PlaceOrderResult = PlacedOrder | Refusal<PlaceOrderRefusal> | CopyTaken;

/** Confirms a basket: every rule is checked again inside the transaction that writes it. */
export class PlaceOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly now: () => Date,
    private readonly newRef: () => string = makeOrderRef,
    /** Where the library has its own system, the holds go into it after the order is written (issue 20). */
    private readonly ilsHolds?: PlaceIlsHolds,
  ) {}

  async run(draft: OrderDraft): Promise<PlaceOrderResult> {
    if (draft.items.length === 0) return refuse('hold.empty_basket');
    const policy = this.policyFor(draft.libraryId);
    const placed = await this.orders.placeOrder<PlaceOrderRefusal>(draft, (patron) => {
      const account = checkHoldAccount(patron, this.now());
      if (!account.allowed) return account;
      return checkHoldLimit(patron, draft.items.length, policy);
    }, this.newRef);
    if (!placed.allowed || !this.ilsHolds?.appliesTo(draft.libraryId)) return placed;
    // A replayed yes places what is still unplaced: the ILS finds the holds it already has.
    const problem = await this.ilsHolds.forOrder(placed.orderId);
    return problem ? { ...placed, ils: problem.reason } : placed;
  }
}
