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

/** Signed in at Kalamaria with «Ο Καπετάν Μιχάλης» and «Βίος και πολιτεία του Αλέξη Ζορμπά» in the basket. */
async function twoBooks(c: Conversation) {
  await c.join();
  for (const said of ['1', '1001001', '1234', 'καπεταν μιχαλης', '1', 'άλλο βιβλίο', 'ζορμπα', '1', 'κεντρική']) await c.say(said);
  expect(c.heard).toContain('Πρόσθεσα στην παραγγελία σας το βιβλίο «Βίος και πολιτεία του Αλέξη Ζορμπά»');
}

const ordered = (card: string) => db.order.findMany({ where: { patron: { cardNumber: card } }, include: { holds: { include: { record: true } } } });

describe('BasketDialog and basket edits in words', () => {
  it('takes «όχι, βγάλε τον Ζορμπά» at the checkout question, shows the basket, and orders only what is left', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await twoBooks(c);
    await c.say('ολοκλήρωση');
    expect(c.heard).toContain('Να την καταχωρίσω;');
    await c.say('όχι, βγάλε τον Ζορμπά');
    expect(c.heard).toContain('Έβγαλα από την παραγγελία το βιβλίο «Βίος και πολιτεία του Αλέξη Ζορμπά».');
    expect(c.heard).toContain('Στην παραγγελία σας υπάρχει ένα βιβλίο:\n\n1. «Ο Καπετάν Μιχάλης»');
    await c.say('ολοκλήρωση παραγγελίας');
    await c.say('ναι');
    const orders = await ordered('1001001');
    expect(orders.map((o) => o.holds.map((h) => h.record.title))).toEqual([['Ο Καπετάν Μιχάλης']]);
  });

  it('takes «βγάλ\' το» right after adding a book as that book', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await twoBooks(c);
    await c.say('βγάλ\' το');
    expect(c.heard).toContain('Έβγαλα από την παραγγελία το βιβλίο «Βίος και πολιτεία του Αλέξη Ζορμπά».');
    expect(c.heard).toContain('1. «Ο Καπετάν Μιχάλης»');
    expect(c.heard).not.toContain('2. «Βίος');
  });

  it('swaps on «θέλω τη Φόνισσα αντί για τον Ζορμπά»: the old book goes and the new one is searched', async () => {
    const c = new Conversation(target, { library: 'kalamaria' });
    await twoBooks(c);
    await c.say('θέλω τη Φόνισσα αντί για τον Ζορμπά');
    expect(c.heard).toContain('Έβγαλα από την παραγγελία το βιβλίο «Βίος και πολιτεία του Αλέξη Ζορμπά».');
    expect(c.heard).toContain('«Η Φόνισσα»');
    expect(c.heard).not.toContain('να συνδεθείτε');
  });

  it('offers the basket in the Hungarian menu while it holds a book, and takes a book out of it', async () => {
    const c = new Conversation(target, { library: 'ozd' });
    await c.join();
    for (const said of ['1', '2002001', '4321', 'egri csillagok', '1', 'véglegesítés', 'nem']) await c.say(said);
    expect(c.heard).toContain('Aktuális rendelésem');
    await c.say('kosaram');
    expect(c.heard).toContain('A rendelésében egy könyv van:\n\n1. „Egri csillagok”');
    await c.say('könyv kivétele');
    expect(c.heard).toContain('Kivettem a rendeléséből ezt a könyvet: „Egri csillagok”.');
    expect(c.heard).toContain('A rendelésében még nincs könyv.');
    expect(c.heard).not.toContain('Aktuális rendelésem');
    expect(await ordered('2002001')).toEqual([]);
  });
});
