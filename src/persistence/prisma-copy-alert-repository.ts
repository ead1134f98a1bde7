import type { CheckedInCopy, CopyAlertChannel, CopyAlertRepository, CopyAlertStatus, CopyAlertView, NewCopyAlert } from '../domain/ports/copy-alert-repository';
import type { Language } from '../domain/types';
import { Prisma } from '../generated/prisma/client';
import type { Db } from './prisma-client';

type Row = Prisma.CopyAlertGetPayload<object>;

const openKey = (a: Pick<NewCopyAlert, 'patronId' | 'recordId'>) => `${a.patronId}:${a.recordId}`;

export class PrismaCopyAlertRepository implements CopyAlertRepository {
  constructor(private readonly db: Db) {}

  async open(a: NewCopyAlert, at: Date): Promise<'opened' | 'merged'> {
    const contact = { language: a.language, channel: a.channel, conversationRef: a.conversationRef ?? null, title: a.title };
    const key = openKey(a);
    // The latest yes says where the patron is now: the merged alert goes there.
    const merged = await this.db.copyAlert.updateMany({ where: { openKey: key, status: 'open' }, data: contact });
    if (merged.count > 0) return 'merged';
    try {
      await this.db.copyAlert.create({ data: { ...contact, libraryId: a.libraryId, recordId: a.recordId, patronId: a.patronId, status: 'open', openKey: key, createdAt: at } });
      return 'opened';
    } catch (error) {
      // Two yeses at once: the other one opened it.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        await this.db.copyAlert.updateMany({ where: { openKey: key }, data: contact });
        return 'merged';
      }
      throw error;
    }
  }

  async recordsOnShelf(recordIds: readonly number[]): Promise<number[]> {
    const rows = await this.db.copy.findMany({ where: { recordId: { in: [...recordIds] }, status: 'available' }, select: { recordId: true }, distinct: ['recordId'] });
    return rows.map((r) => r.recordId);
  }

  async claim(recordIds: readonly number[]): Promise<CopyAlertView[]> {
    const candidates = await this.db.copyAlert.findMany({ where: { recordId: { in: [...recordIds] }, status: 'open' }, orderBy: { id: 'asc' } });
    const claimed: CopyAlertView[] = [];
    for (const c of candidates) {
      // Closing the open key now lets the patron ask again for the next time it is out.
      const taken = await this.db.copyAlert.updateMany({ where: { id: c.id, status: 'open' }, data: { status: 'sending', openKey: null } });
      if (taken.count === 1) claimed.push(toView({ ...c, status: 'sending' }));
    }
    return claimed;
  }

  async finish(id: number, status: 'sent' | 'failed', at: Date, note?: string): Promise<void> {
    await this.db.copyAlert.update({ where: { id }, data: { status, note: note ?? null, sentAt: status === 'sent' ? at : null } });
  }

  async list(libraryId: string, limit: number): Promise<CopyAlertView[]> {
    const rows = await this.db.copyAlert.findMany({ where: { libraryId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
    const rank = (s: string) => (s === 'open' || s === 'sending' ? 0 : 1);
    return rows.map(toView).sort((a, b) => rank(a.status) - rank(b.status));
  }

  async copyByBarcode(libraryId: string, barcode: string): Promise<CheckedInCopy | undefined> {
    if (!barcode) return undefined;
    const copy = await this.db.copy.findFirst({ where: { barcode, record: { libraryId } }, include: { record: { select: { title: true } } } });
    return copy ? { copyId: copy.id, recordId: copy.recordId, libraryId, branchId: copy.branchId, title: copy.record.title, status: copy.status } : undefined;
  }

  async checkIn(copyId: number, returnedAt: Date, availableFrom: Date | undefined): Promise<'ok' | 'not_on_loan'> {
    return this.db.$transaction(async (tx) => {
      const changed = await tx.copy.updateMany({ where: { id: copyId, status: 'on_loan' }, data: { status: availableFrom ? 'quarantine' : 'available' } });
      if (changed.count === 0) return 'not_on_loan' as const;
      // A loan the bot handed over (a collected hold) ends here: the borrower's count goes down, so the
      // 10-item limit does not keep counting a book already back. A loan made at the desk has no hold to find.
      const loan = await tx.hold.findFirst({ where: { copyId, status: 'collected' }, orderBy: { id: 'desc' }, select: { id: true, order: { select: { patronId: true } } } });
      if (loan) {
        await tx.hold.update({ where: { id: loan.id }, data: { status: 'returned' } });
        await tx.patron.updateMany({ where: { id: loan.order.patronId, loansCount: { gt: 0 } }, data: { loansCount: { decrement: 1 } } });
      }
      if (availableFrom) await tx.copyQuarantine.upsert({ where: { copyId }, create: { copyId, returnedAt, availableFrom }, update: { returnedAt, availableFrom } });
      return 'ok' as const;
    });
  }

  async releaseQuarantine(now: Date): Promise<number[]> {
    const due = await this.db.copyQuarantine.findMany({ where: { availableFrom: { lte: now } }, take: 500 });
    const records: number[] = [];
    for (const q of due) {
      const released = await this.db.$transaction(async (tx) => {
        const changed = await tx.copy.updateMany({ where: { id: q.copyId, status: 'quarantine' }, data: { status: 'available' } });
        await tx.copyQuarantine.deleteMany({ where: { copyId: q.copyId } });
        return changed.count === 1 ? (await tx.copy.findUnique({ where: { id: q.copyId }, select: { recordId: true } }))?.recordId : undefined;
      });
      if (released !== undefined) records.push(released);
    }
    return records;
  }
}

function toView(r: Row): CopyAlertView {
  return {
    id: r.id, libraryId: r.libraryId, recordId: r.recordId, title: r.title, patronId: r.patronId, language: r.language as Language,
    channel: r.channel as CopyAlertChannel, ...(r.conversationRef ? { conversationRef: r.conversationRef } : {}), status: r.status as CopyAlertStatus,
    ...(r.note ? { note: r.note } : {}), createdAt: r.createdAt, ...(r.sentAt ? { sentAt: r.sentAt } : {}),
  };
}
