import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app';
import type { Db } from '../../../src/persistence/prisma-client';
import { launchChromium } from '../../support/browser';
import { startApp } from '../../support/http';
import { freshDb } from '../../support/test-db';
import { SCREENSHOTS } from '../../support/screenshots';

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

  it('works with the keyboard only, end to end: a reservation at Kalamaria from the menu to the pickup time, with Tab, Shift+Tab, the arrow keys in the offered buttons, Enter and typing', async () => {
    const patron = await db.patron.findFirstOrThrow({ where: { libraryId: 'kalamaria', cardNumber: '1001001' } });
    const ordersBefore = await db.order.count({ where: { patronId: patron.id } });
    const page = await browser.newPage({ viewport: { width: 375, height: 800 }, locale: 'el-GR' });
    // No mouse: the page must not be clicked, tapped or focused by a script.
    await page.goto(`${base}/chat/kalamaria`);
    await expect.poll(() => page.getByText('Πώς μπορώ να σας βοηθήσω;').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const keys = new KeyboardPatron(page);
    await keys.choose('Κράτηση βιβλίου', 'Ποιος είναι ο αριθμός της κάρτας μέλους σας;');
    await keys.say('1001001', 'Ποιο είναι το PIN σας;');
    await keys.say('1234', 'Συνδεθήκατε.');
    await keys.say('καπεταν μιχαλης', 'Ο Καπετάν Μιχάλης');
    // The book from the offered buttons, then checkout and yes from theirs.
    await keys.choose(/Καπετάν Μιχάλης/, 'Πρόσθεσα στην παραγγελία σας το βιβλίο «Ο Καπετάν Μιχάλης»');
    await keys.choose('Ολοκλήρωση παραγγελίας', 'Να την καταχωρίσω;');
    await keys.choose('Ναι', /Η παραγγελία σας καταχωρίστηκε με αριθμό \d{7}\./);
    // The pickup time: the first free slot offered, reached by Tab and the arrow keys, taken with Enter.
    await expect.poll(() => page.getByText('Κλείστε τώρα ώρα παραλαβής').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const slot = await keys.choose((label) => /\d/.test(label) && label !== 'Να με πάρετε τηλέφωνο', 'Κλείσαμε ραντεβού παραλαβής:');
    // What the patron sees: the order's number, and the appointment they chose.
    const confirmation = (await page.getByText(/Η παραγγελία σας καταχωρίστηκε με αριθμό \d{7}\./).last().textContent()) ?? '';
    const ref = /αριθμό (\d{7})\./.exec(confirmation)?.[1];
    expect(ref).toMatch(/^\d{7}$/);
    expect(await page.getByText('Κλείσαμε ραντεβού παραλαβής:').last().textContent()).toContain(slot);
    // What the library holds: one new order for card 1001001, with that number, the book and the appointment.
    const orders = await db.order.findMany({ where: { patronId: patron.id }, include: { holds: { include: { record: true } }, appointments: true } });
    expect(orders).toHaveLength(ordersBefore + 1);
    const order = orders.find((o) => o.ref === ref);
    expect(order?.libraryId).toBe('kalamaria');
    expect(order?.channel).toBe('webchat');
    expect(order?.holds.map((h) => h.record.title)).toEqual(['Ο Καπετάν Μιχάλης']);
    expect(order?.appointments).toHaveLength(1);
    await page.close();
  }, 120_000);
});

/** A patron who uses only the keyboard: Tab and Shift+Tab to move, typing and Enter to answer, the arrow keys and Enter on the offered buttons. */
class KeyboardPatron {
  constructor(private readonly page: Page) {}

  private focused() {
    return this.page.evaluate(() => {
      const e = document.activeElement;
      return e ? { tag: e.tagName.toLowerCase(), text: (e.textContent ?? '').trim() } : undefined;
    });
  }

  /** Tab forward, then Shift+Tab back, until `wanted` has the focus; false if neither way reaches it. */
  private async tabTo(wanted: (e: { tag: string; text: string }) => boolean): Promise<boolean> {
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 40; i++) {
        const e = await this.focused();
        if (e && wanted(e)) return true;
        await this.page.keyboard.press(key);
      }
    }
    return false;
  }

  private async heard(expected: string | RegExp, before: number) {
    await expect.poll(() => this.page.getByText(expected).count(), { timeout: 20_000 }).toBeGreaterThan(before);
  }

  /** Types an answer into the message box (reached by Tab) and sends it with Enter. */
  async say(text: string, expected: string | RegExp): Promise<void> {
    const before = await this.page.getByText(expected).count();
    expect(await this.tabTo((e) => e.tag === 'input'), `the message box reached by Tab before «${text}»`).toBe(true);
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await this.heard(expected, before);
  }

  /**
   * Reaches one of the offered buttons and presses Enter on it; returns its label. The buttons are
   * a toolbar (WAI-ARIA): Tab enters it on one button, the arrow keys move between its buttons.
   */
  async choose(label: string | RegExp | ((label: string) => boolean), expected: string | RegExp): Promise<string> {
    const matches = typeof label === 'function' ? label : (text: string) => (typeof label === 'string' ? text === label : label.test(text));
    const buttons = this.page.locator('.webchat__suggested-action');
    await expect.poll(async () => (await buttons.allTextContents()).some((t) => matches(t.trim())), { timeout: 20_000 }).toBe(true);
    const before = await this.page.getByText(expected).count();
    const offered = (await buttons.allTextContents()).map((t) => t.trim());
    expect(await this.tabTo((e) => e.tag === 'button' && offered.includes(e.text)), `the offered buttons (${offered.join(' | ')}) reached by Tab`).toBe(true);
    for (const key of ['ArrowRight', 'ArrowLeft']) {
      for (let i = 0; i < offered.length && !matches((await this.focused())?.text ?? ''); i++) await this.page.keyboard.press(key);
    }
    expect((await this.focused())?.text, `a button ${String(label)} reached with the arrow keys among ${offered.join(' | ')}`).toSatisfy((text: string) => matches(text));
    const chosen = (await this.focused())!.text;
    await this.page.keyboard.press('Enter');
    await this.heard(expected, before);
    return chosen;
  }
}
