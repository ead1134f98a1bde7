import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { startVoiceApp } from '../channels/twilio-voice/voice-call-support';

// 60 MB of zeros gzip to ~58 KB: under the 64 KB body limit, which counts the bytes sent.
const INFLATED = 60 * 1024 * 1024;
let bomb: Blob;
let app: App;
let base: string;
beforeAll(async () => {
  bomb = new Blob([gzipSync(Buffer.alloc(INFLATED), { level: 9 })]);
  ({ app, server: base } = await startVoiceApp());
});
afterAll(async () => { await app?.close(); });

const ROUTES = ['/api/messages', '/webchat/activities', '/api/staff/session', '/staff/login', '/api/voice/kalamaria', '/webchat/connector/k/v3/conversations/webchat-0123456789ab/activities'];

describe('compressed request bodies', () => {
  it('fits the bomb under the body limit, so the limit alone would not stop it', () => {
    expect(bomb.size).toBeLessThan(64 * 1024);
  });

  it.each(ROUTES)('refuses a gzip body to %s before inflating it', async (path) => {
    const contentType = path.startsWith('/api/voice') || path === '/staff/login' ? 'application/x-www-form-urlencoded' : 'application/json';
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': contentType, 'content-encoding': 'gzip' }, body: bomb });
    // 415 with Accept-Encoding is HTTP's answer to a content coding the server does not take (RFC 9110 §15.5.16).
    expect([403, 415]).toContain(response.status);
    if (path !== '/api/voice/kalamaria') {
      expect(response.status).toBe(415);
      expect(response.headers.get('accept-encoding')).toBe('identity');
    }
  });

  it('refuses an unsigned Twilio webhook without reading its body', async () => {
    const response = await fetch(`${base}/api/voice/kalamaria`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'CallSid=CA1&From=%2B30' });
    expect(response.status).toBe(403);
  });

  it('keeps memory bounded under sixty bombs at once, and stays responsive', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => fetch(`${base}${ROUTES[i % 4]}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': i % 2 ? 'gzip' : 'deflate' }, body: bomb,
    }).then((r) => r.status)));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(new Set(statuses)).toEqual(new Set([415]));
    // Inflated, sixty bodies are 3.6 GB; refused unread, they cost their 3.5 MB of sockets and buffers.
    expect(peak - before).toBeLessThan(256 * 1024 * 1024);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('still takes uncompressed and identity-encoded bodies', async () => {
    const response = await fetch(`${base}/webchat/activities`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'identity' },
      body: JSON.stringify({ conversationId: 'webchat-identity-0001', library: 'kalamaria', activity: { type: 'typing' } }),
    });
    expect(response.status).not.toBe(415);
  });
});
