import { DevelopmentSmsSender } from '../channels/twilio-sms/development-sms-sender';
import type { PatronNotifier } from '../domain/ports/patron-notifier';
import type { SmsSender } from '../domain/ports/sms-sender';
import type { PolicyLookup } from '../domain/policy/policies';
import { BookAppointment } from '../domain/services/book-appointment';
import { ExpireOrders } from '../domain/services/expire-orders';
import { ListQueue } from '../domain/services/list-queue';
import { RecordArrival } from '../domain/services/record-arrival';
import { SignInLockouts } from '../domain/services/sign-in-lockouts';
import { TransitionOrder } from '../domain/services/transition-order';
import { defaultLibraries, policiesOf } from '../libraries/load-libraries';
import { createLogger, type Logger } from '../logging';
import { CopyAlerts } from '../domain/services/copy-alerts';
import { ChatOrSmsCopyAlertNotifier } from '../notifications/copy-alert-notifier';
import { PrismaCopyAlertRepository } from '../persistence/prisma-copy-alert-repository';
import { ChatAndSmsNotifier } from '../notifications/chat-and-sms-notifier';
import { ProactiveSender } from '../notifications/proactive-sender';
import { PrismaAppointmentRepository } from '../persistence/prisma-appointment-repository';
import type { Db } from '../persistence/prisma-client';
import { PrismaPatronRepository } from '../persistence/prisma-patron-repository';
import { PrismaSignInAttempts } from '../persistence/prisma-sign-in-attempts';
import { PrismaStaffNotificationRepository } from '../persistence/prisma-staff-notification-repository';
import { PrismaStaffOrderRepository } from '../persistence/prisma-staff-order-repository';
import { PrismaStaffRepository } from '../persistence/prisma-staff-repository';

export interface PickupOptions {
  /** Replaces chat + SMS notifications (tests). */
  notifier?: PatronNotifier;
  /** SMS transport (Twilio Messaging or the development one, from the app); logs when absent. */
  sms?: SmsSender;
  log?: Logger;
  /** The libraries' rules; the project's library files when not given. */
  policyFor?: PolicyLookup;
  /** Cancels in the library's own system the holds of an order that ended unfulfilled (issue 20). */
  releaseIlsHolds?: (orderId: number) => Promise<unknown>;
}

/** The staff queue's use cases, shared by the bot's dialogs and the staff pages. */
export type PickupAssembly = ReturnType<typeof createPickupServices>;

/** Wires the repositories, notifications and use cases of the staff queue and pickup appointments once per process. */
export function createPickupServices(db: Db, now: () => Date, options: PickupOptions = {}) {
  const log = options.log ?? createLogger();
  const policyFor = options.policyFor ?? policiesOf(defaultLibraries());
  const orders = new PrismaStaffOrderRepository(db);
  const appointments = new PrismaAppointmentRepository(db);
  const notifications = new PrismaStaffNotificationRepository(db);
  const proactive = new ProactiveSender();
  const sms = options.sms ?? new DevelopmentSmsSender(log);
  /** Where patrons can reach us (calendar links); set when the server listens, or by PUBLIC_BASE_URL. */
  const publicUrl: { value?: string } = { value: process.env.PUBLIC_BASE_URL?.replace(/\/$/, '') };
  const notifier = options.notifier ?? new ChatAndSmsNotifier(notifications, proactive, sms, policyFor, () => publicUrl.value, log);
  const patrons = new PrismaPatronRepository(db);
  const copyAlertNotifier = new ChatOrSmsCopyAlertNotifier(proactive, sms, (id) => patrons.phone(id),
    async (libraryId) => (await db.library.findUnique({ where: { id: libraryId }, select: { phone: true } }))?.phone ?? '');
  const copyAlerts = new CopyAlerts(new PrismaCopyAlertRepository(db), copyAlertNotifier, policyFor, now,
    (error, alertId) => log.warn({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error), alertId }, 'copy alert not delivered'));
  // A cancelled or expired order puts its held copies back on the shelf: the patrons waiting for them are told.
  // Where the library has its own system, the holds there are cancelled too.
  const transitionOrder = new TransitionOrder(orders, policyFor, notifier, now, (recordIds) => copyAlerts.copiesBack(recordIds), options.releaseIlsHolds);
  // Sign-in failures per source: the patron sign-in counts them, staff see and lift the limits.
  const signInAttempts = new PrismaSignInAttempts(db);
  return {
    transitionOrder,
    bookAppointment: new BookAppointment(orders, appointments, policyFor, now),
    recordArrival: new RecordArrival(orders, transitionOrder, policyFor, now),
    listQueue: new ListQueue(orders, appointments, policyFor, now),
    expireOrders: new ExpireOrders(orders, transitionOrder, notifier, policyFor, now),
    patronOrders: orders as Pick<PrismaStaffOrderRepository, 'forPatron'>,
    staff: new PrismaStaffRepository(db),
    signInAttempts,
    lockouts: new SignInLockouts(patrons, signInAttempts, now),
    copyAlerts,
    appointments,
    notifications,
    notifier,
    proactive,
    sms,
    publicUrl,
    log,
    now,
    policyFor,
  };
}
