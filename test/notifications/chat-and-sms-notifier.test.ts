import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/persistence/prisma-client';
import { appointmentIcs } from '../../src/notifications/ics';
import { createPickupServices } from '../../src/staff/pickup-services';
import { DevelopmentSmsSender } from '../../src/channels/twilio-sms/development-sms-sender';
import { TwilioSmsSender, type MessagesClient } from '../../src/channels/twilio-sms/twilio-sms-sender';
import type { SmsSender } from '../../src/domain/ports/sms-sender';
import { createLogger } from '../../src/logging';
import { anOrder } from '../staff/staff-support';
import { freshDb } from '../support/test-db';

let db: Db;
let sms: Array<{ to: string; body: string }>;
let pickup: ReturnType<typeof createPickupServices>;
let clock: Date;
const silentLog = () => createLogger('silent');

beforeEach(async () => {
  ({ db } = await freshDb());
  sms = [];
  clock = new Date('2026-11-23T08:00:00Z');
  pickup = createPickupServices(db, () => clock, { sms: { send: async (to, body) => { sms.push({ to, body }); return { status: 'sent' }; } } });
  pickup.publicUrl.value = 'https://library.example';
});
afterEach(async () => { await db.$disconnect(); });

describe('ChatAndSmsNotifier', () => {
  it('texts a Greek patron that the order is ready, with the appointment, and logs each channel', async () => {
    const order = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', status: 'preparing', title: 'Ο Καπετάν Μιχάλης' });
    await pickup.bookAppointment.run({ libraryId: 'kalamaria', ref: '1000025', branchId: 'kal-central', startsAt: new Date('2026-11-27T09:00:00Z'), actor: 'staff:1' });
    await pickup.transitionOrder.run({ libraryId: 'kalamaria', ref: '1000025', to: 'ready', actor: 'staff:1' });
    expect(sms).toEqual([{ to: '+306900000001', body: 'Βιβλιοθήκη: η παραγγελία 1000025 είναι έτοιμη. Παρασκευή 27 Νοεμβρίου στις 11:00' }]);
    const logged = await db.notification.findMany({ where: { orderId: order.id }, orderBy: { id: 'asc' } });
    // The order came from no chat conversation: only the SMS is logged.
    expect(logged.map((n) => [n.kind, n.channel, n.status])).toEqual([['ready', 'sms', 'sent']]);
  });

  it('writes the chat message in the order\'s language with the calendar link and attachment', async () => {
    await anOrder(db, { library: 'ozd', card: '2002001', ref: '2000016', status: 'ready', title: 'Egri csillagok' });
    await pickup.bookAppointment.run({ libraryId: 'ozd', ref: '2000016', branchId: 'ozd-main', startsAt: new Date('2026-11-27T10:00:00Z'), actor: 'staff:2' });
    const order = await db.order.update({ where: { ref: '2000016' }, data: { pickupDeadline: new Date('2026-11-30T23:00:00Z') } });
    const notifier = pickup.notifier as import('../../src/notifications/chat-and-sms-notifier').ChatAndSmsNotifier;
    const target = await pickup.notifications.target(order.id);
    const { chat, sms: text } = notifier.compose('ready', target!);
    const token = (await db.appointment.findFirstOrThrow({ where: { orderId: order.id } })).icsToken;
    expect(chat.text).toBe('Elkészült a rendelése (száma: 2000016), a könyvek átvehetők. Átvételi időpont: november 27., péntek 11:00, a könyvtár bejáratánál (Ózdi Városi Könyvtár). '
      + 'Ha a bejárathoz ért, írja: „megérkeztem”. A könyveket eddig őrizzük: november 30., hétfő.\n'
      + `Naptárba mentés: https://library.example/appointments/${token}.ics`);
    expect(chat.attachments).toEqual([{ contentType: 'text/calendar', contentUrl: `https://library.example/appointments/${token}.ics`, name: '2000016.ics' }]);
    expect(text).toBe('Könyvtár: rendelése (2000016) átvehető. november 27., péntek 11:00');
  });

  it('tells the patron why staff cancelled, from the reason staff picked', async () => {
    await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', title: 'Ο Καπετάν Μιχάλης' });
    await pickup.transitionOrder.run({ libraryId: 'kalamaria', ref: '1000025', to: 'cancelled', actor: 'staff:1', note: 'damaged' });
    const target = await pickup.notifications.target((await db.order.findUniqueOrThrow({ where: { ref: '1000025' } })).id);
    const notifier = pickup.notifier as import('../../src/notifications/chat-and-sms-notifier').ChatAndSmsNotifier;
    expect(notifier.compose('cancelled', target!).chat.text)
      .toBe('Η βιβλιοθήκη ακύρωσε την παραγγελία σας 1000025. Αιτία: Το αντίτυπο είναι φθαρμένο. Για οτιδήποτε, τηλεφωνήστε στο 2310 000 100.');
    expect(sms.map((s) => s.body)).toEqual(['Βιβλιοθήκη: η παραγγελία 1000025 ακυρώθηκε. Τηλ. 2310 000 100']);
  });

  it('sends the expiry reminder once, however often the job runs', async () => {
    const order = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', title: 'Ο Καπετάν Μιχάλης' });
    await pickup.notifier.notify({ kind: 'expiring', orderId: order.id, once: true });
    await pickup.notifier.notify({ kind: 'expiring', orderId: order.id, once: true });
    expect(sms).toHaveLength(1);
    expect(await db.notification.count({ where: { orderId: order.id, kind: 'expiring' } })).toBe(1);
  });
});

