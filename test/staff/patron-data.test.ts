import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app';
import { createLogger } from '../../src/logging';
import { HttpConversation, WebChatClient } from '../support/http';
import { freshDb } from '../support/test-db';
import { staffFetch, staffLogin, type StaffClient } from './staff-support';

// GDPR access (art. 15) and erasure (art. 17) requests made by staff for their own library's
// patrons (issue 8): JSON export, erasure refused while something is open, orders kept for the
// accounts but detached from the person, conversations and call-back requests deleted.
let app: App | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function start() {
  const { db, url } = await freshDb();
  await db.$disconnect();
  const lines: string[] = [];
  const log = createLogger('info', new Writable({ write(chunk, _e, done) { lines.push(...chunk.toString().split('\n').filter(Boolean)); done(); } }));
  app = await createApp({ databaseUrl: url, log });
  await new Promise<void>((resolve) => app!.server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, base, lines };
}

const exportData = (base: string, client: StaffClient | undefined, cardNumber: string, csrf?: string | null) =>
  staffFetch(base, client, '/api/staff/patrons/personal-data', { method: 'POST', body: { cardNumber }, csrf });
const erase = (base: string, client: StaffClient, body: object) =>
  staffFetch(base, client, '/api/staff/patrons/erasure', { method: 'POST', body });

