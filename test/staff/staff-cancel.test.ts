import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import type { Db } from '../../src/persistence/prisma-client';
import { startApp } from '../support/http';
import { freshDb } from '../support/test-db';
import { anOrder, staffLogin, type StaffClient } from './staff-support';

// Cancelling at the desk (issue 21): a slip cancelled a patron's order in one click with a
// reason chosen in advance. Now "Cancel" opens a step that shows what goes, asks for a reason
// with none preselected, refuses without one, and only then cancels.

let app: App;
let base: string;
let db: Db;
let staff: StaffClient;

beforeAll(async () => {
  const fresh = await freshDb();
  db = fresh.db;
  await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000801', title: 'Ο Καπετάν Μιχάλης' });
  await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000802' });
  ({ app, base } = await startApp(fresh.url));
  staff = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
});
afterAll(async () => { await app?.close(); await db?.$disconnect(); });

const page = async (path: string) => fetch(`${base}${path}`, { headers: { cookie: staff.cookie }, redirect: 'manual' });
const post = async (path: string, form: Record<string, string>) => fetch(`${base}${path}`, {
  method: 'POST', redirect: 'manual', headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ ...form, _csrf: staff.csrf }).toString(),
});
const stored = (ref: string) => db.order.findUniqueOrThrow({ where: { ref }, include: { events: { orderBy: { id: 'asc' } }, holds: { include: { copy: true } } } });

describe('cancelling an order from the staff pages', () => {
  it('offers no cancel button on the order page, only a link to the confirmation step', async () => {
    const html = await (await page('/staff/orders/1000801')).text();
    expect(html).toContain('href="/staff/orders/1000801/cancel"');
    expect(html).not.toMatch(/name="to" value="cancelled"/);
  });

  it('shows what will be cancelled, with every reason unchosen', async () => {
    const html = await (await page('/staff/orders/1000801/cancel')).text();
    expect(html).toContain('<h1>Ακύρωση της παραγγελίας 1000801</h1>');
    expect(html).toContain('<cite>Ο Καπετάν Μιχάλης</cite>');
    expect(html).toContain('Θα ακυρωθεί η παραγγελία του αναγνώστη Μαρία Παπαδοπούλου');
    expect(html.match(/type="radio"/g)).toHaveLength(4);
    expect(html).not.toContain(' checked');
  });

  it('refuses without a reason, in the library\'s language, and leaves the order as it was', async () => {
    const { version } = await stored('1000801');
    const answer = await post('/staff/orders/1000801/cancel', { version: String(version) });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('role="alert">Επιλέξτε την αιτία της ακύρωσης: ο αναγνώστης θα ενημερωθεί γι&#39; αυτήν.</p>');
    const other = await post('/staff/orders/1000801/cancel', { version: String(version), reason: 'other', note: '  ' });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('Γράψτε την αιτία της ακύρωσης στο πεδίο κάτω από τις επιλογές.');
    expect((await stored('1000801')).status).toBe('new');
  });

  it('sends the old one-click form to the confirmation step instead of cancelling', async () => {
    const { version } = await stored('1000801');
    const answer = await post('/staff/orders/1000801/transition', { to: 'cancelled', reason: 'damaged', version: String(version) });
    expect([answer.status, answer.headers.get('location')]).toEqual([303, '/staff/orders/1000801/cancel']);
    expect((await stored('1000801')).status).toBe('new');
  });

  it('cancels with the chosen reason once confirmed, and releases the copy', async () => {
    const { version } = await stored('1000801');
    const answer = await post('/staff/orders/1000801/cancel', { version: String(version), reason: 'not_found_on_shelf' });
    expect([answer.status, answer.headers.get('location')]).toEqual([303, '/staff/orders/1000801?done=1']);
    const order = await stored('1000801');
    expect(order.status).toBe('cancelled');
    expect(order.events.at(-1)).toMatchObject({ toStatus: 'cancelled', note: 'not_found_on_shelf' });
    expect(order.holds.map((h) => [h.status, h.copy.status])).toEqual([['cancelled', 'available']]);
    expect(await (await page('/staff/orders/1000801')).text()).toContain('Το βιβλίο δεν βρέθηκε στο ράφι.');
  });

  it('cancels with a reason written by staff when they choose "other"', async () => {
    const { version } = await stored('1000802');
    await post('/staff/orders/1000802/cancel', { version: String(version), reason: 'other', note: 'Ο αναγνώστης μετακόμισε.' });
    expect((await stored('1000802')).events.at(-1)).toMatchObject({ toStatus: 'cancelled', note: 'Ο αναγνώστης μετακόμισε.' });
  });
});

describe('what staff read instead of stored codes', () => {
  it('names the channel, the language and who acted in words, on the order page', async () => {
    const order = await db.order.create({
      data: { ref: '1000803', libraryId: 'kalamaria', patronId: (await stored('1000802')).patronId, status: 'new', channel: 'webchat', language: 'el',
        events: { create: [{ actor: 'seed', fromStatus: null, toStatus: 'new', note: 'webchat' }, { actor: 'system', fromStatus: 'new', toStatus: 'new', note: 'x' }] } },
    });
    const html = await (await page(`/staff/orders/${order.ref}`)).text();
    expect(html).toContain('data-field="channel">Συνομιλία στον ιστότοπο</dd>');
    expect(html).toContain('data-field="language">Ελληνικά</dd>');
    expect(html).toContain('<td>Δεδομένα επίδειξης</td>');
    expect(html).toContain('<td>Σύστημα</td>');
    expect(html).toContain('<td>Κανάλι: συνομιλία στον ιστότοπο</td>');
    for (const code of ['>webchat<', '>el<', '>seed<', '>system<']) expect(html).not.toContain(code);
  });

  it('lists the books of each order in the queue: title, author, branch and shelf mark', async () => {
    const row = (await (await page('/staff?status=all')).text()).split('data-ref="1000801"')[1]!.split('</tr>')[0]!;
    expect(row).toContain('<cite>Ο Καπετάν Μιχάλης</cite> — Νίκος Καζαντζάκης');
    expect(row).toMatch(/· [^<]+ · <code>889\.3 ΚΑΖ<\/code>/);
  });
});

