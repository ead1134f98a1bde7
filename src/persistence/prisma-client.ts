import { PrismaClient } from '../generated/prisma/client';
import { PrismaClient as PgPrismaClient } from '../generated/prisma-pg/client';
import { createAdapterFactory, databaseUrl, isPostgres } from './database-url';

export type Db = PrismaClient;
export type Provider = 'sqlite' | 'postgresql';

/**
 * Prisma's default maxWait (2 s) to start an interactive transaction is shorter than the queue
 * a burst of confirmations builds behind SQLite's single writer or a full PostgreSQL pool:
 * waiting is right there, failing the patron's order is not.
 */
const transactionOptions = { maxWait: 20_000, timeout: 20_000 };

const providers = new WeakMap<Db, Provider>();

/** The database behind a client, for the few queries written per provider (search, row locks). */
export function providerOf(db: Db): Provider {
  return providers.get(db) ?? 'sqlite';
}

/**
 * One client per process; SQLite gets WAL so readers never wait for the writer. PostgreSQL
 * gets the client generated from the same schema files for that provider (Prisma 6.19 refuses
 * a driver adapter of another provider); its models and queries are the same, so the
 * repositories see one type.
 */
export async function createPrismaClient(url = databaseUrl()): Promise<Db> {
  if (isPostgres(url)) {
    const pg = new PgPrismaClient({ adapter: createAdapterFactory(url), transactionOptions }) as unknown as Db;
    providers.set(pg, 'postgresql');
    return pg;
  }
  const prisma = new PrismaClient({ adapter: createAdapterFactory(url), transactionOptions });
  providers.set(prisma, 'sqlite');
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return prisma;
}
