import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibrarySystem } from '../../src/domain/ports/library-system';
import { KohaClient } from '../../src/ils/koha/koha-client';
import { KohaLibrarySystem } from '../../src/ils/koha/koha-library-system';
import { Sip2Client } from '../../src/ils/sip2/sip2-client';
import { Sip2LibrarySystem } from '../../src/ils/sip2/sip2-library-system';
import { EmbeddedLibrarySystem } from '../../src/persistence/embedded-library-system';
import type { Db } from '../../src/persistence/prisma-client';
import { PrismaPatronRepository } from '../../src/persistence/prisma-patron-repository';
import { MONDAY_NOON, startVoiceApp } from '../channels/twilio-voice/voice-call-support';
import { Conversation, testBot } from '../support/conversation';
import { freshDb } from '../support/test-db';
import { KOHA_CREDENTIALS, seedIls } from './ils-seed';
import { FakeKohaServer, type FakeKohaModes } from './koha/fake-koha-server';
import { FakeSip2Server } from './sip2/fake-sip2-server';
import { staffFetch, staffLogin } from '../staff/staff-support';

/**
 * The reservation conversations of test/conversations (chat and phone, Greek and Hungarian) that
 * end in an order, played against each of the three library systems (issue 20), the Koha and
 * SIP2 fakes seeded with the same demo patrons and copies as the database.
 */
interface Case { id: string; channel: 'chat' | 'phone'; library: 'kalamaria' | 'ozd'; locale?: string; setup?: unknown; turns: Array<{ say?: string; press?: string; hears?: string | string[] }>; expect?: { orders?: { card: string; count: number } } }
const DIR = path.join(import.meta.dirname, '..', 'conversations');
const reservations: Case[] = ['el-chat', 'el-phone', 'hu-chat', 'hu-phone']
  .flatMap((f) => JSON.parse(readFileSync(path.join(DIR, `${f}.json`), 'utf8')) as Case[])
  .filter((k) => !k.setup && (k.expect?.orders?.count ?? 0) > 0);
// hu-phone.json has no conversation that ends in an order: its "object first" one, carried on to the order.
const huPhoneObjectFirst = (JSON.parse(readFileSync(path.join(DIR, 'hu-phone.json'), 'utf8')) as Case[]).find((k) => k.id === 'hu-phone-object-first')!;
const huPhoneOrder: Case = {
  ...huPhoneObjectFirst, id: 'hu-phone-object-first-ordered',
  turns: [...huPhoneObjectFirst.turns, { press: '2' }, { say: 'Igen.', hears: 'A rendelését rögzítettük' }],
  expect: { orders: { card: '2002001', count: 1 } },
};
const oneEach = [...['el-chat', 'el-phone', 'hu-chat'].map((p) => reservations.find((k) => k.id.startsWith(p))).filter((k): k is Case => !!k), huPhoneOrder];

type Kind = 'embedded' | 'koha' | 'sip2';
const stops: Array<() => Promise<void>> = [];
afterEach(async () => { for (const stop of stops.splice(0)) await stop(); });

interface Ils { systems: Map<string, LibrarySystem>; koha?: FakeKohaServer; sip2?: FakeSip2Server; seed(db: Db): Promise<void> }

async function libraryIls(kind: Kind): Promise<Ils> {
  if (kind === 'embedded') return { systems: new Map(), seed: async () => undefined };
  if (kind === 'koha') {
    const koha = new FakeKohaServer(KOHA_CREDENTIALS);
    const client = new KohaClient({ baseUrl: await koha.start(), auth: { kind: 'basic', user: 'bot', password: 'pw' }, timeoutMs: 2000 });
    stops.push(() => koha.stop());
    const system = new KohaLibrarySystem(client);
    return { systems: new Map([['kalamaria', system], ['ozd', system]]), koha, seed: (db) => seedIls(db, { koha }) };
  }
  const sip2 = new FakeSip2Server();
  const port = await sip2.start();
  const client = new Sip2Client({ host: '127.0.0.1', port, tls: false, terminator: 'CR', user: 'bot', password: 'pw', timeoutMs: 2000 });
  stops.push(async () => { await client.close(); await sip2.stop(); });
  const system = new Sip2LibrarySystem(client, { institution: 'DEMO', now: () => MONDAY_NOON });
  return { systems: new Map([['kalamaria', system], ['ozd', system]]), sip2, seed: (db) => seedIls(db, { sip2 }) };
}

