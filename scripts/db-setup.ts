import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemoData } from '../prisma/seed';
import { databaseUrl } from '../src/persistence/database-url';
import { createPrismaClient } from '../src/persistence/prisma-client';
import { prismaEnv } from './prisma-env';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Applies pending migrations with Prisma's own `migrate deploy`, then seeds the demo data once. */
export async function setupDatabase(url = databaseUrl(), options: { seed?: boolean; pinCost?: number } = {}): Promise<void> {
  prismaEnv();
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  if (options.seed === false) return;
  const db = await createPrismaClient(url);
  try {
    const { seeded } = await seedDemoData(db, { pinCost: options.pinCost });
    process.stderr.write(seeded ? 'Demo data seeded.\n' : 'Demo data already present.\n');
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  setupDatabase().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
