import type { OrderStatus } from '../domain/order-status';
import type {
  AppointmentView, OrderView, QueueFilter, QueueRow, StaffOrderRepository, TransitionWrite,
} from '../domain/ports/staff-order-repository';
import type { PatronStatus } from '../domain/types';
import type { Prisma } from '../generated/prisma/client';
import { ACTIVE_HOLD } from './active-hold';
import type { Db } from './prisma-client';

const ORDER_INCLUDE = {
  patron: true,
  holds: { include: { record: { select: { title: true, author: true } }, branch: { select: { name: true, sortOrder: true } }, copy: { select: { shelfMark: true, status: true } } }, orderBy: { id: 'asc' } },
  appointments: { where: { status: 'booked' }, include: { branch: { select: { name: true } } }, orderBy: { startsAt: 'asc' } },
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.OrderInclude;

type OrderRow = Prisma.OrderGetPayload<{ include: typeof ORDER_INCLUDE }>;
type AppointmentRow = Prisma.AppointmentGetPayload<{ include: { branch: { select: { name: true } } } }>;

export class PrismaStaffOrderRepository implements StaffOrderRepository {
  constructor(private readonly db: Db) {}

  async queue(filter: QueueFilter): Promise<QueueRow[]> {
    const where: Prisma.OrderWhereInput = { libraryId: filter.libraryId };
    if (filter.statuses && filter.statuses.length > 0) where.status = { in: [...filter.statuses] };
    if (filter.branchId) where.holds = { some: { branchId: filter.branchId } };
    if (filter.appointmentBetween) {
      where.appointments = { some: { status: 'booked', startsAt: { gte: filter.appointmentBetween.from, lt: filter.appointmentBetween.to }, ...(filter.branchId ? { branchId: filter.branchId } : {}) } };
    }
    const rows = await this.db.order.findMany({
      where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500,
      include: {
        patron: { select: { name: true } },
        holds: {
          select: { branchId: true, status: true, ilsHoldId: true, branch: { select: { name: true } }, copy: { select: { shelfMark: true, barcode: true } }, record: { select: { title: true, author: true } } },
          orderBy: { id: 'asc' },
        },
        appointments: { where: { status: 'booked' }, select: { startsAt: true }, orderBy: { startsAt: 'asc' }, take: 1 },
      },
    });
    return rows.map((o) => ({
      id: o.id, ref: o.ref, status: o.status as OrderStatus, version: o.version, createdAt: o.createdAt, patronName: o.patron.name,
      branches: [...new Map(o.holds.map((h) => [h.branchId, { id: h.branchId, name: h.branch.name }])).values()],
      itemCount: o.holds.length,
      items: o.holds.map((h) => ({
        title: h.record.title, author: h.record.author, branchId: h.branchId, branchName: h.branch.name, shelfMark: h.copy.shelfMark, barcode: h.copy.barcode, holdStatus: h.status, ilsHoldId: h.ilsHoldId,
      })),
      nextAppointment: o.appointments[0]?.startsAt ?? null,
    }));
  }

  async find(libraryId: string, ref: string): Promise<OrderView | undefined> {
    const row = await this.db.order.findFirst({ where: { libraryId, ref }, include: ORDER_INCLUDE });
    return row ? this.toView(row) : undefined;
  }

  async findById(orderId: number): Promise<OrderView | undefined> {
    const row = await this.db.order.findUnique({ where: { id: orderId }, include: ORDER_INCLUDE });
    return row ? this.toView(row) : undefined;
  }

  async forPatron(patronId: number, limit: number): Promise<OrderView[]> {
    const rows = await this.db.order.findMany({ where: { patronId }, include: ORDER_INCLUDE, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
    return Promise.all(rows.map((r) => this.toView(r)));
  }

  async transition(write: TransitionWrite): Promise<'ok' | 'changed'> {
    return this.db.$transaction(async (tx) => {
      // The conditional update is the lock: of two staff acting on one version, one matches.
      const { count } = await tx.order.updateMany({
        where: { id: write.orderId, version: write.expectedVersion, status: write.from },
        data: {
          status: write.to, version: { increment: 1 },
          ...(write.pickupDeadline !== undefined ? { pickupDeadline: write.pickupDeadline } : {}),
        },
      });
      if (count !== 1) return 'changed' as const;
      await tx.orderEvent.create({ data: { orderId: write.orderId, at: write.at, actor: write.actor, fromStatus: write.from, toStatus: write.to, note: write.note } });
      if (write.holds) await applyHoldEffect(tx, write.orderId, write.holds, write.to);
      if (write.to === 'cancelled' || write.to === 'expired' || write.to === 'collected') {
        await tx.appointment.updateMany({ where: { orderId: write.orderId, status: 'booked' }, data: write.to === 'collected' ? {} : { status: 'cancelled', seat: null } });
      }
      return 'ok' as const;
    });
  }

  async addNote(orderId: number, expectedVersion: number, actor: string, note: string, at: Date): Promise<'ok' | 'changed'> {
    return this.db.$transaction(async (tx) => {
      // Write first, read after: on SQLite a transaction that reads before its first write fails
      // (SQLITE_BUSY_SNAPSHOT) when another process commits in between.
      const { count } = await tx.order.updateMany({ where: { id: orderId, version: expectedVersion }, data: { version: { increment: 1 } } });
      if (count !== 1) return 'changed' as const;
      const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
      await tx.orderEvent.create({ data: { orderId, at, actor, fromStatus: order.status, toStatus: order.status, note } });
      return 'ok' as const;
    });
  }

  async setPickupDeadline(orderId: number, deadline: Date): Promise<void> {
    await this.db.order.update({ where: { id: orderId }, data: { pickupDeadline: deadline } });
  }

  async readyWithDeadlineBefore(instant: Date) {
    const rows = await this.db.order.findMany({
      where: { status: 'ready', pickupDeadline: { not: null, lt: instant } },
      select: { id: true, ref: true, libraryId: true, version: true, pickupDeadline: true }, orderBy: { pickupDeadline: 'asc' },
    });
    return rows.map((r) => ({ ...r, pickupDeadline: r.pickupDeadline! }));
  }

  private async toView(o: OrderRow): Promise<OrderView> {
    const activeHolds = await this.db.hold.count({ where: { ...ACTIVE_HOLD, order: { ...ACTIVE_HOLD.order, patronId: o.patronId } } });
    return {
      id: o.id, ref: o.ref, libraryId: o.libraryId, status: o.status as OrderStatus, channel: o.channel, language: o.language,
      version: o.version, createdAt: o.createdAt, updatedAt: o.updatedAt, pickupDeadline: o.pickupDeadline, hasConversation: !!o.conversationRef,
      patron: {
        id: o.patron.id, name: o.patron.name, cardNumber: o.patron.cardNumber, phone: o.patron.phone, status: o.patron.status as PatronStatus,
        cardExpiresAt: o.patron.cardExpiresAt, loansCount: o.patron.loansCount, activeHolds, preferredLanguage: o.patron.preferredLanguage,
      },
      items: o.holds.map((h) => ({
        holdId: h.id, recordId: h.recordId, title: h.record.title, author: h.record.author, branchId: h.branchId, branchName: h.branch.name,
        shelfMark: h.copy.shelfMark, copyStatus: h.copy.status, holdStatus: h.status, ilsHoldId: h.ilsHoldId,
      })),
      appointments: o.appointments.map(toAppointmentView),
      events: o.events.map((e) => ({ at: e.at, actor: e.actor, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note })),
    };
  }
}

export function toAppointmentView(a: AppointmentRow): AppointmentView {
  return {
    id: a.id, orderId: a.orderId, branchId: a.branchId, branchName: a.branch.name, startsAt: a.startsAt, endsAt: a.endsAt,
    status: a.status as AppointmentView['status'], icsToken: a.icsToken,
  };
}

/**
 * Released copies go back to 'available' (they never left the building, so no quarantine);
 * collected ones are lent, and count as the patron's loans from now on.
 */
async function applyHoldEffect(tx: Prisma.TransactionClient, orderId: number, effect: 'release' | 'collect', to: string): Promise<void> {
  const holds = await tx.hold.findMany({ where: { orderId, status: 'active' }, select: { id: true, copyId: true } });
  if (holds.length === 0) return;
  const copyIds = holds.map((h) => h.copyId);
  await tx.hold.updateMany({ where: { id: { in: holds.map((h) => h.id) } }, data: { status: effect === 'collect' ? 'collected' : to } });
  await tx.copy.updateMany({ where: { id: { in: copyIds }, status: 'held' }, data: { status: effect === 'collect' ? 'on_loan' : 'available' } });
  if (effect === 'collect') {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { patronId: true } });
    await tx.patron.update({ where: { id: order.patronId }, data: { loansCount: { increment: holds.length } } });
  }
}
