import { copyFileSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createPrismaClient, type Db } from '../../src/persistence/prisma-client';

const TEMPLATE_DIR = path.resolve(import.meta.dirname, '..', '..', 'data', 'test');

/** A fresh copy of the migrated, seeded template database: tests never share rows. */
export async function freshDb(): Promise<{ db: Db; url: string; file: string }> {
  mkdirSync(path.join(TEMPLATE_DIR, 'runs'), { recursive: true });
  const file = path.join(TEMPLATE_DIR, 'runs', `${randomUUID()}.db`);
  copyFileSync(path.join(TEMPLATE_DIR, 'template.db'), file);
  const url = `file:${file}`;
  return { db: await createPrismaClient(url), url, file };
}
