import type { Decision, Refusal } from '../domain/decision';
import { OUTSTANDING_ILL_STATUSES } from '../domain/ill-status';
import { OPEN_STATUSES } from '../domain/order-status';
import type { ErasureSummary, PatronDataExport, PatronDataRepository, PatronDataSubject } from '../domain/ports/patron-data-repository';
import type { ErasureSnapshot } from '../domain/rules/erasure';
import { Prisma } from '../generated/prisma/client';
import type { Db } from './prisma-client';

type Tx = Prisma.TransactionClient | Db;

/** Thrown inside the erasure transaction to roll it back; turned into the refusal outside. */
class Rollback extends Error {
  constructor(readonly outcome: Refusal<string>) { super(outcome.reason); }
}

/** What stands in for an erased patron's name on the staff pages and in the accounts. */
export const ERASED_NAME = '—';
/** The note (a code the staff pages translate) of the event each kept order and request gets at erasure. */
export const ERASURE_NOTE = 'personal_data_erased';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export class PrismaPatronDataRepository implements PatronDataRepository {
  constructor(private readonly db: Db) {}

  async findByCard(libraryId: string, cardNumber: string): Promise<PatronDataSubject | undefined> {
    const row = await this.db.patron.findUnique({ where: { libraryId_cardNumber: { libraryId, cardNumber } }, select: { id: true, libraryId: true, name: true } });
    return row ? { patronId: row.id, libraryId: row.libraryId, name: row.name } : undefined;
  }

  async export(patronId: number, at: Date): Promise<PatronDataExport> {
    const p = await this.db.patron.findUniqueOrThrow({ where: { id: patronId }, include: { library: { select: { id: true, name: true } } } });
    const orders = await this.db.order.findMany({
      where: { patronId }, orderBy: { id: 'asc' },
      include: {
        holds: { include: { record: { select: { title: true, author: true, isbn: true } }, branch: { select: { name: true } } }, orderBy: { id: 'asc' } },
        events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
        appointments: { include: { branch: { select: { name: true } } }, orderBy: { id: 'asc' } },
        notifications: { orderBy: { id: 'asc' } },
      },
    });
    const ill = await this.db.illRequest.findMany({
      where: { patronId }, orderBy: { id: 'asc' },
      include: { events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] }, acceptances: { orderBy: { id: 'asc' } }, charges: { orderBy: { id: 'asc' } } },
    });
    const callbacks = p.phone ? await this.db.callbackRequest.findMany({ where: { libraryId: p.libraryId, phone: p.phone }, orderBy: { id: 'asc' } }) : [];
    const conversations = await this.db.botState.findMany({ where: { id: { in: await conversationKeys(this.db, patronId) } }, orderBy: { id: 'asc' } });
    const alerts = await this.db.copyAlert.findMany({ where: { patronId }, orderBy: { id: 'asc' } });
    return {
      format: 'library-booking-bot/patron-data/1',
      exportedAt: at.toISOString(),
      library: p.library,
      patron: {
        cardNumber: p.cardNumber, name: p.name, phone: p.phone, preferredLanguage: p.preferredLanguage, homeBranchId: p.homeBranchId,
        status: p.status, cardExpiresAt: iso(p.cardExpiresAt), loansCount: p.loansCount, failedPinCount: p.failedPinCount,
        pinLockedUntil: iso(p.pinLockedUntil), createdAt: iso(p.createdAt),
      },
      orders: orders.map((o) => ({
        ref: o.ref, status: o.status, channel: o.channel, language: o.language, createdAt: iso(o.createdAt), updatedAt: iso(o.updatedAt),
        pickupDeadline: iso(o.pickupDeadline), chatConversationKept: o.conversationRef !== null,
        items: o.holds.map((h) => ({ title: h.record.title, author: h.record.author, isbn: h.record.isbn, branch: h.branch.name, status: h.status })),
        events: o.events.map((e) => ({ at: iso(e.at), actor: e.actor, from: e.fromStatus, to: e.toStatus, note: e.note })),
        appointments: o.appointments.map((a) => ({ branch: a.branch.name, startsAt: iso(a.startsAt), endsAt: iso(a.endsAt), status: a.status, bookedBy: a.bookedBy })),
        notifications: o.notifications.map((n) => ({ kind: n.kind, channel: n.channel, status: n.status, detail: n.detail, at: iso(n.createdAt) })),
      })),
      illRequests: ill.map(({ id: _id, libraryId: _l, patronId: _p, conversationRef, version: _v, events, acceptances, charges, ...r }) => ({
        ...r, chatConversationKept: conversationRef !== null,
        events: events.map((e) => ({ at: iso(e.at), actor: e.actor, from: e.fromStatus, to: e.toStatus, note: e.note })),
        termsAccepted: acceptances.map((a) => ({ version: a.version, language: a.language, text: a.text, amount: a.amount, acceptedAt: iso(a.acceptedAt) })),
        charges: charges.map((c) => ({ kind: c.kind, amount: c.amount, currency: c.currency, createdAt: iso(c.createdAt), paidAt: iso(c.paidAt) })),
      })),
      callbackRequests: callbacks.map((c) => ({ phone: c.phone, language: c.language, createdAt: iso(c.createdAt), handledAt: iso(c.handledAt) })),
      copyAlerts: alerts.map((a) => ({
        title: a.title, language: a.language, channel: a.channel, chatConversationKept: a.conversationRef !== null, status: a.status,
        createdAt: iso(a.createdAt), sentAt: iso(a.sentAt),
      })),
      conversations: conversations.map((c) => ({ id: c.id, updatedAt: c.updatedAt.toISOString(), state: parseJson(c.data) })),
      notExported: [
        'the PIN: it is stored only as a one-way scrypt hash, which nobody can read back',
        'sign-in attempts: counted per phone number or client address, not per patron',
      ],
    };
  }

  async erase<R extends string>(patronId: number, actor: string, at: Date, check: (s: ErasureSnapshot) => Decision<R>): Promise<ErasureSummary | Refusal<R>> {
    try {
      return await this.db.$transaction(async (tx) => {
        // First statement writes the patron row: an order being placed for them (which takes
        // the same row first, see PrismaOrderRepository) either commits before or sees the lock.
        const patron = await tx.patron.update({ where: { id: patronId }, data: { version: { increment: 1 } } });
        const decision = check(await erasureSnapshot(tx, patronId));
        if (!decision.allowed) throw new Rollback(decision);
        const keys = await conversationKeys(tx, patronId);
        const conversationIds = keys.map(conversationIdOf).filter((id): id is string => !!id);

        await tx.patron.update({
          where: { id: patronId },
          data: {
            name: ERASED_NAME, phone: '', cardNumber: `erased-${patronId}`, pinHash: '', failedPinCount: 0, pinLockedUntil: null,
            // Locked and expired: a conversation still signed in as them can place nothing more.
            status: 'locked', cardExpiresAt: at,
          },
        });
        const orders = await tx.order.findMany({ where: { patronId }, select: { id: true, status: true } });
        const orderIds = orders.map((o) => o.id);
        await tx.order.updateMany({ where: { patronId }, data: { conversationRef: null } });
        // Staff notes are free text and may name the patron; status changes and times stay.
        await tx.orderEvent.updateMany({ where: { orderId: { in: orderIds }, actor: { startsWith: 'staff:' }, note: { not: null } }, data: { note: null } });
        await tx.notification.updateMany({ where: { orderId: { in: orderIds } }, data: { detail: null } });
        for (const o of orders) {
          await tx.orderEvent.create({ data: { orderId: o.id, at, actor, fromStatus: o.status, toStatus: o.status, note: ERASURE_NOTE } });
        }
        const requests = await tx.illRequest.findMany({ where: { patronId }, select: { id: true, status: true } });
        await tx.illRequest.updateMany({ where: { patronId }, data: { conversationRef: null } });
        await tx.illEvent.updateMany({ where: { requestId: { in: requests.map((r) => r.id) }, actor: { startsWith: 'staff:' }, note: { not: null } }, data: { note: null } });
        for (const r of requests) {
          await tx.illEvent.create({ data: { requestId: r.id, at, actor, fromStatus: r.status, toStatus: r.status, note: ERASURE_NOTE } });
        }
        const conversationsDeleted = (await tx.botState.deleteMany({ where: { id: { in: keys } } })).count;
        await tx.webChatOutbox.deleteMany({ where: { conversationId: { in: conversationIds } } });
        // A phone conversation's id is the CallSid: its answered webhooks hold what was said.
        await tx.voiceTurn.deleteMany({ where: { callSid: { in: conversationIds } } });
        // "Tell me when a copy is back" is a message to this patron, nothing the library accounts for.
        await tx.copyAlert.deleteMany({ where: { patronId } });
        const callbackRequestsDeleted = patron.phone
          ? (await tx.callbackRequest.deleteMany({ where: { libraryId: patron.libraryId, phone: patron.phone } })).count
          : 0;
        return { patronId, ordersAnonymized: orders.length, illRequestsAnonymized: requests.length, conversationsDeleted, callbackRequestsDeleted };
      });
    } catch (error) {
      if (error instanceof Rollback) return error.outcome as Refusal<R>;
      throw error;
    }
  }
}

