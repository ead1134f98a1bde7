import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app';
import { staffFetch, staffLogin } from '../../staff/staff-support';
import { startApp, WebChatClient } from '../../support/http';
import { freshDb } from '../../support/test-db';

let app: App;
let base: string;
beforeAll(async () => {
  const { db, url } = await freshDb();
  await db.$disconnect();
  ({ app, base } = await startApp(url));
});
afterAll(async () => { await app?.close(); });

describe('web chat connector and outbox', () => {
  it('delivers a staff "ready" notification to the chat page through the outbox, in Greek', async () => {
    const chat = await WebChatClient.open(base);
    for (const said of ['1', '1001001', '1234', 'καπεταν μιχαλης', '1', 'ολοκλήρωση']) await chat.say(said);
    const ref = (await chat.say('ναι')).find((a) => a.channelData?.orderRef)?.channelData?.orderRef as string;
    expect(ref).toMatch(/^\d{7}$/);
    const stored = await app.db.order.findUniqueOrThrow({ where: { ref } });
    expect(JSON.parse(stored.conversationRef!).serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webchat\/connector\/[\w-]+\/$/);
    expect(await (await chat.outbox(0)).json()).toEqual({ after: 0, activities: [] });

    const staff = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
    for (const [to, version] of [['preparing', stored.version], ['ready', stored.version + 1]] as const) {
      expect((await staffFetch(base, staff, `/api/staff/orders/${ref}/transitions`, { method: 'POST', body: { to, version } })).status).toBe(200);
    }
    const outbox = (await (await chat.outbox(0)).json()) as { after: number; activities: Array<{ text: string; from: { role?: string } }> };
    expect(outbox.activities).toHaveLength(1);
    // No slot was booked in the chat, so the message says the library will phone.
    expect(outbox.activities[0]!.text).toMatch(new RegExp(`^Τα βιβλία της παραγγελίας σας ${ref} είναι έτοιμα για παραλαβή \\(Κεντρική Βιβλιοθήκη\\)\\. Θα σας τηλεφωνήσουμε για να κανονίσουμε την ώρα, ή τηλεφωνήστε στο 2310 000 100\\. Θα σας περιμένουν έως .+\\.$`));
    expect(outbox.activities[0]!.from.role).toBe('bot');
    const again = (await (await chat.outbox(outbox.after)).json()) as { activities: unknown[] };
    expect(again.activities).toEqual([]);
  });

  it('refuses posts into a conversation without its signed connector address', async () => {
    const response = await fetch(`${base}/webchat/connector/forged-key/v3/conversations/webchat-0123456789abcdef-conn/activities`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'phishing' }),
    });
    expect(response.status).toBe(403);
    expect(await app.db.webChatOutbox.count({ where: { activity: { contains: 'phishing' } } })).toBe(0);
  });

  it.each(['%25zz', '%zz', 'webchat-%25zz-0123456789'])('answers a connector path holding %s with a 4xx, not a 500', async (conversation) => {
    const response = await fetch(`${base}/webchat/connector/some-key/v3/conversations/${conversation}/activities`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'x' }),
    });
    // A path restify cannot decode is not a route (404); one it can is a conversation that is not ours (403).
    expect(response.status).toBe(conversation === '%zz' ? 404 : 403);
  });

  it('serves the appointment as an .ics file to whoever has the link, and nothing for a made-up one', async () => {
    const order = await app.db.order.findFirstOrThrow({ where: { channel: 'webchat' } });
    const at = new Date('2030-01-04T09:00:00Z');
    const appointment = await app.db.appointment.create({ data: { orderId: order.id, libraryId: 'kalamaria', branchId: 'kal-central', startsAt: at, endsAt: new Date(at.getTime() + 900_000), seat: 1, status: 'booked', icsToken: 'icstoken-abcdefghijklmnop', bookedBy: 'test' } });
    const response = await fetch(`${base}/appointments/${appointment.icsToken}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = (await response.text()).replace(/\r\n /g, '');
    expect(body).toContain('DTSTART:20300104T090000Z');
    expect(body).toContain('SUMMARY:Παραλαβή βιβλίων — Κεντρική Βιβλιοθήκη');
    expect((await fetch(`${base}/appointments/not-a-real-token-123456.ics`)).status).toBe(404);
  });
});
