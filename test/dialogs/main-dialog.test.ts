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

async function atSearch(c: Conversation) {
  await c.join();
  await c.say('1');
  await c.say('1001001');
  await c.say('1234');
}

describe('MainDialog and interruptions', () => {
  it('pages through results three at a time and searches again on new words', async () => {
    const c = new Conversation(target);
    await atSearch(c);
    await c.say('Καζαντζάκης');
    const total = await db.record.count({ where: { libraryId: 'kalamaria', searchText: { contains: 'καζαντζακησ' } } });
    expect(total).toBeGreaterThan(3);
    expect(c.heard).toContain(`Βρήκα ${total} τίτλους. Αποτελέσματα 1–3:`);
    expect(c.question?.suggestedActions?.actions.map((a) => a.title)).toContain('Περισσότερα');
    await c.say('περισσότερα');
    expect(c.heard).toContain(`Αποτελέσματα 4–${Math.min(6, total)}:`);
    expect(c.heard).toMatch(/^Βρήκα/);
    await c.say('φόνισσα');
    expect(c.heard).toContain('Βρήκα έναν τίτλο:\n\n1. «Η Φόνισσα»');
  });

  it('says when nothing matches and asks again', async () => {
    const c = new Conversation(target);
    await atSearch(c);
    await c.say('xyzzy plugh');
    expect(c.heard).toBe('Δεν βρήκα τίποτα για «xyzzy plugh». Δοκιμάστε με λιγότερες λέξεις ή με το επώνυμο του συγγραφέα.\nΠοιο βιβλίο ψάχνετε; Γράψτε τίτλο, συγγραφέα ή ISBN.');
  });

  it('lists each branch\'s newest titles and reserves one of them', async () => {
    const c = new Conversation(target);
    await c.join();
    await c.say('2');
    expect(c.heard).toContain('Οι πιο πρόσφατες αφίξεις:\n\nΚεντρική Βιβλιοθήκη:\n\n1. «');
    expect(c.heard).toContain('Α΄ Παιδική Βιβλιοθήκη:');
    const newest = await db.record.findFirstOrThrow({ where: { libraryId: 'kalamaria', copies: { some: { branchId: 'kal-central' } } }, orderBy: [{ acquiredAt: 'desc' }, { id: 'desc' }] });
    expect(c.heard).toContain(`1. «${newest.title}» — ${newest.author}`);
    await c.say('1');
    expect(c.heard).toContain('Ποιος είναι ο αριθμός της κάρτας μέλους σας;');
  });

  it('answers help at a prompt and asks the same question again', async () => {
    const c = new Conversation(target);
    await atSearch(c);
    await c.say('βοήθεια');
    expect(c.heard).toBe('Πείτε μου τον τίτλο, το όνομα του συγγραφέα ή το ISBN του βιβλίου, για παράδειγμα «Καπετάν Μιχάλης» ή «Καζαντζάκης». Τόνοι και κεφαλαία δεν χρειάζονται.\nΠοιο βιβλίο ψάχνετε; Γράψτε τίτλο, συγγραφέα ή ISBN.');
  });

  it('cancels the current task and empties the basket, so nothing comes back in a later order; start over empties it too', async () => {
    const c = new Conversation(target);
    await atSearch(c);
    await c.say('ζορμπα');
    await c.say('1');
    await c.say('1');
    expect(c.heard).toContain('Πρόσθεσα στην παραγγελία σας το βιβλίο «Βίος και πολιτεία του Αλέξη Ζορμπά» (παραλαβή: Κεντρική Βιβλιοθήκη).');
    await c.say('άκυρο');
    expect(c.heard).toBe('Εντάξει, το αφήνουμε. Έβγαλα από την παραγγελία σας το βιβλίο που είχατε διαλέξει, ώστε να μη μείνει για την επόμενη φορά.\nΜπορώ να βοηθήσω σε κάτι άλλο;\n1. Κράτηση βιβλίου\n2. Νέες αφίξεις\n3. Οι παραγγελίες μου\n4. Βοήθεια');
    await c.say('1');
    expect(c.heard).toContain('Μπορείτε να κρατήσετε ακόμη 10 βιβλία.');
    await c.say('ζορμπα');
    await c.say('1');
    await c.say('1');
    await c.say('από την αρχή');
    expect(c.heard).toContain('Εντάξει, ξεκινάμε από την αρχή. Αφαίρεσα τα βιβλία που είχατε διαλέξει.');
    await c.say('1');
    expect(c.heard).toContain('Μπορείτε να κρατήσετε ακόμη 10 βιβλία.');
    expect(await db.order.count({ where: { patron: { cardNumber: '1001001' } } })).toBe(0);
  });

  it('gives the library\'s number when the patron asks for a person, in Hungarian', async () => {
    const c = new Conversation(target, { library: 'ozd' });
    await c.join();
    await c.say('könyvtárost kérek');
    expect(c.heard).toContain('Ha a könyvtár munkatársával szeretne beszélni, hívja a könyvtárat ezen a számon: +36 48 000 100.');
    expect(c.heard).toContain('Miben segíthetek?');
  });

  it('takes everyday questions at the menu to the task they name, not to a catalogue search', async () => {
    const k = new Conversation(target);
    await k.join();
    await k.say('τι κρατήσεις έχω;');
    expect(k.heard).toBe('Για να δείτε τις παραγγελίες και τα αιτήματά σας χρειάζεται να συνδεθείτε. Ποιος είναι ο αριθμός της κάρτας μέλους σας;');
    await k.say('1001001');
    await k.say('1234');
    expect(k.heard).toContain('Δεν έχετε παραγγελίες.');
    const o = new Conversation(target, { library: 'ozd' });
    await o.join();
    await o.say('olyan könyvet szeretnék, ami nincs meg önöknél');
    expect(o.heard).toBe('A könyvtárközi kéréshez be kell jelentkeznie. Mi az olvasójegye száma?');
  });

  it('re-prompts with what it expects when an option is not understood', async () => {
    const c = new Conversation(target);
    await atSearch(c);
    await c.say('ζορμπα');
    await c.say('1');
    await c.say('στο φεγγάρι');
    expect(c.heard).toBe('Πείτε τον αριθμό ή το όνομα της βιβλιοθήκης:');
    expect(c.question?.channelData?.slot).toBe('choice');
  });

  it('takes digits at the PIN prompt as the PIN and words as words: «βοήθεια» explains the PIN', async () => {
    const c = new Conversation(target);
    await c.join();
    await c.say('1');
    await c.say('1001001');
    await c.say('βοήθεια');
    expect(c.heard).toBe('Το PIN είναι ο κωδικός που σας έδωσε η βιβλιοθήκη μαζί με την κάρτα.\nΠοιο είναι το PIN σας;');
    await c.say('12 34');
    expect(c.heard).toContain('Συνδεθήκατε.\nΜπορείτε να κρατήσετε ακόμη 10 βιβλία.');
  });
});