async function erasureSnapshot(db: Tx, patronId: number): Promise<ErasureSnapshot> {
  const openOrders = await db.order.count({ where: { patronId, status: { in: [...OPEN_STATUSES] } } });
  const openIllRequests = await db.illRequest.count({ where: { patronId, status: { in: [...OUTSTANDING_ILL_STATUSES] } } });
  const owed = await db.illCharge.aggregate({ where: { patronId, paidAt: null }, _sum: { amount: true } });
  return { openOrders, openIllRequests, unpaid: owed._sum.amount ?? 0 };
}

/**
 * The conversation state rows (botbuilder keys `<channel>/conversations/<id>/<namespace>`) that
 * belong to the patron: those of the conversations their orders and requests came from, and
 * any in which they are signed in (the session holds `"patron":{"id":N,…}`).
 */
async function conversationKeys(db: Tx, patronId: number): Promise<string[]> {
  const refs = [
    ...(await db.order.findMany({ where: { patronId, conversationRef: { not: null } }, select: { conversationRef: true } })),
    ...(await db.illRequest.findMany({ where: { patronId, conversationRef: { not: null } }, select: { conversationRef: true } })),
  ];
  const prefixes = new Set<string>();
  for (const { conversationRef } of refs) {
    const ref = parseJson(conversationRef ?? '') as { channelId?: unknown; conversation?: { id?: unknown } } | undefined;
    if (typeof ref?.channelId === 'string' && typeof ref.conversation?.id === 'string') prefixes.add(`${ref.channelId}/conversations/${ref.conversation.id}/`);
  }
  const rows = await db.botState.findMany({
    where: { OR: [{ data: { contains: `"patron":{"id":${patronId},` } }, ...[...prefixes].map((p) => ({ id: { startsWith: p } }))] },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The conversation id inside a botbuilder conversation state key. */
const conversationIdOf = (key: string) => /^[^/]+\/conversations\/(.+)\/[^/]*$/.exec(key)?.[1];

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
