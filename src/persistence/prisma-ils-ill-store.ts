import { OUTSTANDING_ILL_STATUSES } from '../domain/ill-status';
import type { IlsIllStore, UnfiledIll } from '../domain/ports/ils-ill-store';
import type { Db } from './prisma-client';

export class PrismaIlsIllStore implements IlsIllStore {
  constructor(private readonly db: Db) {}

  async unfiledOf(id: number): Promise<UnfiledIll | undefined> {
    return (await this.unfiled({ id }))[0];
  }

  unfiledIn(libraryIds: readonly string[]): Promise<UnfiledIll[]> {
    if (libraryIds.length === 0) return Promise.resolve([]);
    return this.unfiled({ libraryId: { in: [...libraryIds] } });
  }

  async record(id: number, ilsRequestId: string): Promise<void> {
    await this.db.illRequest.update({ where: { id }, data: { ilsRequestId } });
  }

  private async unfiled(where: { id?: number; libraryId?: { in: string[] } }): Promise<UnfiledIll[]> {
    const rows = await this.db.illRequest.findMany({
      where: { ...where, ilsRequestId: null, status: { in: [...OUTSTANDING_ILL_STATUSES] } },
      select: { id: true, ref: true, libraryId: true, title: true, author: true, year: true, isbn: true, patron: { select: { cardNumber: true } } },
      orderBy: { id: 'asc' },
    });
    return rows.map((r) => ({
      id: r.id, ref: r.ref, libraryId: r.libraryId, cardNumber: r.patron.cardNumber, title: r.title,
      ...(r.author ? { author: r.author } : {}), ...(r.year !== null ? { year: r.year } : {}), ...(r.isbn ? { isbn: r.isbn } : {}),
    }));
  }
}
