import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app';
import { launchChromium } from '../../support/browser';
import { startApp } from '../../support/http';
import { freshDb } from '../../support/test-db';
import { SCREENSHOTS } from '../../support/screenshots';

let browser: Browser;
let app: App;
let base: string;

beforeAll(async () => {
  const { db, url } = await freshDb();
  await db.$disconnect();
  ({ app, base } = await startApp(url));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('web chat page', () => {
  it('greets in Greek, answers a typed message, and is captured for the README', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 }, locale: 'el-GR' });
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
    const response = await page.goto(`${base}/chat/kalamaria`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self';");
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    await expect.poll(() => page.getByText('Καλώς ήρθατε στις Δημοτικές Βιβλιοθήκες Καλαμαριάς!').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const input = page.getByRole('textbox').first();
    await input.fill('νέες αφίξεις');
    await input.press('Enter');
    await expect.poll(() => page.getByText('Οι πιο πρόσφατες αφίξεις:').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'webchat-kalamaria.png') });
    // Web Chat works under the page's policy: nothing it needs was refused.
    expect(violations).toEqual([]);
    await page.close();
  });

  it('speaks Hungarian on the Ózd page', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(`${base}/chat/ozd`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Ózdi Városi Könyvtár: könyvfoglalás');
    await expect.poll(() => page.getByText('Üdvözöljük az Ózdi Városi Könyvtárban!').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const input = page.getByRole('textbox').first();
    await input.fill('egri csillagok');
    await input.press('Enter');
    await expect.poll(() => page.getByText('A foglaláshoz be kell jelentkeznie. Mi az olvasójegye száma?').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'webchat-ozd.png') });
    await page.close();
  });

  it('shows the PIN as •••• in the transcript and sends it only in the message that carries it', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    const posted: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/webchat/activities')) posted.push(r.postData() ?? ''); });
    await page.goto(`${base}/chat/kalamaria`);
    await expect.poll(() => page.getByText('Καλώς ήρθατε στις Δημοτικές Βιβλιοθήκες Καλαμαριάς!').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const input = page.getByRole('textbox').first();
    for (const [said, next] of [['1', 'Ποιος είναι ο αριθμός της κάρτας μέλους σας;'], ['1001001', 'Ποιο είναι το PIN σας;'], ['1234', 'Μπορείτε να κρατήσετε ακόμη 10 βιβλία.']]) {
      await input.fill(said!);
      await input.press('Enter');
      await expect.poll(() => page.getByText(next!).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByText('••••', { exact: true }).count()).toBeGreaterThan(0);
    const shown = await page.evaluate(() => document.body.innerText + Array.from(document.querySelectorAll('[aria-label]'), (e) => e.getAttribute('aria-label')).join(' '));
    expect(shown).not.toContain('1234');
    expect(posted.filter((body) => body.includes('1234'))).toHaveLength(1);
    await page.close();
  });

  it('follows a switch of language: lang, title, heading, the input placeholder and the send button', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(`${base}/chat/kalamaria`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Δημοτικές Βιβλιοθήκες Καλαμαριάς: κρατήσεις βιβλίων');
    const sendLabel = () => page.locator('button[type=submit], button[title]').last().evaluate((b) => b.getAttribute('aria-label') ?? b.getAttribute('title') ?? b.textContent);
    const greekSend = await sendLabel();
    await expect.poll(() => page.getByText('Καλώς ήρθατε στις Δημοτικές Βιβλιοθήκες Καλαμαριάς!').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const input = page.getByRole('textbox').first();
    const greekPlaceholder = await input.getAttribute('placeholder');
    await input.fill('1');
    await input.press('Enter');
    await expect.poll(() => page.getByText('Ποιος είναι ο αριθμός της κάρτας μέλους σας;').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await input.fill('Magyarul');
    await input.press('Enter');
    await expect.poll(() => page.getByText('Rendben, magyarul folytatjuk.').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hu');
    expect(await page.title()).toBe('Könyvfoglalás – csevegés');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Kalamariai városi könyvtárak: könyvfoglalás');
    const hungarianPlaceholder = await page.getByRole('textbox').first().getAttribute('placeholder');
    expect(hungarianPlaceholder).not.toBe(greekPlaceholder);
    expect(await sendLabel()).not.toBe(greekSend);
    await page.close();
  });

  it('works with the keyboard only: tab to the input, type, pick a result with Tab and Enter, reach the card prompt', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 }, locale: 'el-GR' });
    await page.goto(`${base}/chat/kalamaria`);
    await expect.poll(() => page.getByText('Καλώς ήρθατε στις Δημοτικές Βιβλιοθήκες Καλαμαριάς!').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const focused = () => page.evaluate(() => {
      const e = document.activeElement;
      return e ? { tag: e.tagName.toLowerCase(), text: (e.textContent ?? '').trim(), label: e.getAttribute('aria-label') ?? '' } : undefined;
    });
    // Tab from the top of the page until the message box has the focus.
    for (let i = 0; i < 30 && (await focused())?.tag !== 'input'; i++) await page.keyboard.press('Tab');
    expect((await focused())?.tag).toBe('input');
    await page.keyboard.type('νέες αφίξεις');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Οι πιο πρόσφατες αφίξεις:').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // The offered titles are buttons: Tab reaches the first one, Enter picks it.
    const firstChoice = page.locator('.webchat__suggested-action').first();
    await expect.poll(() => firstChoice.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const title = ((await firstChoice.textContent()) ?? '').trim();
    for (let i = 0; i < 30 && (await focused())?.text !== title; i++) await page.keyboard.press('Tab');
    expect((await focused())?.text).toBe(title);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Ποιος είναι ο αριθμός της κάρτας μέλους σας;').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();
  });
});