async function play(k: Case, ils: Ils): Promise<Db> {
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  if (k.channel === 'phone') {
    const voice = await startVoiceApp({ librarySystems: ils.systems });
    stops.push(() => voice.app.close());
    await ils.seed(voice.app.db);
    const call = voice.call(k.library);
    await call.start();
    for (const [i, turn] of k.turns.entries()) {
      await call.answer(turn.press !== undefined ? { digits: turn.press } : { speech: turn.say ?? '' });
      for (const h of list(turn.hears)) expect(call.heard, `${k.id} turn ${i + 1}`).toContain(h);
    }
    return voice.app.db;
  }
  const { db } = await freshDb();
  stops.push(() => db.$disconnect());
  await ils.seed(db);
  const c = new Conversation(await testBot(db, { now: () => MONDAY_NOON, librarySystems: ils.systems }), { library: k.library, ...(k.locale ? { locale: k.locale } : {}) });
  await c.join();
  for (const [i, turn] of k.turns.entries()) {
    await c.say(turn.say ?? turn.press ?? '');
    for (const h of list(turn.hears)) expect(c.heard, `${k.id} turn ${i + 1}`).toContain(h);
  }
  return db;
}

describe.each(['embedded', 'koha', 'sip2'] as const)('a reservation with the %s library system', (kind) => {
  it('has a chat and a phone reservation in each language to play', () => {
    expect(oneEach.map((k) => `${k.id.slice(0, 2)}-${k.channel}`)).toEqual(['el-chat', 'el-phone', 'hu-chat', 'hu-phone']);
  });

  it.each(oneEach.map((k) => [k.id, k] as const))('%s: the order is written and each hold is the library system\'s', async (_id, k) => {
    const ils = await libraryIls(kind);
    const db = await play(k, ils);
    const holds = await db.hold.findMany({ where: { status: 'active', order: { patron: { cardNumber: k.expect!.orders!.card }, status: 'new' } }, include: { copy: true } });
    expect(holds.length).toBeGreaterThan(0);
    if (kind === 'embedded') {
      expect(holds.every((h) => h.ilsHoldId === null)).toBe(true);
    } else if (kind === 'koha') {
      expect(holds.map((h) => h.ilsHoldId)).toEqual(ils.koha!.holds.map((h) => String(h.hold_id)));
      expect(ils.koha!.holds.map((h) => [h.item_id, h.pickup_library_id])).toEqual(holds.map((h) => [h.copyId, h.branchId]));
    } else {
      expect(holds.map((h) => h.ilsHoldId)).toEqual(holds.map((h) => `${k.expect!.orders!.card}:${h.copy.barcode}`));
      expect(ils.sip2!.patrons.get(k.expect!.orders!.card)!.holds).toEqual(holds.map((h) => h.copy.barcode));
    }
  });
});

const kalamariaOrder = reservations.find((k) => k.id.startsWith('el-chat'))!;
const huOrder = reservations.find((k) => k.id.startsWith('hu-chat'))!;

/**
 * A whole app (staff pages and jobs included) and a web chat on one database, both using a fake
 * Koha or SIP2 system seeded like the database, after the app's own start-up reconciliation.
 */
