import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import type { Db } from '../../src/persistence/prisma-client';
import { startApp } from '../support/http';
import { freshDb } from '../support/test-db';
import { staffLogin, type StaffClient } from './staff-support';

// Authentication and authorization of EVERY staff route (issue 8). The routes come from the
// restify server itself: a route added without a row in ROUTES below fails the first test.
// For each route: no session, an expired session and a forged cookie are refused (401 for the
// API, a redirect to the login page for pages); the other library's staff get 404 (or a list
// without the other library's rows); a change without the CSRF token, or with another session's
// token, gets 403; and no refused request changes the database.

type Library = 'kalamaria' | 'ozd';
type Body = Record<string, string | number | boolean>;

interface Fixture { kalamariaOrder: { version: number }; ozdIll: { version: number }; ozdChargeId: number; appointmentDay: string; ozdLentBarcode: string }

interface RouteSpec {
  /** Reachable without a session (the login itself, the API description). */
  public?: true;
  /** Acts on the caller's own session only: there is no other library's data to reach. */
  ownSession?: true;
  /** Whose data the sample request touches; the other library's staff play the intruder. */
  victim?: Library;
  /** A request that would succeed for the victim library's staff. */
  sample?: (f: Fixture) => { path: string; body?: Body };
  /** Lists: what the intruder must not see (the victim's rows); otherwise the intruder gets 404. */
  absent?: string[];
}

const SOON = () => new Date(Date.now() + 3 * 86_400_000).toISOString();
const ATTACKER_PHONE = '+306900000123';

