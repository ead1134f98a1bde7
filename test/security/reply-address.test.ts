import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app';
import { staffFetch, staffLogin } from '../staff/staff-support';
import { freshDb } from '../support/test-db';

// Reply-address SSRF (issue 14, points 2 and 3): a listener stands for the host an attacker
// wants the server to POST to; whatever the attacker does, it must receive nothing.
let app: App;
let local: string;
let listener: Server;
let target: string;
const received: Array<{ url: string; body: string }> = [];
/** This machine's own non-loopback address: a client connecting to it is not on loopback for the server. */
const outward = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

beforeAll(async () => {
  listener = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { received.push({ url: req.url ?? '', body }); res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"id":"1"}'); });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/steal`;
  const { db } = await freshDb();
  app = await createApp({ db });
  await new Promise<void>((resolve) => app.server.listen(0, '0.0.0.0', resolve));
  local = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app?.close();
  listener?.close();
});

function activity(conversation: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message', id: randomUUID(), text, channelId: 'emulator', serviceUrl: target,
    conversation: { id: conversation }, from: { id: `${conversation}-u`, role: 'user' }, recipient: { id: 'bot', role: 'bot' },
    channelData: { library: 'kalamaria' }, ...extra,
  };
}

async function say(base: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** Waits out anything the server might still be sending, so "received nothing" means nothing. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('a reply address given by an anonymous caller', () => {
  it('is not kept with the order, and the "ready" notification goes nowhere', async () => {
    const conversation = `ssrf-${randomUUID()}`;
    let replies: Array<{ channelData?: { orderRef?: string } }> = [];
    for (const text of ['θέλω να κλείσω το Ο Καπετάν Μιχάλης', '1001001', '1234', '1', '2', 'ναι']) {
      const response = await say(local, activity(conversation, text, { deliveryMode: 'expectReplies' }));
      expect(response.status).toBe(200);
      replies = ((await response.json()) as { activities: typeof replies }).activities;
    }
    const ref = replies.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
    expect(ref).toMatch(/^\d{7}$/);
    const order = await app.db.order.findUniqueOrThrow({ where: { ref } });
    expect(order.conversationRef).toBeNull();

    const staff = await staffLogin(local, 'staff.kalamaria', 'Kalamaria-2026');
    for (const [to, version] of [['preparing', order.version], ['ready', order.version + 1]] as const) {
      expect((await staffFetch(local, staff, `/api/staff/orders/${ref}/transitions`, { method: 'POST', body: { to, version } })).status).toBe(200);
    }
    await settle();
    expect(received).toEqual([]);
  });

  it('is not used even when an older order kept one: only addresses the server issued are reached', async () => {
    const order = await app.db.order.findFirstOrThrow({ where: { status: 'ready' } });
    const reference = { channelId: 'emulator', serviceUrl: target, conversation: { id: 'kept-before' }, user: { id: 'u' }, bot: { id: 'b' } };
    await app.db.order.update({ where: { id: order.id }, data: { conversationRef: JSON.stringify(reference) } });
    const forged = await app.db.order.create({ data: { ref: '7000001', libraryId: 'kalamaria', patronId: order.patronId, status: 'preparing', channel: 'webchat', language: 'el',
      conversationRef: JSON.stringify({ ...reference, channelId: 'webchat', conversation: { id: 'webchat-not-one-we-issued-0001' } }) } });
    const staff = await staffLogin(local, 'staff.kalamaria', 'Kalamaria-2026');
    const response = await staffFetch(local, staff, `/api/staff/orders/${forged.ref}/transitions`, { method: 'POST', body: { to: 'ready', version: forged.version } });
    expect(response.status).toBe(200);
    await settle();
    expect(received).toEqual([]);
  });

  it('is refused for replies POSTed back unless the caller itself is on this machine', async () => {
    const before = await app.db.botState.count();
    // Through a proxy (X-Forwarded-For), the socket is local but the caller is not.
    const proxied = await say(local, activity(`ssrf-${randomUUID()}`, 'καλημέρα', { serviceUrl: target }), { 'x-forwarded-for': '203.0.113.7' });
    expect(proxied.status).toBe(400);
    if (outward) {
      // Straight from this machine's outward address: loopback in the URL, not in the caller.
      const remote = `http://${outward}:${new URL(local).port}`;
      const response = await say(remote, activity(`ssrf-${randomUUID()}`, 'καλημέρα', { serviceUrl: target }));
      expect(response.status).toBe(400);
    }
    await settle();
    expect(received).toEqual([]);
    expect(await app.db.botState.count()).toBe(before);
  });

  it('still answers a caller on this machine (the Emulator) at its own loopback address', async () => {
    const response = await say(local, activity(`emulator-${randomUUID()}`, 'καλημέρα'));
    expect([200, 201, 202]).toContain(response.status);
    await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(received.every((r) => r.url.startsWith('/steal/v3/conversations/'))).toBe(true);
    received.splice(0);
  });

  it.each(['webchat', 'voice'])('refuses channelId %s, which only its own routes speak', async (channelId) => {
    const response = await say(local, activity('webchat-0123456789abcdef', 'τις παραγγελίες μου', { channelId, deliveryMode: 'expectReplies' }));
    expect(response.status).toBe(400);
  });
});
