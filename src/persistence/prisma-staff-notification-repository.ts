import { Prisma } from '../generated/prisma/client';
import type { Db } from './prisma-client';
import type { NotificationOutcome } from '../domain/ports/sms-sender';

export interface NotificationTarget {
  orderId: number;
  ref: string;
  libraryId: string;
  libraryName: string;
  libraryPhone: string;
  language: string;
  conversationRef: string | null;
  patronName: string;
  patronPhone: string;
  pickupDeadline: Date | null;
  cancelNote: string | null;
  branches: string[];
  appointments: Array<{ branchName: string; startsAt: Date; icsToken: string }>;
}

export interface OutboxEntry { id: number; activity: unknown }

/** What notifications need to know about an order, the log of what was sent, and the web chat outbox. */
export class PrismaStaffNotificationRepository {
  constructor(private readonly db: Db) {}

  async target(orderId: number): Promise<NotificationTarget | undefined> {
    const o = await this.db.order.findUnique({
      where: { id: orderId },
      include: {
        library: { select: { name: true, phone: true } },
        patron: { select: { name: true, phone: true } },
        holds: { select: { branch: { select: { name: true } } } },
        appointments: { where: { status: 'booked' }, include: { branch: { select: { name: true } } }, orderBy: { startsAt: 'asc' } },
        events: { where: { toStatus: 'cancelled' }, orderBy: { id: 'desc' }, take: 1 },
      },
    });
    if (!o) return undefined;
    return {
      orderId: o.id, ref: o.ref, libraryId: o.libraryId, libraryName: o.library.name, libraryPhone: o.library.phone, language: o.language,
      conversationRef: o.conversationRef, patronName: o.patron.name, patronPhone: o.patron.phone, pickupDeadline: o.pickupDeadline,
      cancelNote: o.events[0]?.note ?? null, branches: [...new Set(o.holds.map((h) => h.branch.name))],
      appointments: o.appointments.map((a) => ({ branchName: a.branch.name, startsAt: a.startsAt, icsToken: a.icsToken })),
    };
  }

  /** Claims a once-only message; false when it was already claimed (another run sent it). */
  async claimOnce(orderId: number, kind: string, channel: string): Promise<boolean> {
    try {
      await this.db.notification.create({ data: { orderId, kind, channel, status: 'pending', onceKey: `${orderId}:${kind}:${channel}` } });
      return true;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false;
      throw error;
    }
  }

  async record(orderId: number, kind: string, channel: string, status: NotificationOutcome, detail: string | null, once: boolean): Promise<void> {
    if (once) {
      await this.db.notification.updateMany({ where: { onceKey: `${orderId}:${kind}:${channel}` }, data: { status, detail } });
      return;
    }
    await this.db.notification.create({ data: { orderId, kind, channel, status, detail } });
  }

  async list(orderId: number): Promise<Array<{ kind: string; channel: string; status: string; detail: string | null; createdAt: Date }>> {
    return this.db.notification.findMany({ where: { orderId }, orderBy: { id: 'asc' }, select: { kind: true, channel: true, status: true, detail: true, createdAt: true } });
  }

  async pushOutbox(conversationId: string, activity: unknown): Promise<number> {
    return (await this.db.webChatOutbox.create({ data: { conversationId, activity: JSON.stringify(activity) } })).id;
  }

  async readOutbox(conversationId: string, after: number): Promise<OutboxEntry[]> {
    const rows = await this.db.webChatOutbox.findMany({ where: { conversationId, id: { gt: after } }, orderBy: { id: 'asc' }, take: 50 });
    return rows.map((r) => ({ id: r.id, activity: JSON.parse(r.activity) as unknown }));
  }
}
