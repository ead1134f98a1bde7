import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setupDatabase } from '../../scripts/db-setup';

export const TEMPLATE_DIR = path.resolve(import.meta.dirname, '..', '..', 'data', 'test');
export const TEMPLATE_DB = path.join(TEMPLATE_DIR, 'template.db');

/** Migrates and seeds one SQLite file with Prisma's own CLI; every test copies it. */
export default async function globalSetup(): Promise<void> {
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  // A cheap scrypt cost: the template's PINs are hashed once per run, not per test.
  await setupDatabase(`file:${TEMPLATE_DB}`, { pinCost: 1024 });
}