async function appWithIls(kind: 'koha' | 'sip2', library: 'kalamaria' | 'ozd', locale?: string) {
  const ils = await libraryIls(kind);
  const voice = await startVoiceApp({ librarySystems: ils.systems });
  stops.push(() => voice.app.close());
  await voice.app.ilsReconciled;
  await ils.seed(voice.app.db);
  const bot = await testBot(voice.app.db, { now: () => MONDAY_NOON, librarySystems: ils.systems });
  const chat = async () => {
    const c = new Conversation(bot, { library, ...(locale ? { locale } : {}) });
    await c.join();
    return c;
  };
  return { ils, app: voice.app, server: voice.server, c: await chat(), chat };
}

async function appWithKoha(library: 'kalamaria' | 'ozd', modes: FakeKohaModes = {}, locale?: string) {
  const { ils, ...rest } = await appWithIls('koha', library, locale);
  ils.koha!.modes = modes;
  return { koha: ils.koha!, ...rest };
}

describe('a reservation when the library system fails', () => {
  it('tells the patron in Greek and in Hungarian that nothing is held yet, and keeps the order for staff', async () => {
    for (const [k, sentence] of [
      [kalamariaOrder, 'Το σύστημα της βιβλιοθήκης δεν απαντά αυτή τη στιγμή. Κρατήσαμε την παραγγελία σας'],
      [huOrder, 'A könyvtár rendszere most nem válaszol. A rendelését megőriztük'],
    ] as const) {
      const ils = await libraryIls('koha');
      // Up for the sign-in and the allowance, down when the hold is placed.
      ils.koha!.modes.disconnectOn = 'POST /holds';
      const confirmed = k.turns.findIndex((x) => [x.hears ?? []].flat().some((h) => /καταχωρίστηκε|rögzítettük/.test(h)));
      expect(confirmed).toBeGreaterThan(0);
      const turns = k.turns.map((t, i) => (i === confirmed ? { ...t, hears: [...[t.hears ?? []].flat(), sentence] } : t));
      const db = await play({ ...k, turns }, ils);
      const holds = await db.hold.findMany({ where: { order: { patron: { cardNumber: k.expect!.orders!.card } } } });
      expect(holds.length).toBeGreaterThan(0);
      expect(holds.every((h) => h.ilsHoldId === null)).toBe(true);
      expect(ils.koha!.holds).toEqual([]);
      for (const stop of stops.splice(0)) await stop();
    }
  });

  it('records on restart a hold Koha accepted while the bot never heard it, without placing it twice', async () => {
    const { koha, app, c } = await appWithKoha('kalamaria', { dropAfterHold: true });
    for (const turn of kalamariaOrder.turns) await c.say(turn.say ?? turn.press ?? '');
    const [hold] = await app.db.hold.findMany({ where: { order: { patron: { cardNumber: '1001001' } } } });
    expect(hold?.ilsHoldId).toBeNull();
    expect(koha.holds).toHaveLength(1);
    koha.modes.dropAfterHold = false;
    // The restart: what createApp runs on start.
    // (The demo's earlier open holds, written before the library had an ILS, go in with it.)
    expect(await app.reconcileIlsHolds()).toMatchObject({ pending: 0 });
    const inKoha = koha.holds.filter((h) => h.item_id === hold!.copyId);
    expect(inKoha).toHaveLength(1);
    expect((await app.db.hold.findUniqueOrThrow({ where: { id: hold!.id } })).ilsHoldId).toBe(String(inKoha[0]!.hold_id));
    expect(await app.db.hold.count({ where: { status: 'active', ilsHoldId: null, order: { libraryId: 'kalamaria', status: { in: ['new'] } } } })).toBe(0);
  });
});

