import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { startApp } from '../support/http';
import { freshDb } from '../support/test-db';
import { anOrder, staffFetch, staffLogin, type StaffClient } from './staff-support';

let app: App;
let base: string;
let kalamaria: StaffClient;
let ozd: StaffClient;

beforeAll(async () => {
  const { db, url } = await freshDb();
  await anOrder(db, { library: 'ozd', card: '2002001', ref: '2000016', status: 'preparing', title: 'Egri csillagok' });
  await db.$disconnect();
  ({ app, base } = await startApp(url));
  kalamaria = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
  ozd = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
});
afterAll(async () => { await app?.close(); });

const transition = (client: StaffClient, ref: string, body: object, csrf?: string | null) =>
  staffFetch(base, client, `/api/staff/orders/${ref}/transitions`, { method: 'POST', body, csrf });

describe('staff API authentication', () => {
  it('refuses the API and redirects the pages without a session', async () => {
    expect((await staffFetch(base, undefined, '/api/staff/orders')).status).toBe(401);
    const page = await staffFetch(base, undefined, '/staff');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/staff/login');
  });

  it('refuses a wrong password with the same answer as an unknown user', async () => {
    const wrong = await staffFetch(base, undefined, '/api/staff/session', { method: 'POST', body: { username: 'staff.kalamaria', password: 'nope' } });
    const unknown = await staffFetch(base, undefined, '/api/staff/session', { method: 'POST', body: { username: 'nobody', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('sets an HttpOnly, SameSite=Strict session cookie and keeps no token in clear in the database', async () => {
    const response = await staffFetch(base, undefined, '/api/staff/session', { method: 'POST', body: { username: 'STAFF.kalamaria', password: 'Kalamaria-2026' } });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^staff_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const token = cookie.split(';')[0]!.split('=')[1]!;
    expect(await app.db.staffSession.count({ where: { id: token } })).toBe(0);
    const body = (await response.json()) as { staff: { libraryId: string }; language: string };
    expect(body).toMatchObject({ staff: { libraryId: 'kalamaria' }, language: 'el' });
  });

  it('ends the session at logout', async () => {
    const client = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    expect((await staffFetch(base, client, '/api/staff/session')).status).toBe(200);
    expect((await staffFetch(base, client, '/api/staff/session', { method: 'DELETE' })).status).toBe(204);
    expect((await staffFetch(base, client, '/api/staff/session')).status).toBe(401);
  });

  it('serves an OpenAPI document describing every staff API route', async () => {
    const doc = (await (await fetch(`${base}/api/staff/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/staff/ill', '/api/staff/ill/{ref}', '/api/staff/ill/{ref}/actions', '/api/staff/ill/{ref}/charges/{charge}/payment',
      '/api/staff/lockouts', '/api/staff/lockouts/cards/clear', '/api/staff/lockouts/sources/clear',
      '/api/staff/orders', '/api/staff/orders/{ref}', '/api/staff/orders/{ref}/appointments/{branch}', '/api/staff/orders/{ref}/notes',
      '/api/staff/orders/{ref}/slots', '/api/staff/orders/{ref}/transitions', '/api/staff/patrons/erasure', '/api/staff/patrons/personal-data',
      '/api/staff/schedule', '/api/staff/session',
    ]);
    expect(Object.keys(doc.paths['/api/staff/session']!).sort()).toEqual(['delete', 'get', 'post']);
  });
});

describe('staff API cross-library isolation', () => {
  it('lists only the staff member\'s own library', async () => {
    const mine = (await (await staffFetch(base, ozd, '/api/staff/orders?status=all')).json()) as { orders: Array<{ ref: string }> };
    expect(mine.orders.map((o) => o.ref)).toContain('2000016');
    expect(mine.orders.map((o) => o.ref)).not.toContain('1000009');
    const theirs = (await (await staffFetch(base, kalamaria, '/api/staff/orders?status=all')).json()) as { orders: Array<{ ref: string }> };
    expect(theirs.orders.map((o) => o.ref)).toContain('1000009');
    expect(theirs.orders.map((o) => o.ref)).not.toContain('2000016');
  });

  it('answers 404 for another library\'s order, to read or to change, and changes nothing', async () => {
    expect((await staffFetch(base, ozd, '/api/staff/orders/1000009')).status).toBe(404);
    const before = await app.db.order.findUniqueOrThrow({ where: { ref: '1000009' } });
    const response = await transition(ozd, '1000009', { to: 'ready', version: before.version });
    expect(response.status).toBe(404);
    expect((await staffFetch(base, ozd, '/api/staff/orders/1000009/slots?branch=kal-child-a')).status).toBe(404);
    expect((await staffFetch(base, ozd, '/api/staff/orders/1000009/appointments/kal-child-a', { method: 'PUT', body: { startsAt: '2026-12-01T08:00:00Z' } })).status).toBe(404);
    const page = await fetch(`${base}/staff/orders/1000009`, { headers: { cookie: ozd.cookie } });
    expect(page.status).toBe(404);
    expect(await app.db.order.findUniqueOrThrow({ where: { ref: '1000009' } })).toMatchObject({ status: before.status, version: before.version });
  });

  it('speaks the staff member\'s library language in refusals', async () => {
    const el = (await (await staffFetch(base, kalamaria, '/api/staff/orders/9999999')).json()) as { message: string };
    const hu = (await (await staffFetch(base, ozd, '/api/staff/orders/9999999')).json()) as { message: string };
    expect(el.message).toBe('Δεν βρέθηκε αυτή η παραγγελία.');
    expect(hu.message).toBe('Ez a rendelés nem található.');
  });
});

describe('staff API CSRF protection', () => {
  it('refuses a change without the CSRF header, or with another session\'s token, and changes nothing', async () => {
    const before = await app.db.order.findUniqueOrThrow({ where: { ref: '2000016' } });
    expect((await transition(ozd, '2000016', { to: 'ready', version: before.version }, null)).status).toBe(403);
    expect((await transition(ozd, '2000016', { to: 'ready', version: before.version }, kalamaria.csrf)).status).toBe(403);
    const form = await fetch(`${base}/staff/orders/2000016/transition`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: ozd.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ to: 'ready', version: String(before.version) }).toString(),
    });
    expect(form.status).toBe(403);
    expect(await app.db.order.findUniqueOrThrow({ where: { ref: '2000016' } })).toMatchObject({ status: 'preparing', version: before.version });
  });

  it('accepts the same change with the session\'s token', async () => {
    const { version } = await app.db.order.findUniqueOrThrow({ where: { ref: '2000016' } });
    const form = await fetch(`${base}/staff/orders/2000016/transition`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: ozd.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ to: 'ready', version: String(version), _csrf: ozd.csrf }).toString(),
    });
    expect(form.status).toBe(303);
    expect(await app.db.order.findUniqueOrThrow({ where: { ref: '2000016' } })).toMatchObject({ status: 'ready', version: version + 1 });
  });
});

describe('staff API transitions', () => {
  it('lets one of two staff acting on the same version win; the other is told the order changed', async () => {
    const second = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
    const { version } = await app.db.order.findUniqueOrThrow({ where: { ref: '1000009' } });
    const [a, b] = await Promise.all([
      transition(kalamaria, '1000009', { to: 'ready', version }),
      transition(second, '1000009', { to: 'cancelled', note: 'damaged', version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = (await (a.status === 409 ? a : b).json()) as { error: string; message: string };
    expect(loser).toEqual({ error: 'order.changed', message: 'Κάποιος άλλος άλλαξε στο μεταξύ την παραγγελία. Δείτε την τρέχουσα κατάστασή της και δοκιμάστε ξανά.' });
    const events = await app.db.orderEvent.findMany({ where: { order: { ref: '1000009' }, fromStatus: 'preparing' } });
    expect(events).toHaveLength(1);
    const order = await app.db.order.findUniqueOrThrow({ where: { ref: '1000009' } });
    expect(order.version).toBe(version + 1);
    expect(order.status).toBe(events[0]!.toStatus);
  });

  it('refuses an illegal transition with the reason, in Greek, and records nothing', async () => {
    const order = await app.db.order.findUniqueOrThrow({ where: { ref: '1000009' } });
    const to = order.status === 'ready' ? 'preparing' : 'collected';
    const response = await transition(kalamaria, '1000009', { to, version: order.version });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('order.illegal_transition');
    expect(body.message).toMatch(/^Η παραγγελία δεν μπορεί να περάσει από «.+» σε «.+»\.$/);
    expect((await app.db.order.findUniqueOrThrow({ where: { ref: '1000009' } })).version).toBe(order.version);
  });

  it('records who, when, from, to and the note of every transition', async () => {
    const created = await anOrder(app.db, { library: 'kalamaria', card: '1001001', ref: '1000025', title: 'Ο Καπετάν Μιχάλης' });
    let version = created.version;
    for (const [to, note] of [['preparing', undefined], ['cancelled', 'Το βιβλίο έχει σκιστεί.']] as const) {
      const response = await transition(kalamaria, '1000025', { to, note, version });
      expect(response.status).toBe(200);
      version = ((await response.json()) as { version: number }).version;
    }
    const staff = await app.db.staffUser.findUniqueOrThrow({ where: { username: 'staff.kalamaria' } });
    const events = await app.db.orderEvent.findMany({ where: { orderId: created.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.actor, e.fromStatus, e.toStatus, e.note])).toEqual([
      ['patron:1', null, 'new', null],
      [`staff:${staff.id}`, 'new', 'preparing', null],
      [`staff:${staff.id}`, 'preparing', 'cancelled', 'Το βιβλίο έχει σκιστεί.'],
    ]);
    // Cancelling released the copy.
    const hold = await app.db.hold.findFirstOrThrow({ where: { orderId: created.id }, include: { copy: true } });
    expect([hold.status, hold.copy.status]).toEqual(['cancelled', 'available']);
  });
});
