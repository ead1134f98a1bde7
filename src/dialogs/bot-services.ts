import type { LibraryPolicy } from '../domain/policy/library-policy';
import type { OrderRepository } from '../domain/ports/order-repository';
import type { PatronRepository } from '../domain/ports/patron-repository';
import type { SmsSender } from '../domain/ports/sms-sender';
import type { StaffOrderRepository } from '../domain/ports/staff-order-repository';
import type { IllRepository } from '../domain/ports/ill-repository';
import type { RequestIll } from '../domain/services/ill-request';
import type { IllWorkflow } from '../domain/services/ill-workflow';
import type { HoldAllowance } from '../domain/services/hold-allowance';
import type { LiveAvailability } from '../domain/services/live-availability';
import type { CopyAlerts } from '../domain/services/copy-alerts';
import type { DemandList } from '../domain/services/demand-list';
import type { BookAppointment } from '../domain/services/book-appointment';
import type { PlaceOrder } from '../domain/services/place-order';
import type { RecordArrival } from '../domain/services/record-arrival';
import type { SearchCatalogue } from '../domain/services/search-catalogue';
import type { SignIn } from '../domain/services/sign-in';
import type { TransitionOrder } from '../domain/services/transition-order';
import type { LibraryInfo } from '../domain/types';

/** The use cases and read models the dialogs call; wired once in bot/create-bot.ts. */
export interface BotServices {
  signIn: SignIn;
  search: SearchCatalogue;
  placeOrder: PlaceOrder;
  /** How many more books the patron may choose now, from the library system where it has one. */
  holdAllowance: HoldAllowance;
  /** Which branches have the book on the shelf now: the library system's word where it has one. */
  liveAvailability: LiveAvailability;
  orders: Pick<OrderRepository, 'listForPatron'>;
  patrons: Pick<PatronRepository, 'snapshot' | 'phone'>;
  /** Text messages to patrons (order confirmations); Twilio Messaging or a logging transport. */
  sms: SmsSender;
  library(libraryId: string): LibraryInfo;
  policyFor(libraryId: string): LibraryPolicy;
  now(): Date;
  /** Pickup appointments, the patron's own cancellations and "I am at the entrance" (staff queue, issue 5). */
  bookAppointment: BookAppointment;
  transitionOrder: TransitionOrder;
  recordArrival: RecordArrival;
  patronOrders: Pick<StaffOrderRepository, 'forPatron'>;
  /** Interlibrary loan (issue 6): requests, the reader's status report and cost re-acceptance. */
  /** Searches that found nothing, for the staff's acquisitions list (issue 21); no patron data. */
  demand: DemandList;
  /** "Tell me when a copy is back" for books whose every copy is on loan (issue 21). */
  copyAlerts: CopyAlerts;
  ill: { request: RequestIll; workflow: IllWorkflow; requests: Pick<IllRepository, 'listForPatron' | 'unpaidCharges'> };
}
