/** Total time a transaction keeps retrying for SQLite's write lock: the busy timeout's order. */
const GIVE_UP_AFTER_MS = 15_000;

/**
 * SQLite has one writer. A transaction whose first statement writes waits for the lock (the
 * busy timeout), but Prisma's better-sqlite3 adapter runs every query of a process on one
 * connection: a read of another request can slip in after the transaction's BEGIN, so the
 * transaction starts as a reader, and its first write then fails at once with SQLITE_BUSY
 * when another process holds or has just taken the lock (SQLite will not wait for an upgrade
 * that could deadlock). The transaction was rolled back whole, so it is simply run again,
 * after a short random pause: serialized write transactions, across processes, without any
 * in-process lock. Only interactive transactions are retried; their callbacks hold no state
 * outside the database.
 */
export function retryBusyTransactions(db: { $transaction: (...args: never[]) => unknown }): void {
  const original = db.$transaction.bind(db) as unknown as (...args: unknown[]) => Promise<unknown>;
  const patched = async (...args: unknown[]) => (typeof args[0] !== 'function' ? original(...args) : retryWhileBusy(() => original(...args)));
  Object.defineProperty(db, '$transaction', { value: patched, configurable: true, writable: true });
}

/** Runs a whole SQLite transaction again while it fails with SQLITE_BUSY (also direct-sql.ts's). */
export async function retryWhileBusy<T>(transaction: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (!isBusy(error) || Date.now() - started > GIVE_UP_AFTER_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}

/**
 * SQLITE_BUSY, as the driver adapter reports it (kind SocketTimeout: P1008 through Prisma, the
 * bare adapter error through direct-sql.ts) or as SQLite words it.
 */
export function isBusy(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: { kind?: unknown }; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | undefined;
  if (e?.meta?.driverAdapterError?.cause?.kind === 'SocketTimeout' || e?.cause?.kind === 'SocketTimeout') return true;
  return typeof e?.message === 'string' && /SQLITE_BUSY|database is locked/.test(e.message);
}
