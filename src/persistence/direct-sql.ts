import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type { PrismaPg } from '@prisma/adapter-pg';
import { dbStatements } from '../observability/metrics';
import { retryWhileBusy } from './sqlite-busy-retry';

type AdapterFactory = PrismaBetterSQLite3 | PrismaPg;
type Adapter = Awaited<ReturnType<AdapterFactory['connect']>>;
type Query = Parameters<Adapter['queryRaw']>[0];
type ArgType = Query['argTypes'][number];

export type SqlValue = string | number | bigint | boolean | Date | null;
export type SqlRow = Record<string, unknown>;

/**
 * The statements of the turns patrons wait on (the conversation state read and written on every
 * turn, the patron and catalogue reads, placing an order), sent to Prisma's driver adapter
 * without going through the query compiler. Prisma 6.19 compiles every query in WebAssembly
 * anew, with its arguments inside the JSON it compiles: 0.7–2 ms of CPU per query (more for the
 * state row, a few kilobytes of Greek or Hungarian text), against 0.05–0.1 ms here. The adapter
 * is the very object Prisma sends its own statements to, so the connection, the pool and the
 * error types are the same. Everything else (staff pages, jobs, interlibrary loan) keeps Prisma's
 * typed queries.
 *
 * SQL is written with `?` placeholders and double-quoted identifiers, which both databases
 * read; PostgreSQL gets them numbered (`$1`). Values come back as the driver gives them: text,
 * numbers, and on SQLite integers as text or bigint, so callers convert what they read.
 */
export interface DirectSql extends DirectSqlTransaction {
  /**
   * One write statement; the number of rows it changed. On SQLite it runs in a transaction of
   * its own under the adapter's transaction lock, as Prisma runs its writes: the single
   * connection may be inside another turn's interactive transaction (placing an order), and a
   * statement sent past the lock would become part of that transaction and be rolled back
   * with it.
   */
  execute(sql: string, args: readonly SqlValue[]): Promise<number>;
  /**
   * `work` in one transaction, as Prisma's interactive transactions run (the adapter's own
   * BEGIN, then COMMIT, or ROLLBACK when `work` throws; on SQLite under the same lock, and run
   * again on SQLITE_BUSY), without Prisma's timeouts: `work` must not wait for anything but its
   * statements, and must hold no state outside the database.
   */
  transaction<T>(work: (tx: DirectSqlTransaction) => Promise<T>): Promise<T>;
}

/** Statements inside a transaction. */
export interface DirectSqlTransaction {
  query(sql: string, args: readonly SqlValue[]): Promise<SqlRow[]>;
  execute(sql: string, args: readonly SqlValue[]): Promise<number>;
}

/** Wraps a driver adapter factory so that the adapter Prisma connects is also ours to use. */
export class DirectSqlFactory {
  readonly provider: AdapterFactory['provider'];
  readonly adapterName: string;
  private current?: Adapter;

  constructor(private readonly inner: AdapterFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<Adapter> {
    const adapter = await this.inner.connect();
    countStatements(adapter);
    if (this.provider === 'sqlite') cachePreparedStatements(adapter);
    const dispose = adapter.dispose.bind(adapter);
    // After $disconnect Prisma connects a new adapter on the next query; so does DirectSql.
    adapter.dispose = async () => {
      if (this.current === adapter) this.current = undefined;
      await dispose();
    };
    this.current = adapter;
    return adapter;
  }

  connectToShadowDb(): Promise<Adapter> {
    return this.inner.connectToShadowDb();
  }

  /** `connect` connects Prisma (and so this factory's adapter) when it is not connected yet. */
  sql(connect: () => Promise<void>): DirectSql {
    const postgres = this.provider === 'postgres';
    const adapter = async () => {
      if (!this.current) await connect();
      if (!this.current) throw new Error('the Prisma client did not connect its driver adapter');
      return this.current;
    };
    const on = (queryable: Pick<Adapter, 'queryRaw' | 'executeRaw'>): DirectSqlTransaction => ({
      query: async (sql, args) => {
        const result = await queryable.queryRaw(toQuery(sql, args, postgres));
        return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])));
      },
      execute: (sql, args) => queryable.executeRaw(toQuery(sql, args, postgres)),
    });
    const once = async <T>(work: (tx: DirectSqlTransaction) => Promise<T>): Promise<T> => {
      const tx = await (await adapter()).startTransaction();
      let result: T;
      try {
        result = await work(on(tx));
        await tx.executeRaw(toQuery('COMMIT', [], false));
      } catch (error) {
        await tx.executeRaw(toQuery('ROLLBACK', [], false)).catch(() => undefined);
        await tx.rollback();
        throw error;
      }
      await tx.commit();
      return result;
    };
    // Another process's writer (a second instance, a test) can refuse a transaction SQLITE_BUSY
    // at its first write: it is run again whole, as Prisma's are (sqlite-busy-retry.ts).
    const transaction = <T>(work: (tx: DirectSqlTransaction) => Promise<T>): Promise<T> => (postgres ? once(work) : retryWhileBusy(() => once(work)));
    return {
      query: async (sql, args) => on(await adapter()).query(sql, args),
      execute: async (sql, args) => (postgres ? on(await adapter()).execute(sql, args) : transaction((tx) => tx.execute(sql, args))),
      transaction,
    };
  }
}

