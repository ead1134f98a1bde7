import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/persistence/prisma-client';
import { Conversation, testBot } from '../support/conversation';
import { freshDb } from '../support/test-db';

let db: Db;
let target: Awaited<ReturnType<typeof testBot>>;
beforeEach(async () => {
  ({ db } = await freshDb());
  target = await testBot(db, { now: () => new Date('2026-11-23T10:00:00Z') });
});
afterEach(async () => { await db.$disconnect(); });

async function signedIn(c: Conversation, card: string, pin: string) {
  await c.join();
  await c.say('1');
  await c.say(card);
  await c.say(pin);
}

const availableCopies = (title: string, branchId: string) =>
  db.copy.count({ where: { status: 'available', branchId, record: { title } } });

describe('ReserveDialog in Greek', () => {
  it('greets, signs in, finds two books, picks branches and writes one order with two holds', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await c.join();
    expect(c.heard).toContain('Καλώς ήρθατε στις Δημοτικές Βιβλιοθήκες Καλαμαριάς!');
    expect(c.heard).toContain('Πώς μπορώ να σας βοηθήσω;\n1. Κράτηση βιβλίου\n2. Νέες αφίξεις\n3. Οι παραγγελίες μου\n4. Βοήθεια');
    expect(c.question).toMatchObject({ inputHint: 'expectingInput', channelData: { slot: 'choice' } });
    expect(c.question?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Κράτηση βιβλίου', 'Νέες αφίξεις', 'Οι παραγγελίες μου', 'Βοήθεια']);

    await c.say('κράτηση');
    expect(c.heard).toBe('Για κράτηση χρειάζεται σύνδεση. Ποιος είναι ο αριθμός της κάρτας μέλους σας;');
    expect(c.question?.channelData?.slot).toBe('cardNumber');
    await c.say('1001001');
    expect(c.heard).toBe('Ποιο είναι το PIN σας;');
    expect(c.question?.channelData?.slot).toBe('pin');
    await c.say('1234');
    expect(c.heard).toBe('Συνδεθήκατε.\nΜπορείτε να κρατήσετε ακόμη 10 βιβλία.\nΠοιο βιβλίο ψάχνετε; Γράψτε τίτλο, συγγραφέα ή ISBN.');
    expect(c.question?.channelData?.slot).toBe('query');

    await c.say('καπεταν μιχαλης');
    expect(c.heard).toContain('Βρήκα έναν τίτλο:');
    expect(c.heard).toContain('1. «Ο Καπετάν Μιχάλης» — Νίκος Καζαντζάκης (2018)\nΔιαθέσιμο: Κεντρική Βιβλιοθήκη. Δανεισμένο: Α΄ Παιδική Βιβλιοθήκη.');
    await c.say('το πρώτο');
    expect(c.heard).toBe('Πρόσθεσα στην παραγγελία σας το βιβλίο «Ο Καπετάν Μιχάλης» (παραλαβή: Κεντρική Βιβλιοθήκη).\n'
      + 'Άλλο βιβλίο ή ολοκλήρωση της παραγγελίας;');

    await c.say('άλλο βιβλίο');
    expect(c.heard).toBe('Ποιο βιβλίο ψάχνετε; Γράψτε τίτλο, συγγραφέα ή ISBN.');
    await c.say('ΖΟΡΜΠΑ');
    expect(c.heard).toContain('«Βίος και πολιτεία του Αλέξη Ζορμπά» — Νίκος Καζαντζάκης');
    await c.say('1');
    expect(c.heard).toBe('Το βιβλίο «Βίος και πολιτεία του Αλέξη Ζορμπά» είναι διαθέσιμο σε περισσότερες από μία βιβλιοθήκες. Θα το παραλάβετε από τη βιβλιοθήκη που έχει το αντίτυπο. Από ποια το θέλετε;');
    expect(c.question?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Κεντρική Βιβλιοθήκη', 'Β΄ Παιδική Βιβλιοθήκη']);
    await c.say('β παιδικη');
    expect(c.heard).toContain('Πρόσθεσα στην παραγγελία σας το βιβλίο «Βίος και πολιτεία του Αλέξη Ζορμπά» (παραλαβή: Β΄ Παιδική Βιβλιοθήκη). Η παραγγελία σας έχει 2 βιβλία.');

    await c.say('ολοκλήρωση');
    expect(c.heard).toBe([
      'Στην παραγγελία σας, 2 βιβλία:',
      '1. «Ο Καπετάν Μιχάλης» — παραλαβή: Κεντρική Βιβλιοθήκη\n2. «Βίος και πολιτεία του Αλέξη Ζορμπά» — παραλαβή: Β΄ Παιδική Βιβλιοθήκη',
      'Η παραλαβή γίνεται με ραντεβού, στην είσοδο της βιβλιοθήκης που έχει το αντίτυπο.',
      'Να την καταχωρίσω;',
    ].join('\n\n'));
    expect(c.question?.channelData?.slot).toBe('confirm');
    expect(await db.order.count({ where: { patron: { cardNumber: '1001001' } } })).toBe(0);

    await c.say('ναι βέβαια');
    const ref = c.last.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
    expect(ref).toMatch(/^\d{7}$/);
    expect(c.heard).toContain(`Η παραγγελία σας καταχωρίστηκε με αριθμό ${ref}.\nΚλείστε τώρα ώρα παραλαβής (Κεντρική Βιβλιοθήκη): διαλέξτε μία ή πείτε μέρα και ώρα.`);
    // Then the appointment is offered at once, not promised by phone.
    expect(c.heard).not.toContain('τηλεφωνήσει');

    const order = await db.order.findUniqueOrThrow({ where: { ref: ref! }, include: { holds: { include: { copy: true, record: true } }, events: true, patron: true } });
    expect(order).toMatchObject({ status: 'new', libraryId: 'kalamaria', language: 'el' });
    expect(order.patron.cardNumber).toBe('1001001');
    expect(order.holds.map((h) => [h.record.title, h.branchId, h.copy.branchId, h.copy.status, h.status])).toEqual([
      ['Ο Καπετάν Μιχάλης', 'kal-central', 'kal-central', 'held', 'active'],
      ['Βίος και πολιτεία του Αλέξη Ζορμπά', 'kal-child-b', 'kal-child-b', 'held', 'active'],
    ]);
    expect(order.events.map((e) => e.toStatus)).toEqual(['new']);
    expect(await availableCopies('Ο Καπετάν Μιχάλης', 'kal-central')).toBe(0);
    expect(order.conversationRef).toContain(c.id);
  });

  it('tells a locked account that holds are impossible and gives the phone number', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await signedIn(c, '1001002', '1234');
    expect(c.heard).toContain('Ο λογαριασμός σας είναι κλειδωμένος, οπότε δεν μπορείτε να κάνετε κράτηση. Τηλεφωνήστε στη βιβλιοθήκη στο 2310 000 100.');
    expect(c.heard).toContain('Μπορώ να βοηθήσω σε κάτι άλλο;');
    expect(await db.order.count({ where: { patron: { cardNumber: '1001002' } } })).toBe(0);
  });

  it('allows exactly one more book at 8 loans + 1 hold, then refuses the next', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await signedIn(c, '1001003', '1234');
    expect(c.heard).toContain('Μπορείτε να κρατήσετε ακόμη ένα βιβλίο.');
    await c.say('Καπετάν Μιχάλης');
    await c.say('1');
    expect(c.heard).toContain('Φτάσατε στο όριο των κρατήσεών σας, οπότε προχωράμε στην καταχώριση της παραγγελίας.');
    expect(c.heard).toContain('Στην παραγγελία σας:');
    await c.say('ναι');
    expect(c.last.some((r) => r.channelData?.orderRef)).toBe(true);
    await c.say('να με πάρετε τηλέφωνο'); // skips the pickup-slot offer (appointment-dialog)
    await c.say('1');
    expect(c.heard).toContain('Έχετε φτάσει το όριο των 10 βιβλίων (κρατήσεις και δανεισμοί μαζί).');
    const holds = await db.hold.count({ where: { status: 'active', order: { patron: { cardNumber: '1001003' } } } });
    expect(holds).toBe(2);
  });

  it('places no hold when every copy is on loan', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await signedIn(c, '1001001', '1234');
    await c.say('φονισσα');
    expect(c.heard).toContain('1. «Η Φόνισσα» — Αλέξανδρος Παπαδιαμάντης');
    expect(c.heard).toContain('Όλα τα αντίτυπα είναι δανεισμένα.');
    await c.say('1');
    expect(c.heard).toContain('Όλα τα αντίτυπα του βιβλίου «Η Φόνισσα» είναι δανεισμένα αυτή τη στιγμή. Κρατήσεις γίνονται μόνο σε αντίτυπα που είναι διαθέσιμα, γι\' αυτό δεν έκανα κράτηση.');
    // Not a hold: only the offer to say when a copy is back (issue 21).
    expect(c.heard).toContain('Να σας ειδοποιήσω;');
    await c.say('όχι');
    expect(c.heard).toContain('Ποιο βιβλίο ψάχνετε;');
    expect(await db.copyAlert.count()).toBe(0);
    expect(await db.hold.count({ where: { order: { patron: { cardNumber: '1001001' } } } })).toBe(0);
  });

  it('gives the last copy to exactly one of two patrons and offers the loser another branch', async () => {
    const anna = new Conversation(target, { library: 'kalamaria' });
    const other = new Conversation(target, { library: 'kalamaria' });
    for (const c of [anna, other]) {
      await signedIn(c, c === anna ? '1001001' : '1001003', '1234');
      await c.say('ζορμπα');
      await c.say('1');
      await c.say('Κεντρική Βιβλιοθήκη');
    }
    await other.say('ναι'); // 1001003 had one place left: the basket went straight to the summary
    expect(other.last.some((r) => r.channelData?.orderRef)).toBe(true);

    await anna.say('ολοκλήρωση');
    await anna.say('ναι');
    expect(anna.heard).toBe('Μόλις κρατήθηκε το τελευταίο διαθέσιμο αντίτυπο του βιβλίου «Βίος και πολιτεία του Αλέξη Ζορμπά» (Κεντρική Βιβλιοθήκη). Υπάρχει ακόμη διαθέσιμο σε: Β΄ Παιδική Βιβλιοθήκη. Από πού θέλετε να το παραλάβετε;');
    expect(await db.order.count({ where: { patron: { cardNumber: '1001001' } } })).toBe(0);
    await anna.say('1');
    expect(anna.heard).toContain('1. «Βίος και πολιτεία του Αλέξη Ζορμπά» — παραλαβή: Β΄ Παιδική Βιβλιοθήκη');
    await anna.say('ναι');
    const ref = anna.last.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
    const holds = await db.hold.findMany({ where: { order: { ref } } });
    expect(holds.map((h) => h.branchId)).toEqual(['kal-child-b']);
    expect(await db.copy.count({ where: { status: 'held', record: { title: 'Βίος και πολιτεία του Αλέξη Ζορμπά' } } })).toBe(2);
  });

  it('stops after three wrong PINs and never keeps the PIN in conversation state', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await signedIn(c, '1001001', '9999');
    expect(c.heard).toContain('Λάθος αριθμός κάρτας ή PIN. Έχετε ακόμη 2 προσπάθειες.');
    await c.say('1001001');
    await c.say('8888');
    expect(c.heard).toContain('Έχετε ακόμη μία προσπάθεια.');
    await c.say('1001001');
    await c.say('7777');
    expect(c.heard).toContain('Λάθος αριθμός κάρτας ή PIN, και δεν έχετε άλλες προσπάθειες. Τηλεφωνήστε στη βιβλιοθήκη στο 2310 000 100 για να σας βοηθήσουν.');
    const state = (await db.botState.findMany()).map((r) => r.data).join('\n');
    for (const pin of ['9999', '8888', '7777']) expect(state).not.toContain(pin);
    expect(await db.signInAttempt.count({ where: { source: 'card:1001001', pending: false } })).toBe(3);
  });
});

