import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import type { Db } from '../../src/persistence/prisma-client';
import { startApp } from '../support/http';
import { freshDb } from '../support/test-db';
import { anOrder, staffLogin, type StaffClient } from './staff-support';

// Stored XSS (issue 21): text a patron controls — a name, a title asked for, a note, a
// cancel reason, a phone number tried at sign-in, a provider's error — written with markup
// into the database, then every staff page fetched. The routes come from the server itself:
// a page added without a sample below fails the first test, so no page escapes the walk.

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '"><script>alert(2)</script>';
const IMG_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';
const SCRIPT_ESCAPED = '&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;';

type Library = 'kalamaria' | 'ozd';
interface Visit { method?: 'GET' | 'POST'; path: string; as: Library; body?: Record<string, string>; shows: string[] }

/** Each staff page, signed in as the library whose data it shows, and the escaped texts it must show. */
const PAGES: Record<string, Visit[]> = {
  'GET /staff/login': [{ path: '/staff/login', as: 'kalamaria', shows: [] }],
  'GET /staff/assets/:file': [{ path: '/staff/assets/staff.css', as: 'kalamaria', shows: [] }],
  'GET /staff': [{ path: '/staff?status=all', as: 'kalamaria', shows: [IMG_ESCAPED, SCRIPT_ESCAPED] }],
  'GET /staff/orders/:ref': [
    { path: '/staff/orders/1000901', as: 'kalamaria', shows: [IMG_ESCAPED, SCRIPT_ESCAPED] },
    { path: '/staff/orders/1000902', as: 'kalamaria', shows: [IMG_ESCAPED, SCRIPT_ESCAPED] },
  ],
  'GET /staff/orders/:ref/cancel': [{ path: '/staff/orders/1000901/cancel', as: 'kalamaria', shows: [IMG_ESCAPED, SCRIPT_ESCAPED] }],
  'POST /staff/orders/:ref/cancel': [
    // Refused (no reason chosen): the page comes back with the typed note in an attribute.
    { method: 'POST', path: '/staff/orders/1000901/cancel', as: 'kalamaria', body: { note: SCRIPT }, shows: [IMG_ESCAPED, SCRIPT_ESCAPED] },
  ],
  'GET /staff/queue/rows': [{ path: '/staff/queue/rows?status=all', as: 'kalamaria', shows: [IMG_ESCAPED, SCRIPT_ESCAPED] }],
  'GET /staff/queue/events': [{ path: '/staff/queue/events', as: 'kalamaria', shows: [] }],
  'GET /staff/pick-list': [{ path: '/staff/pick-list', as: 'kalamaria', shows: [SCRIPT_ESCAPED] }],
  'GET /staff/pick-list.csv': [{ path: '/staff/pick-list.csv', as: 'kalamaria', shows: [] }],
  'GET /staff/ill': [{ path: '/staff/ill?all=1', as: 'ozd', shows: [IMG_ESCAPED, SCRIPT_ESCAPED] }],
  'GET /staff/ill/:ref': [{ path: '/staff/ill/3000015', as: 'ozd', shows: [IMG_ESCAPED, SCRIPT_ESCAPED] }],
  'GET /staff/lockouts': [{ path: '/staff/lockouts', as: 'kalamaria', shows: [IMG_ESCAPED] }],
  'GET /staff/patrons': [{ path: '/staff/patrons', as: 'kalamaria', shows: [] }],
  'GET /staff/demand': [{ path: '/staff/demand', as: 'kalamaria', shows: [IMG_ESCAPED] }],
  'GET /staff/demand.csv': [{ path: '/staff/demand.csv', as: 'kalamaria', shows: [] }],
  'GET /staff/copy-alerts': [{ path: '/staff/copy-alerts', as: 'kalamaria', shows: [SCRIPT_ESCAPED, IMG_ESCAPED] }],
  'POST /staff/patrons': [{ method: 'POST', path: '/staff/patrons', as: 'kalamaria', body: { cardNumber: '1001001' }, shows: [IMG_ESCAPED] }],
};

let app: App;
let base: string;
let db: Db;
const staff: Partial<Record<Library, StaffClient>> = {};

