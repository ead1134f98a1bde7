import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/persistence/prisma-client';
import { anOrder } from '../staff/staff-support';
import { Conversation, testBot } from '../support/conversation';
import { freshDb } from '../support/test-db';

let db: Db;
let target: Awaited<ReturnType<typeof testBot>>;
beforeEach(async () => {
  ({ db } = await freshDb());
  // Monday 23 Nov, 12:00 in Athens, 11:00 in Ózd: 4 hours' notice puts the first slots on Tuesday.
  target = await testBot(db, { now: () => new Date('2026-11-23T10:00:00Z') });
});
afterEach(async () => { await db.$disconnect(); });

/** Signs in, orders one book and confirms: the turn that ends with the pickup-slot offer. */
async function ordered(c: Conversation, card: string, pin: string, query: string, confirm: string, finish: string) {
  await c.join();
  await c.say('1');
  await c.say(card);
  await c.say(pin);
  await c.say(query);
  await c.say('1');
  await c.say(finish);
  await c.say(confirm);
  return c.last.find((r) => r.channelData?.orderRef)?.channelData?.orderRef as string;
}

const booked = (ref: string) => db.appointment.findMany({ where: { order: { ref }, status: 'booked' }, orderBy: { startsAt: 'asc' } });

describe('AppointmentDialog in Greek', () => {
  it('offers the next free slots after the order and books a time the patron says', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    const ref = await ordered(c, '1001001', '1234', 'καπεταν μιχαλης', 'ναι', 'ολοκλήρωση');
    expect(c.heard).toContain([
      'Κλείστε τώρα ώρα παραλαβής (Κεντρική Βιβλιοθήκη): διαλέξτε μία ή πείτε μέρα και ώρα.',
      '1. Τρίτη 24 Νοεμβρίου στις 08:30', '2. Τρίτη 24 Νοεμβρίου στις 08:45', '3. Τρίτη 24 Νοεμβρίου στις 09:00', '4. Να με πάρετε τηλέφωνο',
    ].join('\n'));
    expect(c.question).toMatchObject({ inputHint: 'expectingInput', channelData: { slot: 'datetime' } });

    await c.say('την Παρασκευή στις 11');
    expect(c.heard).toContain('Κλείσαμε ραντεβού παραλαβής: Παρασκευή 27 Νοεμβρίου στις 11:00 (Κεντρική Βιβλιοθήκη).');
    expect((await booked(ref)).map((a) => [a.branchId, a.startsAt.toISOString(), a.seat])).toEqual([['kal-central', '2026-11-27T09:00:00.000Z', 1]]);
  });

  it('proposes the nearest free slots when the time asked for is full, and books the one picked', async () => {
    const friday11 = new Date('2026-11-27T09:00:00Z');
    for (const [ref, title, seat] of [['1000025', 'Το τρίτο στεφάνι', 1], ['1000033', 'Το νούμερο 31328', 2]] as const) {
      const other = await anOrder(db, { library: 'kalamaria', card: '1001003', ref, title });
      await db.appointment.create({ data: { orderId: other.id, libraryId: 'kalamaria', branchId: 'kal-central', startsAt: friday11, endsAt: new Date(friday11.getTime() + 900_000), seat, status: 'booked', icsToken: `token-${ref}-xxxxxxxx`, bookedBy: 'test' } });
    }
    const c = new Conversation(target, { library: 'kalamaria' });
    const ref = await ordered(c, '1001001', '1234', 'καπεταν μιχαλης', 'ναι', 'ολοκλήρωση');
    await c.say('την Παρασκευή στις 11');
    expect(c.heard).toBe([
      'Δεν υπάρχει πια ελεύθερη θέση εκείνη την ώρα. Σας προτείνω τις πιο κοντινές ελεύθερες ώρες. Ποια σας βολεύει;',
      '1. Παρασκευή 27 Νοεμβρίου στις 10:45', '2. Παρασκευή 27 Νοεμβρίου στις 11:15', '3. Να με πάρετε τηλέφωνο',
    ].join('\n'));
    await c.say('το δεύτερο');
    expect(c.heard).toContain('Κλείσαμε ραντεβού παραλαβής: Παρασκευή 27 Νοεμβρίου στις 11:15');
    expect((await booked(ref)).map((a) => a.startsAt.toISOString())).toEqual(['2026-11-27T09:15:00.000Z']);
  });

  it('says when the library is closed at the time asked for, and lists a day\'s free slots for a day without a time', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await ordered(c, '1001001', '1234', 'καπεταν μιχαλης', 'ναι', 'ολοκλήρωση');
    await c.say('την Παρασκευή στις 5 το απόγευμα');
    expect(c.heard).toBe([
      'Η βιβλιοθήκη είναι κλειστή εκείνη την ώρα. Σας προτείνω τις πιο κοντινές ελεύθερες ώρες. Ποια σας βολεύει;',
      '1. Παρασκευή 27 Νοεμβρίου στις 14:00', '2. Παρασκευή 27 Νοεμβρίου στις 14:15', '3. Να με πάρετε τηλέφωνο',
    ].join('\n'));
    await c.say('την Πέμπτη');
    expect(c.heard).toBe([
      'Ελεύθερες ώρες, Πέμπτη 26 Νοεμβρίου (Κεντρική Βιβλιοθήκη). Ποια σας βολεύει;',
      '1. Πέμπτη 26 Νοεμβρίου στις 08:30', '2. Πέμπτη 26 Νοεμβρίου στις 08:45', '3. Πέμπτη 26 Νοεμβρίου στις 09:00',
      '4. Πέμπτη 26 Νοεμβρίου στις 09:15', '5. Πέμπτη 26 Νοεμβρίου στις 09:30', '6. Να με πάρετε τηλέφωνο',
    ].join('\n'));
  });

  it('lets the patron skip and be phoned, as before, booking nothing', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    const ref = await ordered(c, '1001001', '1234', 'καπεταν μιχαλης', 'ναι', 'ολοκλήρωση');
    await c.say('να με πάρετε τηλέφωνο');
    expect(c.heard).toContain('Εντάξει. Η βιβλιοθήκη θα σας τηλεφωνήσει για να κανονίσετε μέρα και ώρα παραλαβής.');
    expect(c.heard).toContain('Μπορώ να βοηθήσω σε κάτι άλλο;');
    expect(await booked(ref)).toEqual([]);
  });

  it('asks once per pickup branch when the order spans two branches', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await c.join();
    await c.say('1');
    await c.say('1001001');
    await c.say('1234');
    await c.say('καπεταν μιχαλης');
    await c.say('1');
    await c.say('άλλο βιβλίο');
    await c.say('ζορμπα');
    await c.say('1');
    await c.say('β παιδικη');
    await c.say('ολοκλήρωση');
    await c.say('ναι');
    const ref = c.last.find((r) => r.channelData?.orderRef)?.channelData?.orderRef as string;
    expect(c.heard).toContain('Κλείστε τώρα ώρα παραλαβής (Κεντρική Βιβλιοθήκη): διαλέξτε μία ή πείτε μέρα και ώρα.');
    await c.say('1');
    expect(c.heard).toContain('Κλείσαμε ραντεβού παραλαβής: Τρίτη 24 Νοεμβρίου στις 08:30 (Κεντρική Βιβλιοθήκη).');
    expect(c.heard).toContain('Κλείστε τώρα ώρα παραλαβής (Β΄ Παιδική Βιβλιοθήκη): διαλέξτε μία ή πείτε μέρα και ώρα.');
    // Β΄ Παιδική opens again on Monday evening (17:00 Athens), after today's notice period.
    expect(c.heard).toContain('1. Δευτέρα 23 Νοεμβρίου στις 17:00');
    await c.say('1');
    expect((await booked(ref)).map((a) => [a.branchId, a.startsAt.toISOString()])).toEqual([
      ['kal-child-b', '2026-11-23T15:00:00.000Z'], ['kal-central', '2026-11-24T06:30:00.000Z'],
    ]);
  });
});

