import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/persistence/prisma-client';
import { anOrder } from '../staff/staff-support';
import { Conversation, testBot } from '../support/conversation';
import { freshDb } from '../support/test-db';

let db: Db;
let target: Awaited<ReturnType<typeof testBot>>;
beforeEach(async () => {
  ({ db } = await freshDb());
  target = await testBot(db, { now: () => new Date('2026-11-23T10:00:00Z') });
});
afterEach(async () => { await db.$disconnect(); });

async function signedInAtMenu(c: Conversation, card: string, pin: string, menuItem: string) {
  await c.join();
  await c.say(menuItem);
  await c.say(card);
  await c.say(pin);
}

describe('MyOrdersDialog in Greek', () => {
  it('lists orders with status and appointment, moves the appointment, then cancels the order and releases the copy', async () => {
    const order = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', status: 'preparing', title: 'Ο Καπετάν Μιχάλης' });
    const c = new Conversation(target, { library: 'kalamaria' });
    await signedInAtMenu(c, '1001001', '1234', 'οι κρατήσεις μου');
    expect(c.heard).toContain('Η παραγγελία σας:\nΠαραγγελία 1000025 — ετοιμάζεται: «Ο Καπετάν Μιχάλης» (Κεντρική Βιβλιοθήκη) Δεν έχει κλειστεί ακόμη ώρα παραλαβής.');
    expect(c.heard).toContain('Θέλετε να κάνετε κάτι με κάποια από αυτές;');
    await c.say('ώρα παραλαβής');
    expect(c.heard).toContain('Κλείστε τώρα ώρα παραλαβής (Κεντρική Βιβλιοθήκη): διαλέξτε μία ή πείτε μέρα και ώρα.');
    await c.say('την Παρασκευή στις 9');
    expect(c.heard).toContain('Κλείσαμε ραντεβού παραλαβής: Παρασκευή 27 Νοεμβρίου στις 09:00');

    await c.say('3');
    expect(c.heard).toContain('Παραγγελία 1000025 — ετοιμάζεται: «Ο Καπετάν Μιχάλης» (Κεντρική Βιβλιοθήκη) Ραντεβού παραλαβής: Παρασκευή 27 Νοεμβρίου στις 09:00 (Κεντρική Βιβλιοθήκη).');
    await c.say('2');
    expect(c.heard).toContain('Ποια ώρα σας βολεύει για την παραλαβή (Κεντρική Βιβλιοθήκη); Διαλέξτε μία από τις ελεύθερες ώρες ή πείτε μου μέρα και ώρα:');
    expect(c.heard).toContain('4. Να μείνει όπως είναι');
    await c.say('το πρώτο');
    expect(c.heard).toContain('Κλείσαμε ραντεβού παραλαβής: Τρίτη 24 Νοεμβρίου στις 08:30');
    const appointments = await db.appointment.findMany({ where: { orderId: order.id }, orderBy: { id: 'asc' } });
    expect(appointments.map((a) => [a.startsAt.toISOString(), a.status])).toEqual([
      ['2026-11-27T07:00:00.000Z', 'cancelled'], ['2026-11-24T06:30:00.000Z', 'booked'],
    ]);

    await c.say('ακύρωση κράτησης');
    expect(c.heard).toContain('Να ακυρώσω την παραγγελία 1000025;');
    await c.say('ναι');
    expect(c.heard).toContain('Η παραγγελία 1000025 ακυρώθηκε και τα βιβλία επιστρέφουν στο ράφι.');
    const after = await db.order.findUniqueOrThrow({ where: { id: order.id }, include: { holds: { include: { copy: true } }, events: { orderBy: { id: 'asc' } }, appointments: true } });
    expect(after.status).toBe('cancelled');
    expect(after.holds.map((h) => h.copy.status)).toEqual(['available']);
    expect(after.appointments.every((a) => a.status === 'cancelled' && a.seat === null)).toBe(true);
    expect(after.events.at(-1)).toMatchObject({ actor: `patron:${after.patronId}`, fromStatus: 'preparing', toStatus: 'cancelled', note: 'by_patron' });
  });

  it('keeps the order when the patron says no', async () => {
    await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', title: 'Ο Καπετάν Μιχάλης' });
    const c = new Conversation(target, { library: 'kalamaria' });
    await signedInAtMenu(c, '1001001', '1234', '3');
    await c.say('ακύρωση παραγγελίας');
    await c.say('όχι');
    expect(c.heard).toContain('Εντάξει, η παραγγελία μένει όπως είναι.');
    expect((await db.order.findUniqueOrThrow({ where: { ref: '1000025' } })).status).toBe('new');
  });
});

