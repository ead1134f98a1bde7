import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLibraries } from '../../prisma/seed';
import { createApp, type App } from '../../src/app';
import { loadLibraries } from '../../src/libraries/load-libraries';
import { KeyedPinHasher } from '../../src/persistence/keyed-pin-hasher';
import { TwilioCall } from '../../src/tools/twilio-call';
import { AUTH_TOKEN, PUBLIC_BASE, RecordingSms } from '../channels/twilio-voice/voice-call-support';
import { seedTiszafured, TISZAFURED_PATRON } from '../fixtures/libraries/seed';
import { WebChatClient } from '../support/http';
import { freshDb } from '../support/test-db';

/**
 * A library added as a librarian would add one: a file (test/fixtures/libraries/tiszafured.yaml)
 * in the folder LIBRARIES_DIR names, and its catalogue and patrons in the database. Nothing in
 * src/ names it; its branches, hours and hold limit (2) are its own.
 */
const DIR = path.resolve(import.meta.dirname, '..', 'fixtures', 'libraries');
/** Monday 23 November 2026, 11:00 in Tiszafüred: both the desk and the phone are open. */
const MONDAY = new Date('2026-11-23T10:00:00Z');

let app: App;
let base: string;
const sms = new RecordingSms();

beforeAll(async () => {
  const saved = { ...process.env };
  Object.assign(process.env, { LIBRARIES_DIR: DIR, TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL: PUBLIC_BASE });
  delete process.env.DEFAULT_LIBRARY;
  try {
    const { db } = await freshDb();
    const pinHasher = new KeyedPinHasher({ current: randomBytes(32), previous: [] });
    // What `npm start` does with the files (scripts/db-setup.ts), then the library's own records.
    await seedLibraries(db, loadLibraries(DIR));
    await seedTiszafured(db, pinHasher);
    app = await createApp({ db, pinHasher, now: () => MONDAY, sms });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  } finally {
    process.env = saved;
  }
});
afterAll(async () => { await app?.close(); });

const holdsOfPatron = () => app.db.hold.findMany({
  where: { status: 'active', order: { patron: { cardNumber: TISZAFURED_PATRON.cardNumber } } },
  include: { record: true, order: true }, orderBy: { id: 'asc' },
});

describe('a third library from its file alone', () => {
  it('writes its Library and Branch rows from the file', async () => {
    expect(await app.db.library.findUniqueOrThrow({ where: { id: 'tiszafured' } })).toMatchObject({
      name: 'Tiszafüredi Városi Könyvtár', timezone: 'Europe/Budapest', currency: 'HUF', phone: '+36 59 000 200', defaultLanguage: 'hu',
    });
    expect(await app.db.branch.findMany({ where: { libraryId: 'tiszafured' }, orderBy: { sortOrder: 'asc' }, select: { id: true, name: true, phone: true } })).toEqual([
      { id: 'tf-kozponti', name: 'Központi Könyvtár', phone: '+36 59 000 200' },
      { id: 'tf-gyermek', name: 'Gyermekkönyvtár', phone: '+36 59 000 210' },
    ]);
  });

  it('greets, tells its own hours and takes a reservation over web chat', async () => {
    const chat = await WebChatClient.open(base, 'tiszafured');
    const greeting = chat.greeting.map((r) => r.text).join('\n');
    expect(greeting).toContain('Üdvözöljük a Tiszafüredi Városi Könyvtárban!');
    expect(greeting).toContain('milyen újdonságok érkeztek az egyes könyvtárakba.');

    await chat.say('meddig vannak nyitva ma?');
    expect(chat.heard).toContain('Központi Könyvtár: hétfőtől csütörtökig 8:00 és 16:00 között, pénteken 8:00 és 12:00 között.');
    expect(chat.heard).toContain('Gyermekkönyvtár: hétfőn 12:00 és 18:00 között, szerdán 12:00 és 18:00 között.');
    expect(chat.heard).toContain('(+36 59 000 200)');

    await chat.say('könyvet szeretnék foglalni');
    await chat.say(TISZAFURED_PATRON.cardNumber);
    await chat.say(TISZAFURED_PATRON.pin);
    await chat.say('az ember tragédiája');
    expect(chat.heard).toContain('„Az ember tragédiája”');
    await chat.say('1');
    await chat.say('véglegesítsük');
    expect(chat.heard).toContain('Leadhatom a rendelést?');
    await chat.say('igen');
    expect(chat.heard).toContain('A rendelését rögzítettük');

    const holds = await holdsOfPatron();
    expect(holds.map((h) => [h.record.title, h.branchId, h.order.libraryId, h.order.channel])).toEqual([['Az ember tragédiája', 'tf-kozponti', 'tiszafured', 'webchat']]);
    expect(chat.heard).toContain(holds[0]!.order.ref);
  });

  it('takes a reservation over the phone, then refuses a third book: its hold limit is the file\'s 2', async () => {
    const c = new TwilioCall({ serverUrl: base, publicBaseUrl: PUBLIC_BASE, library: 'tiszafured', authToken: AUTH_TOKEN, from: TISZAFURED_PATRON.phone });
    await c.start();
    expect(c.heard).toContain('Tiszafüredi Városi Könyvtár, üdvözöljük.');
    await c.answer({ speech: 'könyvet szeretnék foglalni' });
    await c.answer({ digits: TISZAFURED_PATRON.cardNumber });
    await c.answer({ digits: TISZAFURED_PATRON.pin });
    expect(c.heard).toContain('Melyik könyvet keresi?');
    await c.answer({ speech: 'toldi' });
    expect(c.heard).toContain('„Toldi” – Arany János. Elérhető.'); // the phone names no year or branch (issue 17)
    await c.answer({ speech: 'az elsőt' });
    // The second hold is the last one the file allows: the bot goes straight to the order
    // (at Ózd, five, it would offer another book).
    expect(c.heard).toContain('Elérte a foglalási keretét, ezért most véglegesítjük a rendelést.');
    expect(c.heard).toContain('Leadhatom a rendelést?');
    await c.answer({ speech: 'igen' });
    // Slots from the file: the children's library opens at 12:00 on Mondays, 2 hours' notice, 20-minute slots.
    // The day is said once, then its times (issue 17).
    expect(c.heard).toContain('November 23., hétfő: 1. 13:00. 2. 13:20.');

    const holds = await holdsOfPatron();
    expect(holds.map((h) => [h.record.title, h.branchId, h.order.channel])).toEqual([
      ['Az ember tragédiája', 'tf-kozponti', 'webchat'], ['Toldi', 'tf-gyermek', 'voice'],
    ]);
    expect(c.heard).toContain(holds[1]!.order.ref.split('').join(' '));
    expect(sms.sent.at(-1)).toEqual({ to: TISZAFURED_PATRON.phone, body: `Rendelés: ${holds[1]!.order.ref}. Átvétel csak előre egyeztetett időpontban.` });

    const chat = await WebChatClient.open(base, 'tiszafured');
    await chat.say('könyvet szeretnék foglalni');
    await chat.say(TISZAFURED_PATRON.cardNumber);
    await chat.say(TISZAFURED_PATRON.pin);
    expect(chat.heard).toContain('Elérte a keretét: egyszerre legfeljebb 2 könyve lehet');
    expect(await holdsOfPatron()).toHaveLength(2);
  });
});