it('keeps the embedded adapter honest: it signs in with the bot\'s PINs and lists the bot\'s copies', async () => {
  const { db } = await freshDb();
  stops.push(() => db.$disconnect());
  const { KeyedPinHasher } = await import('../../src/persistence/keyed-pin-hasher');
  const { pinKeysFromEnv } = await import('../../src/persistence/pin-keys-from-env');
  const { databaseUrl } = await import('../../src/persistence/database-url');
  const system = new EmbeddedLibrarySystem(db, 'kalamaria', new PrismaPatronRepository(db), new KeyedPinHasher(pinKeysFromEnv(databaseUrl())));
  const patron = await db.patron.findFirstOrThrow({ where: { cardNumber: '1001001' } });
  expect(await system.authenticate('1001001', '1234')).toEqual({ allowed: true, patron: { ilsPatronId: String(patron.id), cardNumber: '1001001' } });
  expect(await system.authenticate('1001001', '9999')).toEqual({ allowed: false, reason: 'signin.invalid' });
  const locked = await db.patron.findFirstOrThrow({ where: { cardNumber: '1001002' } });
  expect(await system.standing({ ilsPatronId: String(locked.id), cardNumber: '1001002' })).toMatchObject({ allowed: true, standing: { blocked: true, loansCount: 2 } });
  const record = await db.record.findFirstOrThrow({ where: { title: 'Ο Καπετάν Μιχάλης' }, include: { copies: true } });
  const copies = await system.copies({ recordIlsId: String(record.id), barcodes: [] });
  expect(copies.allowed && copies.copies.map((c) => c.status).sort()).toEqual(record.copies.map((c) => (c.status === 'held' ? 'on_hold' : c.status)).sort());
});

describe('signing in where the library has its own system', () => {
  it('checks the PIN with the ILS, not the bot\'s copy of it', async () => {
    const ils = await libraryIls('koha');
    const { db } = await freshDb();
    stops.push(() => db.$disconnect());
    await ils.seed(db);
    ils.koha!.patrons.find((p) => p.cardnumber === '1001001')!.password = '8642';
    const c = new Conversation(await testBot(db, { now: () => MONDAY_NOON, librarySystems: ils.systems }), { library: 'kalamaria' });
    await c.join();
    await c.say('κράτηση');
    await c.say('1001001');
    await c.say('1234');
    expect(c.heard).toContain('Λάθος αριθμός κάρτας ή PIN. Έχετε ακόμη 2 προσπάθειες.');
    await c.say('1001001');
    await c.say('8642');
    expect(c.heard).toContain('Συνδεθήκατε.');
    expect(ils.koha!.log.filter((l) => l.route === 'POST /auth/password/validation')).toHaveLength(2);
  });

  it('tells a Hungarian patron the library system is not answering, and counts no failed attempt', async () => {
    const ils = await libraryIls('sip2');
    const { db } = await freshDb();
    stops.push(() => db.$disconnect());
    await ils.seed(db);
    ils.sip2!.modes.dropOn = '63';
    const c = new Conversation(await testBot(db, { now: () => MONDAY_NOON, librarySystems: ils.systems }), { library: 'ozd' });
    await c.join();
    await c.say('foglalás');
    await c.say('2002001');
    await c.say('4321');
    expect(c.heard).toContain('A könyvtár rendszere most nem válaszol, ezért nem tudom ellenőrizni az olvasójegyét.');
    expect(await db.signInAttempt.count()).toBe(0);
  });
});

describe('offering a copy where the library has its own system', () => {
  it('offers no copy the ILS has on loan, though the bot\'s catalogue says it is on the shelf', async () => {
    const ils = await libraryIls('koha');
    const { db } = await freshDb();
    stops.push(() => db.$disconnect());
    await ils.seed(db);
    const record = await db.record.findFirstOrThrow({ where: { title: 'Ο Καπετάν Μιχάλης' }, include: { copies: true } });
    expect(record.copies.some((c) => c.status === 'available')).toBe(true);
    for (const item of ils.koha!.items.filter((i) => i.biblio_id === record.id)) item.checked_out_date = '2026-12-01';
    const c = new Conversation(await testBot(db, { now: () => MONDAY_NOON, librarySystems: ils.systems }), { library: 'kalamaria' });
    await c.join();
    for (const say of ['θα ηθελα τον καπεταν μιχαλη', '1001001', '1234', 'αυτο, το πρωτο']) await c.say(say);
    expect(c.heard).toContain('Όλα τα αντίτυπα του βιβλίου «Ο Καπετάν Μιχάλης» είναι δανεισμένα αυτή τη στιγμή.');
    expect(await db.order.count({ where: { patron: { cardNumber: '1001001' } } })).toBe(0);
  });
});

