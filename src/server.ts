import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Activity } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import { bodilessRequest } from './channels/bodiless-request';
import { botFrameworkSource, clientAddress } from './channels/client-address';
import { noCompressedBodies } from './channels/no-compressed-bodies';
import { noUploads } from './channels/no-uploads';
import { checkBotFrameworkActivity, checkWebChatPost, checkWebChatStart, clientActivityId, type WebChatPost } from './channels/incoming-activity';
import { wellFormedInput } from './channels/well-formed-input';
import { forThePage, type WebChatKeys } from './channels/web-chat/connector';
import { CreationLimit } from './channels/web-chat/creation-limit';
import { WEB_CHAT_PAGE_HEADERS, webChatPage } from './channels/web-chat/web-chat-page';
import type { LibraryAdapter } from './bot/library-adapter';
import { keepNothingUntilSpoken, type LibraryBot } from './bot/library-bot';
import { markReplyAddressCallerGiven } from './dialogs/reply-address';
import { setSignInSource } from './dialogs/sign-in-source';
import type { Logger } from './logging';

export interface ServerDeps {
  adapter: LibraryAdapter;
  bot: LibraryBot;
  log: Logger;
  libraries: readonly string[];
  defaultLibrary: string;
  languageOf(library: string): string;
  webChatKeys: WebChatKeys;
  healthy(): Promise<boolean>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
// The package's exports hide dist/ (and package.json), but the bundle is what a page loads.
const webChatEntry = createRequire(import.meta.url).resolve('botframework-webchat');
const webChatBundle = path.join(webChatEntry.slice(0, webChatEntry.lastIndexOf('botframework-webchat') + 'botframework-webchat'.length), 'dist', 'webchat.js');
const directLineShim = readFileSync(path.join(here, 'channels', 'web-chat', 'direct-line.js'), 'utf8');
const startScript = readFileSync(path.join(here, 'channels', 'web-chat', 'start.js'), 'utf8');

/** New chat conversations one address may open per window: a busy library PC, not a script. */
const CREATION_WINDOW_MS = 10 * 60_000;
const creationsPerWindow = () => {
  const set = Number(process.env.WEBCHAT_NEW_CONVERSATIONS_PER_10_MIN);
  return Number.isInteger(set) && set > 0 ? set : 60;
};

/** Largest request body accepted; a chat message is a few hundred bytes. */
const MAX_BODY = 64 * 1024;

/** Routes only: each one hands over to the adapter or a page renderer. */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'library-booking-bot', handleUncaughtExceptions: false });
  const creations = new CreationLimit(creationsPerWindow(), CREATION_WINDOW_MS);
  server.pre(noUploads);
  server.pre(noCompressedBodies);
  server.pre(bodilessRequest);
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY, mapParams: false, rejectUnknown: true }));
  server.use(wellFormedInput);

  server.post('/api/messages', async (req: Request, res: Response) => {
    const checked = checkBotFrameworkActivity(req.body);
    if (!checked.ok) { res.send(400, { error: checked.error }); return; }
    const activity = checked.value;
    if (deps.adapter.anonymous) {
      const refused = anonymousRefusal(req, activity);
      if (refused) { res.send(400, { error: refused }); return; }
    }
    await deps.adapter.process(req, res, (context) => {
      setSignInSource(context, botFrameworkSource(req, context.activity, !deps.adapter.anonymous));
      // Without app credentials nobody vouches for serviceUrl: it may answer this turn, never a later one.
      if (deps.adapter.anonymous) markReplyAddressCallerGiven(context);
      return deps.bot.run(context);
    });
  });

  const webChatTurn = async (req: Request, conversationId: string, library: string, incoming: WebChatPost['activity']) => {
    // A message re-sent with the same client id is the same activity: the ledger answers it once.
    const clientId = clientActivityId(incoming);
    const id = `${conversationId}|${clientId ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`}`;
    // Typing indicators and events carry nothing the bot answers.
    if (incoming.type !== 'message' && incoming.type !== 'conversationUpdate') return { id, activities: [] };
    const activity: Partial<Activity> = {
      type: incoming.type,
      id,
      text: incoming.text ?? '',
      locale: incoming.locale,
      membersAdded: incoming.type === 'conversationUpdate' ? [{ id: 'user', name: 'user' }] : undefined,
      channelId: 'webchat',
      // Our own connector endpoint: proactive messages ("your books are ready") land in the page's outbox.
      serviceUrl: deps.webChatKeys.connectorUrl(server, conversationId),
      conversation: { id: conversationId, isGroup: false, name: '', conversationType: 'personal' },
      from: { id: `${conversationId}-user`, name: 'user', role: 'user' },
      recipient: { id: 'library-bot', name: 'library-bot', role: 'bot' },
      channelData: { library },
      timestamp: new Date(),
    };
    const replies = await deps.adapter.runInProcess(activity, (context) => {
      setSignInSource(context, { kind: 'address', id: clientAddress(req) });
      // The page was greeted when its conversation was issued: a conversation stays unstored until the patron speaks.
      keepNothingUntilSpoken(context);
      return deps.bot.run(context);
    });
    return { id, activities: replies.map(forThePage) };
  };
  const libraryOf = (requested: string | undefined) => (requested && deps.libraries.includes(requested) ? requested : deps.defaultLibrary);

  server.post('/webchat/conversations', async (req: Request, res: Response) => {
    const checked = checkWebChatStart(req.body ?? {});
    if (!checked.ok) { res.send(400, { error: checked.error }); return; }
    if (!creations.take(clientAddress(req))) {
      res.setHeader('retry-after', String(Math.ceil(CREATION_WINDOW_MS / 1000)));
      res.send(429, { error: 'too many new conversations from this address' });
      return;
    }
    const { conversationId, token } = deps.webChatKeys.issue();
    const greeting = await webChatTurn(req, conversationId, libraryOf(checked.value.library), { type: 'conversationUpdate', locale: checked.value.locale });
    res.send(201, { conversationId, token, activities: greeting.activities });
  });

  server.post('/webchat/activities', async (req: Request, res: Response) => {
    const checked = checkWebChatPost(req.body);
    if (!checked.ok) { res.send(400, { error: checked.error }); return; }
    const { conversationId, activity: incoming, library } = checked.value;
    // The conversation id travels in replies and logs; only the page that was issued it holds the token.
    if (!deps.webChatKeys.holdsToken(req, conversationId)) { res.send(403, { error: 'this conversation needs its token' }); return; }
    res.send(200, await webChatTurn(req, conversationId, libraryOf(library), incoming));
  });

  const page = (library: string) => async (_req: Request, res: Response) => {
    const html = webChatPage(library, deps.languageOf(library));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...WEB_CHAT_PAGE_HEADERS });
    res.end(html);
  };
  server.get('/', async (req: Request, res: Response) => page(deps.defaultLibrary)(req, res));
  server.get('/chat/:library', async (req: Request, res: Response) => {
    const library = String(req.params.library);
    if (!deps.libraries.includes(library)) { res.send(404, { error: 'unknown library' }); return; }
    await page(library)(req, res);
  });
  server.get('/webchat/webchat.js', async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' });
    res.end(readFileSync(webChatBundle));
  });
  server.get('/webchat/start.js', async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' });
    res.end(startScript);
  });
  server.get('/webchat/direct-line.js', async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' });
    res.end(directLineShim);
  });
  server.get('/healthz', async (_req: Request, res: Response) => {
    const database = await deps.healthy().catch(() => false);
    res.send(database ? 200 : 503, { status: database ? 'ok' : 'degraded', database: database ? 'reachable' : 'unreachable' });
  });

  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    if (!err.statusCode || err.statusCode >= 500) {
      deps.log.error({ err: { name: err.name, message: err.message }, path: req.path() }, 'request failed');
      // restify would send the error's own message: a Prisma one quotes source paths and the query.
      if (!res.headersSent) res.send(err.statusCode ?? 500, { code: 'Internal', message: 'internal error' });
    }
    callback();
  });
  return server;
}

/** Channels that only our own routes speak: an outside caller naming one would step into their conversations. */
const OWN_CHANNELS = new Set(['webchat', 'voice']);

/**
 * Anonymous mode (no app id, the Emulator and tests): nothing vouches for the caller or its
 * serviceUrl. Replies in the HTTP response (expectReplies) go back to the caller whoever it is;
 * replies POSTed to serviceUrl only for a caller on this machine, so a remote one cannot make
 * the server POST to a port and path of its choosing, loopback included.
 */
function anonymousRefusal(req: Request, activity: Partial<Activity>): string | undefined {
  if (OWN_CHANNELS.has(activity.channelId ?? '')) return `channelId ${activity.channelId} is served by its own routes`;
  if (activity.deliveryMode === 'expectReplies') return undefined;
  if (!isLoopbackCaller(req) || !isLoopbackUrl(activity.serviceUrl)) return 'serviceUrl is only used for a caller on this machine when no Microsoft app id is configured';
  return undefined;
}

/** The socket's peer, not X-Forwarded-For: a reverse proxy on this machine makes every client look local, so a forwarded request is not. */
function isLoopbackCaller(req: Request): boolean {
  if (req.headers['x-forwarded-for'] || req.headers.forwarded) return false;
  const peer = (req.socket?.remoteAddress ?? '').replace(/^::ffff:/i, '');
  return peer === '::1' || /^127\.\d+\.\d+\.\d+$/.test(peer);
}

function isLoopbackUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