describe('what staff are told became of a text message', () => {
  const ready = async (sender: SmsSender) => {
    const services = createPickupServices(db, () => clock, { sms: sender });
    const order = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000026', status: 'preparing', title: 'Ο Καπετάν Μιχάλης' });
    await services.transitionOrder.run({ libraryId: 'kalamaria', ref: '1000026', to: 'ready', actor: 'staff:1' });
    return db.notification.findMany({ where: { orderId: order.id }, select: { channel: true, status: true, detail: true } });
  };

  it('records "sent" only when the provider accepted the message', async () => {
    const client: MessagesClient = { messages: { create: async () => ({ sid: 'SM1' }) } };
    expect(await ready(new TwilioSmsSender('+3021000000', silentLog(), client))).toEqual([{ channel: 'sms', status: 'sent', detail: null }]);
  });

  it('records "failed" with the provider\'s reason when Twilio refuses it', async () => {
    const client: MessagesClient = { messages: { create: async () => { throw Object.assign(new Error("The 'To' number is not a valid phone number."), { code: 21211 }); } } };
    expect(await ready(new TwilioSmsSender('+3021000000', silentLog(), client)))
      .toEqual([{ channel: 'sms', status: 'failed', detail: "21211: The 'To' number is not a valid phone number." }]);
  });

  it('records "not configured", not "sent", when there is no SMS service and the text only went to the log', async () => {
    expect(await ready(new DevelopmentSmsSender(silentLog()))).toEqual([{ channel: 'sms', status: 'not_configured', detail: null }]);
  });

  it('records "failed" with the error when a sender throws after all', async () => {
    expect(await ready({ send: async () => { throw new Error('socket hang up'); } })).toEqual([{ channel: 'sms', status: 'failed', detail: 'socket hang up' }]);
  });
});

describe('appointmentIcs', () => {
  it('writes an RFC 5545 event with escaped text, UTC times and CRLF lines', () => {
    const ics = appointmentIcs({
      uid: 'appointment-7@library-booking-bot', start: new Date('2026-11-27T09:00:00Z'), end: new Date('2026-11-27T09:15:00Z'),
      stamp: new Date('2026-11-23T08:00:00Z'), summary: 'Παραλαβή βιβλίων — Κεντρική Βιβλιοθήκη', description: 'Παραγγελία 1000025; στην είσοδο, με ραντεβού.',
      location: 'Κεντρική Βιβλιοθήκη, Καλαμαριά',
    });
    expect(ics.split('\r\n').slice(0, 9)).toEqual([
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//library-booking-bot//pickup//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
      'BEGIN:VEVENT', 'UID:appointment-7@library-booking-bot', 'DTSTAMP:20261123T080000Z', 'DTSTART:20261127T090000Z',
    ]);
    // Long lines are folded (CRLF + space); unfolded, the text is escaped as RFC 5545 says.
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:Παραγγελία 1000025\\; στην είσοδο\\, με ραντεβού.');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });
});
