import type { CatalogueRepository, NewAcquisition } from '../domain/ports/catalogue-repository';
import type { BranchAvailability, RecordSummary, SearchPage } from '../domain/types';
import type { Db } from './prisma-client';

const recordInclude = { copies: { select: { branchId: true, status: true } } } as const;
type RecordRow = {
  id: number; title: string; author: string; year: number; kind: string; isbn: string | null;
  copies: Array<{ branchId: string; status: string }>;
};

export class PrismaCatalogueRepository implements CatalogueRepository {
  private branchNames?: Map<string, { name: string; sortOrder: number }>;

  constructor(private readonly db: Db) {}

  async search(libraryId: string, words: string[], offset: number, limit: number): Promise<SearchPage> {
    const where = { libraryId, AND: words.map((w) => ({ searchText: { contains: w } })) };
    const [total, rows] = await Promise.all([
      this.db.record.count({ where }),
      this.db.record.findMany({ where, include: recordInclude, orderBy: [{ title: 'asc' }, { id: 'asc' }], skip: offset, take: limit }),
    ]);
    const names = await this.branches();
    return { total, items: rows.map((r) => toSummary(r, names)) };
  }

  async record(recordId: number): Promise<RecordSummary | undefined> {
    const row = await this.db.record.findUnique({ where: { id: recordId }, include: recordInclude });
    return row ? toSummary(row, await this.branches()) : undefined;
  }

  async availability(recordId: number): Promise<BranchAvailability[]> {
    return (await this.record(recordId))?.availability ?? [];
  }

  async newAcquisitions(libraryId: string, perBranch: number): Promise<NewAcquisition[]> {
    const branches = await this.db.branch.findMany({ where: { libraryId }, orderBy: { sortOrder: 'asc' } });
    const names = await this.branches();
    return Promise.all(branches.map(async (b) => {
      const rows = await this.db.record.findMany({
        where: { libraryId, copies: { some: { branchId: b.id } } },
        include: recordInclude, orderBy: [{ acquiredAt: 'desc' }, { id: 'desc' }], take: perBranch,
      });
      return { branchId: b.id, branchName: b.name, records: rows.map((r) => toSummary(r, names)) };
    }));
  }

  /** Branches change only with a deployment; one read per process is enough. */
  private async branches(): Promise<Map<string, { name: string; sortOrder: number }>> {
    if (!this.branchNames) {
      const rows = await this.db.branch.findMany();
      this.branchNames = new Map(rows.map((b) => [b.id, { name: b.name, sortOrder: b.sortOrder }]));
    }
    return this.branchNames;
  }
}

function toSummary(row: RecordRow, branches: Map<string, { name: string; sortOrder: number }>): RecordSummary {
  const byBranch = new Map<string, BranchAvailability>();
  for (const copy of row.copies) {
    const entry = byBranch.get(copy.branchId)
      ?? { branchId: copy.branchId, branchName: branches.get(copy.branchId)?.name ?? copy.branchId, available: 0, total: 0 };
    entry.total += 1;
    if (copy.status === 'available') entry.available += 1;
    byBranch.set(copy.branchId, entry);
  }
  const order = (id: string) => branches.get(id)?.sortOrder ?? 99;
  return {
    id: row.id, title: row.title, author: row.author, year: row.year,
    kind: row.kind === 'journal' ? 'journal' : 'book',
    ...(row.isbn ? { isbn: row.isbn } : {}),
    availability: [...byBranch.values()].sort((a, b) => order(a.branchId) - order(b.branchId)),
  };
}
