import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/persistence/prisma-client';
import { TwilioCall } from '../src/tools/twilio-call';
import { HttpConversation } from './support/http';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { freshDb } from './support/test-db';

// Two server processes (src/main.ts, as deployed behind a load balancer) on one database: on
// PostgreSQL in `npm run test:postgres`, on one SQLite file otherwise. Every turn goes to the
// other process, so nothing a turn needs may live in a process's memory.
const AUTH_TOKEN = 'multi-instance-token-0123456789abcdef';
const PUBLIC_BASE = 'https://library-bot.example.org';
let db: Db;
let servers: ServerProcess[] = [];

beforeAll(async () => {
  const fresh = await freshDb();
  db = fresh.db;
  const env = { DATABASE_URL: fresh.url, TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL: PUBLIC_BASE };
  servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db.$disconnect();
});

describe('two server processes on one database', () => {
  it('complete one web chat reservation whose turns alternate between them', async () => {
    const c = new HttpConversation(servers[0]!.base);
    const turn = async (i: number, text: string) => { c.base = servers[i % 2]!.base; await c.say(text); };
    await turn(0, 'θέλω να κλείσω το Ο Καπετάν Μιχάλης');
    expect(c.heard).toContain('Ποιος είναι ο αριθμός της κάρτας μέλους σας;');
    await turn(1, '1001001');
    expect(c.heard).toBe('Ποιο είναι το PIN σας;');
    await turn(2, '1234');
    expect(c.heard).toContain('1. «Ο Καπετάν Μιχάλης» — Νίκος Καζαντζάκης');
    await turn(3, '1');
    await turn(4, '2');
    await turn(5, 'ναι');
    const ref = c.last.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
    expect(ref).toMatch(/^\d{7}$/);
    const order = await db.order.findUniqueOrThrow({ where: { ref }, include: { holds: { include: { record: true } } } });
    expect(order.holds.map((h) => h.record.title)).toEqual(['Ο Καπετάν Μιχάλης']);
  });

  it('complete one phone reservation whose signed webhooks alternate between them', async () => {
    const calls = servers.map((s) => new TwilioCall({ serverUrl: s.base, publicBaseUrl: PUBLIC_BASE, library: 'kalamaria', authToken: AUTH_TOKEN, callSid: `CA${'7'.repeat(32)}` }));
    let current = calls[0]!;
    const turn = async (i: number, act: (c: TwilioCall) => Promise<unknown>) => {
      const next = calls[i % 2]!;
      next.response = current.response;
      await act(next);
      current = next;
    };
    await turn(0, (c) => c.start());
    expect(current.heard).toContain('Δημοτικές Βιβλιοθήκες Καλαμαριάς, καλώς ήρθατε.');
    await turn(1, (c) => c.answer({ digits: '1' }));
    await turn(2, (c) => c.answer({ digits: '1001001' }));
    expect(current.heard).toBe('Τώρα το PIN σας και τη δίεση.');
    await turn(3, (c) => c.answer({ digits: '1234' }));
    expect(current.heard).toContain('Συνδεθήκατε.');
    await turn(4, (c) => c.answer({ speech: 'Αναφορά στον Γκρέκο' }));
    expect(current.heard).toContain('«Αναφορά στον Γκρέκο», Νίκος Καζαντζάκης');
    await turn(5, (c) => c.answer({ digits: '1' }));
    expect(current.heard).toContain('Το πρόσθεσα στην παραγγελία.');
    await turn(6, (c) => c.answer({ digits: '2' }));
    expect(current.heard).toContain('Να καταχωρίσω την παραγγελία;');
    await turn(7, (c) => c.answer({ speech: 'ναι' }));
    const order = await db.order.findFirstOrThrow({ where: { channel: 'voice' }, include: { holds: { include: { record: true } } } });
    expect(order.holds.map((h) => h.record.title)).toEqual(['Αναφορά στον Γκρέκο']);
    expect(current.heard).toContain(`Η παραγγελία σας καταχωρίστηκε με αριθμό ${order.ref.split('').join(' ')}.`);
  });
});
