import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { setupDatabase } from '../../scripts/db-setup';
import { adminClient, dropRunDatabases, isAlive, pgRunPrefix, testDatabase, testPostgresUrl } from './postgres';

const TEST_DATA = path.resolve(import.meta.dirname, '..', '..', 'data', 'test');

/**
 * Migrates and seeds one template database with the product's own set-up; every test clones
 * it. SQLite: a file that `freshDb()` copies, in a folder of this run (several runs share
 * the working tree). PostgreSQL (TEST_DATABASE=postgres): a database
 * of this run that `freshDb()` clones with CREATE DATABASE … TEMPLATE; the run's databases
 * are dropped at the end.
 */
export default async function globalSetup(project: TestProject): Promise<(() => Promise<void>) | void> {
  // Staff passwords at the production scrypt cost (a weaker one would be re-hashed at every
  // test's first login, changing the rows the fuzzers watch); PINs are keyed hashes, cheap anyway.
  if (testDatabase() === 'postgres') {
    const admin = await adminClient();
    const prefix = pgRunPrefix(process.pid);
    const template = `${prefix}template`;
    try {
      await dropRunDatabases(admin, { staleOnly: true });
      await admin.$executeRawUnsafe(`CREATE DATABASE "${template}"`);
    } finally {
      await admin.$disconnect();
    }
    await setupDatabase(testPostgresUrl(template));
    project.provide('pgTemplate', template);
    return async () => {
      const last = await adminClient();
      try { await dropRunDatabases(last, { prefix }); } finally { await last.$disconnect(); }
    };
  }
  mkdirSync(TEST_DATA, { recursive: true });
  for (const entry of readdirSync(TEST_DATA)) {
    if (!/^run-\d+$/.test(entry) || !isAlive(Number(entry.slice(4)))) rmSync(path.join(TEST_DATA, entry), { recursive: true, force: true });
  }
  const runDir = path.join(TEST_DATA, `run-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  const template = path.join(runDir, 'template.db');
  await setupDatabase(`file:${template}`);
  project.provide('sqliteTemplate', template);
  return async () => rmSync(runDir, { recursive: true, force: true });
}
