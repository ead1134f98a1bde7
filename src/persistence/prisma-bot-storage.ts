import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { DirectSql } from './direct-sql';
import { directSqlOf, type Db } from './prisma-client';

export class StateConflictError extends Error {
  readonly code = 'STATE_CONFLICT';
  constructor(key: string) { super(`state '${key}' was changed by another turn`); }
}

/** Where the eTag of the read survives botbuilder's BotState, which overwrites `eTag` with '*'. */
const READ_ETAG = '$readEtag';

/**
 * botbuilder Storage in the product database, so a restarted (or second) server resumes
 * every conversation at its prompt. eTags give optimistic concurrency: a write based on a
 * stale read fails instead of silently undoing another turn's changes. BotState always writes
 * with eTag '*', so the eTag of the read travels in a hidden field of the item and is honoured.
 */
export class PrismaBotStorage implements Storage {
  // Every turn reads and writes its row: those statements skip Prisma's query compiler.
  private readonly sql: DirectSql;

  constructor(private readonly db: Db) {
    this.sql = directSqlOf(db);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.sql.query(`SELECT "id", "data", "etag" FROM "BotState" WHERE "id" IN (${keys.map(() => '?').join(', ')})`, keys);
    const items: StoreItems = {};
    for (const row of rows) {
      const etag = String(row.etag);
      items[String(row.id)] = { ...JSON.parse(String(row.data)), eTag: etag, [READ_ETAG]: etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const record = item as Record<string, unknown>;
      const { eTag, [READ_ETAG]: readEtag, ...rest } = record;
      const data = JSON.stringify(rest);
      const etag = randomUUID();
      // The hidden read eTag is the newest this caller has seen (it follows the caller's own writes).
      const expected = typeof readEtag === 'string' ? readEtag : typeof eTag === 'string' && eTag !== '*' ? eTag : undefined;
      if (expected) {
        const count = await this.sql.execute('UPDATE "BotState" SET "data" = ?, "etag" = ?, "updatedAt" = ? WHERE "id" = ? AND "etag" = ?',
          [data, etag, new Date(), key, expected]);
        if (count === 0) throw new StateConflictError(key);
      } else {
        // First write of a conversation: someone else creating it first is a conflict too.
        try {
          await this.sql.execute('INSERT INTO "BotState" ("id", "data", "etag", "updatedAt") VALUES (?, ?, ?, ?)', [key, data, etag, new Date()]);
        } catch {
          throw new StateConflictError(key);
        }
      }
      // The caller keeps this object as its cache: a second save in the same turn must expect the new eTag.
      record[READ_ETAG] = etag;
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.db.botState.deleteMany({ where: { id: { in: keys } } });
  }
}
