import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../src/persistence/prisma-client';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('file::memory:', () => {
  it('is a database in memory, not a file named ":memory:" at the repository root', async () => {
    const db = await createPrismaClient('file::memory:');
    try {
      await db.$executeRawUnsafe('CREATE TABLE t (x INTEGER)');
      await db.$executeRawUnsafe('INSERT INTO t VALUES (1)');
      expect(await db.$queryRawUnsafe('SELECT x FROM t')).toEqual([{ x: 1 }]);
    } finally {
      await db.$disconnect();
    }
    expect(existsSync(path.join(root, ':memory:'))).toBe(false);
  });
});
