import type { Logger } from '../logging';
import type { Db } from '../persistence/prisma-client';
import { PrismaJobStore } from '../persistence/prisma-job-store';
import { PrismaVoiceTurnStore } from '../persistence/prisma-voice-turn-store';
import { catalogueHarvestJobs, type CatalogueHarvestSettings } from './catalogue-harvest-jobs';
import { JobRunner, type Job } from './job-runner';

/** The use cases background work calls; each is idempotent and safe to run from any instance. */
export interface JobHooks {
  /** Ready orders past their pickup deadline expire; those near it get their one reminder (ExpireOrders). */
  expireOrders: () => Promise<unknown>;
  /** Copies checked in during a quarantine go on the shelf when it ends, and their copy alerts out (CopyAlerts). */
  releaseQuarantine?: () => Promise<unknown>;
  /** Other reminders (e.g. pickup appointments); scheduled when a use case is passed. */
  reminders?: () => Promise<unknown>;
  /** Conversations, phone turns and contact details past their retention period go (PurgeExpiredData). */
  purgeExpiredData?: () => Promise<unknown>;
  /**
   * Holds and ILL requests the library's own system has not taken yet are placed and filed, holds
   * of ended orders cancelled there (issue 20): an outage is caught up within one period.
   */
  reconcileIls?: () => Promise<unknown>;
  /** Libraries whose catalogue is harvested over OAI-PMH (their library file's `catalogue.oaiPmh`). */
  catalogueHarvests?: readonly CatalogueHarvestSettings[];
}

const MINUTE = 60_000;

/** Every instance builds the same runner; the database makes each job run once per period. */
export function createJobRunner(db: Db, hooks: JobHooks, now: () => Date, log: Logger): JobRunner {
  const jobs: Job[] = [{ name: 'expire-orders', everyMs: 5 * MINUTE, run: hooks.expireOrders }];
  if (hooks.releaseQuarantine) jobs.push({ name: 'release-quarantine', everyMs: 15 * MINUTE, run: hooks.releaseQuarantine });
  if (hooks.reconcileIls) jobs.push({ name: 'reconcile-ils', everyMs: 10 * MINUTE, run: hooks.reconcileIls });
  if (hooks.reminders) jobs.push({ name: 'reminders', everyMs: 5 * MINUTE, run: hooks.reminders });
  // Retention is counted in days: four runs a day keep anything from outstaying it by more than hours.
  if (hooks.purgeExpiredData) jobs.push({ name: 'purge-expired-data', everyMs: 6 * 60 * MINUTE, run: hooks.purgeExpiredData });
  // The answered-webhook table would otherwise grow by one row per caller answer, for ever.
  const voiceTurns = new PrismaVoiceTurnStore(db, now);
  jobs.push({ name: 'purge-voice-turns', everyMs: 60 * MINUTE, run: () => voiceTurns.purge() });
  jobs.push(...catalogueHarvestJobs(db, hooks.catalogueHarvests ?? []));
  return new JobRunner(jobs, new PrismaJobStore(db), now, log);
}