describe('AppointmentDialog and times the patron does not state exactly', () => {
  it('offers the free slots of «αύριο το απόγευμα» and books only the one picked', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    const ref = await ordered(c, '1001001', '1234', 'καπεταν μιχαλης', 'ναι', 'ολοκλήρωση');
    await c.say('αύριο το απόγευμα');
    expect(c.heard).toBe([
      'Ελεύθερες ώρες, Τρίτη 24 Νοεμβρίου, το απόγευμα (Κεντρική Βιβλιοθήκη). Ποια σας βολεύει;',
      '1. Τρίτη 24 Νοεμβρίου στις 14:00', '2. Τρίτη 24 Νοεμβρίου στις 14:15', '3. Να με πάρετε τηλέφωνο',
    ].join('\n'));
    expect(await booked(ref)).toEqual([]);
    await c.say('το δεύτερο.');
    expect(c.heard).toContain('Κλείσαμε ραντεβού παραλαβής: Τρίτη 24 Νοεμβρίου στις 14:15');
    expect((await booked(ref)).map((a) => a.startsAt.toISOString())).toEqual(['2026-11-24T12:15:00.000Z']);
  });

  it('offers the afternoon slots of «jövő kedden délután» in Ózd and books none of them unasked', async () => {
    const c = new Conversation(target, { library: 'ozd' });
    const ref = await ordered(c, '2002001', '4321', 'egri csillagok', 'igen', 'véglegesítés');
    await c.say('jövő kedden délután');
    expect(c.heard).toMatch(/^Szabad időpontok \(Ózdi Városi Könyvtár, december 1\., kedd, délután\)\. Melyik felel meg Önnek\?\n1\. december 1\., kedd 12:00\n/);
    expect(c.heard).not.toMatch(/kedd (0\d|1[01]):/);
    expect(await booked(ref)).toEqual([]);
    await c.say('az elsőt');
    expect((await booked(ref)).map((a) => a.startsAt.toISOString())).toEqual(['2026-12-01T11:00:00.000Z']);
  });

  it('says a day past the booking horizon is too far ahead, not closed for a holiday', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    const ref = await ordered(c, '1001001', '1234', 'καπεταν μιχαλης', 'ναι', 'ολοκλήρωση');
    await c.say('25 Δεκεμβρίου');
    expect(c.heard).not.toContain('αργίας');
    expect(c.heard).toMatch(/^Μπορείτε να κλείσετε ραντεβού το πολύ 14 μέρες από σήμερα. Σας προτείνω τις πιο κοντινές ελεύθερες ώρες./);
    expect(await booked(ref)).toEqual([]);
  });
});

describe('AppointmentDialog in Hungarian', () => {
  it('books «pénteken 11-kor» in Ózd\'s own time zone', async () => {
    const c = new Conversation(target, { library: 'ozd' });
    const ref = await ordered(c, '2002001', '4321', 'egri csillagok', 'igen', 'véglegesítés');
    expect(c.heard).toContain('Válasszon átvételi időpontot (Ózdi Városi Könyvtár), vagy mondjon egy napot és órát.');
    expect(c.heard).toContain('4. Kérem, hívjanak fel');
    await c.say('pénteken 11-kor');
    expect(c.heard).toContain('Lefoglaltuk az átvételi időpontot: november 27., péntek 11:00 (Ózdi Városi Könyvtár).');
    expect((await booked(ref)).map((a) => a.startsAt.toISOString())).toEqual(['2026-11-27T10:00:00.000Z']);
  });
});
