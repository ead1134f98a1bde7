import type { OrderStatus } from '../order-status';
import type { PatronStatus } from '../types';

export interface OrderItemView {
  holdId: number;
  recordId: number;
  title: string;
  author: string;
  branchId: string;
  branchName: string;
  shelfMark: string;
  copyStatus: string;
  holdStatus: string;
  /** The hold's id in the library's own system; null for the embedded store or while the ILS has not taken it. */
  ilsHoldId: string | null;
}

export interface AppointmentView {
  id: number;
  orderId: number;
  branchId: string;
  branchName: string;
  startsAt: Date;
  endsAt: Date;
  status: 'booked' | 'cancelled';
  icsToken: string;
}

export interface OrderEventView {
  at: Date;
  actor: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
}

/** Everything staff see of one order, and what the use cases decide on. */
export interface OrderView {
  id: number;
  ref: string;
  libraryId: string;
  status: OrderStatus;
  channel: string;
  language: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  pickupDeadline: Date | null;
  hasConversation: boolean;
  patron: {
    id: number; name: string; cardNumber: string; phone: string; status: PatronStatus; cardExpiresAt: Date;
    loansCount: number; activeHolds: number; preferredLanguage: string;
  };
  items: OrderItemView[];
  /** Booked appointments only, earliest first. */
  appointments: AppointmentView[];
  events: OrderEventView[];
}

export interface QueueFilter {
  libraryId: string;
  statuses?: readonly OrderStatus[];
  branchId?: string;
  /** Orders with a booked appointment in [from, to): one library-local pickup day. */
  appointmentBetween?: { from: Date; to: Date };
}

export interface QueueRow {
  id: number;
  ref: string;
  status: OrderStatus;
  version: number;
  createdAt: Date;
  patronName: string;
  branches: Array<{ id: string; name: string }>;
  itemCount: number;
  /** The books themselves, shelf by shelf: what staff fetch without opening the order. */
  items: QueueItem[];
  nextAppointment: Date | null;
}

export interface QueueItem {
  title: string;
  author: string;
  branchId: string;
  branchName: string;
  shelfMark: string;
  /** The copy's barcode (MARC 952$p); null for a copy imported without one. */
  barcode: string | null;
  holdStatus: string;
  /** The hold's id in the library's own system; null for the embedded store or while the ILS has not taken it. */
  ilsHoldId: string | null;
}

/** How the holds of an order change with its status. */
export type HoldEffect = 'release' | 'collect';

export interface TransitionWrite {
  orderId: number;
  from: OrderStatus;
  to: OrderStatus;
  /** The version the decision was taken on: the write happens only if nobody changed the order since. */
  expectedVersion: number;
  actor: string;
  note: string | null;
  at: Date;
  holds?: HoldEffect;
  /** Set (or cleared with null) with the transition; undefined leaves it. */
  pickupDeadline?: Date | null;
}

export interface StaffOrderRepository {
  queue(filter: QueueFilter): Promise<QueueRow[]>;
  find(libraryId: string, ref: string): Promise<OrderView | undefined>;
  findById(orderId: number): Promise<OrderView | undefined>;
  /** Open and recent orders of one patron, newest first. */
  forPatron(patronId: number, limit: number): Promise<OrderView[]>;
  /**
   * Writes the status change, its OrderEvent and the hold effects in one transaction, on the
   * condition that the order still has `expectedVersion` and `from`; 'changed' otherwise.
   */
  transition(write: TransitionWrite): Promise<'ok' | 'changed'>;
  /** A note in the order's history; bumps the version like any change. */
  addNote(orderId: number, expectedVersion: number, actor: string, note: string, at: Date): Promise<'ok' | 'changed'>;
  setPickupDeadline(orderId: number, deadline: Date): Promise<void>;
  /** Ready orders whose hold-shelf deadline is before `instant`. */
  readyWithDeadlineBefore(instant: Date): Promise<Array<{ id: number; ref: string; libraryId: string; version: number; pickupDeadline: Date }>>;
}
