import { afterEach, describe, expect, it } from 'vitest';
import { findAll, parseTwiml, type TwilioCall } from '../../../src/tools/twilio-call';
import { AUTH_TOKEN, PUBLIC_BASE, startVoiceApp, type VoiceApp } from './voice-call-support';

const running: VoiceApp[] = [];
afterEach(async () => { for (const v of running.splice(0)) await v.app.close(); });
async function start(...args: Parameters<typeof startVoiceApp>) {
  const v = await startVoiceApp(...args);
  running.push(v);
  return v;
}

/** The <Gather>'s attributes, with the action URL split into path and query. */
function gatherOf(c: TwilioCall) {
  const g = c.gather;
  if (!g) throw new Error(`no <Gather> in:\n${c.heard}`);
  const action = new URL(g.attrs.action ?? '');
  return { ...g.attrs, action: g.attrs.action ?? '', path: `${action.origin}${action.pathname}`, query: Object.fromEntries(action.searchParams) };
}

const says = (c: TwilioCall) => (c.response ? findAll(c.response, 'Say') : []);

describe('POST /api/voice/:library — a reservation by phone', () => {
  it('takes a Greek caller from the greeting to a written order, keypad for card and PIN, speech elsewhere', async () => {
    const { app, call, sms } = await start();
    const c = call('kalamaria');

    await c.start();
    // «Magyarul» in the Hungarian voice; at most three options read on the first ask.
    expect(c.heard).toBe([
      'Δημοτικές Βιβλιοθήκες Καλαμαριάς, καλώς ήρθατε. Για ουγγρικά, πείτε',
      'Magyarul.',
      'Πώς μπορώ να βοηθήσω;',
      'Κράτηση βιβλίου: 1. Νέες αφίξεις: 2. Οι παραγγελίες μου: 3.',
    ].join('\n'));
    expect(says(c).map((say) => say.attrs)).toEqual([
      { language: 'el-GR', voice: 'Google.el-GR-Wavenet-A' }, { language: 'hu-HU', voice: 'Google.hu-HU-Wavenet-A' },
      { language: 'el-GR', voice: 'Google.el-GR-Wavenet-A' }, { language: 'el-GR', voice: 'Google.el-GR-Wavenet-A' },
    ]);
    expect(gatherOf(c)).toMatchObject({
      input: 'speech dtmf', language: 'el-GR', numDigits: '1', speechTimeout: 'auto', actionOnEmptyResult: 'true', method: 'POST',
      hints: 'Κράτηση βιβλίου, Νέες αφίξεις, Οι παραγγελίες μου, Βοήθεια',
      path: `${PUBLIC_BASE}/api/voice/kalamaria`, query: { turn: '1', misses: '0', slot: 'choice', lang: 'el' },
    });
    expect(gatherOf(c)).not.toHaveProperty('speechModel');

    await c.answer({ digits: '1' });
    // The caller has just chosen the task: the card question alone, without the screen's «Για κράτηση χρειάζεται σύνδεση».
    expect(c.heard).toBe('Πληκτρολογήστε τον αριθμό της κάρτας σας και μετά τη δίεση.');
    expect(gatherOf(c)).toMatchObject({ input: 'dtmf', finishOnKey: '#', query: { turn: '2', slot: 'cardNumber' } });
    expect(gatherOf(c)).not.toHaveProperty('hints');

    await c.answer({ digits: '1001001' });
    expect(c.heard).toBe('Τώρα το PIN σας και τη δίεση.');
    expect(gatherOf(c)).toMatchObject({ input: 'dtmf', finishOnKey: '#', query: { turn: '3', slot: 'pin' } });

    const afterPin = await c.post(gatherOf(c).action, { Digits: '1234' });
    expect(afterPin.body).not.toContain('1234');
    c.response = parseTwiml(afterPin.body);
    // Ten holds left is a detail for the screen; only the last one is said (reserve-dialog).
    expect(c.heard).toBe('Συνδεθήκατε.\nΠοιο βιβλίο ψάχνετε;');
    expect(gatherOf(c)).toMatchObject({ input: 'speech dtmf', language: 'el-GR', query: { turn: '4', slot: 'query' } });

    await c.answer({ speech: 'Καπετάν Μιχάλης' });
    expect(c.heard).toBe([
      // For the ear: no year, no branch list (the branch is said with the appointment).
      'Βρήκα έναν τίτλο: 1. «Ο Καπετάν Μιχάλης», Νίκος Καζαντζάκης. Διαθέσιμο. Ποιο θέλετε;',
      // The title was read with its number: only the option not yet said gets its key read.
      'Νέα αναζήτηση: 2.',
    ].join('\n'));
    expect(gatherOf(c)).toMatchObject({ input: 'speech dtmf', hints: 'Ο Καπετάν Μιχάλης, Νέα αναζήτηση', query: { slot: 'choice' } });

    await c.answer({ digits: '1' });
    // The keys are in the question's own words, not read again after it.
    expect(c.heard).toBe('Το πρόσθεσα στην παραγγελία.\nΆλλο βιβλίο: 1. Ολοκλήρωση: 2.');
    await c.answer({ digits: '2' });
    // One book needs no summary read back; a yes/no question gets no key list on the first ask.
    expect(c.heard).toBe('Παραλαβή μόνο με ραντεβού. Να καταχωρίσω την παραγγελία;');
    expect(gatherOf(c)).toMatchObject({ input: 'speech dtmf', hints: 'Ναι, Όχι', query: { slot: 'confirm' } });
    expect(await app.db.order.count({ where: { channel: 'voice' } })).toBe(0);

    await c.answer({ speech: 'ναι' });
    const order = await app.db.order.findFirstOrThrow({ where: { channel: 'voice' }, include: { holds: { include: { record: true } }, patron: true } });
    expect(order).toMatchObject({ channel: 'voice', language: 'el', libraryId: 'kalamaria', status: 'new' });
    expect(order.patron.cardNumber).toBe('1001001');
    expect(order.holds.map((h) => [h.record.title, h.branchId])).toEqual([['Ο Καπετάν Μιχάλης', 'kal-central']]);
    // The reference digit by digit, so the caller can write it down.
    expect(c.heard).toContain(`Η παραγγελία σας καταχωρίστηκε με αριθμό ${order.ref.split('').join(' ')}.`);
    expect(sms.sent).toEqual([{ to: '+306900000001', body: `Παραγγελία ${order.ref}: παραλαβή μόνο με ραντεβού.` }]);
  });

  it('says goodbye and hangs up when the caller needs nothing else', async () => {
    const { call } = await start();
    const c = call('kalamaria');
    await c.start();
    await c.answer({ digits: '4' });
    // «Κάτι άλλο;» without the menu again: the caller heard it at the start.
    expect(c.heard).toMatch(/Κάτι άλλο;$/);
    expect(c.heard).not.toContain('Κράτηση βιβλίου: 1.');
    await c.answer({ speech: 'όχι ευχαριστώ' });
    expect(c.heard).toBe('Ευχαριστούμε, καλή σας μέρα!');
    expect(c.response?.children.map((n) => n.name)).toEqual(['Say', 'Hangup']);
  });

  it('takes a Hungarian caller to a written order at Ózd, in Hungarian with the Hungarian voice', async () => {
    const { app, call, sms } = await start();
    const c = call('ozd', '+36300000001');
    await c.start();
    expect(c.heard).toContain('Ózdi Városi Könyvtár, üdvözöljük.');
    expect(c.heard).toContain('Könyv foglalása: egyes. Újdonságok: kettes. Rendeléseim: hármas.');
    // «Ελληνικά» is said by the Greek voice, everything else by the Hungarian.
    for (const say of says(c)) expect(say.attrs).toEqual(say.text === 'Ελληνικά.' ? { language: 'el-GR', voice: 'Google.el-GR-Wavenet-A' } : { language: 'hu-HU', voice: 'Google.hu-HU-Wavenet-A' });
    expect(says(c).filter((say) => say.attrs.language === 'el-GR').map((say) => say.text)).toEqual(['Ελληνικά.']);
    expect(gatherOf(c)).toMatchObject({ input: 'speech dtmf', language: 'hu-HU', query: { lang: 'hu', slot: 'choice' } });

    await c.answer({ speech: 'könyvet szeretnék foglalni' });
    expect(c.heard).toBe('Üsse be az olvasójegye számát, majd a kettőskeresztet.');
    expect(gatherOf(c)).toMatchObject({ input: 'dtmf', finishOnKey: '#', language: 'hu-HU', query: { slot: 'cardNumber' } });
    await c.answer({ digits: '2002001' });
    expect(gatherOf(c)).toMatchObject({ input: 'dtmf', finishOnKey: '#', query: { slot: 'pin' } });
    await c.answer({ digits: '4321' });
    expect(c.heard).toContain('Melyik könyvet keresi?');
    expect(gatherOf(c)).toMatchObject({ input: 'speech dtmf', language: 'hu-HU', query: { slot: 'query' } });

    await c.answer({ speech: 'egri csillagok' });
    expect(c.heard).toContain('Új keresés: kettes.');
    await c.answer({ speech: 'az elsőt' });
    expect(c.heard).toBe('Betettem a rendelésébe.\nMásik könyv: egyes. Véglegesítés: kettes.');
    await c.answer({ digits: '2' });
    expect(gatherOf(c)).toMatchObject({ hints: 'Igen, Nem', query: { slot: 'confirm' } });
    await c.answer({ speech: 'igen' });

    const order = await app.db.order.findFirstOrThrow({ where: { channel: 'voice' }, include: { holds: { include: { record: true } } } });
    expect(order).toMatchObject({ channel: 'voice', language: 'hu', libraryId: 'ozd' });
    expect(order.holds.map((h) => h.record.title)).toEqual(['Egri csillagok']);
    expect(c.heard).toContain(order.ref.split('').join(' '));
    expect(sms.sent).toEqual([{ to: '+36300000001', body: `Rendelés: ${order.ref}. Átvétel csak előre egyeztetett időpontban.` }]);
  });
});

