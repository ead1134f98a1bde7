import { copyFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { inject } from 'vitest';
import { createPrismaClient, type Db } from '../../src/persistence/prisma-client';
import { adminClient, testDatabase, testPostgresUrl } from './postgres';

/**
 * A fresh copy of the migrated, seeded template database: tests never share rows.
 * SQLite copies this run's template file; PostgreSQL (TEST_DATABASE=postgres) clones this run's
 * template database, which global-setup.ts drops with the rest of the run at the end.
 */
export async function freshDb(): Promise<{ db: Db; url: string }> {
  const url = testDatabase() === 'postgres' ? await clonePostgres() : copySqlite();
  return { db: await createPrismaClient(url), url };
}

function copySqlite(): string {
  const template = inject('sqliteTemplate');
  const file = path.join(path.dirname(template), `${randomUUID()}.db`);
  copyFileSync(template, file);
  return `file:${file}`;
}

let admin: Promise<Db> | undefined;

async function clonePostgres(): Promise<string> {
  const template = inject('pgTemplate');
  const name = `${template.replace(/template$/, '')}${randomUUID().slice(0, 8)}`;
  admin ??= adminClient();
  const db = await admin;
  for (let attempt = 0; ; attempt++) {
    try {
      await db.$executeRawUnsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return testPostgresUrl(name);
    } catch (error) {
      // 55006: another worker's CREATE DATABASE is reading the template at this moment.
      if (attempt < 20 && /being accessed by other users/.test(String(error))) {
        await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 50));
        continue;
      }
      throw error;
    }
  }
}
