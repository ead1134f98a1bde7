import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app';
import { PrismaVoiceTurnStore, VOICE_TURN_RETENTION_MS } from '../../src/persistence/prisma-voice-turn-store';
import { freshDb } from '../support/test-db';

const NOW = new Date('2026-11-23T10:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
let app: App | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

describe('PrismaVoiceTurnStore.purge', () => {
  it('forgets answered webhooks older than a day and keeps the newer ones, from the purge-voice-turns job', async () => {
    const { db, url } = await freshDb();
    await db.voiceTurn.createMany({ data: [
      { callSid: 'CAold', turn: 0, twiml: '<Response/>', createdAt: ago(VOICE_TURN_RETENTION_MS + 60_000) },
      { callSid: 'CAold', turn: 1, twiml: null, createdAt: ago(VOICE_TURN_RETENTION_MS + 1) },
      { callSid: 'CAnew', turn: 0, twiml: '<Response/>', createdAt: ago(VOICE_TURN_RETENTION_MS - 60_000) },
    ] });
    await db.$disconnect();
    app = await createApp({ databaseUrl: url, now: () => NOW });
    expect(await app.jobs.tick('purge-voice-turns')).toBe('ran');
    expect((await app.db.voiceTurn.findMany()).map((t) => `${t.callSid}:${t.turn}`)).toEqual(['CAnew:0']);
    expect(await new PrismaVoiceTurnStore(app.db, () => NOW).purge()).toBe(0);
  });
});

describe('PrismaVoiceTurnStore.claim', () => {
  it('lets one webhook run a turn, hands its TwiML to a repeat, and gives a claim left by a crashed process to the retry once', async () => {
    const { db } = await freshDb();
    let now = NOW;
    const store = new PrismaVoiceTurnStore(db, () => now);
    try {
      expect(await store.claim('CA1', 2)).toBe('claimed');
      expect(await store.claim('CA1', 2)).toBe('running');
      // 31 s later nobody stored an answer: the first retry takes the turn over, a second one waits for it.
      now = new Date(NOW.getTime() + 31_000);
      expect(await store.claim('CA1', 2)).toBe('claimed');
      expect(await store.claim('CA1', 2)).toBe('running');
      await store.complete('CA1', 2, '<Response><Say>ok</Say></Response>');
      expect(await store.claim('CA1', 2)).toEqual({ twiml: '<Response><Say>ok</Say></Response>' });
      expect(await store.claim('CA1', 3)).toBe('claimed');
      await store.release('CA1', 3);
      const rows = await db.voiceTurn.findMany({ orderBy: { turn: 'asc' } });
      expect(rows.map((r) => ({ turn: r.turn, twiml: r.twiml, createdAt: r.createdAt.toISOString() })))
        .toEqual([{ turn: 2, twiml: '<Response><Say>ok</Say></Response>', createdAt: NOW.toISOString() }]);
    } finally {
      await db.$disconnect();
    }
  });
});