beforeAll(async () => {
  const fresh = await freshDb();
  db = fresh.db;
  // A patron's name and a title with markup; an order of that title with a note; another cancelled with a typed reason.
  await db.patron.update({ where: { libraryId_cardNumber: { libraryId: 'kalamaria', cardNumber: '1001001' } }, data: { name: `Μαρία ${IMG}` } });
  const copy = await db.copy.findFirstOrThrow({ where: { status: 'available', record: { libraryId: 'kalamaria' } }, include: { record: true } });
  await db.record.update({ where: { id: copy.recordId }, data: { title: `Βιβλίο ${SCRIPT}`, author: `Συγγραφέας ${IMG}` } });
  const order = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000901', title: `Βιβλίο ${SCRIPT}` });
  await db.orderEvent.create({ data: { orderId: order.id, actor: 'staff:1', fromStatus: 'new', toStatus: 'new', note: `${IMG} σημείωση` } });
  await db.notification.create({ data: { orderId: order.id, kind: 'ready', channel: 'sms', status: 'failed', detail: `21211: ${SCRIPT}` } });
  const cancelled = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000902' });
  await db.orderEvent.create({ data: { orderId: cancelled.id, actor: 'staff:1', fromStatus: 'new', toStatus: 'cancelled', note: `${SCRIPT} αιτία` } });
  await db.order.update({ where: { id: cancelled.id }, data: { status: 'cancelled' } });
  // A caller's "number" as typed at sign-in, and an ILL title and note as a patron dictated them.
  await db.signInAttempt.createMany({ data: Array.from({ length: 10 }, () => ({ scope: 'patron', libraryId: 'kalamaria', source: `phone:+30${IMG}`, at: new Date(), pending: false })) });
  const ill = await db.illRequest.update({ where: { ref: '3000015' }, data: { title: `Cím ${SCRIPT}`, author: `Szerző ${IMG}` } });
  await db.illEvent.create({ data: { requestId: ill.id, actor: 'system', fromStatus: ill.status, toStatus: ill.status, note: `${IMG} megjegyzés` } });
  // A search that found nothing, as the patron typed it; an alert whose failure note is a provider's error.
  await db.demandSearch.create({ data: { libraryId: 'kalamaria', query: `${IMG} βιβλίο`, language: 'el', channel: 'chat' } });
  const patron = await db.patron.findFirstOrThrow({ where: { libraryId: 'kalamaria', cardNumber: '1001001' } });
  await db.copyAlert.create({ data: { libraryId: 'kalamaria', recordId: copy.recordId, patronId: patron.id, title: `Βιβλίο ${SCRIPT}`, language: 'el', channel: 'phone', status: 'failed', note: `21211: ${IMG}` } });
  ({ app, base } = await startApp(fresh.url));
  staff.kalamaria = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
  staff.ozd = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
});
afterAll(async () => { await app?.close(); await db?.$disconnect(); });

async function fetchPage(visit: Visit): Promise<{ status: number; type: string; text: string }> {
  const client = staff[visit.as]!;
  const abort = new AbortController();
  const response = await fetch(`${base}${visit.path}`, {
    method: visit.method ?? 'GET', redirect: 'manual', signal: abort.signal,
    headers: { cookie: client.cookie, ...(visit.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: visit.method === 'POST' ? new URLSearchParams({ ...visit.body, _csrf: client.csrf }).toString() : undefined,
  });
  const type = response.headers.get('content-type') ?? '';
  // Bytes as sent: text() would drop the CSV's byte-order mark.
  if (!type.startsWith('text/event-stream')) return { status: response.status, type, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()) };
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  abort.abort();
  return { status: response.status, type, text: new TextDecoder().decode(value) };
}

describe('patron-controlled text on staff pages', () => {
  it('every staff page is in the walk: a new one without a sample here fails', () => {
    const routes = Object.values(app.server.router.getRoutes())
      .map((r) => `${r.spec.method} ${String(r.spec.path)}`)
      .filter((key) => /^(GET|POST) \/staff(\/|$)/.test(key))
      // Posts that only redirect (or send a file) render no page of their own; the pages they lead to are walked.
      .filter((key) => key.startsWith('GET ') || key === 'POST /staff/patrons' || key === 'POST /staff/orders/:ref/cancel');
    expect(routes.sort()).toEqual(Object.keys(PAGES).sort());
  });

  it('shows it as text, escaped, never as markup, on every page', async () => {
    for (const [route, visits] of Object.entries(PAGES)) {
      for (const visit of visits) {
        const page = await fetchPage(visit);
        const where = `${route} (${visit.path})`;
        expect([200, 400], `${where}: ${page.status}`).toContain(page.status);
        // The CSV is a download for a spreadsheet, never shown by the browser: checked below.
        if (page.type.startsWith('text/csv')) continue;
        // The queue's live rows are JSON carrying the rendered table: that table is what the browser inserts.
        const body = page.type.startsWith('application/json') ? String((JSON.parse(page.text) as { html: string }).html) : page.text;
        expect(body, where).not.toContain('<img src=x');
        expect(body, where).not.toContain('<script>alert');
        for (const shown of visit.shows) expect(body, `${where} shows ${shown}`).toContain(shown);
      }
    }
  });

  it('sends the CSV as a download the browser does not render, the title as written and quoted', async () => {
    const response = await fetch(`${base}/staff/pick-list.csv`, { headers: { cookie: staff.kalamaria!.cookie } });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="pick-list-\d{4}-\d\d-\d\d\.csv"$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(`"Βιβλίο ""><script>alert(2)</script>"`);
  });

  it('sends every page with a policy that runs no inline script', async () => {
    const response = await fetch(`${base}/staff/orders/1000901`, { headers: { cookie: staff.kalamaria!.cookie } });
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });
});