/** A staff page form post, as the browser sends it. */
function formPost(base: string, client: StaffClient, path: string, fields: Record<string, string>) {
  return fetch(`${base}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookie },
    body: new URLSearchParams({ _csrf: client.csrf, ...fields }).toString(),
  });
}

/** The web chat page's own channel: our server is its connector, so the order's notifications reach the page's outbox. */
async function reserveByWebChat(base: string) {
  const chat = await WebChatClient.open(base);
  let replies: Array<{ channelData?: { orderRef?: string } }> = [];
  for (const text of ['θέλω να κλείσω το Ο Καπετάν Μιχάλης', '1001001', '1234', '1', '2', 'ναι']) replies = await chat.say(text);
  const ref = replies.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
  expect(ref).toMatch(/^\d{7}$/);
  return { conversationId: chat.conversationId, ref: ref! };
}

describe('POST /api/staff/patrons/personal-data and /erasure', () => {
  it('exports a patron\'s data, refuses erasure while an order is open, then erases and keeps the order anonymized', async () => {
    const { app, base, lines } = await start();
    const { conversationId, ref } = await reserveByWebChat(base);
    const patron = await app.db.patron.findFirstOrThrow({ where: { libraryId: 'kalamaria', cardNumber: '1001001' } });
    await app.db.patron.update({ where: { id: patron.id }, data: { phone: '+302310555123' } });
    await app.db.callbackRequest.create({ data: { libraryId: 'kalamaria', phone: '+302310555123', language: 'el', callSid: `CA${'3'.repeat(32)}` } });
    // "Tell me when a copy is back" for a book whose copies are all lent: a message to this patron, not an account.
    const lent = await app.db.record.findFirstOrThrow({ where: { title: 'Η Φόνισσα' } });
    await app.db.copyAlert.create({ data: { libraryId: 'kalamaria', recordId: lent.id, patronId: patron.id, title: lent.title, language: 'el', channel: 'chat', status: 'open', openKey: `${patron.id}:${lent.id}` } });
    const kalamaria = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
    const ozd = await staffLogin(base, 'staff.ozd', 'Ozd-2026');

    // Another library's staff, no session, no CSRF token: nothing.
    expect((await exportData(base, ozd, '1001001')).status).toBe(404);
    expect((await exportData(base, undefined, '1001001')).status).toBe(401);
    expect((await exportData(base, kalamaria, '1001001', null)).status).toBe(403);

    const exported = await exportData(base, kalamaria, '1001 001');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="patron-data.json"');
    const data = await exported.json() as {
      patron: Record<string, unknown>; orders: Array<{ ref: string; items: Array<{ title: string }> }>;
      conversations: Array<{ id: string }>; callbackRequests: unknown[]; copyAlerts: unknown[]; notExported: string[];
    };
    expect(data.patron).toMatchObject({ cardNumber: '1001001', name: 'Μαρία Παπαδοπούλου', phone: '+302310555123' });
    expect(data.orders).toEqual([expect.objectContaining({ ref, items: [expect.objectContaining({ title: 'Ο Καπετάν Μιχάλης' })] })]);
    expect(data.conversations.map((c) => c.id)).toContain(`webchat/conversations/${conversationId}/`);
    expect(data.callbackRequests).toHaveLength(1);
    expect(data.copyAlerts).toEqual([expect.objectContaining({ title: 'Η Φόνισσα', status: 'open', channel: 'chat' })]);
    expect(JSON.stringify(data)).not.toContain('scrypt$');

    // The order is still open: erasure waits until staff close it.
    const refused = await erase(base, kalamaria, { cardNumber: '1001001', confirm: true });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      error: 'patron.erase_open_orders',
      message: 'Τα στοιχεία του αναγνώστη δεν μπορούν να διαγραφούν ακόμη: έχει μία παραγγελία σε εξέλιξη. Ολοκληρώστε την ή ακυρώστε την πρώτα.',
    });
    expect((await erase(base, kalamaria, { cardNumber: '1001001' })).status).toBe(400);
    const order = await app.db.order.findUniqueOrThrow({ where: { ref } });
    const cancelled = await staffFetch(base, kalamaria, `/api/staff/orders/${ref}/transitions`, { method: 'POST', body: { to: 'cancelled', version: order.version, note: 'Ζήτησε διαγραφή, τηλ. 6945123456' } });
    expect(cancelled.status).toBe(200);

    expect(await app.db.webChatOutbox.count({ where: { conversationId } })).toBe(1);
    const erased = await erase(base, kalamaria, { cardNumber: '1001001', confirm: true });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ ordersAnonymized: 1, illRequestsAnonymized: 0, conversationsDeleted: 1, callbackRequestsDeleted: 1 });

    // The patron row stays for the accounts' references, with nothing that leads to the person.
    expect(await app.db.patron.findUniqueOrThrow({ where: { id: patron.id } })).toMatchObject({
      name: '—', phone: '', cardNumber: `erased-${patron.id}`, pinHash: '', status: 'locked',
    });
    const kept = await app.db.order.findUniqueOrThrow({ where: { ref }, include: { holds: true, events: { orderBy: { id: 'asc' } } } });
    expect(kept).toMatchObject({ status: 'cancelled', conversationRef: null, patronId: patron.id });
    expect(kept.holds).toHaveLength(1);
    expect(kept.events.map((e) => e.toStatus)).toEqual(['new', 'cancelled', 'cancelled']);
    expect(kept.events.map((e) => e.note)).toEqual(['webchat', null, 'personal_data_erased']);
    expect(await app.db.botState.count({ where: { id: { startsWith: `webchat/conversations/${conversationId}/` } } })).toBe(0);
    expect(await app.db.webChatOutbox.count({ where: { conversationId } })).toBe(0);
    expect(await app.db.callbackRequest.count()).toBe(0);
    expect(await app.db.copyAlert.count({ where: { patronId: patron.id } })).toBe(0);

    // The card is gone: no export, no sign-in.
    expect((await exportData(base, kalamaria, '1001001')).status).toBe(404);
    const again = new HttpConversation(base);
    for (const said of ['1', '1001001', '1234']) await again.say(said);
    expect(again.heard).not.toContain('Συνδεθήκατε');

    // The audit trail names the staff member and the patron by id, never by card or name.
    const audit = lines.filter((l) => l.includes('"msg":"patron data ')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(audit.map((a) => [a.msg, a.patronId, a.staffId])).toEqual([
      ['patron data export', patron.id, expect.any(Number)], ['patron data erase', patron.id, expect.any(Number)],
    ]);
    expect(lines.join('\n')).not.toMatch(/1001001|Παπαδοπούλου/);
  }, 60_000);

  it('refuses erasure while interlibrary loan requests run or postage is unpaid (Ózd)', async () => {
    const { base } = await start();
    const ozd = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const running = await erase(base, ozd, { cardNumber: '2002003', confirm: true });
    expect(running.status).toBe(409);
    expect(await running.json()).toMatchObject({
      error: 'patron.erase_open_ill', message: 'Az olvasó adatai még nem törölhetők: 3 folyamatban lévő könyvtárközi kérése van. Előbb zárja le őket.',
    });
    const unpaid = await erase(base, ozd, { cardNumber: '2002004', confirm: true });
    expect(unpaid.status).toBe(409);
    expect(await unpaid.json()).toMatchObject({ error: 'patron.erase_unpaid', message: expect.stringMatching(/^Az olvasó adatai még nem törölhetők: 1\s?250\sFt könyvtárközi tartozása van\./) });
  });
});

describe('the /staff/patrons pages', () => {
  it('find a patron by card number, download the export and erase after the confirmation box', async () => {
    const { base } = await start();
    const ozd = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const page = await fetch(`${base}/staff/patrons`, { headers: { cookie: ozd.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Olvasói adatok (GDPR)');

    const found = await formPost(base, ozd, '/staff/patrons', { cardNumber: '2002001' });
    expect(found.status).toBe(200);
    const foundHtml = await found.text();
    expect(foundHtml).toContain('Rendelések: 0 · Könyvtárközi kérések: 0');
    expect(foundHtml).toContain('Megerősítem');

    const download = await formPost(base, ozd, '/staff/patrons/export', { cardNumber: '2002001' });
    expect(download.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await download.json() as { patron: { cardNumber: string } }).patron.cardNumber).toBe('2002001');

    expect((await formPost(base, ozd, '/staff/patrons/erase', { cardNumber: '2002001' })).status).toBe(400);
    const done = await formPost(base, ozd, '/staff/patrons/erase', { cardNumber: '2002001', confirm: '1' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('A személyes adatokat töröltük.');
    const gone = await formPost(base, ozd, '/staff/patrons', { cardNumber: '2002001' });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('Ezzel az olvasójegyszámmal nincs olvasó a könyvtárban.');

    // Kalamaria's staff cannot reach Ózd's patrons, and a form without the token does nothing.
    const kalamaria = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
    expect((await formPost(base, kalamaria, '/staff/patrons', { cardNumber: '2002002' })).status).toBe(404);
    expect((await formPost(base, { ...ozd, csrf: 'wrong' }, '/staff/patrons/erase', { cardNumber: '2002002', confirm: '1' })).status).toBe(403);
    expect((await fetch(`${base}/staff/patrons`, { redirect: 'manual' })).status).toBe(303);
  }, 60_000);
});
