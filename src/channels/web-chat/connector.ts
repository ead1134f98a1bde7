import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Request, Response, Server } from 'restify';

export interface WebChatOutbox {
  push(conversationId: string, activity: unknown): Promise<number>;
  read(conversationId: string, after: number): Promise<Array<{ id: number; activity: unknown }>>;
}

export const WEB_CHAT_CONVERSATION_ID = /^webchat-[\w-]{8,64}$/;

const sameSecret = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/**
 * The web chat's credentials, all derived from one secret every instance shares
 * (WEBCHAT_CONNECTOR_SECRET, else one the database keeps): a chat survives a restart and is
 * served by any instance. Two purposes, two derivations: the page's token does not open the
 * connector, nor the connector key the conversation.
 */
export class WebChatKeys {
  constructor(private readonly secret: string) {}

  /** A new conversation for a chat page: its id and the token only that page holds (as Direct Line issues one). */
  issue(): { conversationId: string; token: string } {
    const conversationId = `webchat-${randomUUID()}`;
    return { conversationId, token: this.mac('page', conversationId) };
  }

  /** Whether the request carries the token issued with this conversation (`Authorization: Bearer …`). */
  holdsToken(req: Request, conversationId: string): boolean {
    const given = /^Bearer ([\w-]{1,64})$/.exec(req.header('authorization') ?? '')?.[1];
    return !!given && WEB_CHAT_CONVERSATION_ID.test(conversationId) && sameSecret(given, this.mac('page', conversationId));
  }

  /**
   * The `serviceUrl` of web chat activities: our own server, acting as that channel's Bot
   * Connector, so botbuilder's `continueConversationAsync` can reach a chat page that has no
   * push channel of its own. The page polls the outbox the connector fills.
   */
  connectorUrl(server: Server, conversationId: string): string {
    const address = server.address() as AddressInfo | null;
    const host = !address || address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    const port = address?.port ?? Number(process.env.PORT ?? 3978);
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}/webchat/connector/${this.mac('connector', conversationId)}/`;
  }

  opensConnector(key: string, conversationId: string): boolean {
    return WEB_CHAT_CONVERSATION_ID.test(conversationId) && sameSecret(key, this.mac('connector', conversationId));
  }

  private mac(purpose: string, conversationId: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${conversationId}`).digest('base64url').slice(0, 32);
  }
}

/**
 * What a reply carries out to the page: never the connector address (its key would let the
 * holder post into the chat as the library).
 */
export function forThePage<T extends object>(activity: T): Omit<T, 'serviceUrl'> {
  const { serviceUrl: _hidden, ...rest } = activity as T & { serviceUrl?: unknown };
  return rest;
}

/** Bot Connector's "send to conversation" / "reply to activity", storing the activity for the page. */
export function registerWebChatConnector(server: Server, outbox: WebChatOutbox, keys: WebChatKeys): void {
  const receive = async (req: Request, res: Response) => {
    // restify decoded the path once; decoding again turned "%25zz" into a URIError (a 500).
    const conversationId = String(req.params.conversationId ?? '');
    const body = req.body as { type?: unknown; text?: unknown } | undefined;
    if (!keys.opensConnector(String(req.params.key), conversationId)) {
      res.send(403, { error: { code: 'Forbidden', message: 'unknown conversation' } });
      return;
    }
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
      res.send(400, { error: { code: 'BadArgument', message: 'activity expected' } });
      return;
    }
    const id = await outbox.push(conversationId, { ...forThePage(body), timestamp: new Date().toISOString() });
    res.send(200, { id: `${conversationId}|outbox-${id}` });
  };
  server.post('/webchat/connector/:key/v3/conversations/:conversationId/activities', receive);
  server.post('/webchat/connector/:key/v3/conversations/:conversationId/activities/:replyToId', receive);

  server.get('/webchat/outbox', async (req: Request, res: Response) => {
    const query = req.query as { conversationId?: unknown; after?: unknown } | undefined;
    const conversationId = typeof query?.conversationId === 'string' ? query.conversationId : '';
    const after = Number(query?.after ?? 0);
    if (!WEB_CHAT_CONVERSATION_ID.test(conversationId) || !Number.isSafeInteger(after) || after < 0) {
      res.send(400, { error: 'conversationId and after are required' });
      return;
    }
    if (!keys.holdsToken(req, conversationId)) {
      res.send(403, { error: 'this conversation needs its token' });
      return;
    }
    const entries = await outbox.read(conversationId, after);
    res.send(200, {
      after: entries.at(-1)?.id ?? after,
      activities: entries.map((e) => ({ ...forThePage(e.activity as object), id: `${conversationId}|outbox-${e.id}` })),
    });
  });
}
