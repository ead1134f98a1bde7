import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { createPrismaClient } from '../src/persistence/prisma-client';
import { HttpConversation, startApp } from './support/http';
import { freshDb } from './support/test-db';

const running: App[] = [];
afterEach(async () => { for (const app of running.splice(0)) await app.close(); });

async function start(url: string) {
  const started = await startApp(url);
  running.push(started.app);
  return started;
}

describe('POST /api/messages', () => {
  it('completes a reservation with expectReplies, the replies in the HTTP response', async () => {
    const { db, url } = await freshDb();
    await db.$disconnect();
    const { base, app } = await start(url);
    const c = new HttpConversation(base);
    await c.say('θέλω να κλείσω το Ο Καπετάν Μιχάλης');
    expect(c.heard).toContain('Καλώς ήρθατε στις Δημοτικές Βιβλιοθήκες Καλαμαριάς!');
    expect(c.heard).toContain('Ποιος είναι ο αριθμός της κάρτας μέλους σας;');
    expect(c.last.at(-1)).toMatchObject({ inputHint: 'expectingInput', channelData: { slot: 'cardNumber' } });
    await c.say('1001001');
    await c.say('1234');
    // The title said in the first message is searched straight away.
    expect(c.heard).toContain('1. «Ο Καπετάν Μιχάλης» — Νίκος Καζαντζάκης');
    await c.say('1');
    await c.say('2');
    await c.say('ναι');
    const ref = c.last.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
    expect(ref).toMatch(/^\d{7}$/);
    expect(await app.db.order.count({ where: { ref } })).toBe(1);
  });

  it('refuses an anonymous activity whose replies would go to a non-loopback serviceUrl', async () => {
    const { db, url } = await freshDb();
    await db.$disconnect();
    const { base, app } = await start(url);
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', serviceUrl: 'http://203.0.113.9/', conversation: { id: 'x' }, from: { id: 'u' }, recipient: { id: 'b' }, channelId: 'emulator' }),
    });
    expect(response.status).toBe(400);
    expect(await app.db.botState.count()).toBe(0);
  });

  it('resumes at the same prompt after the server restarts mid-dialog', async () => {
    const { db, url } = await freshDb();
    await db.$disconnect();
    const first = await start(url);
    const c = new HttpConversation(first.base);
    await c.say('1');
    await c.say('1001001');
    expect(c.heard).toBe('Ποιο είναι το PIN σας;');
    await first.app.close();
    running.splice(running.indexOf(first.app), 1);

    const second = await start(url);
    c.base = second.base;
    await c.say('1234');
    expect(c.heard).toContain('Συνδεθήκατε.\nΜπορείτε να κρατήσετε ακόμη 10 βιβλία.');
    await c.say('ζορμπα');
    await c.say('1');
    await c.say('1');
    await c.say('2');
    await c.say('ναι');
    const ref = c.last.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
    const check = await createPrismaClient(url);
    expect(await check.hold.count({ where: { order: { ref } } })).toBe(1);
    await check.$disconnect();
  });
});

describe('GET /healthz', () => {
  it('reports the database as reachable', async () => {
    const { db, url } = await freshDb();
    await db.$disconnect();
    const { base } = await start(url);
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'reachable' });
  });
});

describe('GET /chat/:library', () => {
  it('serves the Web Chat page in the library language, with the bundle from our own server', async () => {
    const { db, url } = await freshDb();
    await db.$disconnect();
    const { base } = await start(url);
    const page = await (await fetch(`${base}/chat/ozd`)).text();
    expect(page).toContain('<html lang="hu">');
    expect(page).toContain('<script src="/webchat/webchat.js"></script>');
    expect(page).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const bundle = await fetch(`${base}/webchat/webchat.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
    expect((await fetch(`${base}/chat/nowhere`)).status).toBe(404);
  });
});
