import { createPrismaClient, type Db } from '../../src/persistence/prisma-client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of this run's migrated and seeded PostgreSQL template database. */
    pgTemplate: string;
    /** Path of this run's migrated and seeded SQLite template file. */
    sqliteTemplate: string;
  }
}

/** Which database the suite runs against: `TEST_DATABASE=postgres` or SQLite (the default). */
export function testDatabase(): 'postgres' | 'sqlite' {
  return /^(postgres|postgresql|pg)$/i.test(process.env.TEST_DATABASE ?? '') ? 'postgres' : 'sqlite';
}

/** The server the PostgreSQL run uses; trust auth on 127.0.0.1 on the team's machines and CI. */
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function testPostgresUrl(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Every database of a run starts with this, so a run drops exactly its own. */
export function pgRunPrefix(pid: number): string {
  return `lbb_test_${pid}_`;
}

export async function adminClient(): Promise<Db> {
  return createPrismaClient(testPostgresUrl(new URL(SERVER).pathname.slice(1) || 'postgres'));
}

/**
 * Drops the run's databases (FORCE ends the connections tests left open); `staleOnly` drops
 * those of earlier runs whose process is gone (a killed run leaves its databases behind).
 */
export async function dropRunDatabases(admin: Db, which: { prefix: string } | { staleOnly: true }): Promise<void> {
  const rows = await admin.$queryRawUnsafe<Array<{ datname: string }>>(
    "SELECT datname::text AS datname FROM pg_database WHERE datname LIKE 'lbb\\_test\\_%'");
  for (const { datname } of rows) {
    if ('prefix' in which ? !datname.startsWith(which.prefix) : isAlive(Number(datname.split('_')[2]))) continue;
    await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
