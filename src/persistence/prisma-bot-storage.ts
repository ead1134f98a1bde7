import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from './prisma-client';

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
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db.botState.findMany({ where: { id: { in: keys } } });
    const items: StoreItems = {};
    for (const row of rows) items[row.id] = { ...JSON.parse(row.data), eTag: row.etag, [READ_ETAG]: row.etag };
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
        const { count } = await this.db.botState.updateMany({ where: { id: key, etag: expected }, data: { data, etag } });
        if (count === 0) throw new StateConflictError(key);
      } else {
        // First write of a conversation: someone else creating it first is a conflict too.
        try {
          await this.db.botState.create({ data: { id: key, data, etag } });
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