/**
 * The interlibrary loan requests of test/dialogs/ill-request-dialog.test.ts and
 * test/channels/twilio-voice/voice-routes.test.ts (Ózd: web chat and phone, in Hungarian and in Greek), filed with each library system: Koha gets its own copy of the request,
 * keyed by the bot's ref; SIP2 has no ILL message and the embedded store is the bot's own.
 */
const say = (...lines: string[]) => lines.map((l) => ({ say: l }));
const illCases: Case[] = [
  { id: 'hu-chat-ill', channel: 'chat', library: 'ozd', turns: [
    ...say('4', '2002001', '4321', 'könyvet', 'A Pendragon-legenda', 'Szerb Antal', '1934-ben', '978-963-07-3456-1', 'nincs', 'eredeti', 'igen, elfogadom'),
    { say: 'igen', hears: 'A kérését rögzítettük' }] },
  { id: 'el-chat-ill', channel: 'chat', library: 'ozd', locale: 'el', turns: [
    ...say('4', '2002001', '4321', 'βιβλίο', 'Ο Χριστός ξανασταυρώνεται', 'Νίκος Καζαντζάκης', 'δεν ξέρω', 'δεν ξέρω', 'όχι', 'πρωτότυπο', 'ναι'),
    { say: 'ναι', hears: 'Το αίτημά σας καταχωρίστηκε με αριθμό' }] },
  { id: 'hu-phone-ill', channel: 'phone', library: 'ozd', turns: [
    { press: '4' }, { press: '2002001' }, { press: '4321' }, { press: '1' },
    ...say('Utas és holdvilág', 'nem tudom', 'nem tudom', 'nem tudom', 'nincs', 'eredetiben', 'igen, elfogadom'),
    { press: '1', hears: 'A kérését rögzítettük' }] },
  { id: 'el-phone-ill', channel: 'phone', library: 'ozd', turns: [
    { say: 'Ελληνικά.' }, { press: '4' }, { press: '2002001' }, { press: '4321' }, { press: '1' },
    ...say('Ο Χριστός ξανασταυρώνεται', 'Νίκος Καζαντζάκης', 'δεν ξέρω', 'δεν ξέρω', 'όχι', 'πρωτότυπο', 'ναι'),
    { press: '1', hears: 'Το αίτημά σας καταχωρίστηκε με αριθμό' }] },
];
const ILL_CARD = '2002001';
const kohaIllOf = (koha: FakeKohaServer, ref: string) => koha.illRequests
  .filter((r) => (r.extended_attributes as Array<{ type: string; value: string }>).some((a) => a.type === 'bot_request_key' && a.value === `ill-${ref}`));
const illOf = (db: Db) => db.illRequest.findFirstOrThrow({ where: { patron: { cardNumber: ILL_CARD } }, orderBy: { id: 'desc' } });

describe.each(['embedded', 'koha', 'sip2'] as const)('an interlibrary loan request with the %s library system', (kind) => {
  it.each(illCases.map((k) => [k.id, k] as const))('%s: written for staff, and filed in Koha where there is one', async (_id, k) => {
    const ils = await libraryIls(kind);
    const db = await play(k, ils);
    const row = await illOf(db);
    // This conversation's request, not one of the demo's: in its language, by its channel, just now.
    expect(row).toMatchObject({ status: 'submitted', language: k.id.slice(0, 2), channel: k.channel === 'phone' ? 'voice' : 'test' });
    expect(Date.now() - row.createdAt.getTime()).toBeLessThan(60_000);
    if (kind !== 'koha') {
      expect(row.ilsRequestId).toBeNull();
      return;
    }
    const patron = ils.koha!.patrons.find((p) => p.cardnumber === ILL_CARD)!;
    // (On the phone the app's start-up run also files the demo's earlier requests: only this one is looked at.)
    const mine = kohaIllOf(ils.koha!, row.ref);
    expect(mine).toHaveLength(1);
    const filed = mine[0]!;
    expect(row.ilsRequestId).toBe(String(filed.ill_request_id));
    expect(filed).toMatchObject({ ill_backend_id: 'Standard', patron_id: patron.patron_id, library_id: 'ozd-main' });
    expect(filed.extended_attributes).toEqual(expect.arrayContaining([{ type: 'title', value: row.title }, { type: 'bot_request_key', value: `ill-${row.ref}` }]));
  });
});

