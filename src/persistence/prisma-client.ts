import { PrismaClient } from '../generated/prisma/client';
import { createAdapterFactory, databaseUrl, isPostgres } from './database-url';
import { retryBusyTransactions } from './sqlite-busy-retry';
import { DirectSqlFactory, type DirectSql, type SqlRow, type SqlValue } from './direct-sql';

export type Db = PrismaClient;
export type Provider = 'sqlite' | 'postgresql';

/**
 * Prisma's default maxWait (2 s) to start an interactive transaction is shorter than the queue
 * a burst of confirmations builds behind SQLite's single writer or a full PostgreSQL pool:
 * waiting is right there, failing the patron's order is not.
 */
const transactionOptions = { maxWait: 20_000, timeout: 20_000 };

const providers = new WeakMap<Db, Provider>();
const direct = new WeakMap<Db, DirectSql>();

/** The database behind a client, for the few queries written per provider (search, row locks). */
export function providerOf(db: Db): Provider {
  return providers.get(db) ?? 'sqlite';
}

/**
 * Statements sent to the client's driver adapter without Prisma's query compiler, for the
 * conversation state every turn reads and writes (direct-sql.ts). A client made elsewhere gets
 * the same statements through Prisma's raw queries.
 */
export function directSqlOf(db: Db): DirectSql {
  const known = direct.get(db);
  if (known) return known;
  const numbered = (sql: string) => { let n = 0; return providerOf(db) === 'postgresql' ? sql.replace(/\?/g, () => `$${++n}`) : sql; };
  const on = (client: Pick<Db, '$queryRawUnsafe' | '$executeRawUnsafe'>) => ({
    query: (sql: string, args: readonly SqlValue[]) => client.$queryRawUnsafe<SqlRow[]>(numbered(sql), ...args),
    execute: (sql: string, args: readonly SqlValue[]) => client.$executeRawUnsafe(numbered(sql), ...args),
  });
  return { ...on(db), transaction: (work) => db.$transaction((tx) => work(on(tx))) };
}

/**
 * One client per process; SQLite gets WAL so readers never wait for the writer. PostgreSQL
 * gets the client generated from the same schema files for that provider (Prisma 6.19 refuses
 * a driver adapter of another provider); its models and queries are the same, so the
 * repositories see one type. The PostgreSQL client is imported only for a PostgreSQL URL: a
 * SQLite process does not load it (nor pg and its adapter, database-url.ts).
 */
export async function createPrismaClient(url = databaseUrl()): Promise<Db> {
  if (isPostgres(url)) {
    const { PrismaClient: PgPrismaClient } = await import('../generated/prisma-pg/client');
    const adapter = new DirectSqlFactory(await createAdapterFactory(url));
    const pg = new PgPrismaClient({ adapter, transactionOptions }) as unknown as Db;
    providers.set(pg, 'postgresql');
    direct.set(pg, adapter.sql(() => pg.$connect()));
    return pg;
  }
  const adapter = new DirectSqlFactory(await createAdapterFactory(url));
  const prisma = new PrismaClient({ adapter, transactionOptions });
  providers.set(prisma, 'sqlite');
  retryBusyTransactions(prisma);
  direct.set(prisma, adapter.sql(() => prisma.$connect()));
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return prisma;
}
