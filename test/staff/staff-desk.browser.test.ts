import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import type { Db } from '../../src/persistence/prisma-client';
import { launchChromium } from '../support/browser';
import { startApp } from '../support/http';
import { SCREENSHOTS } from '../support/screenshots';
import { freshDb } from '../support/test-db';
import { anOrder } from './staff-support';

// The morning at the desk (issue 21, docs/staff-desk.md): the queue updates itself when an
// order comes in, the tab title counts the new ones, and the pick list prints without the
// page's controls. Screenshots go to docs/ with UPDATE_SCREENSHOTS=1 (scripts/staff-screenshots.sh).

let browser: Browser;
let app: App;
let base: string;
let db: Db;

beforeAll(async () => {
  const fresh = await freshDb();
  db = fresh.db;
  ({ app, base } = await startApp(fresh.url));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.$disconnect();
});

async function signIn(username: string, password: string, locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, locale });
  const page = await context.newPage();
  await page.goto(`${base}/staff/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form[action="/staff/login"] button').click();
  await page.waitForURL(`${base}/staff`);
  return page;
}

describe('the staff desk in a browser', () => {
  it('shows a new order without a reload, counts new orders in the title, and not at the other library', async () => {
    const kalamaria = await signIn('staff.kalamaria', 'Kalamaria-2026', 'el-GR');
    const ozd = await signIn('staff.ozd', 'Ozd-2026', 'hu-HU');
    const newOrders = () => db.order.count({ where: { libraryId: 'kalamaria', status: 'new' } });
    const before = await newOrders();
    expect(await kalamaria.title()).toBe(before > 0 ? `(${before}) Ουρά παραγγελιών` : 'Ουρά παραγγελιών');
    // The page has opened its event stream before the order comes in.
    await expect.poll(() => kalamaria.locator('#live-status').getAttribute('data-live'), { timeout: 10_000 }).toBe('connected');

    // An order placed meanwhile (as the bot writes one), for a Kalamaria patron.
    await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000777', title: 'Ο Καπετάν Μιχάλης' });
    const row = kalamaria.locator('#queue tr[data-ref="1000777"]');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('Ο Καπετάν Μιχάλης');
    expect(await row.getAttribute('class')).toContain('fresh');
    await expect.poll(() => kalamaria.title()).toBe(`(${before + 1}) Ουρά παραγγελιών`);
    expect(await kalamaria.locator('#live-status').textContent()).toBe('Ήρθε μία νέα παραγγελία.');
    expect(kalamaria.url()).toBe(`${base}/staff`); // no reload, no navigation

    // Ózd's open queue got nothing of it.
    await kalamaria.waitForTimeout(2000);
    expect(await ozd.locator('tr[data-ref="1000777"]').count()).toBe(0);
    expect(await ozd.content()).not.toContain('Μαρία Παπαδοπούλου');
    await kalamaria.screenshot({ path: path.join(SCREENSHOTS, 'staff-queue-live.png'), fullPage: true });
    await ozd.context().close();

    // The order page of the new order, then its cancel step, as staff see them.
    await row.getByRole('link', { name: '1000777' }).click();
    await kalamaria.waitForURL(`${base}/staff/orders/1000777`);
    await kalamaria.locator('#cancel-link').click();
    await kalamaria.waitForURL(`${base}/staff/orders/1000777/cancel`);
    expect(await kalamaria.locator('input[type=radio]:checked').count()).toBe(0);
    await kalamaria.screenshot({ path: path.join(SCREENSHOTS, 'staff-cancel.png'), fullPage: true });
    await kalamaria.context().close();
  }, 90_000);

  it('prints the pick list without navigation or buttons, in shelf order, and downloads it as CSV', async () => {
    const page = await signIn('staff.kalamaria', 'Kalamaria-2026', 'el-GR');
    await anOrder(db, { library: 'kalamaria', card: '1001002', ref: '1000778' });
    await page.goto(`${base}/staff/pick-list`);
    const marks = await page.locator('section.pick[data-branch="kal-central"] td.check').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    const barcodes = await page.locator('section.pick[data-branch="kal-central"] tbody tr td:nth-child(4)').allTextContents();
    expect(barcodes.every((b) => /^\S+$/.test(b) && b !== '—')).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'staff-pick-list.png'), fullPage: true });

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.locator('main button:visible, main a.action:visible, main form:visible').count()).toBe(0);
    expect(await page.locator('section.pick table').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'staff-pick-list-print.png'), fullPage: true });

    const csv = await page.context().request.get(`${base}/staff/pick-list.csv`);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Βιβλιοθήκη,Ταξιθετικός αριθμός,Τίτλος,Συγγραφέας,Γραμμωτός κώδικας,Παραγγελία');
    expect(lines.filter((l) => l.startsWith('Κεντρική Βιβλιοθήκη,')).map((l) => l.split(',')[1])).toEqual(marks);
    await page.context().close();
  }, 60_000);
});
