import { allow, refuse, type Refusal } from '../decision';
import { checkTransition, type OrderStatus, type TransitionRefusal } from '../order-status';
import type { LibraryPolicy } from '../policy/library-policy';
import type { NotificationKind, PatronNotifier } from '../ports/patron-notifier';
import type { HoldEffect, OrderView, StaffOrderRepository } from '../ports/staff-order-repository';
import { checkArrival, type ArrivalRefusal } from '../rules/arrival';
import { pickupDeadline } from '../rules/hold-shelf';

export type TransitionOrderRefusal = TransitionRefusal | ArrivalRefusal | 'order.not_found' | 'order.changed';

export interface TransitionRequest {
  libraryId: string;
  ref: string;
  to: OrderStatus;
  /** 'staff:<id>', 'patron:<id>' or 'system'. */
  actor: string;
  note?: string;
  /** The version the actor saw; omitted, the current one (the patron's own actions). */
  expectedVersion?: number;
  /** When a patron acts: the order must be theirs. */
  patronId?: number;
}

export type TransitionResult = { allowed: true; order: OrderView } | Refusal<TransitionOrderRefusal>;

/** Holds follow the order: released (copies back on the shelf) when it ends unfulfilled, lent when collected. */
const HOLD_EFFECT: Partial<Record<OrderStatus, HoldEffect>> = { cancelled: 'release', expired: 'release', collected: 'collect' };

/**
 * Moves an order through its life cycle (order-status.ts) for staff, patrons and the expiry
 * job alike: checks the state machine, writes the change with its history row on the version
 * the actor saw (two staff acting at once: one wins, the other is told the order changed),
 * and then tells the patron when the library made the change.
 */
export class TransitionOrder {
  constructor(
    private readonly orders: StaffOrderRepository,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly notifier: PatronNotifier,
    private readonly now: () => Date,
    /** Copies of these records went back on the shelf (copy alerts, issue 21); never throws into the transition. */
    private readonly copiesBack: (recordIds: number[]) => Promise<unknown> = async () => undefined,
    /** The order's holds in the library's own system are cancelled (issue 20); never throws into the transition. */
    private readonly releaseIls: (orderId: number) => Promise<unknown> = async () => undefined,
  ) {}

  async run(request: TransitionRequest): Promise<TransitionResult> {
    const order = await this.orders.find(request.libraryId, request.ref);
    if (!order || (request.patronId !== undefined && order.patron.id !== request.patronId)) return refuse('order.not_found');
    if (request.expectedVersion !== undefined && request.expectedVersion !== order.version) return refuse('order.changed');
    const note = request.note?.trim() || null;
    const decision = checkTransition(order.status, request.to, note ?? undefined);
    if (!decision.allowed) return decision;
    const now = this.now();
    const policy = this.policyFor(order.libraryId);
    if (request.to === 'waiting_outside' && request.actor.startsWith('patron:')) {
      const arrival = checkArrival({ status: order.status, appointments: order.appointments.map((a) => a.startsAt) }, now, policy.timezone);
      if (!arrival.allowed) return arrival;
    }
    const written = await this.orders.transition({
      orderId: order.id, from: order.status, to: request.to, expectedVersion: order.version, actor: request.actor, note, at: now,
      holds: HOLD_EFFECT[request.to],
      pickupDeadline: request.to === 'ready' && order.status !== 'waiting_outside'
        ? pickupDeadline(now, policy, order.appointments.map((a) => a.startsAt)) : undefined,
    });
    if (written === 'changed') return refuse('order.changed');
    const kind = notificationFor(order.status, request.to, request.actor);
    if (kind) await this.notifier.notify({ kind, orderId: order.id });
    if (HOLD_EFFECT[request.to] === 'release') {
      // The ILS first: a copy is not announced as back while the library's system still holds it.
      await this.releaseIls(order.id).catch(() => undefined);
      await this.copiesBack(order.items.filter((i) => i.holdStatus === 'active').map((i) => i.recordId)).catch(() => undefined);
    }
    const updated = await this.orders.findById(order.id);
    return updated ? { allowed: true, order: updated } : refuse('order.not_found');
  }

  /** A note in the order's history, on the version the staff member saw. */
  async addNote(libraryId: string, ref: string, expectedVersion: number, actor: string, note: string) {
    const order = await this.orders.find(libraryId, ref);
    if (!order) return refuse('order.not_found');
    if (!note.trim()) return refuse('order.note_required');
    const written = await this.orders.addNote(order.id, expectedVersion, actor, note.trim(), this.now());
    return written === 'ok' ? allow() : refuse('order.changed');
  }
}

/** What the patron is told: not about their own actions, and not when an arrival is undone. */
function notificationFor(from: OrderStatus, to: OrderStatus, actor: string): NotificationKind | undefined {
  if (actor.startsWith('patron:')) return undefined;
  if (to === 'ready' && from === 'preparing') return 'ready';
  if (to === 'cancelled') return 'cancelled';
  if (to === 'expired') return 'expired';
  return undefined;
}