describe('an interlibrary loan request when Koha fails', () => {
  const [huIll, elIll] = illCases;
  it('tells the reader in Hungarian and in Greek that the library system is not answering, keeps the request, and files it on the next start', async () => {
    for (const [k, sentence] of [
      [huIll!, 'A könyvtár rendszere most nem válaszol. A kérését megőriztük'],
      [elIll!, 'Το σύστημα της βιβλιοθήκης δεν απαντά αυτή τη στιγμή. Το αίτημά σας το κρατήσαμε'],
    ] as const) {
      const { koha, app, c } = await appWithKoha('ozd', {}, k.locale);
      // The demo's earlier requests go in first, as a start with Koha up would file them.
      await app.reconcileIlsRequests();
      koha.modes.disconnectOn = 'POST /ill/requests';
      for (const turn of k.turns) await c.say(turn.say ?? '');
      expect(c.heard).toContain(String(k.turns.at(-1)!.hears));
      expect(c.heard).toContain(sentence);
      const row = await illOf(app.db);
      expect(row).toMatchObject({ status: 'submitted', ilsRequestId: null });
      expect(kohaIllOf(koha, row.ref)).toEqual([]);
      koha.modes.disconnectOn = undefined;
      expect(await app.reconcileIlsRequests()).toEqual({ filed: 1, pending: 0 });
      const [filed] = kohaIllOf(koha, row.ref);
      expect((await illOf(app.db)).ilsRequestId).toBe(String(filed!.ill_request_id));
      expect(await app.reconcileIlsRequests()).toEqual({ filed: 0, pending: 0 });
      expect(kohaIllOf(koha, row.ref)).toHaveLength(1);
      for (const stop of stops.splice(0)) await stop();
    }
  });

  it('records on restart a request Koha took while the bot never heard it, without filing it twice, and staff see its id', async () => {
    const { koha, app, server, c } = await appWithKoha('ozd', { dropAfterIll: true });
    for (const turn of illCases[0]!.turns) await c.say(turn.say ?? '');
    const row = await illOf(app.db);
    expect(row.ilsRequestId).toBeNull();
    expect(kohaIllOf(koha, row.ref)).toHaveLength(1);
    const staff = await staffLogin(server, 'staff.ozd', 'Ozd-2026');
    const before = await (await staffFetch(server, staff, `/staff/ill/${row.ref}`)).text();
    expect(before).toContain('Még nincs rögzítve a könyvtári rendszerben');
    koha.modes.dropAfterIll = false;
    // The demo's earlier requests, written before the library had Koha, are filed with it.
    expect(await app.reconcileIlsRequests()).toMatchObject({ pending: 0 });
    const mine = kohaIllOf(koha, row.ref);
    expect(mine).toHaveLength(1);
    const id = String(mine[0]!.ill_request_id);
    expect((await illOf(app.db)).ilsRequestId).toBe(id);
    const after = await (await staffFetch(server, staff, `/staff/ill/${row.ref}`)).text();
    expect(after).toMatch(new RegExp(`Kérés a könyvtári rendszerben</dt><dd data-field="ils_request">${id}</dd>`));
  });
});

