import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging';
import type { Db } from '../src/persistence/prisma-client';
import { ScryptPinHasher } from '../src/persistence/scrypt-pin-hasher';
import { startVoiceApp, type VoiceApp } from './channels/twilio-voice/voice-call-support';
import { HttpConversation } from './support/http';

// Issue 8: card numbers and PINs never appear in logs, transcripts or error messages. A patron
// with a card and PIN that occur nowhere else reserves by web chat and by phone, keys a wrong
// PIN once, and has a turn fail on a database error; then every log line (at trace level),
// every stored conversation, phone turn, outbox message, order and notification is searched.
const CARD = '5550172839';
const PIN = '86420973';
const WRONG_PIN = '97531864';
const SECRETS = [CARD, PIN, WRONG_PIN];

let voice: VoiceApp | undefined;
afterEach(async () => { await voice?.app.close(); voice = undefined; });

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(...chunk.toString().split('\n').filter(Boolean)); done(); } });
  return { lines, log: createLogger('trace', stream) };
}

async function aPatron(db: Db) {
  return db.patron.create({
    data: {
      libraryId: 'kalamaria', cardNumber: CARD, pinHash: await new ScryptPinHasher().hash(PIN), name: 'Ελένη Ιδιωτικού', phone: '+302310555001',
      preferredLanguage: 'el', homeBranchId: 'kal-central', status: 'active', cardExpiresAt: new Date('2030-01-01T00:00:00Z'),
    },
  });
}

/** Everything the database keeps of conversations: state, phone turns, outbox, orders' references, events and notifications. */
async function storedTranscripts(db: Db): Promise<string> {
  const parts = [
    ...(await db.botState.findMany()).map((r) => `${r.id} ${r.data}`),
    ...(await db.voiceTurn.findMany()).map((r) => r.twiml ?? ''),
    ...(await db.webChatOutbox.findMany()).map((r) => r.activity),
    ...(await db.order.findMany()).map((r) => `${r.conversationRef ?? ''} ${r.requestKey ?? ''}`),
    ...(await db.orderEvent.findMany()).map((r) => r.note ?? ''),
    ...(await db.notification.findMany()).map((r) => r.detail ?? ''),
    ...(await db.callbackRequest.findMany()).map((r) => r.phone),
  ];
  return parts.join('\n');
}

describe('card numbers and PINs', () => {
  it('appear in no log line, stored transcript or reply of a chat and a phone reservation, a wrong PIN and a failing turn', async () => {
    const { lines, log } = capture();
    voice = await startVoiceApp({ log });
    const { app, server } = voice;
    await aPatron(app.db);

    // Web chat over HTTP: a wrong PIN first, then the right one, then the order.
    const chat = new HttpConversation(server);
    const replies: string[] = [];
    const say = async (text: string) => { replies.push(JSON.stringify(await chat.say(text))); };
    await say('θέλω να κλείσω το Ο Καπετάν Μιχάλης');
    await say(CARD);
    await say(WRONG_PIN);
    expect(chat.heard).toContain('Λάθος αριθμός κάρτας ή PIN');
    await say(CARD);
    await say(PIN);
    expect(chat.heard).toContain('Συνδεθήκατε.\nΜπορείτε να κρατήσετε ακόμη 10 βιβλία.');
    await say('1');
    await say('2');
    await say('ναι');
    const chatRef = chat.last.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;
    expect(chatRef).toMatch(/^\d{7}$/);

    // A phone call: card and PIN on the keypad.
    const call = voice.call('kalamaria', '+302310555001');
    await call.start();
    await call.answer({ digits: '1' });
    await call.answer({ digits: CARD });
    await call.answer({ digits: PIN });
    expect(call.heard).toContain('Συνδεθήκατε.');
    await call.answer({ speech: 'Αναφορά στον Γκρέκο' });
    await call.answer({ digits: '1' });
    await call.answer({ digits: '2' });
    await call.answer({ speech: 'ναι' });
    expect(call.heard).toContain('Η παραγγελία σας καταχωρίστηκε');
    replies.push(JSON.stringify(call.response));

    // A turn that fails: the patron table is gone when the PIN arrives.
    const failing = new HttpConversation(server);
    await failing.say('1');
    await failing.say(CARD);
    await app.db.$executeRawUnsafe('ALTER TABLE "Patron" RENAME TO "PatronGone"');
    let failed: Response;
    try {
      failed = await fetch(`${server}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'failing-turn-0001' },
        body: JSON.stringify({
          type: 'message', id: 'pin-turn', text: PIN, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/none', deliveryMode: 'expectReplies',
          conversation: { id: failing.id }, from: { id: `${failing.id}-u`, role: 'user' }, recipient: { id: 'bot', role: 'bot' }, channelData: { library: 'kalamaria' },
        }),
      });
    } finally {
      await app.db.$executeRawUnsafe('ALTER TABLE "PatronGone" RENAME TO "Patron"');
    }
    expect(failed.headers.get('x-request-id')).toBe('failing-turn-0001');
    const failedBody = await failed.text();
    replies.push(failedBody);
    expect(failedBody).toContain('τεχνικό πρόβλημα');

    // The failure was logged, with the request's id, and without the secrets.
    const turnFailed = lines.map((l) => JSON.parse(l) as { msg?: string; reqId?: string; err?: { message?: string } }).filter((l) => l.msg === 'turn failed');
    expect(turnFailed.length).toBeGreaterThan(0);
    expect(turnFailed.every((l) => l.reqId === 'failing-turn-0001')).toBe(true);
    expect(turnFailed[0]!.err?.message).toMatch(/TableDoesNotExist|Patron/);
    // Every HTTP request left one access line naming its route, not its URL.
    expect(lines.some((l) => l.includes('"msg":"request"') && l.includes('"route":"/api/voice/:library"'))).toBe(true);

    const logged = lines.join('\n');
    const stored = await storedTranscripts(app.db);
    const answered = replies.join('\n');
    for (const secret of SECRETS) {
      expect(logged, `log contains ${secret}`).not.toContain(secret);
      expect(stored, `database transcripts contain ${secret}`).not.toContain(secret);
      expect(answered, `replies contain ${secret}`).not.toContain(secret);
    }
    expect(lines.length).toBeGreaterThan(10);
  }, 120_000);
});