const ROUTES: Record<string, RouteSpec> = {
  // ---- public and own-session ------------------------------------------------------------
  'GET /staff/login': { public: true },
  'POST /staff/login': { public: true },
  'GET /api/staff/openapi.json': { public: true },
  'GET /staff/assets/:file': { public: true }, // the pages' style sheet and script: nothing personal
  'POST /api/staff/session': { public: true },
  'POST /staff/logout': { ownSession: true },
  'GET /api/staff/session': { ownSession: true },
  'DELETE /api/staff/session': { ownSession: true },
  // ---- queue and orders (Kalamaria's order 1000009) --------------------------------------
  'GET /staff': { victim: 'kalamaria', sample: () => ({ path: '/staff?status=all' }), absent: ['1000009'] },
  'GET /staff/orders/:ref': { victim: 'kalamaria', sample: () => ({ path: '/staff/orders/1000009' }) },
  'GET /staff/orders/:ref/cancel': { victim: 'kalamaria', sample: () => ({ path: '/staff/orders/1000009/cancel' }) },
  'POST /staff/orders/:ref/cancel': { victim: 'kalamaria', sample: (f) => ({ path: '/staff/orders/1000009/cancel', body: { reason: 'damaged', version: f.kalamariaOrder.version } }) },
  'GET /staff/queue/rows': { victim: 'kalamaria', sample: () => ({ path: '/staff/queue/rows?status=all' }), absent: ['1000009'] },
  'GET /staff/queue/events': { victim: 'kalamaria', sample: () => ({ path: '/staff/queue/events?status=all' }), absent: [] }, // an event stream: its first event is read
  'GET /staff/pick-list': { victim: 'kalamaria', sample: () => ({ path: '/staff/pick-list' }), absent: ['1000009'] },
  'GET /staff/pick-list.csv': { victim: 'kalamaria', sample: () => ({ path: '/staff/pick-list.csv' }), absent: ['1000009'] },
  'POST /staff/orders/:ref/transition': { victim: 'kalamaria', sample: (f) => ({ path: '/staff/orders/1000009/transition', body: { to: 'preparing', version: f.kalamariaOrder.version } }) },
  'POST /staff/orders/:ref/appointment': { victim: 'kalamaria', sample: (f) => ({ path: '/staff/orders/1000009/appointment', body: { branch: 'kal-central', startsAt: SOON(), version: f.kalamariaOrder.version } }) },
  'POST /staff/orders/:ref/note': { victim: 'kalamaria', sample: (f) => ({ path: '/staff/orders/1000009/note', body: { note: 'intruder', version: f.kalamariaOrder.version } }) },
  'GET /api/staff/orders': { victim: 'kalamaria', sample: () => ({ path: '/api/staff/orders?status=all' }), absent: ['1000009'] },
  'GET /api/staff/orders/:ref': { victim: 'kalamaria', sample: () => ({ path: '/api/staff/orders/1000009' }) },
  'POST /api/staff/orders/:ref/transitions': { victim: 'kalamaria', sample: (f) => ({ path: '/api/staff/orders/1000009/transitions', body: { to: 'preparing', version: f.kalamariaOrder.version } }) },
  'POST /api/staff/orders/:ref/notes': { victim: 'kalamaria', sample: (f) => ({ path: '/api/staff/orders/1000009/notes', body: { note: 'intruder', version: f.kalamariaOrder.version } }) },
  'GET /api/staff/orders/:ref/slots': { victim: 'kalamaria', sample: () => ({ path: '/api/staff/orders/1000009/slots?branch=kal-central' }) },
  'PUT /api/staff/orders/:ref/appointments/:branch': { victim: 'kalamaria', sample: () => ({ path: '/api/staff/orders/1000009/appointments/kal-central', body: { startsAt: SOON() } }) },
  'GET /api/staff/schedule': { victim: 'kalamaria', sample: (f) => ({ path: `/api/staff/schedule?day=${f.appointmentDay}` }), absent: ['1000009'] },
  // ---- interlibrary loan (Ózd's requests 3000015 and 3000049) ----------------------------
  'GET /staff/ill': { victim: 'ozd', sample: () => ({ path: '/staff/ill?all=1' }), absent: ['3000015', 'A Tisza-part'] },
  'GET /staff/ill/:ref': { victim: 'ozd', sample: () => ({ path: '/staff/ill/3000015' }) },
  'POST /staff/ill/:ref/action': { victim: 'ozd', sample: (f) => ({ path: '/staff/ill/3000015/action', body: { type: 'cancel', note_cancel: 'intruder', version: f.ozdIll.version } }) },
  'POST /staff/ill/:ref/charges/:charge/paid': { victim: 'ozd', sample: (f) => ({ path: `/staff/ill/3000049/charges/${f.ozdChargeId}/paid`, body: {} }) },
  'GET /api/staff/ill': { victim: 'ozd', sample: () => ({ path: '/api/staff/ill?all=1' }), absent: ['3000015', 'A Tisza-part'] },
  'GET /api/staff/ill/:ref': { victim: 'ozd', sample: () => ({ path: '/api/staff/ill/3000015' }) },
  'POST /api/staff/ill/:ref/actions': { victim: 'ozd', sample: (f) => ({ path: '/api/staff/ill/3000015/actions', body: { type: 'cancel', note: 'intruder', version: f.ozdIll.version } }) },
  'POST /api/staff/ill/:ref/charges/:charge/payment': { victim: 'ozd', sample: (f) => ({ path: `/api/staff/ill/3000049/charges/${f.ozdChargeId}/payment`, body: {} }) },
  // ---- patrons' personal data (GDPR), Kalamaria's card 1001001 ---------------------------
  'GET /staff/patrons': { victim: 'kalamaria', sample: () => ({ path: '/staff/patrons' }), absent: [] }, // a search form: no one's data
  'POST /staff/patrons': { victim: 'kalamaria', sample: () => ({ path: '/staff/patrons', body: { cardNumber: '1001001' } }) },
  'POST /staff/patrons/export': { victim: 'kalamaria', sample: () => ({ path: '/staff/patrons/export', body: { cardNumber: '1001001' } }) },
  'POST /staff/patrons/erase': { victim: 'kalamaria', sample: () => ({ path: '/staff/patrons/erase', body: { cardNumber: '1001001', confirm: '1' } }) },
  'POST /api/staff/patrons/personal-data': { victim: 'kalamaria', sample: () => ({ path: '/api/staff/patrons/personal-data', body: { cardNumber: '1001001' } }) },
  'POST /api/staff/patrons/erasure': { victim: 'kalamaria', sample: () => ({ path: '/api/staff/patrons/erasure', body: { cardNumber: '1001001', confirm: true } }) },
  // ---- sign-in lockouts: Kalamaria's locked card 1001001 and a limited caller -------------
  'GET /staff/lockouts': { victim: 'kalamaria', sample: () => ({ path: '/staff/lockouts' }), absent: ['1001001', ATTACKER_PHONE] },
  'POST /staff/lockouts/cards/clear': { victim: 'kalamaria', sample: () => ({ path: '/staff/lockouts/cards/clear', body: { cardNumber: '1001001' } }) },
  'POST /staff/lockouts/sources/clear': { victim: 'kalamaria', sample: () => ({ path: '/staff/lockouts/sources/clear', body: { kind: 'phone', id: ATTACKER_PHONE } }) },
  'GET /api/staff/lockouts': { victim: 'kalamaria', sample: () => ({ path: '/api/staff/lockouts' }), absent: ['1001001', ATTACKER_PHONE] },
  'POST /api/staff/lockouts/cards/clear': { victim: 'kalamaria', sample: () => ({ path: '/api/staff/lockouts/cards/clear', body: { cardNumber: '1001001' } }) },
  'POST /api/staff/lockouts/sources/clear': { victim: 'kalamaria', sample: () => ({ path: '/api/staff/lockouts/sources/clear', body: { kind: 'phone', id: ATTACKER_PHONE } }) },
  // ---- demand list and copy alerts (Ózd's ILL titles, Ózd's alert and lent copy) ----------
  'GET /staff/demand': { victim: 'ozd', sample: () => ({ path: '/staff/demand' }), absent: ['A Tisza-part'] },
  'GET /staff/demand.csv': { victim: 'ozd', sample: () => ({ path: '/staff/demand.csv' }), absent: ['A Tisza-part'] },
  'GET /staff/copy-alerts': { victim: 'ozd', sample: () => ({ path: '/staff/copy-alerts' }), absent: ['Egy magyar nábob'] },
  'POST /staff/copy-alerts/checkin': { victim: 'ozd', sample: (f) => ({ path: '/staff/copy-alerts/checkin', body: { barcode: f.ozdLentBarcode } }) },
};

