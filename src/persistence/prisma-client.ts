import { PrismaClient } from '../generated/prisma/client';
import { createAdapterFactory, databaseUrl, isPostgres } from './database-url';

export type Db = PrismaClient;

/** One client per process; SQLite gets WAL so readers never wait for the writer. */
export async function createPrismaClient(url = databaseUrl()): Promise<Db> {
  const prisma = new PrismaClient({ adapter: createAdapterFactory(url) });
  if (!isPostgres(url)) {
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  }
  return prisma;
}
