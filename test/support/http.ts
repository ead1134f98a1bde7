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

export type WebChatReply = Reply & { serviceUrl?: string };

/**
 * The chat page's side of /webchat/*: opens a conversation as the page does (the server issues
 * its id and token, and the greeting), then posts activities and reads the outbox with the token.
 */
export class WebChatClient {
  greeting: WebChatReply[] = [];
  last: WebChatReply[] = [];

  private constructor(public base: string, readonly conversationId: string, readonly token: string, private readonly library: string) {}

  static async open(base: string, library = 'kalamaria', locale?: string): Promise<WebChatClient> {
    const response = await fetch(`${base}/webchat/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ library, locale }) });
    if (response.status !== 201) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { conversationId: string; token: string; activities: WebChatReply[] };
    const client = new WebChatClient(base, body.conversationId, body.token, library);
    client.greeting = body.activities;
    client.last = body.activities;
    return client;
  }

  /** POSTs one activity; the raw response, for tests about refusals (`null`: no token at all). */
  post(activity: Record<string, unknown>, token: string | null = this.token): Promise<globalThis.Response> {
    return fetch(`${this.base}/webchat/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ conversationId: this.conversationId, library: this.library, activity }),
    });
  }

  async send(activity: Record<string, unknown>): Promise<{ id: string; activities: WebChatReply[] }> {
    const response = await this.post(activity);
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { id: string; activities: WebChatReply[] };
    this.last = body.activities;
    return body;
  }

  async say(text: string, clientActivityID?: string): Promise<WebChatReply[]> {
    return (await this.send({ type: 'message', text, ...(clientActivityID ? { channelData: { clientActivityID } } : {}) })).activities;
  }

  outbox(after = 0, token: string | null = this.token): Promise<globalThis.Response> {
    return fetch(`${this.base}/webchat/outbox?conversationId=${this.conversationId}&after=${after}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  get heard(): string {
    return this.last.map((r) => r.text ?? '').join('\n');
  }
}
