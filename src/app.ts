import type { Server } from 'restify';
import { createBot, type BotOptions } from './bot/create-bot';
import { LibraryAdapter } from './bot/library-adapter';
import { onTurnError } from './bot/on-turn-error';
import { smsSenderFromEnv } from './channels/twilio-sms/sms-sender-from-env';
import { registerVoiceChannel } from './channels/twilio-voice/voice-routes';
import { session } from './dialogs/session';
import { createLogger, type Logger } from './logging';
import { createPrismaClient, type Db } from './persistence/prisma-client';
import { databaseUrl } from './persistence/database-url';
import { KeyedPinHasher } from './persistence/keyed-pin-hasher';
import { pinKeysFromEnv } from './persistence/pin-keys-from-env';
import { createServer } from './server';
import { WEB_CHAT_CONVERSATION_ID, WebChatKeys } from './channels/web-chat/connector';
import { sharedSecret } from './persistence/prisma-server-secrets';
import { createJobRunner } from './jobs/create-job-runner';
import type { JobRunner } from './jobs/job-runner';
import { retentionFromEnv } from './jobs/retention-from-env';
import { PurgeExpiredData } from './domain/services/purge-expired-data';
import { observeHttp } from './observability/http-observability';
import { countOutcomes, timeTurn } from './observability/instrument';
import { PrismaRetentionStore } from './persistence/prisma-retention-store';
import { registerDemandRoutes } from './staff/demand/demand-routes';
import { registerIllStaffRoutes } from './staff/ill/ill-routes';
import { registerLockoutRoutes } from './staff/lockout-routes';
import { registerPatronDataRoutes } from './staff/patron-data-routes';
import { registerStaffRoutes } from './staff/routes';

export interface App {
  server: Server;
  db: Db;
  adapter: LibraryAdapter;
  log: Logger;
  /** Background jobs, not started: src/main.ts starts them (tests drive `tick` themselves). */
  jobs: JobRunner;
  close(): Promise<void>;
}

/** The whole product in one process: database, bot, adapter and HTTP routes. */
export async function createApp(options: BotOptions & { db?: Db; databaseUrl?: string } = {}): Promise<App> {
  const log = options.log ?? createLogger();
  // Read before anything starts: a bad retention setting stops the start-up, not the first purge.
  const retention = retentionFromEnv();
  const db = options.db ?? (await createPrismaClient(options.databaseUrl));
  // Read before anything starts: a production start without PIN_PEPPER stops here, with the reason.
  const pinHasher = options.pinHasher ?? new KeyedPinHasher(pinKeysFromEnv(options.databaseUrl ?? databaseUrl()));
  const { bot, conversationState, services, pickup, ill } = await createBot(db, { ...options, log, pinHasher, sms: options.sms ?? smsSenderFromEnv(log) });
  countOutcomes({ signIn: services.signIn, placeOrder: services.placeOrder, requestIll: services.ill.request });
  const adapter = new LibraryAdapter({
    MicrosoftAppId: process.env.MicrosoftAppId,
    MicrosoftAppPassword: process.env.MicrosoftAppPassword,
    MicrosoftAppType: process.env.MicrosoftAppType,
    MicrosoftAppTenantId: process.env.MicrosoftAppTenantId,
  });
  adapter.use(timeTurn);
  adapter.onTurnError = onTurnError(conversationState, log, (context) => {
    try { return session(context).language; } catch { return 'el'; }
  });
  const libraries = (await db.library.findMany({ select: { id: true } })).map((l) => l.id);
  const defaultLibrary = options.defaultLibrary ?? process.env.DEFAULT_LIBRARY ?? 'kalamaria';
  const webChatKeys = new WebChatKeys(process.env.WEBCHAT_CONNECTOR_SECRET || (await sharedSecret(db, 'webchat')));
  const server = createServer({
    adapter, bot, log, libraries, defaultLibrary, webChatKeys,
    languageOf: (library) => services.library(library).defaultLanguage,
    healthy: async () => { await db.$queryRawUnsafe('SELECT 1'); return true; },
  });
  pickup.proactive.bind(adapter, (reference) => {
    const conversationId = reference.conversation?.id ?? '';
    if (reference.channelId === 'webchat') return WEB_CHAT_CONVERSATION_ID.test(conversationId) ? webChatKeys.connectorUrl(server, conversationId) : undefined;
    // With app credentials the channel's token vouched for the serviceUrl; without them a caller wrote it.
    return adapter.anonymous ? undefined : reference.serviceUrl;
  });
  observeHttp(server, log, { metricsToken: process.env.METRICS_TOKEN });
  registerVoiceChannel(server, { db, bot, services, log, libraries, onTurnError: adapter.onTurnError })?.use(timeTurn);
  registerStaffRoutes(server, { pickup, adapter, log, library: services.library, webChatKeys });
  registerIllStaffRoutes(server, { ill, pickup, library: services.library });
  registerPatronDataRoutes(server, { db, pickup, log, library: services.library });
  registerLockoutRoutes(server, { pickup, log, library: services.library });
  registerDemandRoutes(server, { pickup, log, library: services.library, demand: services.demand, copyAlerts: services.copyAlerts });
  const purge = new PurgeExpiredData(new PrismaRetentionStore(db), retention, pickup.now);
  const jobs = createJobRunner(db, {
    expireOrders: () => pickup.expireOrders.run(), purgeExpiredData: () => purge.run(),
    releaseQuarantine: () => services.copyAlerts.releaseQuarantine(),
  }, pickup.now, log);
  return { server, db, adapter, log, jobs, close: async () => { jobs.stop(); server.close(); await db.$disconnect(); } };
}
