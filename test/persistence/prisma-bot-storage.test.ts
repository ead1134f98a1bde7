import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrismaBotStorage, StateConflictError } from '../../src/persistence/prisma-bot-storage';
import type { Db } from '../../src/persistence/prisma-client';
import { freshDb } from '../support/test-db';

let db: Db;
let storage: PrismaBotStorage;
beforeEach(async () => { ({ db } = await freshDb()); storage = new PrismaBotStorage(db); });
afterEach(async () => { await db.$disconnect(); });

describe('PrismaBotStorage', () => {
  it('round-trips an item and gives it an eTag', async () => {
    await storage.write({ k: { step: 1, text: 'Καπετάν Μιχάλης' } });
    const { k } = await storage.read(['k', 'missing']);
    expect(k).toMatchObject({ step: 1, text: 'Καπετάν Μιχάλης' });
    expect(typeof k?.eTag).toBe('string');
  });

  it('refuses a write based on a stale read, even when botbuilder stamps eTag "*"', async () => {
    await storage.write({ k: { step: 1 } });
    const first = (await storage.read(['k'])).k!;
    const second = (await storage.read(['k'])).k!;
    await storage.write({ k: { ...first, eTag: '*', step: 2 } });
    await expect(storage.write({ k: { ...second, eTag: '*', step: 3 } })).rejects.toBeInstanceOf(StateConflictError);
    expect((await storage.read(['k'])).k).toMatchObject({ step: 2 });
  });

  it('lets the same turn save twice (the cached item learns its new eTag)', async () => {
    await storage.write({ k: { step: 1 } });
    const item = (await storage.read(['k'])).k!;
    item.step = 2;
    await storage.write({ k: item });
    item.step = 3;
    await storage.write({ k: item });
    expect((await storage.read(['k'])).k).toMatchObject({ step: 3 });
  });

  it('refuses to create a conversation twice from two first turns', async () => {
    await storage.write({ k: { step: 1 } });
    await expect(storage.write({ k: { step: 9 } })).rejects.toBeInstanceOf(StateConflictError);
  });

  it("keeps a write made while another turn's transaction is open, when that transaction rolls back", async () => {
    await storage.write({ k: { step: 1 } });
    const item = (await storage.read(['k'])).k!;
    let opened!: () => void;
    let release!: () => void;
    const open = new Promise<void>((resolve) => { opened = resolve; });
    const held = new Promise<void>((resolve) => { release = resolve; });
    // Placing an order: an interactive transaction that writes, waits, then fails.
    const order = db.$transaction(async (tx) => {
      await tx.botState.create({ data: { id: 'other', data: '{}', etag: 'e' } });
      opened();
      await held;
      throw new Error('copy taken');
    });
    await open;
    item.step = 2;
    const write = storage.write({ k: item });
    await new Promise((resolve) => setImmediate(resolve)); // the write has gone as far as it can
    release();
    await expect(order).rejects.toThrow('copy taken');
    await write;
    expect((await storage.read(['k'])).k).toMatchObject({ step: 2 });
    expect(await storage.read(['other'])).toEqual({});
  });

  it('deletes', async () => {
    await storage.write({ k: { step: 1 } });
    await storage.delete(['k']);
    expect(await storage.read(['k'])).toEqual({});
  });
});
