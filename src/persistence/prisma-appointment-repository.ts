import { randomBytes } from 'node:crypto';
import type { AppointmentRepository, BookingRequest, IcsAppointment, ScheduleRow } from '../domain/ports/appointment-repository';
import type { AppointmentView } from '../domain/ports/staff-order-repository';
import { Prisma } from '../generated/prisma/client';
import type { Db } from './prisma-client';
import { toAppointmentView } from './prisma-staff-order-repository';

export class PrismaAppointmentRepository implements AppointmentRepository {
  constructor(private readonly db: Db) {}

  async bookedCounts(branchId: string, from: Date, to: Date): Promise<Map<number, number>> {
    const rows = await this.db.appointment.groupBy({
      by: ['startsAt'], where: { branchId, status: 'booked', startsAt: { gte: from, lt: to } }, _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.startsAt.getTime(), r._count._all]));
  }

  /**
   * The capacity lives in the unique index (branchId, startsAt, seat): a booking takes the
   * lowest free seat number, and of two transactions inserting the same seat one fails with
   * P2002 — then the whole attempt is rolled back (PostgreSQL aborts the transaction on any
   * error) and repeated with a fresh read. No in-process lock is involved.
   */
  async book(request: BookingRequest): Promise<{ ok: true; appointment: AppointmentView } | { ok: false; reason: 'full' }> {
    for (let attempt = 0; attempt <= request.capacity + 2; attempt++) {
      try {
        const appointment = await this.db.$transaction(async (tx) => {
          const taken = await tx.appointment.findMany({
            where: { branchId: request.branchId, startsAt: request.startsAt, status: 'booked' }, select: { seat: true },
          });
          const used = new Set(taken.map((t) => t.seat));
          const seat = Array.from({ length: request.capacity }, (_, i) => i + 1).find((s) => !used.has(s));
          if (seat === undefined) return undefined;
          const previous = await tx.appointment.findMany({ where: { orderId: request.orderId, branchId: request.branchId, status: 'booked' } });
          if (previous.length > 0) {
            await tx.appointment.updateMany({ where: { id: { in: previous.map((p) => p.id) } }, data: { status: 'cancelled', seat: null } });
          }
          const created = await tx.appointment.create({
            data: {
              orderId: request.orderId, libraryId: request.libraryId, branchId: request.branchId, startsAt: request.startsAt,
              endsAt: request.endsAt, seat, status: 'booked', icsToken: randomBytes(18).toString('base64url'), bookedBy: request.actor,
            },
            include: { branch: { select: { name: true } } },
          });
          const order = await tx.order.update({ where: { id: request.orderId }, data: { version: { increment: 1 } }, select: { status: true } });
          await tx.orderEvent.create({
            data: {
              orderId: request.orderId, at: request.at, actor: request.actor, fromStatus: order.status, toStatus: order.status,
              note: `appointment ${request.branchId} ${request.startsAt.toISOString()}${previous.length > 0 ? ` (moved from ${previous[0]!.startsAt.toISOString()})` : ''}`,
            },
          });
          return created;
        });
        return appointment ? { ok: true, appointment: toAppointmentView(appointment) } : { ok: false, reason: 'full' };
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue;
        throw error;
      }
    }
    return { ok: false, reason: 'full' };
  }

  async schedule(libraryId: string, from: Date, to: Date): Promise<ScheduleRow[]> {
    const rows = await this.db.appointment.findMany({
      where: { libraryId, status: 'booked', startsAt: { gte: from, lt: to } },
      include: {
        branch: { select: { name: true, sortOrder: true } },
        order: { select: { ref: true, status: true, patron: { select: { name: true } }, holds: { select: { branchId: true } } } },
      },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
    return rows
      .sort((a, b) => a.branch.sortOrder - b.branch.sortOrder || a.startsAt.getTime() - b.startsAt.getTime())
      .map((a) => ({
        appointmentId: a.id, branchId: a.branchId, branchName: a.branch.name, startsAt: a.startsAt, orderRef: a.order.ref,
        orderStatus: a.order.status, patronName: a.order.patron.name, itemCount: a.order.holds.filter((h) => h.branchId === a.branchId).length,
      }));
  }

  async byIcsToken(token: string): Promise<IcsAppointment | undefined> {
    const row = await this.db.appointment.findUnique({
      where: { icsToken: token },
      include: { branch: { select: { name: true, address: true } }, order: { select: { ref: true, language: true, library: { select: { id: true, name: true } } } } },
    });
    if (!row) return undefined;
    return {
      appointment: toAppointmentView(row), orderRef: row.order.ref, libraryId: row.order.library.id, libraryName: row.order.library.name,
      branchAddress: row.branch.address, language: row.order.language,
    };
  }
}
