import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { createApp } from '../../src/app';
import { MAX_MESSAGE_LENGTH } from '../../src/nlu/text/clean-input';
import { parseTwiml } from '../../src/tools/twilio-call';
import { RecordingSms, startVoiceApp } from '../channels/twilio-voice/voice-call-support';
import type { Reply } from '../support/conversation';
import { freshDb } from '../support/test-db';
import { WebChatClient } from '../support/http';

// LibraryBot.run: each activity is processed once (the ledger in the conversation's state),
// and input is cleaned and bounded before any dialog reads it.
const running: App[] = [];
afterEach(async () => { for (const app of running.splice(0)) await app.close(); });

async function start() {
  const { db } = await freshDb();
  const sms = new RecordingSms();
  const app = await createApp({ db, sms });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  running.push(app);
  return { app, sms, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

/** A Bot Framework client that chooses its activity ids, so it can send one again. */
class Client {
  readonly conversation = `dedup-${randomUUID()}`;
  constructor(private readonly base: string, private readonly library = 'kalamaria') {}

  async send(text: string, id: string = randomUUID()): Promise<Reply[]> {
    const response = await fetch(`${this.base}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id, text, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/none', deliveryMode: 'expectReplies',
        conversation: { id: this.conversation }, from: { id: 'patron' }, recipient: { id: 'bot' }, channelData: { library: this.library },
      }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { activities: Reply[] }).activities;
  }
}

const heard = (replies: Reply[]) => replies.map((r) => r.text).join('\n');
const refOf = (replies: Reply[]) => replies.find((r) => r.channelData?.orderRef)?.channelData?.orderRef;

/** Signed in, «Ο Καπετάν Μιχάλης» in the basket, at «Να την καταχωρίσω;». */
async function atConfirmation(client: Client) {
  for (const text of ['1', '1001001', '1234', 'καπεταν μιχαλης', '1', 'ολοκλήρωση']) await client.send(text);
}

describe('LibraryBot: an activity sent again', () => {
  it('gets the same replies and runs once when it comes again after its answer (POST /api/messages)', async () => {
    const { app, sms, base } = await start();
    const client = new Client(base);
    await atConfirmation(client);
    const first = await client.send('ναι', 'confirm-1');
    expect(heard(first)).toMatch(/^Η παραγγελία σας καταχωρίστηκε με αριθμό \d{7}\./);
    const again = await client.send('ναι', 'confirm-1');
    expect(again).toEqual(first);
    expect(await app.db.order.count({ where: { channel: 'emulator' } })).toBe(1);
    expect(sms.sent).toHaveLength(1);
    // The conversation went on once: the next answer meets the slot question, not the confirmation.
    expect(heard(await client.send('4'))).toBe('Εντάξει. Η βιβλιοθήκη θα σας τηλεφωνήσει για να κανονίσετε μέρα και ώρα παραλαβής.\nΜπορώ να βοηθήσω σε κάτι άλλο;\n1. Κράτηση βιβλίου\n2. Νέες αφίξεις\n3. Οι παραγγελίες μου\n4. Βοήθεια');
  });

  it('writes one order when the same confirmation arrives twice at once, and both get its reference', async () => {
    const { app, sms, base } = await start();
    const client = new Client(base);
    await atConfirmation(client);
    const [a, b] = await Promise.all([client.send('ναι', 'confirm-2'), client.send('ναι', 'confirm-2')]);
    const order = await app.db.order.findFirstOrThrow({ where: { channel: 'emulator' } });
    expect([refOf(a), refOf(b)]).toEqual([order.ref, order.ref]);
    expect(await app.db.order.count({ where: { channel: 'emulator' } })).toBe(1);
    expect(sms.sent).toHaveLength(1);
    expect(heard(await client.send('4'))).toMatch(/^Εντάξει\. Η βιβλιοθήκη θα σας τηλεφωνήσει/);
  });

  it('counts a card number sent twice by the chat page once (POST /webchat/activities, same clientActivityID)', async () => {
    const { base } = await start();
    const chat = await WebChatClient.open(base);
    const post = (text: string, clientActivityID: string) => chat.send({ type: 'message', text, channelData: { clientActivityID } });
    await post('1', 'c-1');
    const first = await post('1001001', 'c-2');
    const again = await post('1001001', 'c-2');
    expect(again).toEqual(first);
    expect(heard(first.activities)).toBe('Ποιο είναι το PIN σας;');
    // Had the second one run, "1001001" would have been taken as the PIN.
    expect(heard((await post('1234', 'c-3')).activities)).toContain('Συνδεθήκατε.\nΜπορείτε να κρατήσετε ακόμη 10 βιβλία.');
  });

  it('answers a phone turn from the ledger when its stored TwiML was lost with a crashed process', async () => {
    const v = await startVoiceApp();
    running.push(v.app);
    const call = v.call('kalamaria');
    await call.start();
    for (const digits of ['1', '1001001', '1234']) await call.answer({ digits });
    await call.answer({ speech: 'Αναφορά στον Γκρέκο' });
    await call.answer({ digits: '1' });
    await call.answer({ digits: '2' });
    await call.answer({ speech: 'ναι' });
    const first = call.response;
    expect(await v.app.db.order.count({ where: { channel: 'voice' } })).toBe(1);
    // The process saved the conversation and died before storing the TwiML: the claim is left
    // unanswered and, after its 30 seconds, Twilio's retry is allowed to run the turn again.
    await v.app.db.voiceTurn.updateMany({ where: { callSid: call.callSid, twiml: { not: null } }, data: { twiml: null, updatedAt: new Date(Date.now() - 60_000) } });
    const retry = await call.repeat();
    expect(retry.status).toBe(200);
    expect(parseTwiml(retry.body)).toEqual(first);
    expect(await v.app.db.order.count({ where: { channel: 'voice' } })).toBe(1);
    expect(v.sms.sent).toHaveLength(1);
  });
});

describe('LibraryBot: input', () => {
  it(`reads no message longer than ${MAX_MESSAGE_LENGTH} characters and asks the same question again`, async () => {
    const { base } = await start();
    const client = new Client(base);
    await client.send('1');
    expect(heard(await client.send('1'.repeat(MAX_MESSAGE_LENGTH + 1)))).toBe(
      `Το μήνυμά σας είναι πολύ μεγάλο για να το διαβάσω. Γράψτε το πιο σύντομα, με το πολύ ${MAX_MESSAGE_LENGTH} χαρακτήρες.\nΓια κράτηση χρειάζεται σύνδεση. Ποιος είναι ο αριθμός της κάρτας μέλους σας;`);
    expect(heard(await client.send('1001001'))).toBe('Ποιο είναι το PIN σας;');
  });

  it('greets first when the very first message is too long, in the library\'s language', async () => {
    const { base } = await start();
    const replies = await new Client(base, 'ozd').send('a'.repeat(5000));
    expect(heard(replies)).toContain('Üdvözöljük az Ózdi Városi Könyvtárban!');
    expect(heard(replies)).toContain(`Ez az üzenet túl hosszú, nem tudom feldolgozni. Kérem, írja meg röviden, legfeljebb ${MAX_MESSAGE_LENGTH} karakterben.\nMiben segíthetek?`);
  });

  it('takes a card number with control characters and line breaks around it', async () => {
    const { base } = await start();
    const client = new Client(base);
    await client.send('1');
    expect(heard(await client.send('\u0000 1001001\r\n\u202E'))).toBe('Ποιο είναι το PIN σας;');
  });
});
