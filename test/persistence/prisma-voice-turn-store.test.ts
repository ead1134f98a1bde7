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