describe('POST /api/voice/:library — an interlibrary-loan request by phone', () => {
  it('reads the Ózd terms aloud, takes the acceptance by voice and files the request', async () => {
    const { app, call } = await start();
    const c = call('ozd', '+36300000001');
    await c.start();
    await c.answer({ digits: '4' });
    expect(c.heard).toBe('Üsse be az olvasójegye számát, majd a kettőskeresztet.');
    expect(gatherOf(c)).toMatchObject({ input: 'dtmf', finishOnKey: '#', query: { slot: 'cardNumber' } });
    await c.answer({ digits: '2002001' });
    await c.answer({ digits: '4321' });
    expect(c.heard).toContain('Könyvet kér, vagy folyóiratcikket?');
    expect(c.heard).toContain('Könyv: egyes.');
    await c.answer({ digits: '1' });
    expect(c.heard).toContain('Mi a könyv címe?');
    expect(gatherOf(c)).toMatchObject({ input: 'speech dtmf', language: 'hu-HU' });
    await c.answer({ speech: 'Utas és holdvilág' });
    for (const unknown of ['nem tudom', 'nem tudom', 'nem tudom', 'nincs']) await c.answer({ speech: unknown });
    expect(c.heard).toContain('Milyen formában kéri?');
    await c.answer({ speech: 'eredetiben' });
    // The terms are the point of this step: every one of them must be said, not only shown.
    for (const term of ['Eredeti dokumentum: a küldése ingyenes', '7 napig őrizzük', '200 forint késedelmi díjat', 'felelősségvállalási nyilatkozat'])
      expect(c.heard.replace(/\u00a0/g, ' ')).toContain(term);
    expect(gatherOf(c)).toMatchObject({ query: { slot: 'confirm' } });
    await c.answer({ speech: 'igen, elfogadom' });
    expect(c.heard).toContain('Elküldhetem a kérést?');
    const mine = { title: 'Utas és holdvilág' };
    expect(await app.db.illRequest.count({ where: mine })).toBe(0);
    await c.answer({ digits: '1' });
    const row = await app.db.illRequest.findFirstOrThrow({ where: mine, include: { acceptances: true, patron: true } });
    expect(row).toMatchObject({ title: 'Utas és holdvilág', form: 'original', status: 'submitted', language: 'hu', channel: 'voice' });
    expect(row.patron.cardNumber).toBe('2002001');
    expect(row.acceptances).toHaveLength(1);
    expect(c.heard).toContain(row.ref.split('').join(' '));
  });
});

