import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, parseTwiml } from '../src/tools/twilio-call';
import { startVoiceApp, type VoiceApp } from './channels/twilio-voice/voice-call-support';
import { staffFetch, staffLogin } from './staff/staff-support';
import { WebChatClient } from './support/http';
import type { Reply } from './support/conversation';
import { businessSnapshot } from './support/fuzz';

// Injection (issue 8), end to end: an ILL request whose every free-text field is an attack
// (SQL, HTML, TwiML, SSML) is stored exactly as typed, breaks no table, shows as text on the
// staff pages and in the API, and is read back to a caller as text inside <Say>.
const FIELDS = {
  title: `Robert'); DROP TABLE "IllRequest"; -- <script>alert(1)</script>`,
  author: `<img src=x onerror=alert(document.cookie)> ' OR '1'='1`,
  journal: `</Say><Dial>+19005550100</Dial><Say>`,
  volumeIssue: `<speak><break time="100s"/></speak> {{phone}} $t(common:technical_problem)`,
  pages: `]]><!-- &amp; "quoted" 12–14`,
};

let v: VoiceApp;
beforeAll(async () => { v = await startVoiceApp(); }, 60_000);
afterAll(async () => { await v?.app.close(); });

const chats = new Map<string, WebChatClient>();
/** `null` opens the conversation named `key` (the page's first request, which greets). */
async function chat(key: string, text: string | null): Promise<Reply[]> {
  if (text === null) {
    const opened = await WebChatClient.open(v.server, 'ozd');
    chats.set(key, opened);
    return opened.greeting;
  }
  return chats.get(key)!.say(text);
}

describe('an ILL request made of attacks', () => {
  it('is stored as typed, breaks nothing, and shows as text to staff', async () => {
    const id = `webchat-${randomUUID()}`;
    const tables = JSON.parse(await businessSnapshot(v.app.db)).tables as string[];
    const records = await v.app.db.record.count();
    await chat(id, null);
    const said = ['4', '2002001', '4321', 'folyóiratcikk', FIELDS.title, FIELDS.author, FIELDS.journal, '1978', FIELDS.volumeIssue, FIELDS.pages, 'nincs', '2000'];
    for (const text of said) await chat(id, text);
    const summary = await chat(id, 'igen');
    // The summary repeats the words as words: no interpolation, no markup taken as markup.
    expect(summary.map((r) => r.text).join('\n')).toContain(`Folyóirat: ${FIELDS.journal}`);
    expect(summary.map((r) => r.text).join('\n')).toContain(`Évfolyam, szám: ${FIELDS.volumeIssue}`);
    const confirmed = await chat(id, 'igen');
    const ref = confirmed.find((r) => (r.channelData as { illRef?: string } | undefined)?.illRef)?.channelData as { illRef: string };

    const stored = await v.app.db.illRequest.findUniqueOrThrow({ where: { ref: ref.illRef } });
    expect(stored).toMatchObject(FIELDS);
    expect(JSON.parse(await businessSnapshot(v.app.db)).tables).toEqual(tables);
    expect(await v.app.db.record.count()).toBe(records);

    const staff = await staffLogin(v.server, 'staff.ozd', 'Ozd-2026');
    const json = (await (await staffFetch(v.server, staff, `/api/staff/ill/${ref.illRef}`)).json()) as Record<string, unknown>;
    expect(json).toMatchObject(FIELDS);
    const page = await (await staffFetch(v.server, staff, `/staff/ill/${ref.illRef}`)).text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<Dial>');
    // The staff templates (src/staff/views, Eta) escape with named entities.
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(document.cookie)&gt;');
  });

  it('is read back to a caller inside <Say> as text, never as TwiML', async () => {
    const call = v.call('ozd');
    await call.start();
    for (const digits of ['4', '2002001', '4321']) await call.answer({ digits });
    await call.answer({ speech: 'könyv' });
    const twiml = await call.post(call.gather!.attrs.action!, { SpeechResult: FIELDS.journal, Confidence: '0.9' });
    expect(twiml.status).toBe(200);
    const root = parseTwiml(twiml.body);
    expect(findAll(root, 'Dial')).toEqual([]);
    expect(findAll(root, 'Say').length).toBeGreaterThan(0);
    // The next question is asked; the title was taken as words.
    expect(findAll(root, 'Say').map((s) => s.text).join(' ')).toContain('Ki a szerzője?');
  });
});
