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

async function atSearch(c: Conversation, card: string, pin: string) {
  await c.join();
  await c.say('1');
  await c.say(card);
  await c.say(pin);
}

describe('SearchDialog', () => {
  it('asks «did you mean» with the catalogue\'s spelling when only a near miss exists, and offers no loan', async () => {
    const c = new Conversation(target, { library: 'kalamaria', locale: 'el' });
    await atSearch(c, '1001001', '1234');
    await c.say('καζανζακης');
    expect(c.heard).toContain('Δεν βρήκα ακριβώς «καζανζακης». Μήπως εννοείτε «Καζαντζάκης»;');
    expect(c.heard).toContain('«Ο Καπετάν Μιχάλης» — Νίκος Καζαντζάκης (2018)');
    expect(c.heard).not.toContain('Δεν βρήκα τίποτα');
  });

  it('at Ózd, finds «egri csilagok» on the library\'s own shelf instead of offering an interlibrary loan', async () => {
    const c = new Conversation(target, { library: 'ozd', locale: 'hu' });
    await atSearch(c, '2002001', '4321');
    await c.say('egri csilagok');
    expect(c.heard).toContain('1. „Egri csillagok” – Gárdonyi Géza');
    expect(c.heard).not.toContain('könyvtárközi');
  });

  it('searches a whole sentence for its title only, leaving out the verb and the pickup time', async () => {
    const c = new Conversation(target, { library: 'kalamaria', locale: 'el' });
    await atSearch(c, '1001001', '1234');
    await c.say("Θα ήθελα να κλείσω το 'Ζορμπάς' για αύριο το πρωί");
    expect(c.heard).toContain('Βρήκα έναν τίτλο:');
    expect(c.heard).toContain('«Βίος και πολιτεία του Αλέξη Ζορμπά» — Νίκος Καζαντζάκης');
  });

  it('still says nothing was found, and offers a loan, for a book nothing in the catalogue is close to', async () => {
    const c = new Conversation(target, { library: 'ozd', locale: 'hu' });
    await atSearch(c, '2002001', '4321');
    await c.say('A Gyűrűk Ura');
    expect(c.heard).toContain('Erre nem találtam semmit: „A Gyűrűk Ura”.');
    expect(c.question?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Könyvtárközi kérés', 'Új keresés']);
  });
});
