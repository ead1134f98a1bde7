import type { JobStore } from '../jobs/job-store';
import { Prisma } from '../generated/prisma/client';
import { providerOf, type Db } from './prisma-client';

/** First key of every advisory lock the job runner takes, so it collides with no one else's. */
const JOB_LOCK_CLASS = 7_007;

export class PrismaJobStore implements JobStore {
  private readonly running = new Set<string>();

  constructor(private readonly db: Db) {}

  async exclusive<T>(job: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.running.has(job)) return { ran: false };
    this.running.add(job);
    try {
      if (providerOf(this.db) === 'sqlite') return { ran: true, value: await fn() };
      // Transaction-scoped advisory lock: held by this connection while the job runs (on other
      // connections), released at commit or when the instance dies, so it can never be left behind.
      return await this.db.$transaction(async (tx) => {
        const [row] = await tx.$queryRawUnsafe<Array<{ locked: boolean }>>(
          'SELECT pg_try_advisory_xact_lock($1::int, $2::int) AS locked', JOB_LOCK_CLASS, lockKey(job));
        if (!row?.locked) return { ran: false as const };
        return { ran: true as const, value: await fn() };
      }, { timeout: 15 * 60_000, maxWait: 60_000 });
    } finally {
      this.running.delete(job);
    }
  }

  async claim(job: string, now: Date, everyMs: number, instance: string): Promise<boolean> {
    const { count } = await this.db.jobSchedule.updateMany({
      where: { name: job, lastStartedAt: { lte: new Date(now.getTime() - everyMs) } },
      data: { lastStartedAt: now, lastInstance: instance, runs: { increment: 1 } },
    });
    if (count === 1) return true;
    try {
      await this.db.jobSchedule.create({ data: { name: job, lastStartedAt: now, lastInstance: instance } });
      return true;
    } catch (error) {
      // The row exists (not due yet), or another instance created it a moment ago.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false;
      throw error;
    }
  }

  async finish(job: string, at: Date, outcome: string): Promise<void> {
    await this.db.jobSchedule.update({ where: { name: job }, data: { lastFinishedAt: at, lastOutcome: outcome.slice(0, 2000) } });
  }
}

/** A stable 32-bit key per job name (FNV-1a), the second half of the advisory lock's key. */
function lockKey(job: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(job, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash | 0;
}