let app: App;
let base: string;
let db: Db;
let fixture: Fixture;
const staff: Partial<Record<Library, StaffClient>> = {};
let expired: StaffClient;

beforeAll(async () => {
  const fresh = await freshDb();
  db = fresh.db;
  // Something of Kalamaria's for the lockout pages to hide: a locked card and a limited caller.
  await db.signInAttempt.createMany({ data: Array.from({ length: 20 }, () => ({ scope: 'patron', libraryId: 'kalamaria', source: 'card:1001001', at: new Date(), pending: false })) });
  await db.signInAttempt.createMany({ data: Array.from({ length: 10 }, () => ({ scope: 'patron', libraryId: 'kalamaria', source: `phone:${ATTACKER_PHONE}`, at: new Date(), pending: false })) });
  ({ app, base } = await startApp(fresh.url));
  staff.kalamaria = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
  staff.ozd = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
  // A real session, then past its end (idle or absolute: the same row field).
  expired = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
  const token = expired.cookie.split('=')[1]!;
  await db.staffSession.update({ where: { id: createHash('sha256').update(token).digest('hex') }, data: { expiresAt: new Date(Date.now() - 1000) } });
  // …and a pickup appointment of order 1000009 for the schedule.
  const order = await db.order.findUniqueOrThrow({ where: { ref: '1000009' } });
  const startsAt = new Date(Date.now() + 2 * 86_400_000);
  await db.appointment.create({
    data: { orderId: order.id, libraryId: 'kalamaria', branchId: 'kal-central', startsAt, endsAt: new Date(startsAt.getTime() + 900_000), seat: 1, status: 'booked', icsToken: 'route-auth-test-token-0001', bookedBy: 'staff:1' },
  });
  // An alert of Ózd's for the copy-alerts page to hide from Kalamaria.
  const reader = await db.patron.findFirstOrThrow({ where: { libraryId: 'ozd', cardNumber: '2002001' } });
  const nabob = await db.record.findFirstOrThrow({ where: { title: 'Egy magyar nábob' } });
  await db.copyAlert.create({ data: { libraryId: 'ozd', recordId: nabob.id, patronId: reader.id, title: nabob.title, language: 'hu', channel: 'phone', status: 'open', openKey: `${reader.id}:${nabob.id}` } });
  fixture = {
    ozdLentBarcode: (await db.copy.findFirstOrThrow({ where: { recordId: nabob.id, status: 'on_loan' } })).barcode!,
    appointmentDay: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens' }).format(startsAt),
    kalamariaOrder: await db.order.findUniqueOrThrow({ where: { ref: '1000009' } }),
    ozdIll: await db.illRequest.findUniqueOrThrow({ where: { ref: '3000015' } }),
    ozdChargeId: (await db.illCharge.findFirstOrThrow({ where: { request: { ref: '3000049' }, paidAt: null } })).id,
  };
});
afterAll(async () => { await app?.close(); await db?.$disconnect(); });

