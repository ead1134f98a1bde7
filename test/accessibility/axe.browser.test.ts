import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { anOrder } from '../staff/staff-support';
import { launchChromium } from '../support/browser';
import { startApp } from '../support/http';
import { SCREENSHOTS } from '../support/screenshots';
import { freshDb } from '../support/test-db';

// WCAG 2.2 A and AA (issue 21): the chat page and every staff page, at a desktop width and at a
// phone's 375 px, with no serious or critical axe-core violation. Staff pages are walked from a
// list of routes, so whatever renders them (template strings today, Eta views tomorrow) is checked.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [{ width: 1280, height: 900 }, { width: 375, height: 800 }];

let browser: Browser;
let app: App;
let base: string;

beforeAll(async () => {
  const { db, url } = await freshDb();
  // A patron's markup in the data: shown as text, and no page may break on it.
  await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000017' });
  await anOrder(db, { library: 'ozd', card: '2002001', ref: '2000018' });
  await db.demandSearch.createMany({ data: ['<i>Zorbász</i>', 'Ζορμπάς', 'zorbas', 'ζορμπας', 'Zorbas', 'A kis herceg', 'a kis herceg'].map((query, i) => (
    { libraryId: 'ozd', query, language: i < 2 ? 'el' : 'hu', channel: i % 2 ? 'phone' : 'chat', at: new Date(Date.now() - i * 3_600_000) }
  )) });
  const reader = await db.patron.findFirstOrThrow({ where: { libraryId: 'ozd', cardNumber: '2002001' } });
  const nabob = await db.record.findFirstOrThrow({ where: { title: 'Egy magyar nábob' } });
  await db.copyAlert.createMany({ data: [
    { libraryId: 'ozd', recordId: nabob.id, patronId: reader.id, title: nabob.title, language: 'hu', channel: 'phone', status: 'open', openKey: `${reader.id}:${nabob.id}` },
    { libraryId: 'ozd', recordId: nabob.id + 1, patronId: reader.id, title: 'A Pál utcai fiúk', language: 'hu', channel: 'chat', status: 'sent', sentAt: new Date() },
  ] });
  await db.$disconnect();
  ({ app, base } = await startApp(url));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The serious and critical violations on the page as it is now, one line each (rule, target, summary). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).options({ resultTypes: ['violations'] }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${base}/staff/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(`${base}/staff`);
}

// Every GET page under /staff (src/staff/**: `server.get('/staff…`) but the CSV files, the live
// queue's JSON and event stream and the assets; each in Greek (Kalamaria) and in Hungarian (Ózd).
const STAFF: Array<{ username: string; password: string; order: string; routes: string[] }> = [
  { username: 'staff.kalamaria', password: 'Kalamaria-2026', order: '1000017', routes: [
    '/staff', '/staff/orders/1000017', '/staff/orders/1000017/cancel', '/staff/pick-list', '/staff/patrons', '/staff/lockouts', '/staff/demand', '/staff/copy-alerts',
  ] },
  { username: 'staff.ozd', password: 'Ozd-2026', order: '2000018', routes: [
    '/staff', '/staff/orders/2000018', '/staff/orders/2000018/cancel', '/staff/pick-list', '/staff/ill', '/staff/ill/3000015', '/staff/patrons', '/staff/lockouts', '/staff/demand', '/staff/copy-alerts',
  ] },
];

describe('accessibility (axe-core, WCAG 2.2 A and AA)', () => {
  for (const viewport of WIDTHS) {
    it(`the chat pages have no serious or critical violation at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      for (const library of ['kalamaria', 'ozd']) {
        await page.goto(`${base}/chat/${library}`);
        await expect.poll(() => page.getByRole('textbox').count(), { timeout: 20_000 }).toBeGreaterThan(0);
        await page.waitForTimeout(300);
        expect(await violations(page), `/chat/${library} at ${viewport.width} px`).toEqual([]);
      }
      // With a conversation on it: a list of titles offered as buttons, then a switch of language.
      const input = page.getByRole('textbox').first();
      for (const [said, heard] of [['új könyvek', 'A legújabb beszerzések:'], ['Ελληνικά', 'Εντάξει, συνεχίζουμε στα ελληνικά.']]) {
        await input.fill(said!);
        await input.press('Enter');
        await expect.poll(() => page.getByText(heard!).count(), { timeout: 20_000 }).toBeGreaterThan(0);
        await page.waitForTimeout(300);
        expect(await violations(page), `/chat/ozd after «${said}» at ${viewport.width} px`).toEqual([]);
      }
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('el');
      await context.close();
    }, 60_000);

    it(`the staff pages have no serious or critical violation at ${viewport.width} px`, async () => {
      const found: string[] = [];
      const anonymous = await browser.newContext({ viewport });
      const login = await anonymous.newPage();
      await login.goto(`${base}/staff/login`);
      found.push(...(await violations(login)).map((v) => `/staff/login: ${v}`));
      await anonymous.close();
      for (const staff of STAFF) {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        await signIn(page, staff.username, staff.password);
        for (const route of staff.routes) {
          const response = await page.goto(`${base}${route}`);
          expect(response?.status(), route).toBe(200);
          found.push(...(await violations(page)).map((v) => `${route}: ${v}`));
          // The README's pictures of the pages this issue added.
          if (viewport.width > 1000 && staff.username === 'staff.ozd' && (route === '/staff/demand' || route === '/staff/copy-alerts')) {
            await page.screenshot({ path: path.join(SCREENSHOTS, `staff-${route.slice('/staff/'.length)}.png`), fullPage: true });
          }
        }
        // The cancel step as staff meet it when they press «cancel» without choosing a reason:
        // the form sent from the browser, and the page it answers with (the error, the choices kept).
        await page.goto(`${base}/staff/orders/${staff.order}/cancel`);
        const [answer] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/staff/orders/${staff.order}/cancel`)),
          page.locator('#cancel button[type=submit]').click(),
        ]);
        expect(answer.status(), `POST /staff/orders/${staff.order}/cancel without a reason`).toBe(400);
        await page.waitForLoadState();
        expect(await page.locator('#cancel [role=alert], #cancel .error').count(), 'the error is on the page').toBeGreaterThan(0);
        found.push(...(await violations(page)).map((v) => `POST /staff/orders/${staff.order}/cancel (no reason): ${v}`));
        await context.close();
      }
      expect(found).toEqual([]);
    }, 240_000);
  }
});
