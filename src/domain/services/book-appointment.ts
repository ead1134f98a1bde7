import { refuse, type Refusal } from '../decision';
import { OPEN_STATUSES } from '../order-status';
import type { LibraryPolicy } from '../policy/library-policy';
import type { AppointmentRepository } from '../ports/appointment-repository';
import type { AppointmentView, OrderView, StaffOrderRepository } from '../ports/staff-order-repository';
import { addDays, instantAt, localDate, type LocalDate } from '../rules/local-time';
import { checkOnePerDay, checkSlot, freeSlots, freeSlotsOn, nearestFreeSlots, type BookedSlots, type OnePerDayRefusal, type SlotRefusal } from '../rules/pickup-slots';

export type BookingRefusal = SlotRefusal | OnePerDayRefusal | 'order.not_found' | 'pickup.not_pickup_branch' | 'pickup.order_closed';

export interface BookingRequest {
  libraryId: string;
  ref: string;
  branchId: string;
  startsAt: Date;
  actor: string;
  patronId?: number;
}

export type BookingResult =
  | { allowed: true; appointment: AppointmentView }
  /** `alternatives`: the free slots nearest to the one asked for, to propose instead. */
  | (Refusal<BookingRefusal> & { alternatives: Date[] });

/**
 * Pickup appointments at the entrance (seeds/000), for the bot and the staff page: which slots
 * are free, and booking one. The rule decides on the counts read here; the repository's unique
 * seat index decides the race for the last place.
 */
export class BookAppointment {
  constructor(
    private readonly orders: StaffOrderRepository,
    private readonly appointments: AppointmentRepository,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly now: () => Date,
  ) {}

  /** The next free slots at a branch, earliest first. */
  async nextFree(libraryId: string, branchId: string, limit: number, from?: Date): Promise<Date[]> {
    const policy = this.policyFor(libraryId);
    const now = this.now();
    return freeSlots(policy, branchId, now, await this.booked(policy, branchId, now), limit, from);
  }

  /** The free slots of one library-local day. */
  async freeOn(libraryId: string, branchId: string, date: LocalDate): Promise<Date[]> {
    const policy = this.policyFor(libraryId);
    const now = this.now();
    return freeSlotsOn(policy, branchId, date, now, await this.booked(policy, branchId, now));
  }

  async nearest(libraryId: string, branchId: string, wanted: Date, limit: number): Promise<Date[]> {
    const policy = this.policyFor(libraryId);
    const now = this.now();
    return nearestFreeSlots(policy, branchId, wanted, now, await this.booked(policy, branchId, now), limit);
  }

  async run(request: BookingRequest): Promise<BookingResult> {
    const order = await this.orders.find(request.libraryId, request.ref);
    const none = { alternatives: [] as Date[] };
    if (!order || (request.patronId !== undefined && order.patron.id !== request.patronId)) return { ...refuse('order.not_found'), ...none };
    if (!OPEN_STATUSES.includes(order.status)) return { ...refuse('pickup.order_closed'), ...none };
    if (!order.items.some((i) => i.branchId === request.branchId)) return { ...refuse('pickup.not_pickup_branch'), ...none };
    const policy = this.policyFor(order.libraryId);
    const now = this.now();
    const booked = await this.booked(policy, request.branchId, now);
    // The order's own seat in that slot does not count against it when it books the same time again.
    const own = order.appointments.find((a) => a.branchId === request.branchId && a.startsAt.getTime() === request.startsAt.getTime());
    if (own) return { allowed: true, appointment: own };
    const decision = checkSlot(policy, request.branchId, request.startsAt, booked.get(request.startsAt.getTime()) ?? 0, now);
    const alternatives = () => nearestFreeSlots(policy, request.branchId, request.startsAt, now, booked, 2);
    if (!decision.allowed) return { ...decision, alternatives: alternatives() };
    const onePerDay = await this.checkOnePerDay(policy, order, request.branchId, request.startsAt);
    if (!onePerDay.allowed) return onePerDay;
    const result = await this.appointments.book({
      orderId: order.id, libraryId: order.libraryId, branchId: request.branchId, startsAt: request.startsAt,
      endsAt: new Date(request.startsAt.getTime() + policy.pickup.slotMinutes * 60_000),
      capacity: policy.pickup.patronsPerSlot, actor: request.actor, at: now,
    });
    if (!result.ok) {
      // Lost the race: read the counts again so the proposal does not offer the slot just lost.
      const fresh = await this.booked(policy, request.branchId, now);
      return { ...refuse('pickup.slot_full'), alternatives: nearestFreeSlots(policy, request.branchId, request.startsAt, now, fresh, 2) };
    }
    await this.extendDeadline(order, policy, result.appointment);
    return { allowed: true, appointment: result.appointment };
  }

  /**
   * `pickup.onePerDay`: the patron's other appointments that day (the one of this order at this
   * branch is moved, not kept, so it does not count). Refused, the alternatives are the nearest
   * free slots on days the patron has none.
   */
  private async checkOnePerDay(policy: LibraryPolicy, order: OrderView, branchId: string, startsAt: Date): Promise<BookingResult | { allowed: true }> {
    if (!policy.pickup.onePerDay) return { allowed: true };
    const now = this.now();
    const today = localDate(now, policy.timezone);
    const from = instantAt(today, 0, policy.timezone);
    const to = instantAt(addDays(today, policy.pickup.horizonDays + 1), 0, policy.timezone);
    const others = (await this.appointments.patronAppointments(order.patron.id, from, to))
      .filter((a) => !(a.orderId === order.id && a.branchId === branchId))
      .map((a) => a.startsAt);
    const decision = checkOnePerDay(policy, startsAt, others);
    if (decision.allowed) return decision;
    const booked = await this.booked(policy, branchId, now);
    const distance = (slot: Date) => Math.abs(slot.getTime() - startsAt.getTime());
    const alternatives = nearestFreeSlots(policy, branchId, startsAt, now, booked, Number.MAX_SAFE_INTEGER)
      .filter((slot) => checkOnePerDay(policy, slot, others).allowed)
      .sort((a, b) => distance(a) - distance(b) || a.getTime() - b.getTime())
      .slice(0, 2)
      .sort((a, b) => a.getTime() - b.getTime());
    return { ...decision, alternatives };
  }

  /** A ready order booked for a day after its deadline waits until the end of that day. */
  private async extendDeadline(order: OrderView, policy: LibraryPolicy, booked: AppointmentView): Promise<void> {
    if (!order.pickupDeadline) return;
    const endOfDay = instantAt(addDays(localDate(booked.startsAt, policy.timezone), 1), 0, policy.timezone);
    if (endOfDay > order.pickupDeadline) await this.orders.setPickupDeadline(order.id, endOfDay);
  }

  private async booked(policy: LibraryPolicy, branchId: string, now: Date): Promise<BookedSlots> {
    const today = localDate(now, policy.timezone);
    return this.appointments.bookedCounts(branchId, instantAt(today, 0, policy.timezone),
      instantAt(addDays(today, policy.pickup.horizonDays + 1), 0, policy.timezone));
  }
}
