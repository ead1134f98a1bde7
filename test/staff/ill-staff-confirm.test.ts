import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import type { Db } from '../../src/persistence/prisma-client';
import { startApp } from '../support/http';
import { freshDb } from '../support/test-db';
import { staffLogin, type StaffClient } from './staff-support';

// Cancelling an ILL request or marking it unfilled ends it and tells the reader: as with an
// order, the page asks once more before doing it (issue 21).

let app: App;
let base: string;
let db: Db;
let staff: StaffClient;

beforeAll(async () => {
  const fresh = await freshDb();
  db = fresh.db;
  ({ app, base } = await startApp(fresh.url));
  staff = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
});
afterAll(async () => { await app?.close(); await db?.$disconnect(); });

const post = (form: Record<string, string>) => fetch(`${base}/staff/ill/3000015/action`, {
  method: 'POST', redirect: 'manual', headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ ...form, _csrf: staff.csrf }).toString(),
});
const request = () => db.illRequest.findUniqueOrThrow({ where: { ref: '3000015' } });

describe('ending an ILL request from the staff page', () => {
  it('asks for confirmation first, showing the reason, and changes nothing yet', async () => {
    const before = await request();
    const answer = await post({ type: 'cancel', note_cancel: 'A kiadó nem szállít.', version: String(before.version) });
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain('<h2>Megerősítés: Visszavonás</h2>');
    expect(html).toContain('A kiadó nem szállít.');
    expect(html).toContain('name="confirmed" value="1"');
    expect(await request()).toMatchObject({ status: before.status, version: before.version });
  });

  it('does it once confirmed, with the reason written', async () => {
    const before = await request();
    const answer = await post({ type: 'cancel', note_cancel: 'A kiadó nem szállít.', version: String(before.version), confirmed: '1' });
    expect([answer.status, answer.headers.get('location')]).toEqual([303, '/staff/ill/3000015?done=1']);
    const after = await db.illRequest.findUniqueOrThrow({ where: { ref: '3000015' }, include: { events: { orderBy: { id: 'desc' }, take: 1 } } });
    expect(after.status).toBe('cancelled');
    expect(after.events[0]).toMatchObject({ toStatus: 'cancelled', note: 'A kiadó nem szállít.' });
    // The history names the colleague, not "a staff member".
    const page = await (await fetch(`${base}/staff/ill/3000015`, { headers: { cookie: staff.cookie } })).text();
    expect(page).toMatch(/<td>Horváth Éva<\/td><td>[^<]+ → visszavonva<\/td><td>A kiadó nem szállít\.<\/td>/);
  });
});
