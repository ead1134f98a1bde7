/** What the job runner needs from the database; src/persistence/prisma-job-store.ts implements it. */
export interface JobStore {
  /**
   * Runs `fn` unless another run of the job is in progress in any instance (PostgreSQL: an
   * advisory lock; SQLite, one process: in memory). `ran: false` when someone else holds it.
   */
  exclusive<T>(job: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /** Takes the job's turn for this period: true for exactly one caller once `every` ms have passed since the last start. */
  claim(job: string, now: Date, everyMs: number, instance: string): Promise<boolean>;
  finish(job: string, at: Date, outcome: string): Promise<void>;
}
