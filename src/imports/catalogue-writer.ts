import { fold } from '../domain/text/fold';
import type { Db } from '../persistence/prisma-client';
import type { ImportedCopy, ImportedRecord } from './marc-mapping';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** A branch as the library file describes it: its id in the bot and its code in the library system. */
export interface BranchCode {
  id: string;
  ilsCode?: string;
}

export interface WriteCounts {
  recordsCreated: number;
  recordsUpdated: number;
  recordsUnchanged: number;
  copiesCreated: number;
  copiesUpdated: number;
  copiesDeleted: number;
  /** Copies gone from the library's records that holds still point to: kept, marked 'withdrawn'. */
  copiesWithdrawn: number;
  /** Records deleted in the library's system (OAI-PMH deletions). */
  recordsDeleted: number;
  /** … of which some order still points to: kept, out of search, copies withdrawn. */
  recordsWithdrawn: number;
}

export const emptyCounts = (): WriteCounts => ({
  recordsCreated: 0, recordsUpdated: 0, recordsUnchanged: 0, copiesCreated: 0, copiesUpdated: 0,
  copiesDeleted: 0, copiesWithdrawn: 0, recordsDeleted: 0, recordsWithdrawn: 0,
});

export function addCounts(into: WriteCounts, more: WriteCounts): WriteCounts {
  for (const key of Object.keys(more) as Array<keyof WriteCounts>) into[key] += more[key];
  return into;
}

/** Statuses the bot itself sets on a copy; the library system knows nothing of them. */
const BOT_STATUSES = new Set(['held', 'quarantine']);

/**
 * Writes imported records into the embedded catalogue, one transaction per batch: a crash
 * leaves whole batches, never half a record. Records are matched on the library's record id
 * (Record.sourceId), copies on their barcode, so importing the same file again updates in place.
 * Search needs nothing else: it reads Record.searchText, which SQLite's FTS5 triggers and
 * PostgreSQL's trigram index follow on every write (prisma/sql/*-extras.sql).
 */