describe('POST /api/voice/:library — silence, keys and staff', () => {
  it('reprompts shortly, then offers the keypad menu, then puts the caller through to the library', async () => {
    const { call } = await start({}, { TWILIO_TRANSFER_NUMBER_KALAMARIA: '+30 2310 000 100' });
    const c = call('kalamaria');
    await c.start();

    await c.silence();
    expect(c.heard).toBe('Δεν σας άκουσα.\nΔεν το κατάλαβα. Πείτε τον αριθμό μιας επιλογής ή τον τίτλο του βιβλίου.');
    expect(gatherOf(c)).toMatchObject({ input: 'speech dtmf', query: { turn: '2', misses: '1', slot: 'choice' } });

    await c.silence();
    expect(c.heard).toBe([
      'Δεν σας άκουσα.',
      'Δεν το κατάλαβα. Πείτε τον αριθμό μιας επιλογής ή τον τίτλο του βιβλίου.',
      'Μπορείτε να απαντήσετε και με το πληκτρολόγιο του τηλεφώνου.',
      // The keypad step reads every option, not only the first three.
      'Κράτηση βιβλίου: 1. Νέες αφίξεις: 2. Οι παραγγελίες μου: 3. Βοήθεια: 4.',
      'Για να μιλήσετε με υπάλληλο, πατήστε 0.',
    ].join('\n'));
    expect(gatherOf(c)).toMatchObject({ query: { turn: '3', misses: '2' } });

    await c.silence();
    expect(c.heard).toBe('Σας συνδέω με υπάλληλο της βιβλιοθήκης. Παρακαλώ μείνετε στη γραμμή.\nΔυστυχώς δεν μπόρεσε να απαντήσει κανείς. Τηλεφωνήστε μας ξανά αργότερα. Ευχαριστούμε!');
    expect(c.response?.children.map((n) => n.name)).toEqual(['Say', 'Dial', 'Say', 'Hangup']);
    expect(c.dialled).toBe('+302310000100');
  });

  it('counts answers it did not understand like silence: retry, keypad menu, then staff', async () => {
    const { call, app } = await start();
    const c = call('kalamaria');
    await c.start();
    for (const digits of ['1', '1001001', '1234']) await c.answer({ digits });
    await c.answer({ speech: 'καπετάν μιχάλης' });
    await c.answer({ digits: '1' });
    await c.answer({ digits: '2' });
    expect(gatherOf(c).query).toMatchObject({ slot: 'confirm', misses: '0' });

    await c.answer({ speech: 'πορτοκαλί ουρανός' });
    expect(c.heard).toBe('Απαντήστε «ναι» για να καταχωρίσω την παραγγελία ή «όχι» για να μην την καταχωρίσω.');
    expect(gatherOf(c).query).toMatchObject({ slot: 'confirm', misses: '1' });
    await c.answer({ speech: 'πορτοκαλί ουρανός' });
    expect(c.heard).toBe([
      'Απαντήστε «ναι» για να καταχωρίσω την παραγγελία ή «όχι» για να μην την καταχωρίσω.',
      'Μπορείτε να απαντήσετε και με το πληκτρολόγιο του τηλεφώνου.',
      'Ναι: 1. Όχι: 2.',
      'Για να μιλήσετε με υπάλληλο, πατήστε 0.',
    ].join('\n'));
    await c.answer({ speech: 'πορτοκαλί ουρανός' });
    expect(c.dialled).toBe('2310000100');
    expect(await app.db.order.count({ where: { channel: 'voice' } })).toBe(0);
  });

  it('puts the caller through when 0 is pressed, even at the PIN prompt', async () => {
    const { call, app } = await start();
    const c = call('kalamaria');
    await c.start();
    await c.answer({ digits: '1' });
    await c.answer({ digits: '1001001' });
    await c.answer({ digits: '0' });
    expect(c.dialled).toBe('2310000100');
    expect(await app.db.signInAttempt.count({ where: { source: 'card:1001001' } })).toBe(0);
  });

  it('puts the caller through on "θέλω να μιλήσω με υπάλληλο"', async () => {
    const { call } = await start();
    const c = call('kalamaria');
    await c.start();
    await c.answer({ speech: 'θέλω να μιλήσω με υπάλληλο' });
    expect(c.heard).toBe('Σας συνδέω με υπάλληλο της βιβλιοθήκης. Παρακαλώ μείνετε στη γραμμή.\nΔυστυχώς δεν μπόρεσε να απαντήσει κανείς. Τηλεφωνήστε μας ξανά αργότερα. Ευχαριστούμε!');
    expect(c.dialled).toBe('2310000100');
  });

  it('says the phone hours when the library is closed and records a call back on "1"', async () => {
    const { call, app } = await start();
    const c = call('ozd', '+36301234567');
    await c.start();
    await c.answer({ speech: 'könyvtárost kérek' });
    expect(c.heard).toBe([
      'Ebben az időpontban nincs munkatárs a telefonnál. A könyvtár telefonon keddtől péntekig 10:00 és 18:00 között, szombaton 9:00 és 13:00 között érhető el.',
      'Szeretné, hogy nyitás után visszahívjuk azon a számon, amelyről most telefonál? Ha igen, nyomja meg az 1-es gombot, ha nem, a 2-es gombot.',
    ].join('\n'));
    expect(c.dialled).toBeUndefined();
    expect(gatherOf(c)).toMatchObject({ input: 'dtmf speech', numDigits: '1', language: 'hu-HU', query: { callback: '1', lang: 'hu' } });

    await c.answer({ digits: '1' });
    expect(c.heard).toBe('Feljegyeztük. Nyitás után visszahívjuk. További szép napot kívánunk!');
    expect(c.hungUp).toBe(true);
    expect(await app.db.callbackRequest.findMany({ select: { libraryId: true, phone: true, language: true, callSid: true } }))
      .toEqual([{ libraryId: 'ozd', phone: '+36301234567', language: 'hu', callSid: c.callSid }]);
  });

  it('does not offer a call back to a withheld number', async () => {
    const { call, app } = await start();
    const c = call('ozd', '+266696687');
    await c.start();
    await c.answer({ digits: '0' });
    expect(c.heard).toContain('A könyvtár telefonon keddtől péntekig');
    expect(c.heard).toContain('Köszönjük a hívását, viszonthallásra!');
    expect(c.hungUp).toBe(true);
    expect(await app.db.callbackRequest.count()).toBe(0);
  });
});

