import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { launchChromium, sayInChat } from '../support/browser';
import { startApp } from '../support/http';
import { freshDb } from '../support/test-db';
import { SCREENSHOTS } from '../support/screenshots';

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

describe('ILL staff pages', () => {
  it('run a request a reader made in web chat from submitted to closed', async () => {
    // The reader asks for a book in the original by web chat, in Hungarian.
    const chat = await browser.newPage({ viewport: { width: 900, height: 1000 }, locale: 'hu-HU' });
    await chat.goto(`${base}/chat/ozd`);
    await expect.poll(() => chat.getByText('Üdvözöljük az Ózdi Városi Könyvtárban!', { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await sayInChat(chat, 'könyvtárközi kérés', 'A könyvtárközi kéréshez be kell jelentkeznie.');
    await sayInChat(chat, '2002001', 'Mi a PIN-kódja?');
    await sayInChat(chat, '4321', 'Könyvet kér, vagy folyóiratcikket?');
    await sayInChat(chat, 'könyv', 'Mi a könyv címe?');
    await sayInChat(chat, 'A Pendragon-legenda', 'Ki a szerzője?');
    await sayInChat(chat, 'Szerb Antal', 'Melyik évben jelent meg?');
    await sayInChat(chat, '1934', 'Ha tudja a könyv ISBN-számát');
    await sayInChat(chat, 'nem tudom', 'Meddig van rá szüksége?');
    await sayInChat(chat, 'nincs', 'Milyen formában kéri?');
    await sayInChat(chat, 'eredeti', 'Elfogadja?');
    await sayInChat(chat, 'igen', 'Elküldhetem a kérést?');
    await sayInChat(chat, 'igen', /A kérését rögzítettük, a száma: \d{7}\./);
    const confirmation = await chat.getByText(/a száma: \d{7}\./).first().textContent();
    const ref = /a száma: (\d{7})\./.exec(confirmation ?? '')![1]!;
    await chat.screenshot({ path: path.join(SCREENSHOTS, 'webchat-ill-request.png') });

    // Staff sign in and open the ILL queue.
    const staff = await browser.newPage({ viewport: { width: 1200, height: 1300 }, locale: 'hu-HU' });
    await staff.goto(`${base}/staff/login`);
    await staff.getByLabel('Felhasználónév').fill('staff.ozd');
    await staff.getByLabel('Jelszó').fill('Ozd-2026');
    await staff.getByRole('button', { name: 'Bejelentkezés' }).click();
    await staff.getByRole('link', { name: 'Könyvtárközi kérések' }).click();
    await expect.poll(() => staff.getByRole('heading', { name: 'Könyvtárközi kérések' }).count()).toBe(1);
    const row = staff.locator('tr', { has: staff.getByRole('link', { name: ref }) });
    expect(await row.textContent()).toContain('Kovács Anna');
    expect(await row.textContent()).toContain('új');
    await staff.screenshot({ path: path.join(SCREENSHOTS, 'staff-ill-queue.png'), fullPage: true });
    await row.getByRole('link', { name: ref }).click();
    await expect.poll(() => staff.getByRole('heading', { name: `Könyvtárközi kérés: ${ref}` }).count()).toBe(1);
    // The terms the reader accepted, named in words rather than by their stored version id.
    expect(await staff.getByText(/ozd-ill-2026-11 feltételek \(eredeti, magyar\), elfogadva:/i).count()).toBe(1);
    expect(await staff.getByText('ozd-ill-2026-11/original/hu', { exact: false }).count()).toBe(0);

    const badge = () => staff.locator('h1 .badge').textContent();
    const step = async (button: string, status: string) => {
      await staff.getByRole('button', { name: button, exact: true }).click();
      await expect.poll(badge).toBe(status);
      expect(await staff.getByText('Rögzítve.').count()).toBe(1);
    };
    await staff.getByLabel('Küldő könyvtár neve').fill('Országos Széchényi Könyvtár');
    await step('Megkérés rögzítése', 'megkérve');
    await staff.getByLabel('Költség (Ft)').fill('0');
    await step('Feltételek rögzítése', 'a küldő könyvtár válaszolt');
    await step('Elküldték', 'úton');
    await staff.getByLabel('Súly grammban').fill('640');
    await step('Megérkezett', 'megérkezett');
    expect(await staff.locator('[data-field="amount_due"]').textContent()).toBe('1650\u00a0Ft');

    // Handing over for home use needs the due date and the signed liability statement.
    await staff.getByLabel('A küldő könyvtár döntése').selectOption('home');
    await staff.getByRole('button', { name: 'Átadás az olvasónak' }).click();
    await expect.poll(() => staff.getByRole('alert').textContent()).toBe('Hazakölcsönzéshez adja meg a visszahozatal határidejét.');
    expect(await badge()).toBe('megérkezett');
    const due = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    await staff.getByLabel('A küldő könyvtár döntése').selectOption('home');
    await staff.getByLabel('Visszahozatali határidő').fill(due);
    await staff.getByLabel('A felelősségvállalási nyilatkozatot aláírta').check();
    await step('Átadás az olvasónak', 'átvette');
    await step('Visszahozta', 'visszahozta');
    await staff.screenshot({ path: path.join(SCREENSHOTS, 'staff-ill-request.png'), fullPage: true });
    await step('Lezárás', 'lezárva');

    const request = await app.db.illRequest.findUniqueOrThrow({ where: { ref }, include: { events: { orderBy: { id: 'asc' } }, charges: true } });
    expect(request).toMatchObject({ status: 'closed', lender: 'Országos Széchényi Könyvtár', weightGrams: 640, amountDue: 165000, use: 'home', dueDate: due });
    expect(request.liabilitySignedAt).not.toBeNull();
    expect(request.charges).toEqual([]);
    expect(request.events.map((e) => e.toStatus)).toEqual(['submitted', 'requested', 'terms_received', 'shipped', 'arrived', 'collected', 'returned', 'closed']);
    expect(request.events.slice(1).every((e) => e.actor.startsWith('staff:'))).toBe(true);

    // The arrival message reached the reader's chat.
    await expect.poll(() => chat.getByText(`Megérkezett a könyvtárközi kéréssel kért dokumentum (kérésszám: ${ref})`, { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await chat.close();
    await staff.close();
  }, 120_000);
});
