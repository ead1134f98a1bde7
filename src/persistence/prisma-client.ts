import { PrismaClient } from '../generated/prisma/client';
import { PrismaClient as PgPrismaClient } from '../generated/prisma-pg/client';
import { createAdapterFactory, databaseUrl, isPostgres } from './database-url';

export type Db = PrismaClient;

/**
 * One client per process; SQLite gets WAL so readers never wait for the writer. PostgreSQL
 * gets the client generated from the same schema files for that provider (Prisma 6.19 refuses
 * a driver adapter of another provider); its models and queries are the same, so the
 * repositories see one type.
 */
export async function createPrismaClient(url = databaseUrl()): Promise<Db> {
  if (isPostgres(url)) return new PgPrismaClient({ adapter: createAdapterFactory(url) }) as unknown as Db;
  const prisma = new PrismaClient({ adapter: createAdapterFactory(url) });
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return prisma;
}
