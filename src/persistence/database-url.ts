import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type { PrismaPg } from '@prisma/adapter-pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The embedded default: one SQLite file under data/, created on first use. */
export const DEFAULT_DATABASE_URL = `file:${path.join(root, 'data', 'library.db')}`;

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function isPostgres(url = databaseUrl()): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * The driver adapter for a URL: PostgreSQL through pg, anything else is a SQLite file. Each is
 * imported when a URL needs it, so a process loads one driver, not both.
 */
export async function createAdapterFactory(url = databaseUrl()): Promise<PrismaBetterSQLite3 | PrismaPg> {
  if (isPostgres(url)) {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    return new PrismaPg({ connectionString: url, max: 10 });
  }
  const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
  const file = url.replace(/^file:/, '');
  // timeout: how long a writer waits for SQLite's single write lock before SQLITE_BUSY.
  // ':memory:' is SQLite's own name for a database in memory: resolved as a path it became a file of that name.
  if (file === ':memory:') return new PrismaBetterSQLite3({ url: ':memory:', timeout: 10_000 });
  mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });
  return new PrismaBetterSQLite3({ url: file.startsWith('/') ? file : path.resolve(root, file), timeout: 10_000 });
}