/**
 * Every statement sent to the database, Prisma's and ours, in `db_statements_total`: what one
 * more instance costs the database per turn (bench/run.ts --instances) is read from it.
 */
function countStatements(adapter: Adapter): void {
  const count = (q: Pick<Adapter, 'queryRaw' | 'executeRaw'>) => {
    const queryRaw = q.queryRaw.bind(q);
    const executeRaw = q.executeRaw.bind(q);
    q.queryRaw = (query) => { dbStatements.inc({ kind: 'query' }); return queryRaw(query); };
    q.executeRaw = (query) => { dbStatements.inc({ kind: 'execute' }); return executeRaw(query); };
  };
  count(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx = await startTransaction(isolationLevel);
    count(tx);
    return tx;
  };
}

/** Statements kept prepared per connection; the turn path sends a few dozen distinct ones. */
const PREPARED_STATEMENTS = 256;

interface SqliteStatement {
  readonly reader: boolean;
  columns(): unknown[];
  run(...args: unknown[]): unknown;
  raw(toggle: boolean): SqliteStatement;
  all(...args: unknown[]): unknown[];
}

/**
 * The SQLite adapter prepares every statement anew: `prepare` was 6.7–7.5% of the server's
 * busy time in the bench's profiles, and on a quiet machine preparing a turn's statements costs
 * 10–17 µs each against 3–5 µs to run one prepared before (the BotState read, the sign-in
 * attempts query; 20,000 runs each). Its connection's `prepare` is given a cache: the same SQL
 * text gets the statement prepared before. better-sqlite3 binds a statement once and for good
 * (`bind`), so what the adapter gets is a facade that passes the arguments at each run instead.
 * It covers what the adapter calls (`bind(args)` then `reader`, `columns()`, `run()`,
 * `raw().all()`; `run()` unbound for BEGIN); the adapter always reads rows raw, so the cached
 * statement is switched to raw mode and stays in it. Statements run synchronously, so one
 * statement is never in use twice at once.
 */
function cachePreparedStatements(adapter: Adapter): void {
  const client = (adapter as unknown as { client?: { prepare(sql: string): SqliteStatement } }).client;
  if (!client || typeof client.prepare !== 'function') return;
  const prepare = client.prepare.bind(client);
  // `columns`: every statement sent here names its columns (no `SELECT *`), so a prepared one
  // keeps them; asking for them at every run was 1.7% of the busy time in the bench's profile
  // once preparing was cached.
  type Prepared = { stmt: SqliteStatement; columns?: unknown[] };
  const cache = new Map<string, Prepared>();
  const prepared = (sql: string) => {
    let entry = cache.get(sql);
    if (entry) {
      cache.delete(sql); // most recently used last: the first key is the one to drop
    } else {
      entry = { stmt: prepare(sql) };
      if (cache.size >= PREPARED_STATEMENTS) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, entry);
    return entry;
  };
  const facade = (entry: Prepared, args: unknown[]) => ({
    get reader() { return entry.stmt.reader; },
    columns: () => (entry.columns ??= entry.stmt.columns()),
    run: () => entry.stmt.run(...args),
    raw: () => ({ all: () => entry.stmt.raw(true).all(...args) }),
    bind: (bound: unknown[]) => facade(entry, bound),
  });
  client.prepare = ((sql: string) => facade(prepared(sql), [])) as unknown as typeof client.prepare;
}

/** A unique index refused the row (what Prisma reports as P2002), on either database. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { cause?: { kind?: unknown } } | undefined)?.cause?.kind === 'UniqueConstraintViolation';
}

function toQuery(sql: string, args: readonly SqlValue[], postgres: boolean): Query {
  let n = 0;
  return {
    sql: postgres ? sql.replace(/\?/g, () => `$${++n}`) : sql,
    args: [...args],
    argTypes: args.map(argType),
  };
}

function argType(value: SqlValue): ArgType {
  const scalarType: ArgType['scalarType'] =
    value instanceof Date ? 'datetime'
      : typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float')
        : typeof value === 'bigint' ? 'bigint'
          : typeof value === 'boolean' ? 'boolean'
            : value === null ? 'unknown' : 'string';
  return { scalarType, arity: 'scalar' };
}

/** An integer column or COUNT(*): SQLite's driver gives text, PostgreSQL's a number (or text for bigint). */
export function sqlInt(value: unknown): number {
  return Number(value);
}

/** A DateTime column: both drivers give ISO 8601 text ("…+00:00"). */
export function sqlDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

export function sqlDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : sqlDate(value);
}

/** A Boolean column: SQLite stores 0 or 1 (its driver gives them as text), PostgreSQL a boolean. */
export function sqlBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 1n;
}
