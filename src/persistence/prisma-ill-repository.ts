import { createHash } from 'node:crypto';
import type { Decision, Refusal } from '../domain/decision';
import { OUTSTANDING_ILL_STATUSES, type IllForm, type IllKind, type IllStatus, type IllUse } from '../domain/ill-status';
import type {
  IllCharge, IllDraft, IllRepository, IllRequestView, IllStale, IllTermsAcceptance, IllUpdate, PlacedIll,
} from '../domain/ports/ill-repository';
import type { IllPatronSnapshot } from '../domain/rules/ill-eligibility';
import type { PatronStatus } from '../domain/types';
import { Prisma } from '../generated/prisma/client';
import type { Db } from './prisma-client';

type Tx = Prisma.TransactionClient | Db;

/** Thrown inside the transaction to roll it back; turned into a refusal outside. */
class Rollback extends Error {
  constructor(readonly outcome: Refusal<string>) { super(outcome.reason); }
}

const INCLUDE = {
  patron: { select: { id: true, name: true, cardNumber: true, phone: true, preferredLanguage: true } },
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  acceptances: { orderBy: { id: 'asc' } },
  charges: { orderBy: { id: 'asc' } },
} as const satisfies Prisma.IllRequestInclude;

type Row = Prisma.IllRequestGetPayload<{ include: typeof INCLUDE }>;

export class PrismaIllRepository implements IllRepository {
  constructor(private readonly db: Db) {}

  async snapshot(patronId: number): Promise<IllPatronSnapshot | undefined> {
    return illSnapshot(this.db, patronId);
  }

