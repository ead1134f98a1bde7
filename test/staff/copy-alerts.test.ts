import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app';
import type { SmsSender } from '../../src/domain/ports/sms-sender';
import { Conversation, testBot } from '../support/conversation';
import { WebChatClient } from '../support/http';
import { freshDb } from '../support/test-db';
import { anOrder, staffFetch, staffLogin, type StaffClient } from './staff-support';

// "Tell me when a copy is back" (issue 21): a yes after "every copy is on loan" opens one alert
// per patron and book; the return that puts a copy on the shelf tells each waiting patron once.
const MONDAY_NOON = new Date('2026-11-23T10:00:00Z');
let app: App | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

class SentSms implements SmsSender {
  readonly sent: Array<{ to: string; body: string }> = [];
  async send(to: string, body: string) { this.sent.push({ to, body }); return { status: 'sent' as const }; }
}

async function start() {
  const { db, url } = await freshDb();
  await db.$disconnect();
  const sms = new SentSms();
  const clock = { now: MONDAY_NOON };
  app = await createApp({ databaseUrl: url, sms, now: () => clock.now });
  await new Promise<void>((resolve) => app!.server.listen(0, '127.0.0.1', resolve));
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, sms, clock };
}

function checkIn(base: string, client: StaffClient, barcode: string) {
  return fetch(`${base}/staff/copy-alerts/checkin`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookie },
    body: new URLSearchParams({ _csrf: client.csrf, barcode }).toString(),
  });
}

async function outboxTexts(chat: WebChatClient): Promise<string[]> {
  const body = (await (await chat.outbox()).json()) as { activities: Array<{ text?: string }> };
  return body.activities.map((a) => a.text ?? '');
}

const barcodesOf = async (db: App['db'], title: string) =>
  (await db.copy.findMany({ where: { record: { title } }, orderBy: { id: 'asc' } })).map((c) => c.barcode!);

