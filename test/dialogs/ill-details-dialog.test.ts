import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/persistence/prisma-client';
import { Conversation, testBot } from '../support/conversation';
import { freshDb } from '../support/test-db';

// The free-text answers of an ILL request are kept as typed (any characters, quotes, markup)
// but bounded: a pasted page is refused with a localized message and the same question.
let db: Db;
let target: Awaited<ReturnType<typeof testBot>>;
beforeEach(async () => {
  ({ db } = await freshDb());
  target = await testBot(db, { now: () => new Date('2026-11-23T10:00:00Z') });
});
afterEach(async () => { await db.$disconnect(); });

async function atTitle(lang: 'hu' | 'el', kind: string) {
  const c = new Conversation(target, { library: 'ozd', locale: lang });
  await c.join();
  for (const said of ['4', '2002001', '4321', kind]) await c.say(said);
  return c;
}

describe('IllDetailsDialog', () => {
  it('refuses a title over 300 characters in Hungarian, asks again, and takes one of 300', async () => {
    const c = await atTitle('hu', 'könyv');
    await c.say('x'.repeat(301));
    expect(c.heard).toBe('Ez túl hosszú ahhoz, hogy rögzítsem. Kérem, mondja meg röviden, legfeljebb 300 karakterben.\nMondja meg a címét, ahogy tudja:');
    expect(c.question?.channelData?.slot).toBe('text');
    await c.say('y'.repeat(300));
    expect(c.heard).toBe('Ki a szerzője? Ha nem tudja, mondja: „nem tudom”.');
  });

  it('refuses an author over 200 characters and pages over 100 in Greek', async () => {
    const c = await atTitle('el', 'άρθρο');
    await c.say('Ένα άρθρο');
    await c.say('Σ'.repeat(201));
    expect(c.heard).toBe('Αυτό είναι πολύ μεγάλο για να το καταχωρίσω. Πείτε το πιο σύντομα, με το πολύ 200 χαρακτήρες.\nΠείτε μου το όνομα του συγγραφέα ή «δεν ξέρω»:');
    for (const said of ['Παπαδόπουλος', 'Νέα Εστία', '1998', 'δεν ξέρω']) await c.say(said);
    await c.say('1'.repeat(101));
    expect(c.heard).toBe('Αυτό είναι πολύ μεγάλο για να το καταχωρίσω. Πείτε το πιο σύντομα, με το πολύ 100 χαρακτήρες.\nΠείτε τις σελίδες, για παράδειγμα «115 έως 142», ή «δεν ξέρω»:');
  });

  it('keeps SQL, HTML and TwiML in a title as plain text and stores it as typed', async () => {
    const title = `Robert'); DROP TABLE "IllRequest";-- <script>alert(1)</script></Say><Dial>+19005550100</Dial>`;
    const c = await atTitle('hu', 'könyv');
    for (const said of [title, 'nem tudom', 'nem tudom', 'nem tudom', 'nincs', 'eredeti', 'igen', 'igen']) await c.say(said);
    const stored = await db.illRequest.findMany({ where: { patron: { cardNumber: '2002001' } } });
    expect(stored.map((r) => r.title)).toEqual([title]);
    expect(await db.record.count()).toBeGreaterThan(100);
  });
});

describe('IllRequestDialog amounts', () => {
  it('asks again for an amount that cannot be recorded (over 1 000 000 Ft)', async () => {
    const c = await atTitle('hu', 'könyv');
    for (const said of ['Abigél', 'nem tudom', 'nem tudom', 'nem tudom', 'nincs', 'másolat']) await c.say(said);
    await c.say('99999999999999999999');
    expect(c.heard).toBe('Mondjon egy összeget számmal, például „2000”:');
    await c.say('1000001');
    expect(c.heard).toBe('Mondjon egy összeget számmal, például „2000”:');
    await c.say('1000000');
    expect(c.heard).toContain('Elfogadja?');
  });
});
