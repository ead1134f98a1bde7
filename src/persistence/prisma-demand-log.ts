import type { AskedText, DemandLog, NotFoundSearch } from '../domain/ports/demand-log';
import type { Db } from './prisma-client';

export class PrismaDemandLog implements DemandLog {
  constructor(private readonly db: Db) {}

  async recordNotFound(s: NotFoundSearch): Promise<void> {
    await this.db.demandSearch.create({ data: { libraryId: s.libraryId, query: s.query, language: s.language, channel: s.channel, at: s.at } });
  }

  async notFoundSearches(libraryId: string, from: Date, to: Date): Promise<AskedText[]> {
    const rows = await this.db.demandSearch.groupBy({
      by: ['query'], where: { libraryId, at: { gte: from, lt: to } }, _count: { _all: true }, _max: { at: true },
    });
    return rows.map((r) => ({ text: r.query, count: r._count._all, last: r._max.at ?? from }));
  }

  async illTitles(libraryId: string, from: Date, to: Date): Promise<AskedText[]> {
    const rows = await this.db.illRequest.groupBy({
      by: ['title'], where: { libraryId, createdAt: { gte: from, lt: to } }, _count: { _all: true }, _max: { createdAt: true },
    });
    return rows.map((r) => ({ text: r.title, count: r._count._all, last: r._max.createdAt ?? from }));
  }
}
