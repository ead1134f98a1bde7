import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Activity } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import { bodilessRequest } from './channels/bodiless-request';
import { botFrameworkSource, clientAddress } from './channels/client-address';
import { noUploads } from './channels/no-uploads';
import { checkBotFrameworkActivity, checkWebChatPost, clientActivityId } from './channels/incoming-activity';
import { wellFormedInput } from './channels/well-formed-input';
import { connectorServiceUrl } from './channels/web-chat/connector';
import { webChatPage } from './channels/web-chat/web-chat-page';
import type { LibraryAdapter } from './bot/library-adapter';
import type { LibraryBot } from './bot/library-bot';
import { setSignInSource } from './dialogs/sign-in-source';
import type { Logger } from './logging';

export interface ServerDeps {
  adapter: LibraryAdapter;
  bot: LibraryBot;
  log: Logger;
  libraries: readonly string[];
  defaultLibrary: string;
  languageOf(library: string): string;
  healthy(): Promise<boolean>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
// The package's exports hide dist/ (and package.json), but the bundle is what a page loads.
const webChatEntry = createRequire(import.meta.url).resolve('botframework-webchat');
const webChatBundle = path.join(webChatEntry.slice(0, webChatEntry.lastIndexOf('botframework-webchat') + 'botframework-webchat'.length), 'dist', 'webchat.js');
const directLineShim = readFileSync(path.join(here, 'channels', 'web-chat', 'direct-line.js'), 'utf8');

/** Largest request body accepted; a chat message is a few hundred bytes. */
const MAX_BODY = 64 * 1024;

/** Routes only: each one hands over to the adapter or a page renderer. */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'library-booking-bot', handleUncaughtExceptions: false });
  server.pre(noUploads);
  server.pre(bodilessRequest);
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY, mapParams: false, rejectUnknown: true }));
  server.use(wellFormedInput);

  server.post('/api/messages', async (req: Request, res: Response) => {
    const checked = checkBotFrameworkActivity(req.body);
    if (!checked.ok) { res.send(400, { error: checked.error }); return; }
    const activity = checked.value;
    // Anonymous mode: replies go to the caller's serviceUrl, so only loopback callers (the
    // Emulator, tests) or expectReplies are accepted; otherwise anyone could make us POST anywhere.
    if (deps.adapter.anonymous && activity.deliveryMode !== 'expectReplies' && !isLoopbackUrl(activity.serviceUrl)) {
      res.send(400, { error: 'serviceUrl must be a loopback address when no Microsoft app id is configured' });
      return;
    }
    await deps.adapter.process(req, res, (context) => {
      setSignInSource(context, botFrameworkSource(req, context.activity, !deps.adapter.anonymous));
      return deps.bot.run(context);
    });
  });

  server.post('/webchat/activities', async (req: Request, res: Response) => {
    const checked = checkWebChatPost(req.body);
    if (!checked.ok) { res.send(400, { error: checked.error }); return; }
    const { conversationId, activity: incoming, library: requested } = checked.value;
    const library = requested && deps.libraries.includes(requested) ? requested : deps.defaultLibrary;
    // A message re-sent with the same client id is the same activity: the ledger answers it once.
    const clientId = clientActivityId(incoming);
    const id = `${conversationId}|${clientId ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`}`;
    // Typing indicators and events carry nothing the bot answers.
    if (incoming.type !== 'message' && incoming.type !== 'conversationUpdate') { res.send(200, { id, activities: [] }); return; }
    const activity: Partial<Activity> = {
      type: incoming.type,
      id,
      text: incoming.text ?? '',
      locale: incoming.locale,
      membersAdded: incoming.type === 'conversationUpdate' ? [{ id: 'user', name: 'user' }] : undefined,
      channelId: 'webchat',
      // Our own connector endpoint: proactive messages ("your books are ready") land in the page's outbox.
      serviceUrl: connectorServiceUrl(server, conversationId),
      conversation: { id: conversationId, isGroup: false, name: '', conversationType: 'personal' },
      from: { id: `${conversationId}-user`, name: 'user', role: 'user' },
      recipient: { id: 'library-bot', name: 'library-bot', role: 'bot' },
      channelData: { library },
      timestamp: new Date(),
    };
    const replies = await deps.adapter.runInProcess(activity, (context) => {
      setSignInSource(context, { kind: 'address', id: clientAddress(req) });
      return deps.bot.run(context);
    });
    res.send(200, { id, activities: replies });
  });

  const page = (library: string) => async (_req: Request, res: Response) => {
    const html = webChatPage(library, deps.languageOf(library));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
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

function isLoopbackUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
