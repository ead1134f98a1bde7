import type { Db } from '../persistence/prisma-client';
import { addCounts, CatalogueWriter, emptyCounts, type BranchCode, type WriteCounts } from './catalogue-writer';
import { KOHA_HOLDINGS, mapMarcRecord, type HoldingsMapping, type ImportedRecord } from './marc-mapping';
import { OaiPmhClient, type OaiPmhSettings } from './oai-pmh-client';

export interface HarvestOptions {
  libraryId: string;
  oaiPmh: OaiPmhSettings;
  holdings?: HoldingsMapping;
  branches?: readonly BranchCode[];
  fetchFn?: typeof fetch;
  now?: () => Date;
}

export interface HarvestSummary extends WriteCounts {
  /** The `from` asked for; absent on the first, full harvest. */
  from?: string;
  pages: number;
  received: number;
  /** Records that could not be mapped (no id, no title), by OAI identifier. */
  skipped: Array<{ identifier: string; reason: string }>;
  /** The responseDate stored for the next harvest's `from`. */
  responseDate: string;
}

/**
 * Koha's OAI identifiers end in the biblionumber (`oai:<repository>:<biblionumber>`), which a
 * deleted record's header is all that is left of; other systems' too, after their last colon.
 */
export const sourceIdOfIdentifier = (identifier: string) => identifier.slice(identifier.lastIndexOf(':') + 1);

/**
 * One incremental harvest: everything changed since the last harvest that finished, page by page,
 * each page in its own transaction. The last-harvest date advances only when every page came
 * and was written: after an error response or a crash the next run asks again from the old
 * date, and writing a record twice changes nothing (records and copies are matched by id).
 * The date is the repository's responseDate of the first page, so records changed while the
 * pages were fetched are asked for again next time rather than lost.
 */
export async function harvestCatalogue(db: Db, options: HarvestOptions): Promise<HarvestSummary> {
  const now = options.now ?? (() => new Date());
  const { libraryId } = options;
  const state = await db.catalogueHarvest.findUnique({ where: { libraryId } });
  const from = state?.lastResponseDate ?? undefined;
  const summary: HarvestSummary = { ...emptyCounts(), ...(from ? { from } : {}), pages: 0, received: 0, skipped: [], responseDate: '' };
  try {
    const writer = await CatalogueWriter.forLibrary(db, libraryId, options.branches, now);
    const client = new OaiPmhClient(options.oaiPmh, options.fetchFn);
    for await (const page of client.listRecords(from)) {
      summary.pages += 1;
      if (!summary.responseDate) summary.responseDate = page.responseDate;
      if (page.kind === 'empty') break;
      summary.received += page.records.length;
      const changed: ImportedRecord[] = [];
      const deleted: string[] = [];
      for (const r of page.records) {
        if (r.deleted) { deleted.push(sourceIdOfIdentifier(r.identifier)); continue; }
        const mapped = r.marc ? mapMarcRecord(r.marc, options.holdings ?? KOHA_HOLDINGS) : { ok: false as const, reason: 'no metadata' };
        if (mapped.ok) changed.push(mapped.record);
        else summary.skipped.push({ identifier: r.identifier, reason: mapped.reason });
      }
      if (changed.length > 0) addCounts(summary, await writer.write(changed));
      if (deleted.length > 0) addCounts(summary, await writer.delete(deleted));
    }
    if (!summary.responseDate) throw new Error('the repository sent no responseDate');
    const outcome = JSON.stringify(summary);
    await db.catalogueHarvest.upsert({
      where: { libraryId },
      create: { libraryId, lastResponseDate: summary.responseDate, lastSucceededAt: now(), lastAttemptAt: now(), lastOutcome: outcome },
      update: { lastResponseDate: summary.responseDate, lastSucceededAt: now(), lastAttemptAt: now(), lastOutcome: outcome },
    });
    return summary;
  } catch (error) {
    const outcome = JSON.stringify({ error: error instanceof Error ? error.message : String(error), pages: summary.pages });
    await db.catalogueHarvest.upsert({
      where: { libraryId }, create: { libraryId, lastAttemptAt: now(), lastOutcome: outcome }, update: { lastAttemptAt: now(), lastOutcome: outcome },
    });
    throw error;
  }
}
