import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../src/app';
import type { Reply } from './conversation';

export async function startApp(databaseUrl: string): Promise<{ app: App; base: string }> {
  const app = await createApp({ databaseUrl });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}` };
}

/** A Bot Framework client that asks for the replies in the HTTP response (deliveryMode expectReplies). */
export class HttpConversation {
  readonly id = `http-${randomUUID()}`;
  last: Reply[] = [];

  constructor(public base: string, private readonly library = 'kalamaria') {}

  async say(text: string): Promise<Reply[]> {
    const response = await fetch(`${this.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id: randomUUID(), text, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/none',
        deliveryMode: 'expectReplies', conversation: { id: this.id }, from: { id: `${this.id}-u`, role: 'user' },
        recipient: { id: 'bot', role: 'bot' }, channelData: { library: this.library },
      }),
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    this.last = ((await response.json()) as { activities: Reply[] }).activities;
    return this.last;
  }

  get heard(): string {
    return this.last.map((r) => r.text ?? '').join('\n');
  }
}
