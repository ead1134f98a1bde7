import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../../src/app';
import type { BotOptions } from '../../../src/bot/create-bot';
import { TwilioCall } from '../../../src/tools/twilio-call';
import type { SmsResult, SmsSender } from '../../../src/domain/ports/sms-sender';
import { freshDb } from '../../support/test-db';

export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
/** What Twilio sees; the server listens elsewhere, as behind a proxy. */
export const PUBLIC_BASE = 'https://library-bot.example.org';

/** Monday 23 November 2026, 12:00 in Athens and 11:00 in Ózd: phone desks open at Kalamaria, not at Ózd (closed Mondays). */
export const MONDAY_NOON = new Date('2026-11-23T10:00:00Z');

export class RecordingSms implements SmsSender {
  readonly sent: Array<{ to: string; body: string }> = [];
  async send(to: string, body: string): Promise<SmsResult> { this.sent.push({ to, body }); return { status: 'sent' }; }
}

export interface VoiceApp { app: App; server: string; sms: RecordingSms; call(library: string, from?: string): TwilioCall }

/** The whole app on a fresh database, its voice routes signed with AUTH_TOKEN against PUBLIC_BASE. */
export async function startVoiceApp(options: BotOptions = {}, env: Record<string, string> = {}): Promise<VoiceApp> {
  const saved = { ...process.env };
  Object.assign(process.env, { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL: PUBLIC_BASE, ...env });
  try {
    const { db } = await freshDb();
    const sms = new RecordingSms();
    const app = await createApp({ db, now: () => MONDAY_NOON, sms, ...options });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    const server = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    return {
      app, server, sms,
      call: (library, from) => new TwilioCall({ serverUrl: server, publicBaseUrl: PUBLIC_BASE, library, authToken: AUTH_TOKEN, ...(from ? { from } : {}) }),
    };
  } finally {
    process.env = saved;
  }
}