  async submit<R extends string>(draft: IllDraft, check: (p: IllPatronSnapshot) => Decision<R>, makeRef: () => string): Promise<PlacedIll | Refusal<R>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.$transaction(async (tx) => {
          // First statement is a write: it takes the patron row's lock before the limit is read,
          // so a second request for the same reader waits and then sees this one.
          await tx.patron.update({ where: { id: draft.patronId }, data: { version: { increment: 1 } } });
          // Before the limit check: the request this same yes wrote earlier is the answer, not a refusal.
          if (draft.requestKey) {
            const placed = await tx.illRequest.findUnique({ where: { requestKey: draft.requestKey }, select: { id: true, ref: true, patronId: true } });
            if (placed && placed.patronId === draft.patronId) return { allowed: true as const, ref: placed.ref, id: placed.id, replayed: true as const };
          }
          const snapshot = await illSnapshot(tx, draft.patronId);
          if (!snapshot) throw new Error(`patron ${draft.patronId} not found`);
          const decision = check(snapshot);
          if (!decision.allowed) throw new Rollback(decision);
          const ref = makeRef();
          const actor = `patron:${draft.patronId}`;
          const created = await tx.illRequest.create({
            data: {
              ref, libraryId: draft.libraryId, patronId: draft.patronId, status: 'submitted', kind: draft.kind, form: draft.form,
              title: draft.title.trim(), author: draft.author ?? null, year: draft.year ?? null, isbn: draft.isbn ?? null,
              journal: draft.journal ?? null, volumeIssue: draft.volumeIssue ?? null, pages: draft.pages ?? null,
              notNeededAfter: draft.notNeededAfter ?? null, currency: draft.currency, maxCost: draft.maxCost,
              channel: draft.channel, language: draft.language, conversationRef: draft.conversationRef ?? null,
              requestKey: draft.requestKey ?? null,
              events: { create: { actor, fromStatus: null, toStatus: 'submitted', note: draft.channel } },
              acceptances: { create: acceptanceRow(draft.terms) },
            },
          });
          return { allowed: true as const, ref, id: created.id };
        });
      } catch (error) {
        if (error instanceof Rollback) return error.outcome as Refusal<R>;
        // A random reference may collide with an existing one: draw again.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002' && attempt < 5) continue;
        throw error;
      }
    }
  }

  async find(libraryId: string, ref: string): Promise<IllRequestView | undefined> {
    const row = await this.db.illRequest.findFirst({ where: { libraryId, ref }, include: INCLUDE });
    return row ? toView(row) : undefined;
  }

  async listForPatron(patronId: number, limit: number): Promise<IllRequestView[]> {
    const rows = await this.db.illRequest.findMany({ where: { patronId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, include: INCLUDE });
    return rows.map(toView);
  }

  async listForLibrary(libraryId: string, statuses: readonly IllStatus[]): Promise<IllRequestView[]> {
    const rows = await this.db.illRequest.findMany({
      where: { libraryId, status: { in: [...statuses] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: INCLUDE,
    });
    return rows.map(toView);
  }

  async update(id: number, version: number, update: IllUpdate): Promise<{ allowed: true } | IllStale> {
    try {
      return await this.db.$transaction(async (tx) => {
        // The version in the WHERE makes a second staff member's click on the same request a no-op.
        // It is the first statement so that it takes the row (PostgreSQL) or the database (SQLite)
        // before anything is read: on SQLite a read-then-write transaction fails with
        // SQLITE_BUSY_SNAPSHOT when another process commits in between.
        const { count } = await tx.illRequest.updateMany({ where: { id, version }, data: { version: { increment: 1 } } });
        if (count !== 1) throw new Rollback({ allowed: false, reason: 'ill.stale' });
        const current = await tx.illRequest.findUniqueOrThrow({ where: { id }, select: { status: true, patronId: true, libraryId: true, currency: true } });
        await tx.illRequest.update({ where: { id }, data: { ...(update.to ? { status: update.to } : {}), ...update.changes } });
        await tx.illEvent.create({
          data: { requestId: id, actor: update.actor, fromStatus: current.status, toStatus: update.to ?? current.status, note: update.note ?? null },
        });
        if (update.charge) {
          await tx.illCharge.create({
            data: { libraryId: current.libraryId, patronId: current.patronId, requestId: id, kind: update.charge.kind, amount: update.charge.amount, currency: current.currency },
          });
        }
        if (update.acceptance) await tx.illTermsAcceptance.create({ data: { requestId: id, ...acceptanceRow(update.acceptance) } });
        return { allowed: true as const };
      });
    } catch (error) {
      if (error instanceof Rollback) return error.outcome as IllStale;
      throw error;
    }
  }

  async unpaidCharges(patronId: number): Promise<IllCharge[]> {
    const rows = await this.db.illCharge.findMany({ where: { patronId, paidAt: null }, orderBy: { id: 'asc' }, include: { request: { select: { ref: true } } } });
    return rows.map((c) => toCharge(c, c.request?.ref));
  }

  async recordPayment(patronId: number, chargeId: number, actor: string, at: Date): Promise<boolean> {
    const { count } = await this.db.illCharge.updateMany({ where: { id: chargeId, patronId, paidAt: null }, data: { paidAt: at, paidRecordedBy: actor } });
    return count === 1;
  }
}

/** Outstanding requests and unpaid return postage, read with the same client as the write that follows. */
export async function illSnapshot(db: Tx, patronId: number): Promise<IllPatronSnapshot | undefined> {
  const patron = await db.patron.findUnique({ where: { id: patronId }, select: { status: true, cardExpiresAt: true } });
  if (!patron) return undefined;
  const outstandingRequests = await db.illRequest.count({ where: { patronId, status: { in: [...OUTSTANDING_ILL_STATUSES] } } });
  const owed = await db.illCharge.aggregate({ where: { patronId, kind: 'return_postage', paidAt: null }, _sum: { amount: true } });
  return { status: patron.status as PatronStatus, cardExpiresAt: patron.cardExpiresAt, outstandingRequests, unpaidPostage: owed._sum.amount ?? 0 };
}

function acceptanceRow(a: IllTermsAcceptance) {
  return {
    version: a.version, text: a.text, textSha256: createHash('sha256').update(a.text, 'utf8').digest('hex'),
    language: a.language, amount: a.amount ?? null, acceptedAt: a.acceptedAt, actor: a.actor,
  };
}

const opt = <T>(value: T | null): T | undefined => value ?? undefined;

function toCharge(c: { id: number; kind: string; amount: number; createdAt: Date; paidAt: Date | null }, requestRef?: string): IllCharge {
  return {
    id: c.id, kind: c.kind as IllCharge['kind'], amount: c.amount, createdAt: c.createdAt,
    ...(c.paidAt ? { paidAt: c.paidAt } : {}), ...(requestRef ? { requestRef } : {}),
  };
}

function toView(r: Row): IllRequestView {
  return {
    id: r.id, ref: r.ref, libraryId: r.libraryId, status: r.status as IllStatus, version: r.version,
    kind: r.kind as IllKind, form: r.form as IllForm, title: r.title, author: opt(r.author), year: opt(r.year), isbn: opt(r.isbn),
    journal: opt(r.journal), volumeIssue: opt(r.volumeIssue), pages: opt(r.pages), notNeededAfter: opt(r.notNeededAfter),
    maxCost: r.maxCost, currency: r.currency, lender: opt(r.lender), lenderCost: opt(r.lenderCost),
    costAcceptancePending: r.costAcceptancePending, weightGrams: opt(r.weightGrams), amountDue: opt(r.amountDue),
    arrivedAt: opt(r.arrivedAt), collectBy: opt(r.collectBy), use: opt(r.use) as IllUse | undefined, dueDate: opt(r.dueDate),
    liabilitySignedAt: opt(r.liabilitySignedAt), returnedAt: opt(r.returnedAt), channel: r.channel, language: r.language,
    conversationRef: opt(r.conversationRef), ilsRequestId: opt(r.ilsRequestId), createdAt: r.createdAt,
    patron: { id: r.patron.id, name: r.patron.name, cardNumber: r.patron.cardNumber, phone: r.patron.phone, language: r.patron.preferredLanguage },
    events: r.events.map((e) => ({ at: e.at, actor: e.actor, fromStatus: e.fromStatus as IllStatus | null, toStatus: e.toStatus as IllStatus, ...(e.note ? { note: e.note } : {}) })),
    acceptances: r.acceptances.map((a) => ({ version: a.version, text: a.text, language: a.language, acceptedAt: a.acceptedAt, actor: a.actor, ...(a.amount !== null ? { amount: a.amount } : {}) })),
    charges: r.charges.map((c) => toCharge(c, r.ref)),
  };
}
