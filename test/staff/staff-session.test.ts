import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { startApp } from '../support/http';
import { freshDb } from '../support/test-db';
import { anOrder, staffLogin } from './staff-support';

// Issue 14, points 7, 9 and 10, over HTTP: logging out without a body, a day that is no day in
// a filter, and a login posted from another site.
let app: App;
let base: string;
beforeAll(async () => {
  const { db, url } = await freshDb();
  await anOrder(db, { library: 'ozd', card: '2002001', ref: '2000016', status: 'preparing', title: 'Egri csillagok' });
  await db.$disconnect();
  ({ app, base } = await startApp(url));
});
afterAll(async () => { await app?.close(); });

const sessions = () => app.db.staffSession.count();
const attempts = () => app.db.signInAttempt.count();

describe('DELETE /api/staff/session', () => {
  it('logs out when sent without a body or a content type, as fetch and curl send it', async () => {
    const client = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const before = await sessions();
    const response = await fetch(`${base}/api/staff/session`, { method: 'DELETE', headers: { cookie: client.cookie, 'x-csrf-token': client.csrf } });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(await sessions()).toBe(before - 1);
    expect((await fetch(`${base}/api/staff/session`, { headers: { cookie: client.cookie } })).status).toBe(401);
  });

  it('still wants the CSRF header, so another site cannot end the session', async () => {
    const client = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    expect((await fetch(`${base}/api/staff/session`, { method: 'DELETE', headers: { cookie: client.cookie } })).status).toBe(403);
    expect((await fetch(`${base}/api/staff/session`, { headers: { cookie: client.cookie } })).status).toBe(200);
  });

  it('logs out from the page\'s form too when the browser sends no body', async () => {
    const client = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const response = await fetch(`${base}/staff/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: client.cookie } });
    // No CSRF token in a bodiless post: refused, but with 403, not a 415 from the body parser.
    expect(response.status).toBe(403);
  });
});

describe('a day that is no day', () => {
  const days = ['9999-99-99', '0000-00-00', '2026-02-30', '2026-13-01', '2026-00-10', '1999-12-31', '3000-01-01', 'tomorrow', '2026-1-1'];

  it.each(days)('the queue page answers day=%s with 400 and the filter\'s error in the library\'s language', async (day) => {
    const kalamaria = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
    const ozd = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const el = await fetch(`${base}/staff?day=${encodeURIComponent(day)}`, { headers: { cookie: kalamaria.cookie } });
    expect(el.status).toBe(400);
    expect(await el.text()).toContain('Δεν υπάρχει τέτοια μέρα. Γράψτε την ημερομηνία ως ΕΕΕΕ-ΜΜ-ΗΗ, για παράδειγμα 2026-11-23.');
    const hu = await fetch(`${base}/staff?day=${encodeURIComponent(day)}`, { headers: { cookie: ozd.cookie } });
    expect(hu.status).toBe(400);
    expect(await hu.text()).toContain('Ilyen nap nincs. A dátumot ÉÉÉÉ-HH-NN alakban adja meg, például 2026-11-23.');
  });

  it.each(days)('the orders, schedule and slots API answer day=%s with 400 staff.bad_day', async (day) => {
    const ozd = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const order = await app.db.order.findUniqueOrThrow({ where: { ref: '2000016' }, include: { holds: true } });
    for (const path of ['/api/staff/orders', '/api/staff/schedule', `/api/staff/orders/${order.ref}/slots?branch=${order.holds[0]!.branchId}&`]) {
      const response = await fetch(`${base}${path}${path.endsWith('&') ? '' : '?'}day=${encodeURIComponent(day)}`, { headers: { cookie: ozd.cookie } });
      expect(response.status, path).toBe(400);
      expect(await response.json()).toEqual({ error: 'staff.bad_day', message: 'Ilyen nap nincs. A dátumot ÉÉÉÉ-HH-NN alakban adja meg, például 2026-11-23.' });
    }
  });

  it('accepts a real day, a leap day and the empty filter of the page\'s form', async () => {
    const ozd = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    for (const query of ['day=2026-11-23', 'day=2028-02-29', 'day=']) {
      expect((await fetch(`${base}/staff?${query}`, { headers: { cookie: ozd.cookie } })).status, query).toBe(200);
      expect((await fetch(`${base}/api/staff/orders?${query}`, { headers: { cookie: ozd.cookie } })).status, query).toBe(200);
      expect((await fetch(`${base}/api/staff/schedule?${query}`, { headers: { cookie: ozd.cookie } })).status, query).toBe(200);
    }
    const schedule = (await (await fetch(`${base}/api/staff/schedule?day=2028-02-29`, { headers: { cookie: ozd.cookie } })).json()) as { day: string };
    expect(schedule.day).toBe('2028-02-29');
  });
});

describe('login from another site (login CSRF)', () => {
  const form = (headers: Record<string, string>) => fetch(`${base}/staff/login`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ username: 'staff.ozd', password: 'Ozd-2026' }).toString(),
  });
  const api = (headers: Record<string, string>) => fetch(`${base}/api/staff/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: 'staff.ozd', password: 'Ozd-2026' }),
  });
  const crossSite: Array<[string, Record<string, string>]> = [
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['only an Origin of another site', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['an Origin with our port on another host', { origin: 'http://evil.example:80' }],
  ];

  it.each(crossSite)('refuses the form post with %s: 403, no cookie, nothing counted', async (_name, headers) => {
    const [before, tried] = [await sessions(), await attempts()];
    const response = await form({ ...headers, 'accept-language': 'hu' });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('A bejelentkezést egy másik webhely oldala kezdeményezte, ezért elutasítottuk.');
    expect([await sessions(), await attempts()]).toEqual([before, tried]);
  });

  it.each(crossSite)('refuses the API login with %s: 403 staff.cross_site, no cookie', async (_name, headers) => {
    const before = await sessions();
    const response = await api(headers);
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.json()).toEqual({ error: 'staff.cross_site', message: 'Η σύνδεση ζητήθηκε από σελίδα άλλου ιστότοπου και δεν έγινε δεκτή. Ανοίξτε τη σελίδα σύνδεσης της βιβλιοθήκης και συνδεθείτε από εκεί.' });
    expect(await sessions()).toBe(before);
  });

  it('signs in from the server\'s own page, and a client that sends neither header (curl, scripts) as before', async () => {
    const own = new URL(base).origin;
    const allowed: Array<Record<string, string>> = [{ 'sec-fetch-site': 'same-origin', origin: own }, { origin: own }, { 'sec-fetch-site': 'none' }, {}];
    for (const headers of allowed) {
      const page = await form(headers);
      expect(page.status, JSON.stringify(headers)).toBe(303);
      expect(page.headers.get('set-cookie')).toMatch(/^staff_session=/);
      expect((await api(headers)).status, JSON.stringify(headers)).toBe(200);
    }
  });
});
