import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../src/persistence/prisma-client';
import { executeSql, PG_MIGRATIONS_DIR } from './pg-schema';

/** Any constant shared by every instance: the key of the advisory lock that serialises set-up. */
export const SETUP_LOCK_KEY = 7_001_001;

/**
 * `migrate deploy` for PostgreSQL. Prisma 6.19's js schema engine cannot introspect
 * PostgreSQL, so the migrations in prisma/migrations-pg/ are run with `prisma db execute`,
 * each in one transaction, and recorded in "_pg_migrations" with their checksum.
 * The caller holds SETUP_LOCK_KEY, so two instances starting together apply each migration once.
 */
export async function deployPgMigrations(db: Db, url: string): Promise<string[]> {
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "_pg_migrations" (
    "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`);
  const applied = new Map((await db.$queryRawUnsafe<Array<{ name: string; checksum: string }>>(
    'SELECT "name", "checksum" FROM "_pg_migrations"')).map((r) => [r.name, r.checksum]));
  const done: string[] = [];
  for (const name of readdirSync(PG_MIGRATIONS_DIR).filter((n) => /^\d{14}_/.test(n)).sort()) {
    const sql = readFileSync(path.join(PG_MIGRATIONS_DIR, name, 'migration.sql'), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const known = applied.get(name);
    if (known === checksum) continue;
    if (known) throw new Error(`migration ${name} changed after it was applied to this database (pre-release: recreate the database)`);
    const dir = mkdtempSync(path.join(tmpdir(), 'library-pg-migration-'));
    try {
      // PostgreSQL DDL is transactional: a failing migration leaves nothing half-done.
      const file = path.join(dir, 'migration.sql');
      writeFileSync(file, `BEGIN;\n${sql}\nCOMMIT;\n`);
      executeSql(file, url);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await db.$executeRawUnsafe('INSERT INTO "_pg_migrations" ("name", "checksum") VALUES ($1, $2)', name, checksum);
    done.push(name);
  }
  return done;
}
