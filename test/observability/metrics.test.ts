import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { policyFor } from '../support/libraries';
import { RequestIll } from '../../src/domain/services/ill-request';
import { PlaceOrder } from '../../src/domain/services/place-order';
import { SignIn } from '../../src/domain/services/sign-in';
import { countOutcomes } from '../../src/observability/instrument';
import { PrismaIllRepository } from '../../src/persistence/prisma-ill-repository';
import { HttpConversation, startApp } from '../support/http';
import { freshDb } from '../support/test-db';

const running: App[] = [];
afterEach(async () => { for (const app of running.splice(0)) await app.close(); });

/** The value of one sample in Prometheus text format, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const body = /\{(.*)\}/.exec(line)?.[1] ?? '';
    if (Object.entries(labels).every(([k, v]) => body.includes(`${k}="${v}"`))) return Number(line.split(' ').at(-1));
  }
  return 0;
}

async function metrics(base: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/metrics`, { headers });
  return { response, text: await response.text() };
}

describe('GET /metrics', () => {
  it('counts requests by route and status, times turns, and counts orders, sign-in failures and job runs', async () => {
    const { db, url } = await freshDb();
    await db.$disconnect();
    const { app, base } = await startApp(url);
    running.push(app);
    const before = (await metrics(base)).text;

    const c = new HttpConversation(base);
    await c.say('θέλω να κλείσω το Ο Καπετάν Μιχάλης');
    await c.say('1001001');
    await c.say('9999');
    await c.say('1001001');
    await c.say('1234');
    await c.say('1');
    await c.say('2');
    await c.say('ναι');
    expect(c.last.some((r) => r.channelData?.orderRef)).toBe(true);
    expect((await fetch(`${base}/no/such/page`)).status).toBe(404);
    expect(await app.jobs.tick('expire-orders')).toBe('ran');

    const { response, text } = await metrics(base);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/api/messages', status: '200' })
      - sample(before, 'http_requests_total', { method: 'POST', route: '/api/messages', status: '200' })).toBe(8);
    expect(sample(text, 'http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(sample(text, 'bot_turn_duration_seconds_count', { channel: 'emulator', outcome: 'ok' })).toBe(8);
    expect(sample(text, 'bot_turn_duration_seconds_bucket', { channel: 'emulator', outcome: 'ok', le: '+Inf' })).toBe(8);
    expect(sample(text, 'orders_placed_total', { library: 'kalamaria', channel: 'emulator' })).toBe(1);
    expect(sample(text, 'sign_in_failures_total', { library: 'kalamaria', reason: 'signin.invalid' })).toBe(1);
    expect(sample(text, 'job_runs_total', { job: 'expire-orders', outcome: 'ran' })).toBe(1);
    expect(text).toContain('process_resident_memory_bytes');
    // Labels carry route templates and reason codes, never what a patron typed.
    const labels = text.split('\n').map((l) => /\{(.*)\}/.exec(l)?.[1] ?? '').join('\n');
    expect(labels).not.toMatch(/1001001|9999|no\/such/);
  });

  it('wants the bearer token when METRICS_TOKEN is set', async () => {
    const { db, url } = await freshDb();
    await db.$disconnect();
    process.env.METRICS_TOKEN = 'metrics-secret-0123';
    try {
      const { app, base } = await startApp(url);
      running.push(app);
      expect((await metrics(base)).response.status).toBe(401);
      expect((await metrics(base, { authorization: 'Bearer wrong-secret-012' })).response.status).toBe(401);
      expect((await metrics(base, { authorization: 'Bearer metrics-secret-0123' })).response.status).toBe(200);
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });

  it('echoes a well-formed X-Request-Id and gives every other request a fresh one', async () => {
    const { db, url } = await freshDb();
    await db.$disconnect();
    const { app, base } = await startApp(url);
    running.push(app);
    expect((await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'lb-7f3a9c21' } })).headers.get('x-request-id')).toBe('lb-7f3a9c21');
    const fresh = (await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'bad id\twith tab' } })).headers.get('x-request-id');
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('countOutcomes', () => {
  it('counts interlibrary loan requests placed and leaves refusals out', async () => {
    const { db } = await freshDb();
    try {
      const now = () => new Date('2026-11-23T10:00:00Z');
      const requestIll = new RequestIll(new PrismaIllRepository(db), policyFor, now);
      const unused = { run: async () => ({ allowed: false as const, reason: 'x' }) };
      countOutcomes({ signIn: unused as unknown as SignIn, placeOrder: unused as unknown as PlaceOrder, requestIll });
      const { registry } = await import('../../src/observability/metrics');
      const count = async () => sample(await registry.metrics(), 'ill_requests_total', { library: 'ozd', channel: 'test' });
      const patron = await db.patron.findFirstOrThrow({ where: { cardNumber: '2002001' } });
      const draft = (title: string) => ({
        libraryId: 'ozd', patronId: patron.id, channel: 'test', language: 'hu', kind: 'book' as const, form: 'original' as const, title, maxCost: 0, currency: 'HUF',
        terms: { version: 'v', text: 'Feltételek.', language: 'hu', acceptedAt: now(), actor: `patron:${patron.id}` },
      });
      const before = await count();
      for (const title of ['A', 'B', 'C', 'D']) await requestIll.run(draft(title));
      expect(await count() - before).toBe(3);
    } finally {
      await db.$disconnect();
    }
  });
});
