import type { TurnContext } from 'botbuilder';
import type { Next, Request, Response, Server } from 'restify';
import type { LibraryBot } from '../../bot/library-bot';
import type { BotServices } from '../../dialogs/bot-services';
import type { Logger } from '../../logging';
import { PrismaCallbackRequests } from '../../persistence/prisma-callback-requests';
import type { Db } from '../../persistence/prisma-client';
import { PrismaVoiceTurnStore, type VoiceTurnClaim } from '../../persistence/prisma-voice-turn-store';
import { receivedBody } from '../well-formed-input';
import { retryLaterTwiml } from './activities-to-twiml';
import { TwilioVoiceAdapter } from './twilio-voice-adapter';
import { voiceConfigFromEnv, voiceEnabled, type VoiceConfig } from './voice-config';
import { stepFromQuery } from './voice-step';
import type { VoiceParams } from './voice-webhook-to-activity';

export interface VoiceChannelDeps {
  db: Db;
  bot: LibraryBot;
  services: BotServices;
  log: Logger;
  libraries: readonly string[];
  onTurnError?: (context: TurnContext, error: Error) => Promise<void>;
  config?: VoiceConfig;
}

export interface VoiceTurnStore {
  claim(callSid: string, turn: number): Promise<VoiceTurnClaim>;
  complete(callSid: string, turn: number, twiml: string): Promise<void>;
  release(callSid: string, turn: number): Promise<void>;
}

/** How long a repeated webhook waits for the first one's answer before asking Twilio to come back. */
const MAX_WAIT_MS = 6000;
const POLL_MS = 150;
const CALL_SID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * POST /api/voice/:library — the call's first webhook and every <Gather> action after it.
 * Off without TWILIO_AUTH_TOKEN unless VOICE_DEV_INSECURE=1. Returns the adapter (undefined when off).
 */
export function registerVoiceChannel(server: Server, deps: VoiceChannelDeps): TwilioVoiceAdapter | undefined {
  const config = deps.config ?? voiceConfigFromEnv();
  if (!voiceEnabled(config)) {
    deps.log.info('voice channel off: set TWILIO_AUTH_TOKEN (or VOICE_DEV_INSECURE=1 on a development machine)');
    return undefined;
  }
  if (!config.authToken) deps.log.warn('voice channel accepts UNSIGNED webhooks (VOICE_DEV_INSECURE=1): never do this in production');
  if (config.authToken && !config.publicBaseUrl) deps.log.warn('PUBLIC_BASE_URL is not set: signatures are checked against the Host header the server sees');
  const adapter = new TwilioVoiceAdapter({
    config,
    policyFor: deps.services.policyFor,
    library: deps.services.library,
    callbacks: new PrismaCallbackRequests(deps.db),
    now: deps.services.now,
  });
  if (deps.onTurnError) adapter.onTurnError = deps.onTurnError;
  const turns: VoiceTurnStore = new PrismaVoiceTurnStore(deps.db);
  // The signature covers the form fields, so it is checked after parsing; one that is missing
  // cannot pass, so its body is not read at all.
  if (config.authToken) {
    server.pre((req: Request, res: Response, next: Next) => {
      if (req.method === 'POST' && (req.path() ?? '').startsWith('/api/voice/') && !req.header('x-twilio-signature')) {
        deps.log.warn({ path: req.path() }, 'voice webhook refused: missing X-Twilio-Signature');
        res.send(403, { error: 'invalid signature' });
        next(false);
        return;
      }
      next();
    });
  }

  server.post('/api/voice/:library', async (req: Request, res: Response) => {
    const library = String(req.params.library);
    if (!deps.libraries.includes(library)) {
      res.send(404, { error: 'unknown library' });
      return;
    }
    const base = config.publicBaseUrl ?? `${req.isSecure() ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
    const url = `${base}${req.url ?? ''}`;
    const params = formParams(req.body);
    if (!adapter.verify(url, req.header('x-twilio-signature') || undefined, formParams(receivedBody(req)))) {
      deps.log.warn({ path: req.path() }, 'voice webhook refused: missing or wrong X-Twilio-Signature');
      res.send(403, { error: 'invalid signature' });
      return;
    }
    const callSid = params.CallSid ?? '';
    if (!CALL_SID.test(callSid)) {
      res.send(400, { error: 'CallSid is required' });
      return;
    }
    const step = stepFromQuery(new URL(url).searchParams);
    const endpoint = `${base}/api/voice/${encodeURIComponent(library)}`;
    const twiml = await answerOnce(turns, callSid, step.turn,
      () => adapter.handle({ library, params, step }, endpoint, (context) => deps.bot.run(context)),
      () => retryLaterTwiml(url));
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-store' });
    res.end(twiml);
  });
  return adapter;
}

/** Runs a webhook's turn once per (CallSid, turn); a repeat gets the stored TwiML. */
export async function answerOnce(store: VoiceTurnStore, callSid: string, turn: number, run: () => Promise<string>, later: () => string): Promise<string> {
  for (let waited = 0; ; waited += POLL_MS) {
    const claim = await store.claim(callSid, turn);
    if (typeof claim === 'object') return claim.twiml;
    if (claim === 'claimed') break;
    if (waited >= MAX_WAIT_MS) return later();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    const twiml = await run();
    await store.complete(callSid, turn, twiml);
    return twiml;
  } catch (error) {
    await store.release(callSid, turn);
    throw error;
  }
}

/** restify's urlencoded body as Twilio's flat string fields (the signature is computed over them). */
function formParams(body: unknown): VoiceParams {
  const params: VoiceParams = {};
  if (typeof body !== 'object' || body === null) return params;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') params[key] = value[0];
  }
  return params;
}