describe('POST /api/voice/:library — security and retries', () => {
  async function snapshot(v: VoiceApp) {
    const { db } = v.app;
    return { state: await db.botState.count(), turns: await db.voiceTurn.count(), orders: await db.order.count(), callbacks: await db.callbackRequest.count() };
  }

  it('refuses unsigned, forged and re-addressed webhooks with 403 and changes nothing', async () => {
    const v = await start();
    const c = v.call('kalamaria');
    const url = `${PUBLIC_BASE}/api/voice/kalamaria`;
    const before = await snapshot(v);
    expect((await c.post(url, {}, null)).status).toBe(403);
    expect((await c.post(url, {}, 'bm90IGEgc2lnbmF0dXJl')).status).toBe(403);
    // Signed by someone who does not have our token.
    const other = (await import('twilio')).default.getExpectedTwilioSignature('another-token', url, c.fields({}));
    expect((await c.post(url, {}, other)).status).toBe(403);
    expect(await snapshot(v)).toEqual(before);

    await c.start();
    const started = await snapshot(v);
    // A valid signature for turn 1 does not cover a URL whose query was changed to turn 7.
    const action = gatherOf(c).action;
    const signed = (await import('twilio')).default.getExpectedTwilioSignature(AUTH_TOKEN, action, c.fields({ Digits: '1' }));
    expect((await c.post(action.replace('turn=1', 'turn=7'), { Digits: '1' }, signed)).status).toBe(403);
    // Nor different form fields.
    expect((await c.post(action, { Digits: '2' }, signed)).status).toBe(403);
    expect(await snapshot(v)).toEqual(started);
  });

  it('answers a repeated webhook with the same TwiML and never places the order twice', async () => {
    const v = await start();
    const c = v.call('kalamaria');
    await c.start();
    for (const digits of ['1', '1001001', '1234']) await c.answer({ digits });
    await c.answer({ speech: 'ζορμπά' });
    await c.answer({ digits: '1' });
    await c.answer({ digits: '1' });
    await c.answer({ digits: '2' });
    await c.answer({ digits: '1' });
    const first = c.response;
    expect(await v.app.db.order.count({ where: { channel: 'voice' } })).toBe(1);

    const again = await c.repeat();
    expect(again.status).toBe(200);
    expect(parseTwiml(again.body)).toEqual(first);
    const [a, b] = await Promise.all([c.repeat(), c.repeat()]);
    expect([parseTwiml(a.body), parseTwiml(b.body)]).toEqual([first, first]);
    expect(await v.app.db.order.count({ where: { channel: 'voice' } })).toBe(1);
    expect(v.sms.sent).toHaveLength(1);
  });

  it('runs two identical webhooks arriving together as one turn', async () => {
    const v = await start();
    const c = v.call('kalamaria');
    await c.start();
    await c.answer({ digits: '1' });
    await c.answer({ digits: '1001001' });
    const action = gatherOf(c).action;
    // Two wrong PINs at once must count once: the second request is the same webhook.
    const [a, b] = await Promise.all([c.post(action, { Digits: '9999' }), c.post(action, { Digits: '9999' })]);
    expect(a.status).toBe(200);
    expect(parseTwiml(b.body)).toEqual(parseTwiml(a.body));
    expect(await v.app.db.signInAttempt.count({ where: { source: 'card:1001001', pending: false } })).toBe(1);
    expect(await v.app.db.voiceTurn.count({ where: { callSid: c.callSid } })).toBe(4);
  });

  it('escapes patron words containing <, & and quotes in the TwiML', async () => {
    const v = await start();
    const c = v.call('kalamaria');
    await c.start();
    for (const digits of ['1', '1001001', '1234']) await c.answer({ digits });
    const words = `Tom & Jerry <b>"τα πάντα"</b> 'ok'`;
    const { body } = await c.post(gatherOf(c).action, { SpeechResult: words });
    expect(body).not.toContain(words);
    expect(body).toContain('Tom &amp; Jerry &lt;b&gt;');
    c.response = parseTwiml(body);
    // The Latin-script words go to the Hungarian voice, the Greek ones stay Greek: each <Say> unescaped intact.
    expect(c.heard.split('\n').slice(0, 4)).toEqual(['Δεν βρήκα τίποτα για', 'Tom & Jerry <b>', 'τα πάντα"</', `b> 'ok'.`]);
    expect(says(c).map((say) => say.attrs.language).slice(0, 4)).toEqual(['el-GR', 'hu-HU', 'el-GR', 'hu-HU']);
  });

  it('keeps the voice routes off without TWILIO_AUTH_TOKEN', async () => {
    const v = await start({}, { TWILIO_AUTH_TOKEN: '' });
    const response = await fetch(`${v.server}/api/voice/kalamaria`, { method: 'POST', body: 'CallSid=CA1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(404);
    expect(await v.app.db.botState.count()).toBe(0);
  });

  it('accepts unsigned webhooks only with VOICE_DEV_INSECURE=1 and no token', async () => {
    const v = await start({}, { TWILIO_AUTH_TOKEN: '', VOICE_DEV_INSECURE: '1' });
    const c = v.call('kalamaria');
    const { status, body } = await c.post(`${PUBLIC_BASE}/api/voice/kalamaria`, {}, null);
    expect(status).toBe(200);
    expect(findAll(parseTwiml(body), 'Gather')).toHaveLength(1);
  });

  it('answers 404 for a library it does not serve', async () => {
    const v = await start();
    const c = v.call('atlantis');
    expect((await c.post(`${PUBLIC_BASE}/api/voice/atlantis`, {})).status).toBe(404);
  });
});
