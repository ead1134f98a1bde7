import type { LibraryPolicy } from '../policy/library-policy';
import type { PatronNotifier } from '../ports/patron-notifier';
import type { StaffOrderRepository } from '../ports/staff-order-repository';
import { isExpiryReminderDue } from '../rules/hold-shelf';
import type { TransitionOrder } from './transition-order';

export interface ExpiryRun {
  /** Orders moved to expired, their copies released. */
  expired: string[];
  /** Orders whose patron was reminded that the deadline is near. */
  reminded: string[];
}

/**
 * One pass of the hold-shelf job: ready orders past their deadline expire (copies back on the
 * shelf, patron told); those within the reminder window get one reminder. Safe to run as often
 * as wanted and from several instances: the transition is conditional on the order's version
 * and the reminder is recorded with a unique key. Issue 7 schedules it.
 */
export class ExpireOrders {
  constructor(
    private readonly orders: StaffOrderRepository,
    private readonly transition: TransitionOrder,
    private readonly notifier: PatronNotifier,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly now: () => Date,
    /** Longest reminder window of any library, so one query finds every order to remind. */
    private readonly reminderHorizonHours = 72,
  ) {}

  async run(): Promise<ExpiryRun> {
    const now = this.now();
    const result: ExpiryRun = { expired: [], reminded: [] };
    const candidates = await this.orders.readyWithDeadlineBefore(new Date(now.getTime() + this.reminderHorizonHours * 3_600_000));
    for (const order of candidates) {
      if (order.pickupDeadline.getTime() <= now.getTime()) {
        const outcome = await this.transition.run({
          libraryId: order.libraryId, ref: order.ref, to: 'expired', actor: 'system', note: 'pickup_deadline_passed',
          expectedVersion: order.version,
        });
        if (outcome.allowed) result.expired.push(order.ref);
      } else if (isExpiryReminderDue(order.pickupDeadline, now, this.policyFor(order.libraryId))) {
        await this.notifier.notify({ kind: 'expiring', orderId: order.id, once: true });
        result.reminded.push(order.ref);
      }
    }
    return result;
  }
}
