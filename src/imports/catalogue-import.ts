import { stat } from 'node:fs/promises';
import type { Db } from '../persistence/prisma-client';
import { addCounts, CatalogueWriter, emptyCounts, type BranchCode, type WriteCounts } from './catalogue-writer';
import { readMarcFile, type MarcFormat, type ReadRecord, type RecordPosition } from './marc-files';
import { KOHA_HOLDINGS, mapMarcRecord, type HoldingsMapping, type ImportedRecord } from './marc-mapping';

export interface CatalogueImportOptions {
  libraryId: string;
  /** The library file's `catalogue.holdings`; Koha's 952 when absent. */
  holdings?: HoldingsMapping;
  /** The library file's branches with their `ilsCode`; the library's branch ids in the database when absent. */
  branches?: readonly BranchCode[];
  format?: MarcFormat;
  /** Records per transaction. */
  batchSize?: number;
  onProgress?: (p: { records: number; bytes: number; totalBytes: number }) => void;
  now?: () => Date;
}

export interface SkippedRecord extends RecordPosition {
  reason: string;
}

export interface CatalogueImportSummary extends WriteCounts {
  read: number;
  skipped: SkippedRecord[];
  /** Branch codes no branch has, with how many copies were left out for each. */
  unknownBranches: Record<string, number>;
}

const DEFAULT_BATCH = 500;

/** Imports a MARC file; a record that cannot be read or mapped is reported and skipped, the rest imported. */
export async function importCatalogueFile(db: Db, file: string, options: CatalogueImportOptions): Promise<CatalogueImportSummary> {
  const totalBytes = (await stat(file)).size;
  return importMarcRecords(db, readMarcFile(file, options.format), { ...options, totalBytes });
}

export async function importMarcRecords(db: Db, source: AsyncIterable<ReadRecord>, options: CatalogueImportOptions & { totalBytes?: number }): Promise<CatalogueImportSummary> {
  const library = await db.library.findUnique({ where: { id: options.libraryId }, select: { id: true } });
  if (!library) throw new Error(`no library '${options.libraryId}' in the database`);
  const writer = await CatalogueWriter.forLibrary(db, options.libraryId, options.branches, options.now);
  const holdings = options.holdings ?? KOHA_HOLDINGS;
  const summary: CatalogueImportSummary = { ...emptyCounts(), read: 0, skipped: [], unknownBranches: {} };
  let batch: Array<{ position: RecordPosition; record: ImportedRecord }> = [];
  let bytes = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    try {
      addCounts(summary, await writer.write(current.map((b) => b.record)));
    } catch {
      // One record the database refuses must not cost its neighbours: the batch again, one by one.
      for (const { position, record } of current) {
        try {
          addCounts(summary, await writer.write([record]));
        } catch (error) {
          summary.skipped.push({ ...position, reason: `not stored: ${error instanceof Error ? error.message.split('\n').pop() : String(error)}` });
        }
      }
    }
  };

  for await (const item of source) {
    summary.read += 1;
    bytes = item.position.byteOffset;
    if ('error' in item) {
      summary.skipped.push({ ...item.position, reason: item.error });
    } else {
      const mapped = mapMarcRecord(item.marc, holdings);
      if (mapped.ok) batch.push({ position: item.position, record: mapped.record });
      else summary.skipped.push({ ...item.position, reason: mapped.reason });
    }
    if (batch.length >= (options.batchSize ?? DEFAULT_BATCH)) {
      await flush();
      options.onProgress?.({ records: summary.read, bytes, totalBytes: options.totalBytes ?? 0 });
    }
  }
  await flush();
  options.onProgress?.({ records: summary.read, bytes: options.totalBytes ?? bytes, totalBytes: options.totalBytes ?? 0 });
  summary.unknownBranches = Object.fromEntries(writer.unknownBranches);
  return summary;
}
