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

describe('staff pages with a patron in web chat', () => {
  it('staff find the order a chat just created, make it ready with an appointment, and the patron is told in the chat', async () => {
    // The patron orders by web chat and books the first pickup slot offered.
    const chat = await browser.newPage({ viewport: { width: 900, height: 1000 }, locale: 'el-GR' });
    await chat.goto(`${base}/chat/kalamaria`);
    await expect.poll(() => chat.getByText('Καλώς ήρθατε στις Δημοτικές Βιβλιοθήκες Καλαμαριάς!').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await sayInChat(chat, 'κράτηση', 'Ποιος είναι ο αριθμός της κάρτας μέλους σας;');
    await sayInChat(chat, '1001001', 'Ποιο είναι το PIN σας;');
    await sayInChat(chat, '1234', 'Μπορείτε να κρατήσετε ακόμη 10 βιβλία.');
    await sayInChat(chat, 'καπεταν μιχαλης', 'Βρήκα έναν τίτλο:');
    await sayInChat(chat, '1', /Πρόσθεσα στην παραγγελία σας το βιβλίο «Ο Καπετάν Μιχάλης»/);
    await sayInChat(chat, 'ολοκλήρωση', 'Να την καταχωρίσω;');
    await sayInChat(chat, 'ναι', /Κλείστε τώρα ώρα παραλαβής/);
    const confirmation = await chat.getByText(/καταχωρίστηκε με αριθμό \d{7}/).first().textContent();
    const ref = /αριθμό (\d{7})/.exec(confirmation ?? '')![1]!;
    await sayInChat(chat, '1', /Κλείσαμε ραντεβού παραλαβής/);

    // Staff sign in, find it in the queue, prepare it and mark it ready.
    const staff = await browser.newPage({ viewport: { width: 1200, height: 1100 }, locale: 'el-GR' });
    await staff.goto(`${base}/staff`);
    await expect(staff.url()).toBe(`${base}/staff/login`);
    await staff.getByLabel('Όνομα χρήστη').fill('staff.kalamaria');
    await staff.getByLabel('Κωδικός').fill('Kalamaria-2026');
    await staff.getByRole('button', { name: 'Σύνδεση' }).click();
    await expect.poll(() => staff.getByRole('heading', { name: 'Παραγγελίες (οι παλαιότερες πρώτα)' }).count()).toBe(1);
    const row = staff.locator(`#queue tr[data-ref="${ref}"]`);
    await expect.poll(() => row.textContent()).toContain('Μαρία Παπαδοπούλου');
    expect(await row.textContent()).toContain('Νέα');
    await staff.screenshot({ path: path.join(SCREENSHOTS, 'staff-queue.png'), fullPage: true });

    await row.getByRole('link', { name: ref }).click();
    await expect.poll(() => staff.getByRole('heading', { name: `Παραγγελία ${ref}` }).count()).toBe(1);
    expect(await staff.locator('#appointments').textContent()).toMatch(/στις \d\d:\d\d/);
    await staff.getByRole('button', { name: 'Έναρξη προετοιμασίας' }).click();
    await expect.poll(() => staff.getByText('Έγινε.').count()).toBe(1);
    await staff.getByRole('button', { name: 'Έτοιμη για παραλαβή' }).click();
    await expect.poll(() => staff.locator('h1 .badge').textContent()).toBe('Έτοιμη');
    expect(await staff.locator('#history').textContent()).toContain('Άννα Γεωργίου');
    // What really happened: the chat message went out; the SMS did not (no SMS service in tests), and says so.
    await expect.poll(() => staff.locator('#notifications tr[data-channel="chat"]').textContent()).toContain('Συνομιλία');
    expect(await staff.locator('#notifications tr[data-channel="chat"] .badge').textContent()).toBe('στάλθηκε');
    expect(await staff.locator('#notifications tr[data-channel="sms"] .badge').textContent()).toBe('δεν στάλθηκε: η υπηρεσία SMS δεν έχει ρυθμιστεί');

    // The patron's chat shows the notification the staff action sent (polled from the outbox).
    await expect.poll(() => chat.getByText(`Τα βιβλία της παραγγελίας σας ${ref} είναι έτοιμα.`, { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await chat.getByText(/Ραντεβού παραλαβής: .+ στις \d\d:\d\d, στην είσοδο \(Κεντρική Βιβλιοθήκη\)\./).count()).toBeGreaterThan(0);
    await chat.waitForTimeout(300);
    await chat.screenshot({ path: path.join(SCREENSHOTS, 'webchat-ready-notification.png') });

    await staff.reload();
    await staff.screenshot({ path: path.join(SCREENSHOTS, 'staff-order.png'), fullPage: true });
    const order = await app.db.order.findUniqueOrThrow({ where: { ref }, include: { appointments: true, events: { orderBy: { id: 'asc' } } } });
    expect(order.status).toBe('ready');
    expect(order.appointments.filter((a) => a.status === 'booked')).toHaveLength(1);
    expect(order.events.map((e) => e.toStatus)).toEqual(['new', 'new', 'preparing', 'ready']);
    await chat.close();
    await staff.close();
  }, 120_000);
});