const isApi = (path: string) => path.startsWith('/api/');
const other = (library: Library): Library => (library === 'kalamaria' ? 'ozd' : 'kalamaria');

/** Everything a staff request could change, to compare before and after a refused one. */
async function fingerprint(): Promise<string> {
  const [orders, events, appointments, ill, illEvents, charges, patrons, attempts, bot] = await Promise.all([
    db.order.findMany({ select: { ref: true, status: true, version: true }, orderBy: { id: 'asc' } }),
    db.orderEvent.count(), db.appointment.count(),
    db.illRequest.findMany({ select: { ref: true, status: true, version: true }, orderBy: { id: 'asc' } }),
    db.illEvent.count(), db.illCharge.findMany({ select: { id: true, paidAt: true }, orderBy: { id: 'asc' } }),
    db.patron.findMany({ select: { cardNumber: true, name: true, phone: true, pinHash: true, failedPinCount: true, pinLockedUntil: true }, orderBy: { id: 'asc' } }),
    db.signInAttempt.count({ where: { scope: 'patron' } }), db.botState.count(),
  ]);
  const copies = await db.copy.findMany({ select: { id: true, status: true }, where: { status: { not: 'available' } }, orderBy: { id: 'asc' } });
  const alerts = await db.copyAlert.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } });
  return JSON.stringify({ orders, events, appointments, ill, illEvents, charges, patrons, attempts, bot, copies, alerts });
}

/** A request as a browser (form) or a script (JSON) sends it; `csrf` goes in the form or the header. */
async function send(method: string, path: string, options: { cookie?: string; csrf?: string; body?: Body } = {}) {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (method !== 'GET') {
    if (isApi(path)) {
      headers['content-type'] = 'application/json';
      if (options.csrf) headers['x-csrf-token'] = options.csrf;
      body = JSON.stringify(options.body ?? {});
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const form = Object.fromEntries(Object.entries(options.body ?? {}).map(([k, v]) => [k, String(v)]));
      body = new URLSearchParams({ ...form, ...(options.csrf ? { _csrf: options.csrf } : {}) }).toString();
    }
  }
  const abort = new AbortController();
  const response = await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual', signal: abort.signal });
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    return { status: response.status, location: response.headers.get('location'), text: await response.text() };
  }
  // An event stream: what it says first (one event), then the connection is dropped.
  const reader = response.body!.getReader();
  let text = '';
  while (!text.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  abort.abort();
  return { status: response.status, location: response.headers.get('location'), text };
}

/** The sample request of a route, or the route's own path for the public and own-session ones. */
function sampleOf(key: string): { method: string; path: string; body?: Body } {
  const [method, path] = key.split(' ') as [string, string];
  const spec = ROUTES[key]!;
  return { method, ...(spec.sample ? spec.sample(fixture) : { path }) };
}

const guarded = () => Object.keys(ROUTES).filter((key) => !ROUTES[key]!.public);
const changing = () => guarded().filter((key) => !key.startsWith('GET '));