describe('MyOrdersDialog in Hungarian', () => {
  it('answers «hol tart a kérésem?» with the orders and their status', async () => {
    await anOrder(db, { library: 'ozd', card: '2002001', ref: '2000016', status: 'ready', title: 'Egri csillagok' });
    const c = new Conversation(target, { library: 'ozd' });
    await c.join();
    await c.say('hol tart a kérésem?');
    await c.say('2002001');
    await c.say('4321');
    expect(c.heard).toContain('„Egri csillagok”');
    expect(c.heard).toContain('2000016');
    expect(c.heard).toContain('Átvételi időpont még nincs egyeztetve.');
    expect(c.heard).toContain('Szeretne valamit módosítani ezeken?');
  });
});

describe('ArrivalDialog', () => {
  it('marks a ready order as waiting outside when the patron says «είμαι στην είσοδο»', async () => {
    const order = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', status: 'ready', title: 'Ο Καπετάν Μιχάλης' });
    const c = new Conversation(target, { library: 'kalamaria' });
    await c.join();
    await c.say('είμαι στην είσοδο');
    await c.say('1001001');
    await c.say('1234');
    expect(c.heard).toContain('Ευχαριστούμε! Ενημερώσαμε τη βιβλιοθήκη ότι είστε στην είσοδο (Κεντρική Βιβλιοθήκη). Σε λίγο θα σας φέρουν τα βιβλία.');
    const after = await db.order.findUniqueOrThrow({ where: { id: order.id }, include: { events: { orderBy: { id: 'asc' } } } });
    expect(after.status).toBe('waiting_outside');
    expect(after.events.at(-1)).toMatchObject({ actor: `patron:${after.patronId}`, fromStatus: 'ready', toStatus: 'waiting_outside' });
  });

  it('tells a patron whose order is not ready yet, and changes nothing', async () => {
    await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', status: 'preparing', title: 'Ο Καπετάν Μιχάλης' });
    const c = new Conversation(target, { library: 'kalamaria' });
    await c.join();
    await c.say('είμαι στην είσοδο');
    await c.say('1001001');
    await c.say('1234');
    expect(c.heard).toContain('Η παραγγελία σας δεν είναι ακόμη έτοιμη. Θα σας ειδοποιήσουμε μόλις ετοιμαστεί.');
    expect((await db.order.findUniqueOrThrow({ where: { ref: '1000025' } })).status).toBe('preparing');
  });

  it('understands «megérkeztem» and names the appointment day when it is not today', async () => {
    const order = await anOrder(db, { library: 'ozd', card: '2002001', ref: '2000016', status: 'ready', title: 'Egri csillagok' });
    const at = new Date('2026-11-27T10:00:00Z');
    await db.appointment.create({ data: { orderId: order.id, libraryId: 'ozd', branchId: 'ozd-main', startsAt: at, endsAt: new Date(at.getTime() + 900_000), seat: 1, status: 'booked', icsToken: 'token-2000016-xxxxxxxx', bookedBy: 'test' } });
    const c = new Conversation(target, { library: 'ozd' });
    await c.join();
    await c.say('megérkeztem');
    await c.say('2002001');
    await c.say('4321');
    expect(c.heard).toContain('Az átvételi időpontja egy másik napon van: november 27., péntek.');
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('ready');
  });
});