describe('copy alerts', () => {
  it('tells a chat patron once in the chat when a copy of the book is back after quarantine; duplicates merge, a second return tells nobody', async () => {
    const { app, base, clock } = await start();
    const chat = await WebChatClient.open(base, 'kalamaria', 'el');
    for (const said of ['κράτηση', '1001001', '1234', 'Η Φόνισσα']) await chat.say(said);
    await chat.say('1');
    expect(chat.heard).toContain('Όλα τα αντίτυπα του βιβλίου «Η Φόνισσα» είναι δανεισμένα');
    expect(chat.heard).toContain('Να σας ειδοποιήσω;');
    await chat.say('ναι, ειδοποιήστε με');
    expect(chat.heard).toContain('θα σας το πούμε εδώ, σε αυτή τη συνομιλία. Το βιβλίο δεν κρατιέται για εσάς');
    // The same patron asks again for the same book: still one alert, not a second message later.
    await chat.say('Η Φόνισσα');
    await chat.say('1');
    await chat.say('ναι');
    const alerts = await app.db.copyAlert.findMany();
    expect(alerts.map((a) => [a.title, a.status, a.channel, a.language])).toEqual([['Η Φόνισσα', 'open', 'chat', 'el']]);
    expect(await app.db.hold.count({ where: { record: { title: 'Η Φόνισσα' } } })).toBe(0);

    const staff = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
    const [first, second] = await barcodesOf(app.db, 'Η Φόνισσα');
    // Kalamaria keeps returns in quarantine for three days (seeds/000): nobody is told yet.
    const returned = await checkIn(base, staff, first!);
    expect(returned.status).toBe(200);
    expect(await returned.text()).toContain('σε καραντίνα έως');
    expect((await app.db.copy.findFirstOrThrow({ where: { barcode: first } })).status).toBe('quarantine');
    expect(await outboxTexts(chat)).toEqual([]);

    clock.now = new Date(MONDAY_NOON.getTime() + 4 * 86_400_000);
    expect(await app.jobs.tick('release-quarantine')).toBe('ran');
    expect((await app.db.copy.findFirstOrThrow({ where: { barcode: first } })).status).toBe('available');
    const told = await outboxTexts(chat);
    expect(told).toEqual([expect.stringContaining('Επιστράφηκε ένα αντίτυπο του βιβλίου «Η Φόνισσα» και είναι τώρα διαθέσιμο.')]);
    // Four days on, the morning's staff session is over: staff sign in again.
    const later = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
    const sent = await app.db.copyAlert.findFirstOrThrow();
    expect([sent.status, sent.openKey, sent.sentAt?.toISOString()]).toEqual(['sent', null, clock.now.toISOString()]);

    // The second copy comes back too: the alert is closed, nobody hears anything more.
    expect((await checkIn(base, later, second!)).status).toBe(200);
    clock.now = new Date(clock.now.getTime() + 4 * 86_400_000);
    expect(await app.jobs.tick('release-quarantine')).toBe('ran');
    expect(await outboxTexts(chat)).toHaveLength(1);

    const again = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
    const page = await (await fetch(`${base}/staff/copy-alerts`, { headers: { cookie: again.cookie } })).text();
    expect(page).toContain('Η Φόνισσα');
    expect(page).toContain('στάλθηκε');
    expect(page).toContain('συνομιλία στον ιστότοπο');
  }, 60_000);

  it('texts a caller in Hungarian when the copy comes back, once; a copy not on loan is refused', async () => {
    const { app, base, sms } = await start();
    const phone = new Conversation(await testBot(app.db, { now: () => MONDAY_NOON }), { library: 'ozd', channelId: 'voice', locale: 'hu' });
    await phone.join();
    for (const said of ['foglalni szeretnék', '2002001', '4321', 'Jókai nábob']) await phone.say(said);
    await phone.say('1');
    expect(phone.heard).toContain('Szóljunk?');
    await phone.say('igen, szóljanak');
    expect(phone.heard).toContain('SMS-t küldünk a nálunk megadott telefonszámára: „Egy magyar nábob”');
    expect((await app.db.copyAlert.findMany()).map((a) => [a.channel, a.language, a.conversationRef])).toEqual([['phone', 'hu', null]]);

    const staff = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const [barcode] = await barcodesOf(app.db, 'Egy magyar nábob');
    // Ózd keeps no quarantine: back on the shelf and the reader texted at once.
    const page = await (await checkIn(base, staff, barcode!)).text();
    expect(page).toContain('Értesített olvasók: 1.');
    expect(sms.sent).toEqual([{ to: '+36300000001', body: 'Könyvtár: ismét elérhető ez a könyv: „Egy magyar nábob”. Nincs lefoglalva; foglaláshoz hívja ezt a számot: +36 48 000 100.' }]);

    // Lent again and returned again: the alert was closed by the first return.
    await app.db.copy.updateMany({ where: { barcode }, data: { status: 'on_loan' } });
    await checkIn(base, staff, barcode!);
    expect(sms.sent).toHaveLength(1);
    const refused = await checkIn(base, staff, barcode!);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain('nincs kikölcsönözve');
    expect((await checkIn(base, staff, 'KAL-00001')).status).toBe(404);
  }, 60_000);

  it('ends the loan of a copy the bot handed over: the borrower counts one book fewer against the limit, once', async () => {
    const { app, base } = await start();
    const staff = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const borrower = await app.db.patron.findFirstOrThrow({ where: { libraryId: 'ozd', cardNumber: '2002001' } });
    const order = await anOrder(app.db, { library: 'ozd', card: '2002001', ref: '2000031' });
    let version = order.version;
    for (const to of ['preparing', 'ready', 'collected']) {
      const response = await staffFetch(base, staff, '/api/staff/orders/2000031/transitions', { method: 'POST', body: { to, version } });
      expect(response.status, to).toBe(200);
      version = ((await response.json()) as { version: number }).version;
    }
    const loansOf = async () => (await app.db.patron.findUniqueOrThrow({ where: { id: borrower.id } })).loansCount;
    const lent = await loansOf();
    expect(lent).toBe(borrower.loansCount + 1);
    const hold = await app.db.hold.findFirstOrThrow({ where: { orderId: order.id }, include: { copy: true } });
    expect(hold.copy.status).toBe('on_loan');

    expect((await checkIn(base, staff, hold.copy.barcode!)).status).toBe(200);
    expect(await loansOf()).toBe(lent - 1);
    expect((await app.db.hold.findUniqueOrThrow({ where: { id: hold.id } })).status).toBe('returned');

    // The same copy lent again at the desk (no order) and returned: nobody's count goes down for it.
    await app.db.copy.update({ where: { id: hold.copyId }, data: { status: 'on_loan' } });
    expect((await checkIn(base, staff, hold.copy.barcode!)).status).toBe(200);
    expect(await loansOf()).toBe(lent - 1);
  }, 60_000);

  it('tells the waiting patron when staff cancel an order and its held copy goes back on the shelf', async () => {
    const { app, base, sms } = await start();
    // The only copy of «Egy magyar nábob» is held for someone else's order, not lent.
    await app.db.copy.updateMany({ where: { record: { title: 'Egy magyar nábob' } }, data: { status: 'available' } });
    await anOrder(app.db, { library: 'ozd', card: '2002003', ref: '2000018', title: 'Egy magyar nábob' });
    const phone = new Conversation(await testBot(app.db, { now: () => MONDAY_NOON }), { library: 'ozd', channelId: 'voice', locale: 'hu' });
    await phone.join();
    for (const said of ['foglalni szeretnék', '2002001', '4321', 'Jókai nábob', '1']) await phone.say(said);
    await phone.say('igen');
    const staff = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const order = await app.db.order.findUniqueOrThrow({ where: { ref: '2000018' } });
    const cancelled = await fetch(`${base}/api/staff/orders/2000018/transitions`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      body: JSON.stringify({ to: 'cancelled', note: 'damaged', version: order.version }),
    });
    expect(cancelled.status).toBe(200);
    expect(sms.sent.filter((m) => m.to === '+36300000001').map((m) => m.body)).toEqual([expect.stringContaining('ismét elérhető ez a könyv: „Egy magyar nábob”')]);
    expect((await app.db.copyAlert.findFirstOrThrow()).status).toBe('sent');
  }, 60_000);
});
