import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgSchemaDir } from './pg-schema-dir.mjs';
import { prismaEnv } from './prisma-env';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const prisma = path.join(root, 'node_modules', '.bin', 'prisma');
export const PG_MIGRATIONS_DIR = path.join(root, 'prisma', 'migrations-pg');
export const PG_INIT_MIGRATION = path.join(PG_MIGRATIONS_DIR, '20261123000000_init', 'migration.sql');
/** SQL Prisma's schema language cannot express (search indexes), appended to each provider's migration. */
export const EXTRA_SQL = {
  sqlite: path.join(root, 'prisma', 'sql', 'sqlite-extras.sql'),
  postgresql: path.join(root, 'prisma', 'sql', 'postgresql-extras.sql'),
} as const;

/** `prisma migrate diff --from-empty` for a schema folder: the SQL that creates it from nothing. */
export function diffFromEmpty(schemaDir: string, databaseUrl: string): string {
  prismaEnv();
  const result = spawnSync(prisma, ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', schemaDir, '--script'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: databaseUrl } });
  if (result.status !== 0) throw new Error(`prisma migrate diff failed:\n${result.stderr}`);
  return result.stdout;
}

export function withExtras(sql: string, provider: keyof typeof EXTRA_SQL): string {
  return `${sql}\n${readFileSync(EXTRA_SQL[provider], 'utf8')}`;
}

/** The PostgreSQL migration: the same models as the SQLite one, plus the PostgreSQL search index. */
export function pgSchemaSql(): string {
  const { dir, cleanup } = pgSchemaDir();
  try {
    return withExtras(diffFromEmpty(dir, 'file::memory:'), 'postgresql');
  } finally {
    cleanup();
  }
}

/**
 * Applies SQL to a database with `prisma db execute`. Prisma 6.19's js schema engine cannot
 * introspect PostgreSQL (so no `migrate deploy` there), but it can run a script.
 */
export function executeSql(file: string, databaseUrl: string): void {
  prismaEnv();
  const { dir, cleanup } = pgSchemaDir();
  try {
    const result = spawnSync(prisma, ['db', 'execute', '--file', file, '--schema', dir],
      { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: databaseUrl } });
    if (result.status !== 0) throw new Error(`prisma db execute failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    cleanup();
  }
}

export function writePgMigration(): string {
  mkdirSync(path.dirname(PG_INIT_MIGRATION), { recursive: true });
  writeFileSync(PG_INIT_MIGRATION, pgSchemaSql());
  return PG_INIT_MIGRATION;
}
