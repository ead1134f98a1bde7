import type { OrderStatus } from '../order-status';
import type { LibraryPolicy } from '../policy/library-policy';
import type { AppointmentRepository, ScheduleRow } from '../ports/appointment-repository';
import type { OrderView, QueueRow, StaffOrderRepository } from '../ports/staff-order-repository';
import { addDays, instantAt, localDate, type LocalDate } from '../rules/local-time';

export interface QueueQuery {
  libraryId: string;
  statuses?: readonly OrderStatus[];
  branchId?: string;
  pickupDay?: LocalDate;
}

/**
 * What staff of one library see: the queue (oldest first), one order, and a day's pickups per
 * branch. Every read is scoped to the staff member's library; another library's order is
 * simply not found.
 */
export class ListQueue {
  constructor(
    private readonly orders: StaffOrderRepository,
    private readonly appointments: AppointmentRepository,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly now: () => Date,
  ) {}

  async queue(query: QueueQuery): Promise<QueueRow[]> {
    const policy = this.policyFor(query.libraryId);
    return this.orders.queue({
      libraryId: query.libraryId,
      statuses: query.statuses,
      branchId: query.branchId,
      appointmentBetween: query.pickupDay ? dayRange(query.pickupDay, policy.timezone) : undefined,
    });
  }

  order(libraryId: string, ref: string): Promise<OrderView | undefined> {
    return this.orders.find(libraryId, ref);
  }

  /** Pickups of one local day (today by default), per branch, earliest first. */
  async schedule(libraryId: string, day?: LocalDate): Promise<{ day: LocalDate; rows: ScheduleRow[] }> {
    const policy = this.policyFor(libraryId);
    const date = day ?? localDate(this.now(), policy.timezone);
    const { from, to } = dayRange(date, policy.timezone);
    return { day: date, rows: await this.appointments.schedule(libraryId, from, to) };
  }

  today(libraryId: string): LocalDate {
    return localDate(this.now(), this.policyFor(libraryId).timezone);
  }
}

function dayRange(day: LocalDate, timeZone: string): { from: Date; to: Date } {
  return { from: instantAt(day, 0, timeZone), to: instantAt(addDays(day, 1), 0, timeZone) };
}