describe('ReserveDialog in Hungarian', () => {
  it('reserves at Ózd in Hungarian, typed without accents', async () => {
    const c = new Conversation(target, { library: 'ozd' });
    await c.join();
    expect(c.heard).toContain('Üdvözöljük az Ózdi Városi Könyvtárban!');
    expect(c.heard).toContain('Miben segíthetek?\n1. Könyv foglalása');
    await c.say('foglalas');
    expect(c.heard).toBe('A foglaláshoz be kell jelentkeznie. Mi az olvasójegye száma?');
    await c.say('2002001');
    expect(c.heard).toBe('Mi a PIN-kódja?');
    await c.say('4321');
    expect(c.heard).toBe('Bejelentkezett.\nMég 5 könyvet foglalhat.\nMilyen könyvet keres? Írja be a címét, a szerzőjét vagy az ISBN-t.');
    await c.say('egri csillagok');
    expect(c.heard).toContain('1. „Egri csillagok” – Gárdonyi Géza');
    expect(c.heard).toContain('Elérhető: Ózdi Városi Könyvtár.');
    await c.say('az elsőt');
    expect(c.heard).toBe('A rendelésébe tettem ezt a könyvet: „Egri csillagok” (átvétel: Ózdi Városi Könyvtár).\nMásik könyv, vagy véglegesítsük a rendelést?');
    await c.say('véglegesítés');
    expect(c.heard).toContain('A rendelésében:\n\n1. „Egri csillagok” – átvétel: Ózdi Városi Könyvtár');
    expect(c.heard).toContain('Leadhatom a rendelést?');
    await c.say('igen');
    const ref = c.last.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
    expect(c.heard).toContain(`A rendelését rögzítettük, a száma: ${ref}.`);
    const order = await db.order.findUniqueOrThrow({ where: { ref: ref! }, include: { holds: true } });
    expect(order).toMatchObject({ libraryId: 'ozd', language: 'hu', status: 'new' });
    expect(order.holds).toHaveLength(1);
  });

  it('switches a Kalamaria conversation to Hungarian and completes the reservation in Hungarian', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await c.join();
    expect(c.heard).toContain('Πώς μπορώ να σας βοηθήσω;');
    await c.say('Magyarul');
    expect(c.heard).toContain('Rendben, magyarul folytatjuk.');
    // The menu that was showing, asked again in Hungarian.
    expect(c.heard).toContain('Miben segíthetek?\n1. Könyv foglalása');
    await c.say('1');
    expect(c.heard).toBe('A foglaláshoz be kell jelentkeznie. Mi az olvasójegye száma?');
    await c.say('1001001');
    await c.say('1234');
    expect(c.heard).toContain('Még 10 könyvet foglalhat.');
    await c.say('Ζορμπά');
    expect(c.heard).toContain('1. „Βίος και πολιτεία του Αλέξη Ζορμπά” – Νίκος Καζαντζάκης');
    await c.say('1');
    expect(c.heard).toContain('több könyvtárban is elérhető');
    await c.say('2');
    expect(c.heard).toContain('„Βίος και πολιτεία του Αλέξη Ζορμπά” (átvétel: Β΄ Παιδική Βιβλιοθήκη).');
    await c.say('2');
    await c.say('igen');
    const ref = c.last.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
    expect(ref).toBeDefined();
    expect(await db.order.findUniqueOrThrow({ where: { ref: ref! } })).toMatchObject({ language: 'hu', libraryId: 'kalamaria' });
  });
});

describe('first message', () => {
  it('greets in Hungarian when the very first word is «Magyarul»', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await c.say('Magyarul');
    expect(c.heard).toContain('Üdvözöljük a kalamariai városi könyvtárakban!');
    expect(c.heard).toContain('Miben segíthetek?\n1. Könyv foglalása');
  });

  it('answers a bare greeting with the menu instead of searching for it', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await c.say('Καλημέρα');
    expect(c.heard).toContain('Πώς μπορώ να σας βοηθήσω;');
    expect(c.heard).not.toContain('Δεν βρήκα');
  });

  it('goes straight to the search when the first message names a book', async () => {
    const c = new Conversation(target, { library: 'ozd' });
    await c.say('ki szeretném kölcsönözni az Egri csillagokat');
    expect(c.heard).toContain('A foglaláshoz be kell jelentkeznie.');
    await c.say('2002001');
    await c.say('4321');
    expect(c.heard).toContain('1. „Egri csillagok” – Gárdonyi Géza');
  });
});