describe('the staff queue where the library has its own system', () => {
  it('shows beside each book its hold id in Koha, or that Koha does not have it yet', async () => {
    const { app, server, c } = await appWithKoha('kalamaria');
    for (const turn of kalamariaOrder.turns) await c.say(turn.say ?? turn.press ?? '');
    const [hold] = await app.db.hold.findMany({ where: { order: { patron: { cardNumber: '1001001' }, status: 'new' } }, include: { order: true } });
    expect(hold?.ilsHoldId).toMatch(/^\d+$/);
    const staff = await staffLogin(server, 'staff.kalamaria', 'Kalamaria-2026');
    const queue = await (await staffFetch(server, staff, '/staff')).text();
    const line = new RegExp(`<tr data-ref="${hold!.order.ref}"[^]*?</tr>`).exec(queue)?.[0] ?? '';
    expect(line).toContain(`<span data-ils-hold>στο σύστημα της βιβλιοθήκης: ${hold!.ilsHoldId}</span>`);
    // The demo's earlier orders were written before the library had an ILS: staff see they are not in it yet.
    expect(queue).toContain('<span data-ils-hold>όχι ακόμη στο σύστημα της βιβλιοθήκης</span>');
    const live = await (await staffFetch(server, staff, '/staff/queue/rows')).json() as { html: string };
    expect(live.html).toContain(`στο σύστημα της βιβλιοθήκης: ${hold!.ilsHoldId}`);
  });
});

describe.each(['koha', 'sip2'] as const)('an order that ends unfulfilled where the library uses %s', (kind) => {
  const stillHeld = (ils: Ils, hold: { ilsHoldId: string | null; copy: { barcode: string | null } }) => (kind === 'koha'
    ? ils.koha!.holds.some((h) => String(h.hold_id) === hold.ilsHoldId)
    : ils.sip2!.patrons.get('1001001')!.holds.includes(hold.copy.barcode!));

  it('gives the copy back in the library system when staff cancel, and catches up after an outage', async () => {
    const { ils, app, server, chat } = await appWithIls(kind, 'kalamaria');
    const staff = await staffLogin(server, 'staff.kalamaria', 'Kalamaria-2026');
    const cancel = async (ref: string) => {
      const order = await app.db.order.findUniqueOrThrow({ where: { ref } });
      const r = await staffFetch(server, staff, `/api/staff/orders/${ref}/transitions`, { method: 'POST', body: { to: 'cancelled', version: order.version, note: 'patron_request_by_phone' } });
      expect(r.status).toBe(200);
    };
    const ordered = async () => {
      const c = await chat();
      for (const turn of kalamariaOrder.turns) await c.say(turn.say ?? turn.press ?? '');
      const hold = await app.db.hold.findFirstOrThrow({ where: { status: 'active', order: { patron: { cardNumber: '1001001' } } }, include: { copy: true, order: true }, orderBy: { id: 'desc' } });
      expect(hold.ilsHoldId).not.toBeNull();
      expect(stillHeld(ils, hold)).toBe(true);
      return hold;
    };

    const first = await ordered();
    await cancel(first.order.ref);
    expect(stillHeld(ils, first)).toBe(false);
    expect((await app.db.hold.findUniqueOrThrow({ where: { id: first.id } }))).toMatchObject({ status: 'cancelled', ilsReleasedAt: expect.any(Date) });

    // Down when staff cancel: the order is cancelled all the same; the job cancels the hold once the system is back.
    const second = await ordered();
    if (kind === 'koha') ils.koha!.modes.maintenance = true; else ils.sip2!.modes.dropOn = '15';
    await cancel(second.order.ref);
    expect(await app.db.hold.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: 'cancelled', ilsReleasedAt: null });
    expect(stillHeld(ils, second)).toBe(true);
    if (kind === 'koha') ils.koha!.modes.maintenance = false; else ils.sip2!.modes.dropOn = undefined;
    expect(await app.jobs.tick('reconcile-ils')).toBe('ran');
    expect(stillHeld(ils, second)).toBe(false);
    expect((await app.db.hold.findUniqueOrThrow({ where: { id: second.id } })).ilsReleasedAt).toEqual(expect.any(Date));
  });
});
