import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { tFor } from '../../src/i18n/init';
import { startApp, WebChatClient } from '../support/http';
import { freshDb } from '../support/test-db';

// Storage flood (issue 14, point 8): one client opened 326 conversations a second, each stored
// for 30 days. Opening is now limited per address, and a conversation is stored only once the
// patron has said something.
let app: App;
let base: string;
const saved = { ...process.env };
beforeAll(async () => {
  Object.assign(process.env, { WEBCHAT_NEW_CONVERSATIONS_PER_10_MIN: '5', TRUST_PROXY: '1' });
  const { db, url } = await freshDb();
  await db.$disconnect();
  ({ app, base } = await startApp(url));
});
afterAll(async () => {
  process.env = saved;
  await app?.close();
});

const open = (address: string) => fetch(`${base}/webchat/conversations`, {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ library: 'kalamaria' }),
});

describe('opening web chat conversations', () => {
  it('stores nothing for a conversation that has said nothing', async () => {
    const before = await app.db.botState.count();
    const outboxes = await app.db.webChatOutbox.count();
    for (let i = 0; i < 5; i++) expect((await open('198.51.100.1')).status).toBe(201);
    expect(await app.db.botState.count()).toBe(before);
    expect(await app.db.webChatOutbox.count()).toBe(outboxes);
  });

  it('limits how many one address opens, and no other address', async () => {
    const refused = await open('198.51.100.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await open('198.51.100.2')).status).toBe(201);
  });

  it('stores the conversation from its first message on, as if the greeting had been stored', async () => {
    const chat = await WebChatClient.open(base);
    expect(chat.greeting.map((r) => r.text).join('\n')).toContain(tFor('el')('greeting.many_branches', { welcome: 'στις Δημοτικές Βιβλιοθήκες Καλαμαριάς' }));
    const stored = () => app.db.botState.count({ where: { id: { startsWith: `webchat/conversations/${chat.conversationId}/` } } });
    expect(await stored()).toBe(0);
    // The menu's first choice, answered as if the greeting's menu had been kept: no second welcome.
    const t = tFor('el', 'holds');
    const heard = (await chat.say('1')).map((r) => r.text).join('\n');
    expect(heard).toBe(`${t('signin.why.hold')} ${t('signin.ask_card')}`);
    expect(heard).not.toContain(tFor('el')('greeting.many_branches', { welcome: 'στις Δημοτικές Βιβλιοθήκες Καλαμαριάς' }));
    expect(await stored()).toBe(1);
    expect((await chat.say('1001001')).map((r) => r.text).join('\n')).toBe(t('signin.ask_pin'));
  });
});