export class CatalogueWriter {
  private readonly branchOf = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly libraryId: string,
    branches: readonly BranchCode[],
    private readonly now: () => Date = () => new Date(),
  ) {
    // The id is the fallback code, so a library whose branch ids are its system's codes needs no mapping.
    for (const b of branches) this.branchOf.set(b.id, b.id);
    for (const b of branches) if (b.ilsCode) this.branchOf.set(b.ilsCode, b.id);
  }

  static async forLibrary(db: Db, libraryId: string, branches?: readonly BranchCode[], now?: () => Date): Promise<CatalogueWriter> {
    const known = branches ?? (await db.branch.findMany({ where: { libraryId }, select: { id: true } }));
    if (known.length === 0) throw new Error(`library '${libraryId}' has no branches: nothing to put the copies in`);
    return new CatalogueWriter(db, libraryId, known, now);
  }

  /** Branch codes in the records that no branch has: those copies are left out, and said so. */
  readonly unknownBranches = new Map<string, number>();

  async write(records: readonly ImportedRecord[]): Promise<WriteCounts> {
    return this.db.$transaction((tx) => this.writeIn(tx, records), { timeout: 120_000 });
  }

  private async writeIn(tx: Tx, records: readonly ImportedRecord[]): Promise<WriteCounts> {
    const counts = emptyCounts();
    // The last of two records with the same id wins, as it would in two imports.
    const bySource = new Map(records.map((r) => [r.sourceId, r]));
    const select = { id: true, sourceId: true, title: true, author: true, contributors: true, isbn: true, issn: true, year: true, language: true, kind: true, audience: true, searchText: true } as const;
    const existing = new Map<string, Awaited<ReturnType<typeof tx.record.findMany<{ select: typeof select }>>>[number]>();
    for (const ids of slices([...bySource.keys()])) {
      for (const r of await tx.record.findMany({ where: { libraryId: this.libraryId, sourceId: { in: ids } }, select })) existing.set(r.sourceId!, r);
    }

    const fresh = [...bySource.values()].filter((r) => !existing.has(r.sourceId));
    const created = fresh.length === 0 ? [] : await tx.record.createManyAndReturn({
      data: fresh.map((r) => ({ ...this.recordData(r), libraryId: this.libraryId, sourceId: r.sourceId, acquiredAt: acquiredAt(r, this.now()) })),
      select: { id: true, sourceId: true },
    });
    counts.recordsCreated = created.length;
    const idOf = new Map<string, number>(created.map((r) => [r.sourceId!, r.id]));
    for (const [sourceId, row] of existing) {
      idOf.set(sourceId, row.id);
      const data = this.recordData(bySource.get(sourceId)!);
      const changed = (Object.keys(data) as Array<keyof typeof data>).some((k) => data[k] !== row[k]);
      if (!changed) { counts.recordsUnchanged += 1; continue; }
      await tx.record.update({ where: { id: row.id }, data });
      counts.recordsUpdated += 1;
    }
    await this.writeCopies(tx, bySource, idOf, [...existing.values()].map((r) => r.id), counts);
    return counts;
  }

  private recordData(r: ImportedRecord) {
    const contributors = r.contributors.length > 0 ? r.contributors.join('; ') : null;
    return {
      title: r.title, author: r.author, contributors, isbn: r.isbn ?? null, issn: r.issn ?? null,
      year: r.year, language: r.language, kind: r.kind, audience: r.audience,
      searchText: fold([r.title, r.author, ...r.contributors, r.isbn ?? '', r.issn ?? ''].join(' ')),
    };
  }

  private async writeCopies(tx: Tx, records: Map<string, ImportedRecord>, idOf: Map<string, number>, existingRecordIds: number[], counts: WriteCounts): Promise<void> {
    const barcodes = [...records.values()].flatMap((r) => r.copies.flatMap((c) => (c.barcode ? [c.barcode] : [])));
    const select = { id: true, recordId: true, branchId: true, shelfMark: true, barcode: true, status: true, _count: { select: { holds: true } } } as const;
    const found = new Map<number, Awaited<ReturnType<typeof tx.copy.findMany<{ select: typeof select }>>>[number]>();
    // In slices: SQLite's driver takes at most 999 parameters a statement.
    for (const ids of slices(existingRecordIds)) for (const c of await tx.copy.findMany({ where: { recordId: { in: ids } }, select })) found.set(c.id, c);
    for (const codes of slices(barcodes)) for (const c of await tx.copy.findMany({ where: { barcode: { in: codes }, record: { libraryId: this.libraryId } }, select })) found.set(c.id, c);
    const rows = [...found.values()].sort((a, b) => a.id - b.id);
    const byBarcode = new Map(rows.filter((c) => c.barcode).map((c) => [c.barcode!, c]));
    const matched = new Set<number>();
    const toCreate: Array<{ recordId: number; branchId: string; shelfMark: string; barcode: string | null; status: string }> = [];
    const seenBarcodes = new Set<string>();
    for (const [sourceId, record] of records) {
      const recordId = idOf.get(sourceId)!;
      // Copies without a barcode can only be told apart by their order in the record.
      const unlabelled = rows.filter((c) => c.recordId === recordId && !c.barcode);
      for (const copy of record.copies) {
        const branchId = this.branchOf.get(copy.branchCode);
        if (!branchId) {
          this.unknownBranches.set(copy.branchCode, (this.unknownBranches.get(copy.branchCode) ?? 0) + 1);
          // Left as it is rather than deleted: the mapping, not the copy, is what is missing.
          const known = copy.barcode ? byBarcode.get(copy.barcode) : undefined;
          if (known) matched.add(known.id);
          continue;
        }
        const barcode = copy.barcode && !seenBarcodes.has(copy.barcode) ? copy.barcode : undefined;
        if (barcode) seenBarcodes.add(barcode);
        const row = barcode ? byBarcode.get(barcode) : unlabelled.shift();
        if (!row) { toCreate.push({ recordId, branchId, shelfMark: copy.shelfMark, barcode: barcode ?? null, status: copy.status }); continue; }
        matched.add(row.id);
        const data = { recordId, branchId, shelfMark: copy.shelfMark, status: statusAfter(row.status, copy) };
        if (data.recordId === row.recordId && data.branchId === row.branchId && data.shelfMark === row.shelfMark && data.status === row.status) continue;
        await tx.copy.update({ where: { id: row.id }, data });
        counts.copiesUpdated += 1;
      }
    }
    if (toCreate.length > 0) counts.copiesCreated += (await tx.copy.createMany({ data: toCreate })).count;
    // Copies of these records the library no longer lists.
    const gone = rows.filter((c) => !matched.has(c.id) && existingRecordIds.includes(c.recordId) && (!c.barcode || !seenBarcodes.has(c.barcode)));
    await this.removeCopies(tx, gone, counts);
  }

  /** A copy that a hold points to stays, withdrawn, so the order's history still names it. */
  private async removeCopies(tx: Tx, copies: Array<{ id: number; status: string; _count: { holds: number } }>, counts: WriteCounts): Promise<void> {
    const held = copies.filter((c) => c._count.holds > 0 && c.status !== 'withdrawn').map((c) => c.id);
    const free = copies.filter((c) => c._count.holds === 0).map((c) => c.id);
    for (const ids of slices(held)) counts.copiesWithdrawn += (await tx.copy.updateMany({ where: { id: { in: ids } }, data: { status: 'withdrawn' } })).count;
    for (const ids of slices(free)) counts.copiesDeleted += (await tx.copy.deleteMany({ where: { id: { in: ids } } })).count;
  }

  /**
   * Records the library deleted (OAI-PMH status="deleted"). One an order points to is kept for
   * the order's sake but leaves search (empty searchText) and its copies are withdrawn; the rest go.
   */
  async delete(sourceIds: readonly string[]): Promise<WriteCounts> {
    return this.db.$transaction(async (tx) => {
      const counts = emptyCounts();
      const records = await tx.record.findMany({
        where: { libraryId: this.libraryId, sourceId: { in: [...sourceIds] } },
        select: { id: true, _count: { select: { holds: true } }, copies: { select: { id: true, status: true, _count: { select: { holds: true } } } } },
      });
      for (const r of records) {
        const ordered = r._count.holds > 0 || r.copies.some((c) => c._count.holds > 0);
        if (!ordered) {
          counts.copiesDeleted += (await tx.copy.deleteMany({ where: { recordId: r.id } })).count;
          await tx.record.delete({ where: { id: r.id } });
          counts.recordsDeleted += 1;
          continue;
        }
        await tx.record.update({ where: { id: r.id }, data: { searchText: '' } });
        await this.removeCopies(tx, r.copies.map((c) => ({ ...c, _count: { holds: Math.max(1, c._count.holds) } })), counts);
        counts.recordsWithdrawn += 1;
      }
      return counts;
    }, { timeout: 120_000 });
  }
}

const SLICE = 500;
function slices<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(items.slice(i, i + SLICE));
  return out;
}

/** The library system owns loans and losses; the bot owns its holds and quarantine until it releases them. */
function statusAfter(current: string, imported: ImportedCopy): string {
  return BOT_STATUSES.has(current) ? current : imported.status;
}

function acquiredAt(r: ImportedRecord, now: Date): Date {
  const dates = r.copies.flatMap((c) => (c.acquiredAt ? [c.acquiredAt.getTime()] : []));
  return dates.length > 0 ? new Date(Math.min(...dates)) : now;
}
