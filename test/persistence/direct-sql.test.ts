import { afterEach, describe, expect, it, vi } from 'vitest';
import { dbStatements } from '../../src/observability/metrics';
import { directSqlOf, type Db } from '../../src/persistence/prisma-client';
import { testDatabase } from '../support/postgres';
import { freshDb } from '../support/test-db';

let db: Db | undefined;
afterEach(async () => { await db?.$disconnect(); db = undefined; });

const statements = async () => (await dbStatements.get()).values.reduce((sum, v) => sum + v.value, 0);

describe('direct SQL', () => {
  it('gives each run of the same statement its own arguments, for reads, writes and Prisma\'s own queries', async () => {
    ({ db } = await freshDb());
    const sql = directSqlOf(db);
    const insert = 'INSERT INTO "BotState" ("id", "data", "etag", "updatedAt") VALUES (?, ?, ?, ?)';
    for (const n of [1, 2, 3]) expect(await sql.execute(insert, [`k${n}`, `{"n":${n}}`, `e${n}`, new Date()])).toBe(1);
    const read = 'SELECT "data" FROM "BotState" WHERE "id" = ?';
    expect((await sql.query(read, ['k2']))[0]?.data).toBe('{"n":2}');
    expect((await sql.query(read, ['k3']))[0]?.data).toBe('{"n":3}');
    expect(await sql.query(read, ['missing'])).toEqual([]);
    const update = 'UPDATE "BotState" SET "data" = ? WHERE "id" = ?';
    expect(await sql.execute(update, ['{"n":20}', 'k2'])).toBe(1);
    expect(await sql.execute(update, ['{"n":0}', 'missing'])).toBe(0);
    // Prisma's own statements go through the same adapter.
    for (let i = 0; i < 2; i++) {
      expect((await db.botState.findMany({ orderBy: { id: 'asc' }, select: { id: true, data: true } })).map((r) => `${r.id}=${r.data}`))
        .toEqual(['k1={"n":1}', 'k2={"n":20}', 'k3={"n":3}']);
    }
    expect(await db.botState.count({ where: { id: { in: ['k1', 'k3'] } } })).toBe(2);
  });

  it('rolls a failed transaction back whole', async () => {
    ({ db } = await freshDb());
    const sql = directSqlOf(db);
    const insert = 'INSERT INTO "BotState" ("id", "data", "etag", "updatedAt") VALUES (?, ?, ?, ?)';
    await sql.execute(insert, ['kept', '{}', 'e', new Date()]);
    await expect(sql.transaction(async (tx) => {
      await tx.execute(insert, ['lost', '{}', 'e', new Date()]);
      await tx.execute(insert, ['kept', '{}', 'e', new Date()]); // the primary key refuses it
    })).rejects.toThrow();
    expect((await db.botState.findMany({ select: { id: true } })).map((r) => r.id)).toEqual(['kept']);
  });

  it('counts every statement sent to the database in db_statements_total', async () => {
    ({ db } = await freshDb());
    const sql = directSqlOf(db);
    await sql.query('SELECT 1 AS one', []);
    const before = await statements();
    await sql.query('SELECT 1 AS one', []);
    await db.botState.count();
    await sql.execute('DELETE FROM "BotState" WHERE "id" = ?', ['none']);
    // The direct DELETE runs in a transaction of its own on SQLite (BEGIN and COMMIT are statements too).
    expect(await statements() - before).toBeGreaterThanOrEqual(3);
  });

  it.skipIf(testDatabase() === 'postgres')('prepares a SQLite statement once and runs it again with new arguments after', async () => {
    // better-sqlite3 ships no types; only its prototype's prepare is needed here.
    const driver = 'better-sqlite3';
    const Database = (await import(driver)).default as { prototype: { prepare(sql: string): unknown } };
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    try {
      ({ db } = await freshDb());
      const sql = directSqlOf(db);
      const read = 'SELECT "data" FROM "BotState" WHERE "id" = ? AND 7 = 7';
      for (let i = 0; i < 5; i++) expect(await sql.query(read, [`k${i}`])).toEqual([]);
      expect(prepare.mock.calls.filter(([text]) => text === read)).toHaveLength(1);
    } finally {
      prepare.mockRestore();
    }
  });
});
