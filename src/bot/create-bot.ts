import type { ConversationState, Storage } from 'botbuilder';
import { policyFor, LIBRARY_IDS } from '../domain/policy/policies';
import { PlaceOrder } from '../domain/services/place-order';
import { SearchCatalogue } from '../domain/services/search-catalogue';
import { SignIn } from '../domain/services/sign-in';
import type { IllNotifier } from '../domain/ports/ill-notifier';
import type { PatronNotifier } from '../domain/ports/patron-notifier';
import type { SmsSender } from '../domain/ports/sms-sender';
import type { Language, LibraryInfo } from '../domain/types';
import type { BotServices } from '../dialogs/bot-services';
import type { Logger } from '../logging';
import { PrismaBotStorage } from '../persistence/prisma-bot-storage';
import { PrismaCatalogueRepository } from '../persistence/prisma-catalogue-repository';
import type { Db } from '../persistence/prisma-client';
import { PrismaOrderRepository } from '../persistence/prisma-order-repository';
import { PrismaPatronRepository } from '../persistence/prisma-patron-repository';
import type { PinHasher } from '../domain/ports/pin-hasher';
import { databaseUrl } from '../persistence/database-url';
import { KeyedPinHasher } from '../persistence/keyed-pin-hasher';
import { pinKeysFromEnv } from '../persistence/pin-keys-from-env';
import { createIllServices, type IllAssembly } from '../staff/ill/ill-services';
import { createPickupServices, type PickupAssembly } from '../staff/pickup-services';
import { LibraryBot } from './library-bot';
import { LibraryConversationState } from './library-conversation-state';

export interface BotOptions {
  defaultLibrary?: string;
  now?: () => Date;
  storage?: Storage;
  /** Order-confirmation texts; the app passes Twilio Messaging or the logging transport. */
  sms?: SmsSender;
  /** Replaces the chat + SMS notifications of the staff queue (tests). */
  notifier?: PatronNotifier;
  /** Replaces the ILL arrival message (tests). */
  illNotifier?: IllNotifier;
  /** Where the staff queue's notifications log (the app's logger); a logger of their own otherwise. */
  log?: Logger;
  /** How PINs are checked; by default keyed with PIN_PEPPER (src/persistence/pin-keys-from-env.ts). */
  pinHasher?: PinHasher;
}

export interface BotAssembly {
  bot: LibraryBot;
  conversationState: ConversationState;
  services: BotServices;
  pickup: PickupAssembly;
  ill: IllAssembly;
}

/** Wires repositories, use cases and dialogs once per process. */
export async function createBot(db: Db, options: BotOptions = {}): Promise<BotAssembly> {
  const now = options.now ?? (() => new Date());
  const branches = await db.branch.findMany({ orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: { id: true, libraryId: true, name: true, address: true } });
  const libraries = new Map<string, LibraryInfo>(
    (await db.library.findMany()).map((l) => [l.id, {
      ...l, defaultLanguage: l.defaultLanguage as Language,
      branches: branches.filter((b) => b.libraryId === l.id).map(({ id, name, address }) => ({ id, name, address })),
    }]),
  );
  const patrons = new PrismaPatronRepository(db);
  const orders = new PrismaOrderRepository(db);
  const pickup = createPickupServices(db, now, { notifier: options.notifier, sms: options.sms, log: options.log });
  const ill = createIllServices(db, now, { proactive: pickup.proactive, sms: pickup.sms, log: pickup.log, notifier: options.illNotifier });
  const search = new SearchCatalogue(new PrismaCatalogueRepository(db));
  // In the background: the first patron's search should not wait for the vocabulary; if this
  // fails (database not up yet), the first search reads it instead.
  for (const id of libraries.keys()) search.warm(id).catch(() => undefined);
  const services: BotServices = {
    signIn: new SignIn(patrons, options.pinHasher ?? new KeyedPinHasher(pinKeysFromEnv(databaseUrl())), pickup.signInAttempts, now),
    search,
    placeOrder: new PlaceOrder(orders, policyFor, now),
    orders,
    patrons,
    library: (id) => {
      const library = libraries.get(id);
      if (!library) throw new Error(`unknown library '${id}'`);
      return library;
    },
    policyFor,
    now,
    // Without a sender (dialog tests that do not look at texts) nothing is sent.
    sms: options.sms ?? { send: async () => undefined },
    bookAppointment: pickup.bookAppointment,
    transitionOrder: pickup.transitionOrder,
    recordArrival: pickup.recordArrival,
    patronOrders: pickup.patronOrders,
    ill,
  };
  const conversationState = new LibraryConversationState(options.storage ?? new PrismaBotStorage(db));
  const defaultLibrary = options.defaultLibrary ?? process.env.DEFAULT_LIBRARY ?? 'kalamaria';
  const bot = new LibraryBot(conversationState, services, { defaultLibrary, libraries: LIBRARY_IDS.filter((id) => libraries.has(id)) });
  return { bot, conversationState, services, pickup, ill };
}
