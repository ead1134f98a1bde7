import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/persistence/prisma-client';
import { Conversation, testBot } from '../../support/conversation';
import { freshDb } from '../../support/test-db';
import { RecordingSms } from '../twilio-voice/voice-call-support';

let db: Db;
beforeEach(async () => { ({ db } = await freshDb()); });
afterEach(async () => { await db.$disconnect(); });

describe('the order confirmation by text message', () => {
  it('goes to the patron’s phone on file in the conversation’s language, from web chat too', async () => {
    const sms = new RecordingSms();
    const c = new Conversation(await testBot(db, { now: () => new Date('2026-11-23T10:00:00Z'), sms }), { library: 'kalamaria', locale: 'el' });
    await c.join();
    await c.say('Magyarul');
    await c.say('1');
    await c.say('1001001');
    await c.say('1234');
    await c.say('zorba');
    await c.say('1');
    await c.say('1');
    await c.say('2');
    expect(sms.sent).toEqual([]);
    await c.say('igen');
    const order = await db.order.findFirstOrThrow({ where: { channel: 'test' } });
    expect(order.language).toBe('hu');
    expect(sms.sent).toEqual([{ to: '+306900000001', body: `Rendelés: ${order.ref}. Átvétel csak előre egyeztetett időpontban.` }]);
  });
});
