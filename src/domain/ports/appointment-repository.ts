import type { AppointmentView } from './staff-order-repository';

export interface BookingRequest {
  orderId: number;
  libraryId: string;
  branchId: string;
  startsAt: Date;
  endsAt: Date;
  /** Patrons per slot: the seats 1..capacity are what the unique index hands out. */
  capacity: number;
  actor: string;
  at: Date;
}

export interface ScheduleRow {
  appointmentId: number;
  branchId: string;
  branchName: string;
  startsAt: Date;
  orderRef: string;
  orderStatus: string;
  patronName: string;
  itemCount: number;
}

export interface IcsAppointment {
  appointment: AppointmentView;
  orderRef: string;
  libraryId: string;
  libraryName: string;
  branchAddress: string;
  language: string;
}

export interface AppointmentRepository {
  /** A patron's booked appointments starting in [from, to), any order and branch (pickup.onePerDay). */
  patronAppointments(patronId: number, from: Date, to: Date): Promise<Array<{ orderId: number; branchId: string; startsAt: Date }>>;
  /** Booked appointments per slot start (epoch ms) at a branch in [from, to). */
  bookedCounts(branchId: string, from: Date, to: Date): Promise<Map<number, number>>;
  /**
   * Books a seat in the slot and cancels the order's earlier appointment at that branch, in one
   * transaction. 'full' when every seat is taken, also when another booking won the race.
   */
  book(request: BookingRequest): Promise<{ ok: true; appointment: AppointmentView } | { ok: false; reason: 'full' }>;
  schedule(libraryId: string, from: Date, to: Date): Promise<ScheduleRow[]>;
  byIcsToken(token: string): Promise<IcsAppointment | undefined>;
}
