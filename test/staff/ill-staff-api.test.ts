import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { startApp } from '../support/http';
import { freshDb } from '../support/test-db';
import { staffFetch, staffLogin, type StaffClient } from './staff-support';

let app: App;
let base: string;
let ozd: StaffClient;
let kalamaria: StaffClient;

beforeAll(async () => {
  const { db, url } = await freshDb();
  await db.$disconnect();
  ({ app, base } = await startApp(url));
  ozd = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
  kalamaria = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
}, 60_000);
afterAll(async () => { await app?.close(); });

const act = (ref: string, body: Record<string, unknown>, client = ozd, csrf?: string | null) =>
  staffFetch(base, client, `/api/staff/ill/${ref}/actions`, { method: 'POST', body, ...(csrf !== undefined ? { csrf } : {}) });

describe('ILL staff API', () => {
  it('lists the open requests of the staff member\'s own library only', async () => {
    const list = (await (await staffFetch(base, ozd, '/api/staff/ill')).json()) as { requests: Array<{ ref: string; status: string }> };
    expect(list.requests.map((r) => [r.ref, r.status])).toEqual([['3000015', 'requested'], ['3000023', 'shipped'], ['3000031', 'requested'], ['3000049', 'not_collected']]);
    expect((await staffFetch(base, kalamaria, '/api/staff/ill/3000015')).status).toBe(404);
    expect((await staffFetch(base, undefined, '/api/staff/ill')).status).toBe(401);
  });

  it('needs the CSRF header and the current version to change anything', async () => {
    expect((await act('3000015', { type: 'terms', lenderCost: 0, version: 0 }, ozd, null)).status).toBe(403);
    // The seeded request is at version 0: a client that saw another version acted on an old page.
    const stale = await act('3000015', { type: 'terms', lenderCost: 0, version: 7 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: 'ill.stale' });
  });

  it('holds a costlier-than-accepted request until the reader accepts by phone, then ships it', async () => {
    const terms = await act('3000031', { type: 'terms', lenderCost: 180000, version: 0 });
    expect(terms.status).toBe(200);
    expect(await terms.json()).toMatchObject({ status: 'terms_received', costAcceptancePending: true, lenderCost: 180000, version: 1 });
    const ship = await act('3000031', { type: 'ship', version: 1 });
    expect(ship.status).toBe(422);
    expect(await ship.json()).toEqual({ error: 'ill.cost_not_accepted', message: 'A küldő könyvtár többet kér, mint amennyit az olvasó vállalt: előbb az olvasónak el kell fogadnia a költséget.' });
    expect((await act('3000031', { type: 'cost_decision', accepted: true, version: 1 })).status).toBe(200);
    const row = await app.db.illRequest.findUniqueOrThrow({ where: { ref: '3000031' }, include: { acceptances: { orderBy: { id: 'asc' } } } });
    expect(row.acceptances.at(-1)).toMatchObject({ version: 'cost/hu/phone', amount: 180000, text: 'Elfogadom, hogy könyvtárközi kérésemért (száma: 3000031) 1800\u00a0Ft költséget fizetek a küldő könyvtár díjszabása szerint.' });
    expect(row.acceptances.at(-1)!.actor).toMatch(/^staff:\d+$/);
    expect(await (await act('3000031', { type: 'ship', version: 2 })).json()).toMatchObject({ status: 'shipped', nextStatuses: ['arrived'] });
  });

  it('refuses to send back before the week is over, and records a payment that lifts the postage block', async () => {
    expect((await act('3000023', { type: 'arrive', version: 0 })).status).toBe(422); // an original needs its weight
    const arrived = await act('3000023', { type: 'arrive', weightGrams: 450, version: 0 });
    expect(await arrived.json()).toMatchObject({ status: 'arrived', amountDue: 125000 });
    const early = await act('3000023', { type: 'send_back', version: 1 });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { error: string }).error).toBe('ill.collection_window_open');

    const owed = (await (await staffFetch(base, ozd, '/api/staff/ill/3000049')).json()) as { charges: Array<{ id: number; amount: number; paidAt?: string }> };
    expect(owed.charges).toEqual([expect.objectContaining({ amount: 125000 })]);
    const paid = await staffFetch(base, ozd, `/api/staff/ill/3000049/charges/${owed.charges[0]!.id}/payment`, { method: 'POST', body: {} });
    expect(paid.status).toBe(200);
    expect(((await paid.json()) as typeof owed).charges[0]!.paidAt).toBeDefined();
    const again = await staffFetch(base, ozd, `/api/staff/ill/3000049/charges/${owed.charges[0]!.id}/payment`, { method: 'POST', body: {} });
    expect(again.status).toBe(409);
  });

  it('refuses a due date that is not a day of this loan: year 0000, the past, decades ahead', async () => {
    for (const dueDate of ['0000-01-15', '2020-01-15', '2062-01-15', '2026-02-30']) {
      const response = await act('3000023', { type: 'collect', use: 'home', dueDate, version: 1 });
      expect(response.status, dueDate).toBe(400);
    }
    const row = await app.db.illRequest.findUniqueOrThrow({ where: { ref: '3000023' } });
    expect(row.status).toBe('arrived');
  });
});
