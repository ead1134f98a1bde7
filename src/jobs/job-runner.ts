import { hostname } from 'node:os';
import type { Logger } from '../logging';
import { jobRuns } from '../observability/metrics';
import type { JobStore } from './job-store';

export interface Job {
  name: string;
  everyMs: number;
  /** Idempotent: a run that crashes half-way is simply run again in the next period. */
  run(): Promise<unknown>;
}

export type TickOutcome = 'ran' | 'busy' | 'not_due' | 'failed';

/**
 * Runs each job once per period across every instance of the bot: each instance ticks on its
 * own, and the database decides which one runs (see JobStore). Timers are unref'd, so a
 * runner never keeps a process alive.
 */
export class JobRunner {
  private timers: NodeJS.Timeout[] = [];
  readonly instance = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly jobs: readonly Job[],
    private readonly store: JobStore,
    private readonly now: () => Date,
    private readonly log: Logger,
    /** How often each instance checks whether a job is due; the job's own period is `everyMs`. */
    private readonly tickMs = 30_000,
  ) {}

  start(): void {
    if (this.timers.length > 0) return;
    for (const job of this.jobs) {
      const timer = setInterval(() => void this.tick(job.name), Math.min(this.tickMs, job.everyMs));
      timer.unref();
      this.timers.push(timer);
      void this.tick(job.name);
    }
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** One check of one job: runs it if it is due and nobody else is running it. */
  async tick(name: string): Promise<TickOutcome> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job '${name}'`);
    try {
      const result = await this.store.exclusive(job.name, async (): Promise<TickOutcome> => {
        if (!(await this.store.claim(job.name, this.now(), job.everyMs, this.instance))) return 'not_due';
        try {
          const value = await job.run();
          await this.store.finish(job.name, this.now(), JSON.stringify(value ?? null));
          this.log.info({ job: job.name, result: value }, 'job ran');
          jobRuns.inc({ job: job.name, outcome: 'ran' });
          return 'ran';
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await this.store.finish(job.name, this.now(), JSON.stringify({ error: message }));
          this.log.error({ job: job.name, err: { message } }, 'job failed');
          jobRuns.inc({ job: job.name, outcome: 'failed' });
          return 'failed';
        }
      });
      return result.ran ? result.value : 'busy';
    } catch (error) {
      // The database is unreachable or the lock could not be taken: the next tick tries again.
      this.log.error({ job: job.name, err: { message: error instanceof Error ? error.message : String(error) } }, 'job tick failed');
      return 'failed';
    }
  }
}
