import { randomBytes } from 'node:crypto';
import type { AppointmentRepository, BookingRequest, IcsAppointment, ScheduleRow } from '../domain/ports/appointment-repository';
import type { AppointmentView } from '../domain/ports/staff-order-repository';
import { Prisma } from '../generated/prisma/client';
import { sqlDate, sqlInt, type DirectSql } from './direct-sql';
import { directSqlOf, type Db } from './prisma-client';
import { toAppointmentView } from './prisma-staff-order-repository';

/** Thrown inside the booking transaction to roll back the order's version bump. */
class SlotFull extends Error {}

export class PrismaAppointmentRepository implements AppointmentRepository {
  // The slot offer after every confirmed order reads the counts: one statement past Prisma's
  // query compiler (direct-sql.ts).
  private readonly sql: DirectSql;

  constructor(private readonly db: Db) {
    this.sql = directSqlOf(db);
  }

  async patronAppointments(patronId: number, from: Date, to: Date): Promise<Array<{ orderId: number; branchId: string; startsAt: Date }>> {
    return this.db.appointment.findMany({
      where: { order: { patronId }, status: 'booked', startsAt: { gte: from, lt: to } },
      select: { orderId: true, branchId: true, startsAt: true },
    });
  }

  async bookedCounts(branchId: string, from: Date, to: Date): Promise<Map<number, number>> {
    const rows = await this.sql.query(`SELECT "startsAt", COUNT(*) AS n FROM "Appointment"
      WHERE "branchId" = ? AND "status" = 'booked' AND "startsAt" >= ? AND "startsAt" < ? GROUP BY "startsAt"`, [branchId, from, to]);
    return new Map(rows.map((r) => [sqlDate(r.startsAt).getTime(), sqlInt(r.n)]));
  }

  /**
   * The capacity lives in the unique index (branchId, startsAt, seat): a booking takes the
   * lowest free seat number, and of two transactions inserting the same seat one fails with
   * P2002 — then the whole attempt is rolled back (PostgreSQL aborts the transaction on any
   * error) and repeated with a fresh read. No in-process lock is involved.
   *
   * The first statement writes the order row. On PostgreSQL that row lock puts two bookings of
   * one order (a double click on two slots) one after the other, so the second sees and cancels
   * the first. On SQLite it takes the write lock before anything is read: a transaction that
   * read first and wrote after another process's commit would fail with SQLITE_BUSY_SNAPSHOT.
   */
  async book(request: BookingRequest): Promise<{ ok: true; appointment: AppointmentView } | { ok: false; reason: 'full' }> {
    for (let attempt = 0; attempt <= request.capacity + 2; attempt++) {
      try {
        const appointment = await this.db.$transaction(async (tx) => {
          const order = await tx.order.update({ where: { id: request.orderId }, data: { version: { increment: 1 } }, select: { status: true } });
          const taken = await tx.appointment.findMany({
            where: { branchId: request.branchId, startsAt: request.startsAt, status: 'booked' }, select: { seat: true },
          });
          const used = new Set(taken.map((t) => t.seat));
          const seat = Array.from({ length: request.capacity }, (_, i) => i + 1).find((s) => !used.has(s));
          if (seat === undefined) throw new SlotFull();
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
          await tx.orderEvent.create({
            data: {
              orderId: request.orderId, at: request.at, actor: request.actor, fromStatus: order.status, toStatus: order.status,
              note: `appointment ${request.branchId} ${request.startsAt.toISOString()}${previous.length > 0 ? ` (moved from ${previous[0]!.startsAt.toISOString()})` : ''}`,
            },
          });
          return created;
        });
        return { ok: true, appointment: toAppointmentView(appointment) };
      } catch (error) {
        if (error instanceof SlotFull) return { ok: false, reason: 'full' };
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
