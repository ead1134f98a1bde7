import { refuse, type Refusal } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import type { StaffOrderRepository } from '../ports/staff-order-repository';
import { checkArrival, type ArrivalRefusal } from '../rules/arrival';
import type { TransitionOrder } from './transition-order';

export type ArrivalResult =
  | { allowed: true; orders: Array<{ ref: string; branches: string[] }> }
  | Refusal<ArrivalRefusal | 'arrival.no_order'>;

/**
 * "Είμαι στην είσοδο" / "megérkeztem": every order of the patron that can be handed over today
 * moves to waiting_outside, which the staff page shows at the top (Koha's "patron is outside").
 */
export class RecordArrival {
  constructor(
    private readonly orders: StaffOrderRepository,
    private readonly transition: TransitionOrder,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly now: () => Date,
  ) {}

  async run(libraryId: string, patronId: number): Promise<ArrivalResult> {
    const open = (await this.orders.forPatron(patronId, 20))
      .filter((o) => o.libraryId === libraryId && ['new', 'preparing', 'ready', 'waiting_outside'].includes(o.status));
    if (open.length === 0) return refuse('arrival.no_order');
    const policy = this.policyFor(libraryId);
    const now = this.now();
    const arrived: Array<{ ref: string; branches: string[] }> = [];
    let refusal: Refusal<ArrivalRefusal> | undefined;
    for (const order of open) {
      const decision = checkArrival({ status: order.status, appointments: order.appointments.map((a) => a.startsAt) }, now, policy.timezone);
      if (!decision.allowed) { refusal ??= decision; continue; }
      if (order.status === 'ready') {
        const moved = await this.transition.run({ libraryId, ref: order.ref, to: 'waiting_outside', actor: `patron:${patronId}`, patronId });
        if (!moved.allowed) continue;
      }
      arrived.push({ ref: order.ref, branches: [...new Set(order.items.map((i) => i.branchName))] });
    }
    if (arrived.length > 0) return { allowed: true, orders: arrived };
    return refusal ?? refuse('arrival.not_ready');
  }
}
