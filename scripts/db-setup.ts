import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemoData, seedLibraries } from '../prisma/seed';
import { demoDataFromEnv } from '../src/libraries/demo-data';
import { LibraryConfigError, loadLibraries, type Libraries } from '../src/libraries/load-libraries';
import type { Db } from '../src/persistence/prisma-client';
import { KeyedPinHasher } from '../src/persistence/keyed-pin-hasher';
import { pinKeysFromEnv } from '../src/persistence/pin-keys-from-env';
import { databaseUrl, isPostgres } from '../src/persistence/database-url';
import { createPrismaClient } from '../src/persistence/prisma-client';
import { deployPgMigrations, SETUP_LOCK_KEY } from './pg-migrate';
import { prismaEnv } from './prisma-env';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SetupOptions {
  /** false: migrations only. */
  seed?: boolean;
  /** The library files (default: LIBRARIES_DIR or libraries/). */
  libraries?: Libraries;
  /** Demo patrons, books and staff accounts (default: DEMO_DATA, off in production). */
  demoData?: boolean;
}

/**
 * Applies pending migrations, writes the libraries' rows from their files, then seeds the
 * demo data once when it is on: SQLite with Prisma's own `migrate deploy`, PostgreSQL with
 * scripts/pg-migrate.ts, under an advisory lock so that several instances starting together
 * migrate and seed once.
 */
export async function setupDatabase(url = databaseUrl(), options: SetupOptions = {}): Promise<void> {
  // Read before migrating: a wrong file or setting stops here, with nothing half done.
  const libraries = options.libraries ?? loadLibraries();
  const demoData = options.demoData ?? demoDataFromEnv();
  options = { ...options, libraries, demoData };
  if (isPostgres(url)) return setupPostgres(url, options);
  // Prisma's migrate deploy takes the database's write lock even when nothing is pending, and
  // fails (SocketTimeout) while a running server holds it: `npm run phone` beside `npm start`.
  if ((await pendingSqliteMigrations(url)).length > 0) migrateSqlite(url);
  if (options.seed === false) return;
  const db = await createPrismaClient(url);
  try {
    await seed(db, url, options);
  } finally {
    await db.$disconnect();
  }
}

/** Migrations in prisma/migrations that the database has not finished applying. */
export async function pendingSqliteMigrations(url: string): Promise<string[]> {
  const wanted = readdirSync(path.join(root, 'prisma', 'migrations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const db = await createPrismaClient(url);
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    ).catch(() => []); // no table yet: a new database, everything is pending
    const applied = new Set(rows.map((row) => row.migration_name));
    return wanted.filter((name) => !applied.has(name));
  } finally {
    await db.$disconnect();
  }
}

function migrateSqlite(url: string): void {
  prismaEnv();
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
}


async function seed(db: Db, url: string, options: SetupOptions): Promise<void> {
  await seedLibraries(db, options.libraries!);
  if (!options.demoData) return;
  const { seeded } = await seedDemoData(db, { pinHasher: new KeyedPinHasher(pinKeysFromEnv(url)), libraries: options.libraries! });
  process.stderr.write(`${seeded ? 'Demo data seeded' : 'Demo data already present'}: demo patrons, books and staff accounts with known passwords are in use (DEMO_DATA=off to start without them).\n`);
}

async function setupPostgres(url: string, options: SetupOptions): Promise<void> {
  const db = await createPrismaClient(url);
  try {
    await db.$transaction(async (tx) => {
      // Transaction-scoped: released on commit or when the connection dies, never left behind.
      await tx.$queryRawUnsafe('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::bigint)', SETUP_LOCK_KEY);
      const applied = await deployPgMigrations(db, url);
      if (applied.length > 0) process.stderr.write(`Applied ${applied.join(', ')}.\n`);
      if (options.seed === false) return;
      await seed(db, url, options);
    }, { timeout: 300_000, maxWait: 300_000 });
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  setupDatabase().catch((error: unknown) => {
    // A wrong library file: its problems, one per line, and no stack trace.
    if (error instanceof LibraryConfigError) process.stderr.write(`${error.problems.join('\n')}\n`);
    else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