describe('staff routes', () => {
  it('are all listed here: a staff route without a row in ROUTES fails', () => {
    const routes = Object.values(app.server.router.getRoutes())
      .map((r) => `${r.spec.method} ${String(r.spec.path)}`)
      .filter((key) => /^\S+ \/(api\/)?staff(\/|$)/.test(key));
    expect(routes.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('are described in the OpenAPI document, each API route with its method', async () => {
    const doc = (await (await fetch(`${base}/api/staff/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const api = Object.keys(ROUTES).filter((key) => key.includes(' /api/') && key !== 'GET /api/staff/openapi.json');
    expect(documented.sort()).toEqual(api.sort());
  });

  it('refuse every guarded route without a session, with an expired one, or with a forged cookie, and change nothing', async () => {
    const before = await fingerprint();
    for (const key of guarded()) {
      const { method, path, body } = sampleOf(key);
      for (const cookie of [undefined, expired.cookie, 'staff_session=forged-token-of-nobody']) {
        const answer = await send(method, path, { cookie, body, csrf: 'whatever' });
        const where = `${key} with ${cookie ?? 'no cookie'}`;
        if (isApi(path)) {
          expect(answer.status, where).toBe(401);
          expect(JSON.parse(answer.text), where).toMatchObject({ error: 'staff.not_signed_in' });
        } else if (key === 'POST /staff/logout') {
          expect([answer.status, answer.location], where).toEqual([303, '/staff/login']);
        } else {
          expect([answer.status, answer.location], where).toEqual([303, method === 'GET' ? '/staff/login' : '/staff/login?expired=1']);
        }
      }
    }
    expect(await fingerprint()).toBe(before);
  });

  it('answer the other library\'s staff 404, or a list without the other library\'s rows, and change nothing', async () => {
    const before = await fingerprint();
    for (const key of guarded().filter((k) => ROUTES[k]!.victim)) {
      const spec = ROUTES[key]!;
      const { method, path, body } = sampleOf(key);
      const intruder = staff[other(spec.victim!)]!;
      const answer = await send(method, path, { cookie: intruder.cookie, csrf: intruder.csrf, body });
      if (spec.absent) {
        expect(answer.status, key).toBe(200);
        for (const text of spec.absent) expect(answer.text, `${key} shows ${text}`).not.toContain(text);
      } else {
        expect([403, 404], `${key} answered ${answer.status}: ${answer.text.slice(0, 200)}`).toContain(answer.status);
      }
    }
    expect(await fingerprint()).toBe(before);
  });

  it('serve the victim library\'s own staff the same reads (so the 404s above are about the library, not the request)', async () => {
    for (const key of guarded().filter((k) => ROUTES[k]!.victim && k.startsWith('GET '))) {
      const spec = ROUTES[key]!;
      const { path } = sampleOf(key);
      const answer = await send('GET', path, { cookie: staff[spec.victim!]!.cookie });
      expect(answer.status, key).toBe(200);
      for (const text of spec.absent ?? []) expect(answer.text, `${key} hides ${text} from its own staff`).toContain(text);
    }
  });

  it('refuse every change without the CSRF token, or with another session\'s, with 403, and change nothing', async () => {
    const before = await fingerprint();
    for (const key of changing()) {
      const spec = ROUTES[key]!;
      const { method, path, body } = sampleOf(key);
      const own = staff[spec.victim ?? 'kalamaria']!;
      const stranger = staff[other(spec.victim ?? 'kalamaria')]!;
      for (const csrf of [undefined, stranger.csrf]) {
        const answer = await send(method, path, { cookie: own.cookie, body, csrf });
        expect(answer.status, `${key} with ${csrf ? 'another session\'s token' : 'no token'}`).toBe(403);
      }
    }
    expect(await fingerprint()).toBe(before);
    // Still signed in: the refused logout and session deletion ended nothing.
    expect((await send('GET', '/api/staff/session', { cookie: staff.kalamaria!.cookie })).status).toBe(200);
  });
});

describe('staff login limit over HTTP', () => {
  it('answers 429 in the library language after 10 failed logins from one address, also on the login page', async () => {
    // A fresh app and database: the failures of this test must not lock the sessions above out.
    const fresh = await freshDb();
    const own = await startApp(fresh.url);
    try {
      // Four at one username (five would lock it for this address alone), then six others.
      for (let i = 0; i < 10; i++) {
        const failed = await fetch(`${own.base}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'hu' }, body: JSON.stringify({ username: i < 4 ? 'staff.ozd' : `guess.${i}`, password: `guess-${i}` }) });
        expect(failed.status).toBe(401);
      }
      const limited = await fetch(`${own.base}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'hu' }, body: JSON.stringify({ username: 'staff.ozd', password: 'Ozd-2026' }) });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('900');
      expect(await limited.json()).toEqual({ error: 'staff.login_limited', message: 'Túl sok sikertelen bejelentkezési kísérlet történt. Biztonsági okból 15 perc múlva próbálja újra.' });
      const page = await fetch(`${own.base}/staff/login`, {
        method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'el' },
        body: new URLSearchParams({ username: 'staff.kalamaria', password: 'Kalamaria-2026' }).toString(),
      });
      expect(page.status).toBe(429);
      expect(await page.text()).toContain('Έγιναν πολλές αποτυχημένες προσπάθειες σύνδεσης. Για λόγους ασφαλείας δοκιμάστε ξανά σε 15 λεπτά.');
      expect(await fresh.db.staffSession.count()).toBe(0);
    } finally {
      await own.app.close();
      await fresh.db.$disconnect();
    }
  });
});
