import { harvestCatalogue, type HarvestOptions } from '../imports/catalogue-harvest';
import type { Db } from '../persistence/prisma-client';
import type { Job } from './job-runner';

/** A library whose catalogue follows its library system over OAI-PMH (the library file's `catalogue`). */
export type CatalogueHarvestSettings = Omit<HarvestOptions, 'fetchFn' | 'now'>;

const MINUTE = 60_000;

/**
 * One job per library, `harvest-catalogue:<id>`, every `intervalMinutes`: the job runner makes
 * it run on one instance at a time, logs a failure, and the harvest keeps its last date until
 * a run succeeds.
 */
export function catalogueHarvestJobs(db: Db, libraries: readonly CatalogueHarvestSettings[], deps: Pick<HarvestOptions, 'fetchFn' | 'now'> = {}): Job[] {
  return libraries.map((library) => ({
    name: `harvest-catalogue:${library.libraryId}`,
    everyMs: library.oaiPmh.intervalMinutes * MINUTE,
    run: async () => {
      const s = await harvestCatalogue(db, { ...library, ...deps });
      // The job's logged result: counts, not the records.
      return { from: s.from ?? null, pages: s.pages, received: s.received, created: s.recordsCreated, updated: s.recordsUpdated, deleted: s.recordsDeleted + s.recordsWithdrawn, skipped: s.skipped.length };
    },
  }));
}
