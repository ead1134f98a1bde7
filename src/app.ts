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
import type { CatalogueHarvestSettings } from './jobs/catalogue-harvest-jobs';
import { createJobRunner } from './jobs/create-job-runner';
import type { JobRunner } from './jobs/job-runner';
import { retentionFromEnv, retentionOfLibraries, retentionOverridesFromEnv } from './jobs/retention-from-env';
import { PurgeExpiredData } from './domain/services/purge-expired-data';
import { observeHttp } from './observability/http-observability';
import { countOutcomes, timeTurn } from './observability/instrument';
import { PrismaRetentionStore } from './persistence/prisma-retention-store';
import { registerDemandRoutes } from './staff/demand/demand-routes';
import { registerIllStaffRoutes } from './staff/ill/ill-routes';
import { registerLockoutRoutes } from './staff/lockout-routes';
import { registerPatronDataRoutes } from './staff/patron-data-routes';
import { registerStaffRoutes } from './staff/routes';
import { defaultLibraryId, loadLibraries, type Libraries } from './libraries/load-libraries';
import type { IlsConfig } from './ils/ils-config';
import { createLibrarySystems } from './ils/library-systems';
import { PrismaPatronRepository } from './persistence/prisma-patron-repository';

export interface App {
  server: Server;
  db: Db;
  adapter: LibraryAdapter;
  log: Logger;
  /** Background jobs, not started: src/main.ts starts them (tests drive `tick` themselves). */
  jobs: JobRunner;
  /** The ids of the libraries served, from their files. */
  libraries: readonly string[];
  /** Records the ILS holds a crash left unrecorded, cancels there those of ended orders (on start and by the reconcile-ils job). */
  reconcileIlsHolds(): Promise<{ placed: number; pending: number; released: number; releasePending: number }>;
  /** Files in the ILS every outstanding ILL request it has not taken yet (run once in the background on start). */
  reconcileIlsRequests(): Promise<{ filed: number; pending: number }>;
  /** The start-up reconciliations, done (never rejects: a failure is logged and the next start tries again). */
  ilsReconciled: Promise<void>;
  close(): Promise<void>;
}

/** The whole product in one process: database, bot, adapter and HTTP routes. */
export async function createApp(options: BotOptions & {
  db?: Db; databaseUrl?: string;
  /** Libraries whose catalogue an OAI-PMH harvest keeps current (by default from their library files). */
  catalogueHarvests?: readonly CatalogueHarvestSettings[];
  /** Each library's `ils:` block (issue 20), by default from its library file; embedded when absent. */
  ils?: ReadonlyMap<string, IlsConfig>;
} = {}): Promise<App> {
  const log = options.log ?? createLogger();
  // Read first: a wrong library file stops the start-up with its problems, before anything listens.
  const libraryConfigs = options.libraries ?? loadLibraries();
  const defaultLibrary = options.defaultLibrary ?? defaultLibraryId(libraryConfigs);
  // Read before anything starts: a bad retention setting stops the start-up, not the first purge.
  const retention = retentionFromEnv();
  const retentionByLibrary = retentionOfLibraries(libraryConfigs, retentionOverridesFromEnv());
  const db = options.db ?? (await createPrismaClient(options.databaseUrl));
  // Read before anything starts: a production start without PIN_PEPPER stops here, with the reason.
  const pinHasher = options.pinHasher ?? new KeyedPinHasher(pinKeysFromEnv(options.databaseUrl ?? databaseUrl()));
  // Read before anything starts: a missing ILS_<LIBRARY>_… secret stops the start-up, naming the variable.
  const ils = createLibrarySystems(options.ils ?? ilsConfigsOf(libraryConfigs), { db, patrons: new PrismaPatronRepository(db), pinHasher, log, now: options.now ?? (() => new Date()) });
  const librarySystems = options.librarySystems ?? ils.systems;
  const ilsBranchCodes = options.ilsBranchCodes ?? new Map([...libraryConfigs.values()].map((l) => [l.id, l.ilsCodes]));
  const { bot, conversationState, services, ilsHolds, ilsIll, pickup, ill } = await createBot(db, {
    ...options, libraries: libraryConfigs, defaultLibrary, log, pinHasher, librarySystems, ilsBranchCodes, sms: options.sms ?? smsSenderFromEnv(log),
  });
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
  const libraries = [...libraryConfigs.keys()];
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
  registerStaffRoutes(server, { pickup, adapter, log, library: services.library, webChatKeys, usesIls: (id) => ilsHolds.appliesTo(id) });
  registerIllStaffRoutes(server, { ill, pickup, library: services.library, usesIls: (id) => ilsIll.appliesTo(id) });
  registerPatronDataRoutes(server, { db, pickup, log, library: services.library });
  registerLockoutRoutes(server, { pickup, log, library: services.library });
  registerDemandRoutes(server, { pickup, log, library: services.library, demand: services.demand, copyAlerts: services.copyAlerts });
  const reconcileIlsHolds = () => ilsHolds.reconcile(libraries);
  const reconcileIlsRequests = () => ilsIll.reconcile(libraries);
  const purge = new PurgeExpiredData(new PrismaRetentionStore(db), retention, pickup.now, retentionByLibrary);
  const jobs = createJobRunner(db, {
    expireOrders: () => pickup.expireOrders.run(), purgeExpiredData: () => purge.run(),
    releaseQuarantine: () => services.copyAlerts.releaseQuarantine(),
    reconcileIls: async () => ({ holds: await reconcileIlsHolds(), requests: await reconcileIlsRequests() }),
    catalogueHarvests: options.catalogueHarvests ?? catalogueHarvestsOf(libraryConfigs),
  }, pickup.now, log);
  // In the background: a library system that is down must not stop the start; the next start tries again.
  const ilsReconciled = reconcileIlsHolds().then(() => undefined, (err: unknown) => log.warn({ err }, 'ILS reconciliation of holds failed'))
    .then(() => reconcileIlsRequests()).then(() => undefined, (err: unknown) => log.warn({ err }, 'ILS reconciliation of ILL requests failed'));
  return {
    server, db, adapter, log, jobs, libraries, reconcileIlsHolds, reconcileIlsRequests, ilsReconciled,
    close: async () => { jobs.stop(); server.close(); await ils.close(); await db.$disconnect(); },
  };
}

/** The libraries whose file names an OAI-PMH repository, with their holdings mapping and branch codes. */
export function catalogueHarvestsOf(libraries: Libraries): CatalogueHarvestSettings[] {
  return [...libraries.values()].flatMap(({ id, catalogue, ilsCodes }) => (catalogue?.oaiPmh ? [{
    libraryId: id, oaiPmh: catalogue.oaiPmh,
    ...(catalogue.holdings ? { holdings: catalogue.holdings } : {}),
    branches: Object.entries(ilsCodes).map(([branch, ilsCode]) => ({ id: branch, ilsCode })),
  }] : []));
}

/** Each library's `ils:` block, checked with the rest of its file at load. */
export function ilsConfigsOf(libraries: Libraries): Map<string, IlsConfig> {
  return new Map([...libraries.values()].map((l) => [l.id, l.ils]));
}
