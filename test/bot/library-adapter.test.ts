import { ConfigurationBotFrameworkAuthentication, DeliveryModes, type Activity, type TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibraryAdapter } from '../../src/bot/library-adapter';

const activity = (deliveryMode?: string): Activity => ({
  type: 'message', id: 'a1', text: 'γεια', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/none',
  conversation: { id: 'c1' }, from: { id: 'u1', role: 'user' }, recipient: { id: 'bot', role: 'bot' },
  // A client may put anything here; the adapter decides it.
  callerId: 'urn:botframework:azure',
  ...(deliveryMode ? { deliveryMode } : {}),
} as Activity);

describe('LibraryAdapter on /api/messages', () => {
  afterEach(() => { vi.restoreAllMocks(); });

  it('answers an expectReplies turn in the HTTP reply without building the connector or user-token clients', async () => {
    const tokenClients = vi.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'createUserTokenClient');
    const adapter = new LibraryAdapter();
    // The turn context is revoked when the turn ends: what it held is read during the turn.
    let seen: { client: unknown; factory: unknown; identity: unknown } | undefined;
    const result = await (adapter as unknown as { processActivity(auth: string, a: Activity, logic: (c: TurnContext) => Promise<void>): Promise<{ status: number; body: { activities: Partial<Activity>[] } }> })
      .processActivity('', activity(DeliveryModes.ExpectReplies), async (context) => {
        seen = { client: context.turnState.get(adapter.ConnectorClientKey), factory: context.turnState.get(adapter.ConnectorFactoryKey), identity: context.turnState.get(adapter.BotIdentityKey) };
        await context.sendActivity('Καλώς ήρθατε');
      });
    expect(result.status).toBe(200);
    expect(result.body.activities.map((a) => a.text)).toEqual(['Καλώς ήρθατε']);
    expect(seen!.client).toBeUndefined();
    expect(seen!.factory).toBeDefined();
    expect(seen!.identity).toBeDefined();
    expect(tokenClients).not.toHaveBeenCalled();
  });

  it('runs any other turn through CloudAdapter, clients and all, and sets the caller id the same way in both', async () => {
    const adapter = new LibraryAdapter();
    const run = (deliveryMode?: string) => new Promise<{ client: unknown; tokens: unknown; callerId: string | undefined }>((resolve, reject) => {
      adapter.processActivityDirect('', activity(deliveryMode), async (context) => {
        resolve({ client: context.turnState.get(adapter.ConnectorClientKey), tokens: context.turnState.get(adapter.UserTokenClientKey), callerId: context.activity.callerId });
      }).catch(reject);
    });
    const normal = await run();
    expect(normal.client).toBeDefined();
    expect(normal.tokens).toBeDefined();
    const replies = await run(DeliveryModes.ExpectReplies);
    expect(replies.client).toBeUndefined();
    expect(replies.callerId).toBe(normal.callerId);
    expect(replies.callerId).not.toBe('urn:botframework:azure');
  });
});
