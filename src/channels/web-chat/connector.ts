import { createHmac, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Request, Response, Server } from 'restify';

export interface WebChatOutbox {
  push(conversationId: string, activity: unknown): Promise<number>;
  read(conversationId: string, after: number): Promise<Array<{ id: number; activity: unknown }>>;
}

const CONVERSATION_ID = /^webchat-[\w-]{8,64}$/;
// Signs each conversation's connector address, so only the bot (which got the address in the
// conversation reference) can post into a conversation's outbox. Set it to keep proactive
// messages working for conversations started before a restart.
const SECRET = process.env.WEBCHAT_CONNECTOR_SECRET ?? randomBytes(32).toString('hex');

const keyFor = (conversationId: string) => createHmac('sha256', SECRET).update(conversationId).digest('base64url').slice(0, 32);

/**
 * The `serviceUrl` of web chat activities: our own server, acting as that channel's Bot
 * Connector, so botbuilder's `continueConversationAsync` can reach a chat page that has no
 * push channel of its own. The page polls the outbox the connector fills.
 */
export function connectorServiceUrl(server: Server, conversationId: string): string {
  const address = server.address() as AddressInfo | null;
  const host = !address || address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const port = address?.port ?? Number(process.env.PORT ?? 3978);
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/webchat/connector/${keyFor(conversationId)}/`;
}

/** Bot Connector's "send to conversation" / "reply to activity", storing the activity for the page. */
export function registerWebChatConnector(server: Server, outbox: WebChatOutbox): void {
  const receive = async (req: Request, res: Response) => {
    const conversationId = decodeURIComponent(String(req.params.conversationId ?? ''));
    const body = req.body as { type?: unknown; text?: unknown } | undefined;
    if (!CONVERSATION_ID.test(conversationId) || String(req.params.key) !== keyFor(conversationId)) {
      res.send(403, { error: { code: 'Forbidden', message: 'unknown conversation' } });
      return;
    }
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
      res.send(400, { error: { code: 'BadArgument', message: 'activity expected' } });
      return;
    }
    const id = await outbox.push(conversationId, { ...body, timestamp: new Date().toISOString() });
    res.send(200, { id: `${conversationId}|outbox-${id}` });
  };
  server.post('/webchat/connector/:key/v3/conversations/:conversationId/activities', receive);
  server.post('/webchat/connector/:key/v3/conversations/:conversationId/activities/:replyToId', receive);

  server.get('/webchat/outbox', async (req: Request, res: Response) => {
    const query = req.query as { conversationId?: unknown; after?: unknown } | undefined;
    const conversationId = typeof query?.conversationId === 'string' ? query.conversationId : '';
    const after = Number(query?.after ?? 0);
    if (!CONVERSATION_ID.test(conversationId) || !Number.isSafeInteger(after) || after < 0) {
      res.send(400, { error: 'conversationId and after are required' });
      return;
    }
    const entries = await outbox.read(conversationId, after);
    res.send(200, {
      after: entries.at(-1)?.id ?? after,
      activities: entries.map((e) => ({ ...(e.activity as object), id: `${conversationId}|outbox-${e.id}` })),
    });
  });
}
