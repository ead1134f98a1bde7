import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conversation, testBot } from '../support/conversation';
import { freshDb } from '../support/test-db';
import type { Db } from '../../src/persistence/prisma-client';

let db: Db;
beforeAll(async () => { ({ db } = await freshDb()); });
afterAll(async () => { await db.$disconnect(); });

describe('smoke', () => {
  it('talks', async () => {
    const c = new Conversation(await testBot(db));
    await c.join();
    console.log(JSON.stringify(c.last.map(r => [r.text, r.channelData]), null, 1));
    for (const text of ['1', '1001001', '1234', 'καπετάν μιχάλης', '1', '2', 'ναι']) {
      await c.say(text);
      console.log('>>', text, '\n', c.heard, JSON.stringify(c.question?.channelData));
    }
    expect(1).toBe(1);
  });
});
