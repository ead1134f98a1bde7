import type { ConversationState, Storage } from 'botbuilder';
import { HoldAllowance } from '../domain/services/hold-allowance';
import { LiveAvailability } from '../domain/services/live-availability';
import { DemandList } from '../domain/services/demand-list';
import { PlaceOrder } from '../domain/services/place-order';
import { FileIllRequests } from '../domain/services/file-ils-ill-requests';
import { PlaceIlsHolds } from '../domain/services/place-ils-holds';
import { makeOrderRef } from '../domain/order-ref';
import { PrismaIlsIllStore } from '../persistence/prisma-ils-ill-store';
import { PrismaIlsHoldStore } from '../persistence/prisma-ils-hold-store';
import type { LibrarySystem } from '../domain/ports/library-system';
import { SearchCatalogue } from '../domain/services/search-catalogue';
import { SignIn } from '../domain/services/sign-in';
import type { IllNotifier } from '../domain/ports/ill-notifier';
import type { PatronNotifier } from '../domain/ports/patron-notifier';
import type { SmsSender } from '../domain/ports/sms-sender';
import type { BotServices } from '../dialogs/bot-services';
import { defaultLibraries, defaultLibraryId, policiesOf, type Libraries } from '../libraries/load-libraries';
import type { Logger } from '../logging';
import { PrismaBotStorage } from '../persistence/prisma-bot-storage';
import { PrismaCatalogueRepository } from '../persistence/prisma-catalogue-repository';
import type { Db } from '../persistence/prisma-client';
import { PrismaDemandLog } from '../persistence/prisma-demand-log';
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
  /** The libraries served (libraries/*.yaml, read by src/app.ts); the project's files when not given. */
  libraries?: Libraries;
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
  /**
   * Each library's own system (issue 20), built by src/app.ts from the library's `ils:` block;
   * a library without one uses the bot's database (embedded).
   */
  librarySystems?: ReadonlyMap<string, LibrarySystem>;
  /** Each library's branch codes in its ILS (a branch's `ilsCode`); by default the branch id. */
  ilsBranchCodes?: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

export interface BotAssembly {
  bot: LibraryBot;
  conversationState: ConversationState;
  services: BotServices;
  /** Puts holds into the libraries' own systems; `reconcile` on start finds what a crash left unrecorded. */
  ilsHolds: PlaceIlsHolds;
  /** Files ILL requests in the libraries' own systems; `reconcile` on start files what a crash or an outage left. */
  ilsIll: FileIllRequests;
  pickup: PickupAssembly;
  ill: IllAssembly;
}

/** Wires repositories, use cases and dialogs once per process. */
export async function createBot(db: Db, options: BotOptions = {}): Promise<BotAssembly> {
  const now = options.now ?? (() => new Date());
  const libraries = options.libraries ?? defaultLibraries();
  const policyFor = policiesOf(libraries);
  const patrons = new PrismaPatronRepository(db);
  const orders = new PrismaOrderRepository(db);
  const systemFor = (libraryId: string) => options.librarySystems?.get(libraryId);
  const ilsHolds = new PlaceIlsHolds(new PrismaIlsHoldStore(db), systemFor, (libraryId, branchId) => options.ilsBranchCodes?.get(libraryId)?.[branchId] ?? branchId, now);
  const pickup = createPickupServices(db, now, {
    notifier: options.notifier, sms: options.sms, log: options.log, policyFor,
    // One query for a library without a system: none of its holds has an ILS id.
    releaseIlsHolds: (orderId) => ilsHolds.releaseForOrder(orderId),
  });
  const catalogue = new PrismaCatalogueRepository(db);
  const search = new SearchCatalogue(catalogue);
  // In the background: the first patron's search should not wait for the vocabulary; if this
  // fails (database not up yet), the first search reads it instead.
  for (const id of libraries.keys()) search.warm(id).catch(() => undefined);
  // A library's ILL requests are handled at its first branch (the library file's order), under that branch's ILS code.
  const illBranch = (libraryId: string) => {
    const first = libraries.get(libraryId)?.info.branches[0]?.id ?? libraryId;
    return options.ilsBranchCodes?.get(libraryId)?.[first] ?? first;
  };
  const ilsIll = new FileIllRequests(new PrismaIlsIllStore(db), systemFor, illBranch);
  const ill = createIllServices(db, now, { proactive: pickup.proactive, sms: pickup.sms, log: pickup.log, notifier: options.illNotifier, policyFor, fileIll: ilsIll });
  const services: BotServices = {
    signIn: new SignIn(patrons, options.pinHasher ?? new KeyedPinHasher(pinKeysFromEnv(databaseUrl())), pickup.signInAttempts, now, systemFor),
    search,
    placeOrder: new PlaceOrder(orders, policyFor, now, makeOrderRef, ilsHolds),
    holdAllowance: new HoldAllowance(patrons, policyFor, now, systemFor),
    liveAvailability: new LiveAvailability(catalogue, systemFor, (libraryId, code) => {
      const codes = options.ilsBranchCodes?.get(libraryId);
      return (codes && Object.entries(codes).find(([, c]) => c === code)?.[0]) ?? code;
    }),
    orders,
    patrons,
    library: (id) => {
      const library = libraries.get(id);
      if (!library) throw new Error(`unknown library '${id}'`);
      return library.info;
    },
    policyFor,
    now,
    // Without a sender (dialog tests that do not look at texts) nothing is sent.
    sms: options.sms ?? { send: async () => ({ status: 'not_configured' as const }) },
    bookAppointment: pickup.bookAppointment,
    transitionOrder: pickup.transitionOrder,
    recordArrival: pickup.recordArrival,
    patronOrders: pickup.patronOrders,
    demand: new DemandList(new PrismaDemandLog(db), now),
    copyAlerts: pickup.copyAlerts,
    ill,
  };
  const conversationState = new LibraryConversationState(options.storage ?? new PrismaBotStorage(db));
  const defaultLibrary = options.defaultLibrary ?? defaultLibraryId(libraries);
  const bot = new LibraryBot(conversationState, services, { defaultLibrary, libraries: [...libraries.keys()] });
  return { bot, conversationState, services, ilsHolds, ilsIll, pickup, ill };
}
