import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { tFor } from '../../src/i18n/init';
import { staffFetch, staffLogin } from '../staff/staff-support';
import { startApp, WebChatClient } from '../support/http';
import { freshDb } from '../support/test-db';

// Conversation hijack (issue 14, point 4), with two clients: the patron and someone who learnt
// the patron's conversation id (it is in every reply id and in logs), but not the page's token.
let app: App;
let base: string;
let patron: WebChatClient;
let ref: string;
beforeAll(async () => {
  const { db, url } = await freshDb();
  await db.$disconnect();
  ({ app, base } = await startApp(url));
  patron = await WebChatClient.open(base);
  for (const said of ['1', '1001001', '1234', 'καπεταν μιχαλης', '1', 'ολοκλήρωση']) await patron.say(said);
  ref = (await patron.say('ναι')).find((a) => a.channelData?.orderRef)?.channelData?.orderRef as string;
  expect(ref).toMatch(/^\d{7}$/);
});
afterAll(async () => { await app?.close(); });

const stateOf = async (conversationId: string) => (await app.db.botState.findUnique({ where: { id: `webchat/conversations/${conversationId}/` } }))?.data;

describe('a web chat conversation', () => {
  it('answers only the page that holds its token', async () => {
    const before = await stateOf(patron.conversationId);
    const other = await WebChatClient.open(base);
    for (const token of [null, other.token, 'not-the-token', `${patron.token}x`]) {
      const response = await patron.post({ type: 'message', text: 'τις παραγγελίες μου' }, token);
      expect(response.status).toBe(403);
      expect(JSON.stringify(await response.json())).not.toContain('Παπαδοπούλου');
    }
    expect(await stateOf(patron.conversationId)).toBe(before);
    expect(await app.db.order.findUniqueOrThrow({ where: { ref } })).toMatchObject({ status: 'new' });
  });

  it('keeps its outbox from anyone without the token', async () => {
    const other = await WebChatClient.open(base);
    for (const token of [null, other.token]) expect((await patron.outbox(0, token)).status).toBe(403);
    expect((await patron.outbox(0)).status).toBe(200);
  });

  it('never shows the connector address (its key) in a reply or the outbox', async () => {
    const staff = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
    const order = await app.db.order.findUniqueOrThrow({ where: { ref } });
    expect((await staffFetch(base, staff, `/api/staff/orders/${ref}/transitions`, { method: 'POST', body: { to: 'preparing', version: order.version } })).status).toBe(200);
    expect((await staffFetch(base, staff, `/api/staff/orders/${ref}/transitions`, { method: 'POST', body: { to: 'ready', version: order.version + 1 } })).status).toBe(200);
    const outbox = JSON.stringify(await (await patron.outbox(0)).json());
    expect(outbox).toContain(ref);
    const replies = JSON.stringify([...patron.greeting, ...(await patron.say('βοήθεια'))]);
    for (const seen of [outbox, replies]) {
      expect(seen).not.toContain('/webchat/connector/');
      expect(seen).not.toContain('serviceUrl');
    }
  });

  it('is not reachable through /api/messages under its own channel id', async () => {
    const before = await stateOf(patron.conversationId);
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: randomUUID(), text: 'τις παραγγελίες μου', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1/none', deliveryMode: 'expectReplies',
        conversation: { id: patron.conversationId }, from: { id: `${patron.conversationId}-user`, role: 'user' }, recipient: { id: 'library-bot', role: 'bot' } }),
    });
    expect(response.status).toBe(400);
    expect(await stateOf(patron.conversationId)).toBe(before);
  });
});

describe('a sign-in', () => {
  it('belongs to the user who signed in: another user id in the conversation sees and cancels nothing', async () => {
    const conversation = `shared-${randomUUID()}`;
    const say = async (user: string, text: string) => {
      const response = await fetch(`${base}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', id: randomUUID(), text, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/none', deliveryMode: 'expectReplies',
          conversation: { id: conversation }, from: { id: user, role: 'user' }, recipient: { id: 'bot', role: 'bot' }, channelData: { library: 'kalamaria' } }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { activities: Array<{ text?: string; channelData?: { orderRef?: string } }> }).activities;
    };
    let replies = [] as Awaited<ReturnType<typeof say>>;
    for (const text of ['1', '1001001', '1234', 'ζορμπα', '1', '1', '2', 'ναι']) replies = await say('first-user', text);
    const own = replies.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
    expect(own).toMatch(/^\d{7}$/);
    await say('first-user', '4'); // the library will phone about the pickup time
    const before = (await app.db.botState.findMany({ where: { id: { startsWith: `emulator/conversations/${conversation}/` } } })).map((r) => r.data);

    for (const text of ['τις παραγγελίες μου', '1', 'ακύρωση', 'ναι']) {
      const heard = (await say('second-user', text)).map((r) => r.text ?? '').join('\n');
      expect(heard).toBe(tFor('el')('conversation_of_another'));
      expect(heard).not.toContain(own);
    }
    expect(await app.db.order.findUniqueOrThrow({ where: { ref: own } })).toMatchObject({ status: 'new' });
    expect((await app.db.botState.findMany({ where: { id: { startsWith: `emulator/conversations/${conversation}/` } } })).map((r) => r.data)).toEqual(before);
    // The patron who signed in carries on as before.
    expect((await say('first-user', 'τις παραγγελίες μου')).map((r) => r.text ?? '').join('\n')).toContain(own);
  });
});
