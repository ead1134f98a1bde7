import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { dialable } from '../src/channels/twilio-voice/voice-config';
import { tFor } from '../src/i18n/init';
import { findAll, parseTwiml, TwilioCall, type TwimlNode } from '../src/tools/twilio-call';
import { AUTH_TOKEN, PUBLIC_BASE, startVoiceApp, type VoiceApp } from './channels/twilio-voice/voice-call-support';
import { staffLogin, type StaffClient } from './staff/staff-support';
import { anyJson, businessSnapshot, FUZZ_RUNS, FUZZ_SEED, FuzzTally, nastyText } from './support/fuzz';
import type { Reply } from './support/conversation';

// Bad input (issue 8): generated bodies, content types, activity fields, patron answers at every
// prompt, Twilio parameters (signed and not) and staff API calls. Every one must get a 4xx or a
// polite answer in the conversation's language — never a 5xx, never the "technical problem"
// apology (a turn that threw) — and none may change an order, a hold, an ILL request or any
// other business row. FUZZ_RUNS sets the inputs per route (`npm run soak` runs thousands).
const RUNS = FUZZ_RUNS;
/** Each prompt is its own small route: the budget is shared out so `npm test` stays short. */
const PROMPT_RUNS = Math.max(10, Math.round(RUNS / 5));
/** Generous: a turn takes tens of milliseconds on a loaded two-core machine. */
const TIMEOUT = 120_000 + RUNS * 200;

let voice: VoiceApp;
let base: string;
const tally = new FuzzTally();
const apologies = [tFor('el')('technical_problem'), tFor('hu')('technical_problem')];

beforeAll(async () => { voice = await startVoiceApp(); base = voice.server; }, 60_000);
afterAll(async () => {
  process.stdout.write(`${tally.report()}\nFUZZ total inputs=${tally.total}\n`);
  await voice?.app.close();
});

let before: string;
beforeEach(async () => { before = await businessSnapshot(voice.app.db); });
afterEach(async () => {
  expect(await businessSnapshot(voice.app.db)).toBe(before);
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
});

const runs = (numRuns: number) => ({ numRuns, endOnFailure: true, ...(FUZZ_SEED === undefined ? {} : { seed: FUZZ_SEED }) });
/** encodeURIComponent, which throws on half a surrogate pair (it becomes U+FFFD, as a browser sends it). */
const encode = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

async function post(path: string, body: string | Uint8Array, headers: Record<string, string>) {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Blob([Buffer.from(body)]) });
  return { status: response.status, text: await response.text() };
}

/** A turn that threw ends with the apology: that is a crash the patron hears, as bad as a 500. */
function assertNoApology(text: string) {
  let replies: Reply[] = [];
  try { replies = (JSON.parse(text) as { activities?: Reply[] }).activities ?? []; } catch { return; }
  for (const reply of replies) expect(apologies).not.toContain(reply.text);
}

const activityKeys = ['type', 'id', 'text', 'locale', 'channelId', 'serviceUrl', 'deliveryMode', 'conversation', 'from', 'recipient', 'membersAdded', 'channelData', 'value', 'attachments'] as const;

function validActivity(text: string, conversation = `fuzz-${randomUUID()}`): Record<string, unknown> {
  return {
    type: 'message', id: randomUUID(), text, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/none', deliveryMode: 'expectReplies',
    conversation: { id: conversation }, from: { id: `${conversation}-u`, role: 'user' }, recipient: { id: 'bot', role: 'bot' }, channelData: { library: 'kalamaria' },
  };
}

const contentTypes = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz', 'application/octet-stream', 'application/json; charset=utf-16', 'image/png', '',
);

/** An activity with some fields replaced by values of any type, or removed. */
const mutatedActivity = fc.tuple(nastyText, fc.array(fc.tuple(fc.constantFrom(...activityKeys), fc.option(anyJson, { nil: undefined })), { maxLength: 4 }))
  .map(([text, changes]) => {
    const activity = validActivity(text);
    for (const [key, value] of changes) {
      if (value === undefined) delete activity[key];
      else activity[key] = value;
    }
    return JSON.stringify(activity);
  });

const bodies = fc.oneof(
  { weight: 4, arbitrary: mutatedActivity },
  { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? '') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 64 * 1024, max: 300 * 1024 }).map((n) => JSON.stringify(validActivity('x'.repeat(n)))) },
);

describe('POST /api/messages', () => {
  it('answers any body, content type and activity field with a 4xx or a reply, never a 5xx or an apology', async () => {
    await fc.assert(fc.asyncProperty(contentTypes, bodies, async (contentType, body) => {
      tally.add('POST /api/messages (bodies)');
      const response = await post('/api/messages', body, contentType ? { 'content-type': contentType } : {});
      expect(response.status).toBeLessThan(500);
      if (response.status === 200) assertNoApology(response.text);
    }), runs(RUNS));
  }, TIMEOUT);
});

/**
 * Conversation states at a prompt, made once by a real conversation and copied under a new
 * conversation id for every generated answer: each input meets the prompt afresh.
 */
interface PromptState { name: string; library: string; data: string }
const PROMPTS: Array<{ name: string; library: 'kalamaria' | 'ozd'; said: string[] }> = [
  { name: 'menu', library: 'kalamaria', said: ['γεια σας'] },
  { name: 'card number', library: 'kalamaria', said: ['1'] },
  { name: 'search query', library: 'kalamaria', said: ['1', '1001001', '1234'] },
  { name: 'search results', library: 'kalamaria', said: ['1', '1001001', '1234', 'ζορμπα'] },
  { name: 'ILL kind', library: 'ozd', said: ['4', '2002001', '4321'] },
  { name: 'ILL title', library: 'ozd', said: ['4', '2002001', '4321', 'könyv'] },
  { name: 'ILL author', library: 'ozd', said: ['4', '2002001', '4321', 'könyv', 'Abigél'] },
  { name: 'ILL year', library: 'ozd', said: ['4', '2002001', '4321', 'könyv', 'Abigél', 'Szabó Magda'] },
  { name: 'ILL ISBN', library: 'ozd', said: ['4', '2002001', '4321', 'könyv', 'Abigél', 'Szabó Magda', '1970'] },
  { name: 'ILL not needed after', library: 'ozd', said: ['4', '2002001', '4321', 'könyv', 'Abigél', 'Szabó Magda', '1970', 'nem tudom'] },
  { name: 'ILL form', library: 'ozd', said: ['4', '2002001', '4321', 'könyv', 'Abigél', 'Szabó Magda', '1970', 'nem tudom', 'nincs'] },
  { name: 'ILL most you pay', library: 'ozd', said: ['4', '2002001', '4321', 'könyv', 'Abigél', 'Szabó Magda', '1970', 'nem tudom', 'nincs', 'másolat'] },
  { name: 'ILL journal', library: 'ozd', said: ['4', '2002001', '4321', 'folyóiratcikk', 'Egy cikk', 'Tóth Péter'] },
  { name: 'ILL volume/issue', library: 'ozd', said: ['4', '2002001', '4321', 'folyóiratcikk', 'Egy cikk', 'Tóth Péter', 'Századok', '1978'] },
  { name: 'ILL pages', library: 'ozd', said: ['4', '2002001', '4321', 'folyóiratcikk', 'Egy cikk', 'Tóth Péter', 'Századok', '1978', 'nem tudom'] },
];

/** The server's body limit (src/server.ts): past it the answer is 413, before any turn runs. */
const MAX_BODY = 64 * 1024;
const tooLarge = (body: string) => Buffer.byteLength(body) > MAX_BODY;

async function say(conversation: string, text: string, library: string): Promise<{ status: number; replies: Reply[]; text: string; tooLarge: boolean }> {
  const body = JSON.stringify({ ...validActivity(text, conversation), channelData: { library } });
  const response = await post('/api/messages', body, { 'content-type': 'application/json' });
  const replies = response.status === 200 ? ((JSON.parse(response.text) as { activities: Reply[] }).activities ?? []) : [];
  return { ...response, replies, tooLarge: tooLarge(body) };
}

async function promptStates(): Promise<PromptState[]> {
  const states: PromptState[] = [];
  for (const prompt of PROMPTS) {
    const conversation = `fuzz-setup-${randomUUID()}`;
    for (const text of prompt.said) expect((await say(conversation, text, prompt.library)).status).toBe(200);
    const row = await voice.app.db.botState.findUniqueOrThrow({ where: { id: `emulator/conversations/${conversation}/` } });
    // A sign-in belongs to its user, whose id names the conversation: the copies below get their own.
    states.push({ name: prompt.name, library: prompt.library, data: row.data.replaceAll(conversation, '{{conversation}}') });
  }
  return states;
}

describe('every prompt of the chat', () => {
  it('re-asks politely, in the conversation\'s language, whatever the answer, and writes nothing', async () => {
    // The setup's own conversations write nothing either: no prompt here is a final yes.
    for (const state of await promptStates()) {
      await fc.assert(fc.asyncProperty(nastyText, async (text) => {
        tally.add(`POST /api/messages (${state.name})`);
        const conversation = `fuzz-${randomUUID()}`;
        await voice.app.db.botState.create({ data: { id: `emulator/conversations/${conversation}/`, data: state.data.replaceAll('{{conversation}}', conversation), etag: randomUUID() } });
        const turn = await say(conversation, text, state.library);
        expect(turn.status).toBe(turn.tooLarge ? 413 : 200);
        if (turn.tooLarge) return;
        for (const reply of turn.replies) {
          expect(apologies).not.toContain(reply.text);
          // Nothing typed comes back with its control characters or direction overrides.
          expect(reply.text ?? '').not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E]/);
        }
        expect(turn.replies.at(-1), `${state.name}: ${turn.replies.map((r) => r.text).join(' | ')}`).toMatchObject({ inputHint: 'expectingInput' });
      }), runs(PROMPT_RUNS));
    }
  }, TIMEOUT);
});

/** Conversations the server issued, so most bodies get past the token and reach the turn. */
const issued: Array<{ conversationId: string; token: string }> = [];
const webChatIds = fc.oneof(fc.integer({ min: 0, max: 3 }).map((i) => issued[i]!.conversationId), fc.uuid().map((u) => `webchat-${u}`), nastyText, anyJson);
const webChatTokens = fc.oneof(
  { weight: 3, arbitrary: fc.constant('issued') },
  // As a header carries them: a NUL or a newline is refused by fetch itself, before the server sees it.
  { weight: 1, arbitrary: fc.oneof(fc.constant(''), nastyText.map(encode), fc.base64String({ maxLength: 64 })) },
);
const webChatBodies = fc.oneof(
  { weight: 4, arbitrary: fc.record({
    conversationId: webChatIds,
    library: fc.oneof(fc.constantFrom('kalamaria', 'ozd'), anyJson),
    activity: fc.oneof(anyJson, fc.record({
      type: fc.oneof(fc.constantFrom('message', 'conversationUpdate', 'typing', 'event'), anyJson),
      text: fc.oneof(nastyText, anyJson),
      locale: fc.oneof(fc.constantFrom('el', 'hu', 'en-US', 'el-GR', 'hu-HU'), nastyText, anyJson),
      id: fc.oneof(fc.uuid(), anyJson),
      channelData: fc.oneof(anyJson, fc.record({ clientActivityID: fc.oneof(fc.uuid(), nastyText, anyJson) })),
    }, { requiredKeys: [] })),
  }, { requiredKeys: [] }).map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? '') },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
);

describe('POST /webchat/activities', () => {
  beforeAll(async () => {
    for (const library of ['kalamaria', 'ozd', 'kalamaria', 'ozd']) {
      const response = await fetch(`${base}/webchat/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ library }) });
      issued.push((await response.json()) as { conversationId: string; token: string });
    }
  });

  it('answers any body with a 4xx or a reply, never a 5xx or an apology', async () => {
    await fc.assert(fc.asyncProperty(contentTypes, webChatBodies, webChatTokens, async (contentType, body, tokenKind) => {
      tally.add('POST /webchat/activities');
      // The token of the conversation the body names, when it names an issued one; else whatever was drawn.
      const named = typeof body === 'string' ? issued.find((c) => body.includes(c.conversationId)) : undefined;
      const token = tokenKind === 'issued' ? named?.token ?? issued[0]!.token : tokenKind;
      const headers: Record<string, string> = { ...(contentType ? { 'content-type': contentType } : {}), authorization: `Bearer ${token}` };
      const response = await post('/webchat/activities', body, headers);
      expect(response.status).toBeLessThan(500);
      if (response.status === 200) assertNoApology(response.text);
    }), runs(RUNS));
  }, TIMEOUT);
});

/** Path and query pieces as an attacker writes them: double-encoded, half-encoded, traversals. */
const pathPieces = fc.oneof(
  fc.constantFrom('%25zz', '%zz', '%', '%E0%A4%A', '%2F..%2F', '..', '%00', '%C0%AF', 'webchat-%25zz-0123456789'),
  fc.uuid().map((u) => `webchat-${u}`),
  nastyText.map(encode),
);

describe('the web chat connector and outbox', () => {
  it('answers any connector path with a 4xx, never a 5xx, and stores nothing', async () => {
    await fc.assert(fc.asyncProperty(pathPieces, pathPieces, fc.boolean(), async (key, conversation, reply) => {
      tally.add('POST /webchat/connector/…');
      const path = `/webchat/connector/${key}/v3/conversations/${conversation}/activities${reply ? '/x1' : ''}`;
      const response = await post(path, JSON.stringify({ type: 'message', text: 'fuzz' }), { 'content-type': 'application/json' });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }), runs(PROMPT_RUNS));
    expect(await voice.app.db.webChatOutbox.count({ where: { activity: { contains: 'fuzz' } } })).toBe(0);
  }, TIMEOUT);

  it('answers any outbox query with a 4xx unless it holds the conversation token', async () => {
    await fc.assert(fc.asyncProperty(pathPieces, fc.oneof(pathPieces, fc.integer().map(String)), async (conversation, after) => {
      tally.add('GET /webchat/outbox');
      const response = await fetch(`${base}/webchat/outbox?conversationId=${conversation}&after=${after}`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }), runs(PROMPT_RUNS));
  }, TIMEOUT);
});

// ---- phone -------------------------------------------------------------------------------------
const VERBS = new Set(['Response', 'Say', 'Gather', 'Pause', 'Redirect', 'Hangup', 'Dial']);
/** The libraries' phones as <Dial> takes them (no transfer numbers are configured here). */
let libraryNumbers: string[] = [];
beforeAll(async () => { libraryNumbers = (await voice.app.db.library.findMany()).map((l) => dialable(l.phone)); });

/** TwiML that parses, uses only our verbs, sends answers only back to us and dials only the library. */
function assertSafeTwiml(xml: string) {
  const root: TwimlNode = parseTwiml(xml);
  const walk = (node: TwimlNode): TwimlNode[] => [node, ...node.children.flatMap(walk)];
  for (const node of walk(root)) expect(VERBS).toContain(node.name);
  for (const gather of findAll(root, 'Gather')) expect(gather.attrs.action).toMatch(new RegExp(`^${PUBLIC_BASE}/api/voice/(kalamaria|ozd)\\?`));
  for (const redirect of findAll(root, 'Redirect')) expect(redirect.text.trim()).toMatch(new RegExp(`^${PUBLIC_BASE}/api/voice/(kalamaria|ozd)\\?`));
  for (const dial of findAll(root, 'Dial')) expect(libraryNumbers).toContain(dial.text.trim());
}

const callSids = fc.oneof({ weight: 4, arbitrary: fc.uuid().map((u) => `CA${u.replace(/-/g, '')}`) }, { weight: 1, arbitrary: nastyText });
const queryValue = fc.oneof(fc.constantFrom('0', '1', '2', '7', '-1', '1e400', '9007199254740993', 'NaN', ''), nastyText);
const voiceRequests = fc.record({
  library: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('kalamaria', 'ozd') }, { weight: 1, arbitrary: nastyText }),
  query: fc.record({
    turn: queryValue, misses: queryValue, slot: fc.oneof(fc.constantFrom('cardNumber', 'pin', 'query', 'choice', 'confirm', 'datetime', 'text', 'language'), nastyText),
    lang: fc.oneof(fc.constantFrom('el', 'hu'), nastyText), callback: fc.oneof(fc.constantFrom('1', '0'), nastyText),
  }, { requiredKeys: [] }),
  params: fc.record({
    CallSid: callSids, SpeechResult: nastyText, Digits: fc.oneof(fc.stringMatching(/^[0-9*#]{0,12}$/), nastyText),
    From: fc.oneof(fc.constantFrom('+306900000001', 'anonymous', '+266696687', ''), nastyText), To: nastyText, Confidence: queryValue, CallStatus: nastyText,
  }, { requiredKeys: [] }),
  extra: fc.dictionary(fc.string({ maxLength: 12 }), nastyText, { maxKeys: 3 }),
});

/** What Twilio would send for these fields: the form as URLSearchParams encodes it (lone surrogates become U+FFFD). */
function formOf(params: Record<string, string>): { body: string; signed: Record<string, string> } {
  const body = new URLSearchParams(params).toString();
  const signed: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(body)) signed[k] ??= v;
  return { body, signed };
}

async function voicePost(path: string, params: Record<string, string>, signature: 'valid' | 'none' | 'forged' | 'other-url') {
  const { body, signed } = formOf(params);
  const url = `${PUBLIC_BASE}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature === 'valid') headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, signed);
  if (signature === 'forged') headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature('not-the-token', url, signed);
  if (signature === 'other-url') headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE}/api/voice/other`, signed);
  return post(path, body, headers);
}

const voicePath = (library: string, query: Record<string, string>) => `/api/voice/${encode(library)}?${new URLSearchParams(query)}`;

describe('POST /api/voice/:library', () => {
  it('answers any signed webhook with a 4xx or safe TwiML: our verbs, our URLs, the library\'s number only', async () => {
    await fc.assert(fc.asyncProperty(voiceRequests, async ({ library, query, params, extra }) => {
      tally.add('POST /api/voice/:library (signed)');
      const response = await voicePost(voicePath(library, query), { ...extra, ...params }, 'valid');
      expect(response.status).toBeLessThan(500);
      if (response.status === 200) assertSafeTwiml(response.text);
    }), runs(RUNS));
  }, TIMEOUT);

  it('refuses every unsigned or wrongly signed webhook and runs nothing', async () => {
    const turnsBefore = await voice.app.db.voiceTurn.count();
    const statesBefore = await voice.app.db.botState.count();
    await fc.assert(fc.asyncProperty(voiceRequests, fc.constantFrom('none', 'forged', 'other-url') as fc.Arbitrary<'none' | 'forged' | 'other-url'>, async ({ library, query, params, extra }, signature) => {
      tally.add('POST /api/voice/:library (unsigned)');
      const response = await voicePost(voicePath(library, query), { ...extra, ...params }, signature);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }), runs(RUNS));
    expect(await voice.app.db.voiceTurn.count()).toBe(turnsBefore);
    expect(await voice.app.db.botState.count()).toBe(statesBefore);
  }, TIMEOUT);

  it('reads any speech or keys at the card, search and ILL prompts back as safe TwiML', async () => {
    const setups: Array<{ name: string; library: string; answers: Array<{ speech?: string; digits?: string }> }> = [
      { name: 'card number', library: 'kalamaria', answers: [{ digits: '1' }] },
      { name: 'search query', library: 'kalamaria', answers: [{ digits: '1' }, { digits: '1001001' }, { digits: '1234' }] },
      { name: 'ILL title', library: 'ozd', answers: [{ digits: '4' }, { digits: '2002001' }, { digits: '4321' }, { speech: 'könyv' }] },
    ];
    for (const setup of setups) {
      const call = voice.call(setup.library);
      await call.start();
      for (const answer of setup.answers) await call.answer(answer);
      const action = call.gather!.attrs.action!;
      const state = await voice.app.db.botState.findUniqueOrThrow({ where: { id: `voice/conversations/${call.callSid}/` } });
      await fc.assert(fc.asyncProperty(nastyText, fc.oneof(fc.constant(undefined), fc.stringMatching(/^[0-9*#]{1,12}$/)), async (speech, digits) => {
        tally.add(`POST /api/voice/:library (${setup.name})`);
        const callSid = `CA${randomUUID().replace(/-/g, '')}`;
        await voice.app.db.botState.create({ data: { id: `voice/conversations/${callSid}/`, data: state.data, etag: randomUUID() } });
        const fields = new TwilioCall({ serverUrl: base, publicBaseUrl: PUBLIC_BASE, library: setup.library, authToken: AUTH_TOKEN, callSid })
          .fields({ SpeechResult: speech, Confidence: '0.9', ...(digits ? { Digits: digits } : {}) });
        const response = await voicePost(action.slice(PUBLIC_BASE.length), fields, 'valid');
        expect(response.status).toBe(tooLarge(new URLSearchParams(fields).toString()) ? 413 : 200);
        if (response.status === 413) return;
        assertSafeTwiml(response.text);
        expect(response.text).not.toContain(apologies[0]);
        expect(response.text).not.toContain(apologies[1]);
      }), runs(PROMPT_RUNS));
    }
  }, TIMEOUT);
});

// ---- staff API ----------------------------------------------------------------------------------
const STAFF_ROUTES = [
  ['GET', '/api/staff/openapi.json'], ['GET', '/api/staff/session'], ['POST', '/api/staff/session'], ['DELETE', '/api/staff/session'],
  ['GET', '/api/staff/orders'], ['GET', '/api/staff/orders/:ref'], ['POST', '/api/staff/orders/:ref/transitions'],
  ['POST', '/api/staff/orders/:ref/notes'], ['GET', '/api/staff/orders/:ref/slots'], ['PUT', '/api/staff/orders/:ref/appointments/:branch'],
  ['GET', '/api/staff/schedule'], ['GET', '/api/staff/ill'], ['GET', '/api/staff/ill/:ref'], ['POST', '/api/staff/ill/:ref/actions'],
  ['POST', '/api/staff/ill/:ref/charges/:charge/payment'], ['PATCH', '/api/staff/orders/:ref'], ['GET', '/api/staff/:anything'],
  ['GET', '/api/staff/lockouts'], ['POST', '/api/staff/lockouts/cards/clear'], ['POST', '/api/staff/lockouts/sources/clear'],
  ['POST', '/api/staff/patrons/personal-data'], ['POST', '/api/staff/patrons/erasure'],
] as const;

/** Never a row's current version (0…10 in a fresh database): a generated call must not be a valid change. */
const badVersion = fc.oneof(
  fc.double().filter((v) => !(Number.isInteger(v) && v >= 0 && v <= 10)),
  fc.integer({ min: 11 }), fc.integer({ max: -1 }), fc.constantFrom(1e300, -1e300, 2 ** 31, 2 ** 53 + 2, 0.5),
  nastyText, anyJson.filter((v) => !(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10)),
);
/** Never on a slot boundary (a millisecond off), so no appointment can be booked by chance. */
const offSlotTime = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => new Date(d.getTime() - (d.getTime() % 1000) + 7).toISOString());
/**
 * Days as a filter gets them: shaped YYYY-MM-DD whatever the numbers (9999-99-99 and 0000-00-00
 * matched the shape, reached the date arithmetic and were 500s), real days, and near misses.
 */
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dayLike = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`) },
  { weight: 2, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('3100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.constantFrom('9999-99-99', '0000-00-00', '9999-12-31', '2999-12-31', '2000-01-01', '2026-02-29', '2028-02-29', '2026-1-1', '+02026-11-23', '2026-11-23T00:00:00Z', '') },
);
const staffBodies = fc.oneof(
  anyJson,
  fc.record({
    version: badVersion, to: fc.oneof(fc.constantFrom('preparing', 'ready', 'cancelled', 'collected', 'new'), nastyText, anyJson), note: fc.oneof(nastyText, anyJson),
    startsAt: fc.oneof(offSlotTime, nastyText, anyJson), type: fc.oneof(fc.constantFrom('request', 'terms', 'cost_decision', 'ship', 'arrive', 'collect', 'return', 'close', 'send_back', 'unfilled', 'cancel'), nastyText),
    lender: fc.oneof(nastyText, anyJson), lenderCost: fc.oneof(badVersion, fc.integer()), weightGrams: fc.oneof(badVersion, fc.integer()), use: fc.oneof(fc.constantFrom('home', 'reading_room'), nastyText),
    dueDate: fc.oneof(nastyText, offSlotTime), liabilitySigned: anyJson, accepted: anyJson, username: fc.oneof(fc.constantFrom('staff.ozd', 'staff.kalamaria'), nastyText), password: nastyText,
    cardNumber: fc.oneof(nastyText, anyJson), kind: fc.oneof(fc.constantFrom('phone', 'address', 'user', 'username'), nastyText), id: fc.oneof(nastyText, anyJson), confirm: anyJson,
  }, { requiredKeys: [] }),
);

describe('/api/staff/*', () => {
  let refs: string[] = [];
  let staff: StaffClient;
  beforeAll(async () => {
    const db = voice.app.db;
    refs = [...(await db.order.findMany({ select: { ref: true } })).map((o) => o.ref), ...(await db.illRequest.findMany({ select: { ref: true } })).map((r) => r.ref)];
    staff = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
  });

  const segment = (real: () => string[]) => fc.oneof(
    { weight: 3, arbitrary: fc.constant(null).map(() => real()).chain((r) => (r.length > 0 ? fc.constantFrom(...r) : fc.constant('3000015'))) },
    { weight: 1, arbitrary: fc.stringMatching(/^\d{7}$/) },
    { weight: 2, arbitrary: nastyText.map((s) => encode(s).slice(0, 2000)) },
  );
  const calls = (withSession: boolean) => fc.record({
    route: fc.constantFrom(...STAFF_ROUTES.filter(([method, path]) => !(withSession && path === '/api/staff/session' && method !== 'GET'))),
    ref: segment(() => refs), branch: fc.oneof(fc.constantFrom('ozd-central', 'kal-central'), nastyText.map(encode)),
    charge: fc.oneof(fc.integer({ min: 1000 }), fc.integer({ max: -1 }), nastyText.map(encode), fc.constantFrom('NaN', '1e400', '0x1')),
    query: fc.dictionary(fc.constantFrom('status', 'day', 'branch', 'all', 'lang', '__proto__', 'status[]'), fc.oneof(nastyText, dayLike), { maxKeys: 3 }),
    body: staffBodies, contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentTypes }),
    csrf: withSession ? fc.oneof({ weight: 4, arbitrary: fc.constant('valid') }, { weight: 1, arbitrary: nastyText }) : fc.option(nastyText, { nil: undefined }),
    cookie: withSession ? fc.constant('valid') : fc.option(nastyText.map((s) => `staff_session=${encode(s)}`), { nil: undefined }),
  });

  type Call = ReturnType<typeof calls> extends fc.Arbitrary<infer T> ? T : never;
  async function send(call: Call) {
    const method: string = call.route[0];
    const template: string = call.route[1];
    const path = template.replace(':ref', call.ref).replace(':branch', call.branch).replace(':charge', String(call.charge)).replace(':anything', call.ref);
    const query = new URLSearchParams(call.query).toString();
    const headers: Record<string, string> = {};
    if (call.contentType) headers['content-type'] = call.contentType;
    if (call.cookie) headers.cookie = call.cookie === 'valid' ? staff.cookie : call.cookie;
    if (call.csrf !== undefined) headers['x-csrf-token'] = call.csrf === 'valid' ? staff.csrf : encode(call.csrf).slice(0, 500);
    const response = await fetch(`${base}${path}${query ? `?${query}` : ''}`, {
      method, headers, redirect: 'manual', ...(method === 'GET' ? {} : { body: JSON.stringify(call.body) ?? '' }),
    });
    return { status: response.status, text: await response.text() };
  }

  it('answers NUL in a filter, a path segment and a username with a 2xx or a 4xx (PostgreSQL refuses NUL in any text)', async () => {
    // Found by the properties below on PostgreSQL: each of these was a 500.
    const signedIn = { cookie: staff.cookie };
    const filter = await fetch(`${base}/api/staff/orders?branch=%00&status=%00`, { headers: signedIn });
    expect(filter.status).toBe(200);
    expect((await fetch(`${base}/api/staff/orders/300%000015`, { headers: signedIn })).status).toBe(404);
    expect((await fetch(`${base}/api/staff/ill/300%000015`, { headers: signedIn })).status).toBe(404);
    const login = await fetch(`${base}/api/staff/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'igen\u0000', password: 'x\u0000' }),
    });
    expect([401, 429]).toContain(login.status);
  });

  it('answers any call of a signed-in staff member with a 2xx or a 4xx, changing nothing', async () => {
    await fc.assert(fc.asyncProperty(calls(true), async (call) => {
      tally.add('/api/staff/* (signed in)');
      const response = await send(call);
      expect(response.status, response.text).toBeLessThan(500);
      expect(response.text).not.toMatch(/prisma|\/work\/|at .*\.ts:\d+/i);
    }), runs(RUNS));
  }, TIMEOUT);

  it('refuses a change with the right version but a malformed field, changing nothing', async () => {
    const db = voice.app.db;
    const kalamaria = await staffLogin(base, 'staff.kalamaria', 'Kalamaria-2026');
    const orderRefs = (await db.order.findMany({ where: { libraryId: 'kalamaria' }, select: { ref: true } })).map((o) => o.ref);
    const illRefs = (await db.illRequest.findMany({ where: { libraryId: 'ozd' }, select: { ref: true } })).map((r) => r.ref);
    const tooLong = (n: number) => fc.string({ minLength: n + 1, maxLength: n + 50 });
    const notStatus = nastyText.filter((s) => !['new', 'preparing', 'ready', 'waiting_outside', 'collected', 'cancelled', 'expired'].includes(s));
    const badAmount = fc.oneof(fc.constantFrom(1e300, -1, 0.5, 2 ** 31, 2 ** 53, 100_000_001, -0.5), nastyText, anyJson.filter((v) => !(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 100_000_000)));
    const changes = fc.oneof(
      fc.record({ path: fc.constant('transitions'), body: fc.oneof(fc.record({ to: notStatus }), fc.record({ to: fc.constantFrom('ready', 'cancelled', 'collected'), note: fc.oneof(tooLong(2000), anyJson.filter((v) => typeof v !== 'string' && v !== undefined)) })) }),
      fc.record({ path: fc.constant('notes'), body: fc.record({ note: fc.oneof(tooLong(2000), anyJson.filter((v) => typeof v !== 'string')) }) }),
      fc.record({ path: fc.constant('ill'), body: fc.oneof(
        fc.record({ type: fc.constant('terms'), lenderCost: badAmount }),
        fc.record({ type: fc.constant('arrive'), weightGrams: fc.oneof(badAmount, fc.constantFrom(0, -5, 100_001)) }),
        fc.record({ type: fc.constant('collect'), use: fc.oneof(fc.constantFrom('home', 'reading_room'), nastyText), dueDate: fc.oneof(fc.constantFrom('2026-02-30', '2026-13-01', 'tomorrow', '99999-01-01'), nastyText.filter((s) => s !== '')), liabilitySigned: anyJson }),
        fc.record({ type: fc.constant('request'), lender: fc.oneof(fc.constantFrom('', '   '), tooLong(200), anyJson.filter((v) => typeof v !== 'string')) }),
        fc.record({ type: fc.constantFrom('cancel', 'unfilled'), note: fc.oneof(tooLong(2000), anyJson.filter((v) => typeof v !== 'string' && v !== undefined)) }),
        fc.record({ type: fc.constant('cost_decision'), accepted: anyJson.filter((v) => typeof v !== 'boolean') }),
        fc.record({ type: nastyText.filter((s) => !['request', 'terms', 'cost_decision', 'ship', 'arrive', 'collect', 'return', 'close', 'send_back', 'unfilled', 'cancel'].includes(s)) }),
      ) }),
    );
    await fc.assert(fc.asyncProperty(changes, fc.nat(), async ({ path, body }, pick) => {
      tally.add('/api/staff/* (right version, bad field)');
      let url: string;
      let client: StaffClient;
      let version: number;
      if (path === 'ill') {
        const ref = illRefs[pick % illRefs.length]!;
        version = (await db.illRequest.findUniqueOrThrow({ where: { ref } })).version;
        url = `/api/staff/ill/${ref}/actions`;
        client = staff;
      } else {
        const ref = orderRefs[pick % orderRefs.length]!;
        version = (await db.order.findUniqueOrThrow({ where: { ref } })).version;
        url = `/api/staff/orders/${ref}/${path}`;
        client = kalamaria;
      }
      const response = await fetch(`${base}${url}`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie: client.cookie, 'x-csrf-token': client.csrf },
        body: JSON.stringify({ ...body, version }),
      });
      const text = await response.text();
      expect(response.status, `${url} ${JSON.stringify(body).slice(0, 300)}: ${text}`).toBeGreaterThanOrEqual(400);
      expect(response.status, text).toBeLessThan(500);
    }), runs(RUNS));
  }, TIMEOUT);

  it('answers any day in the queue page\'s and the API\'s filters with 200 for a real day and a localized 400 for any other, never a 5xx', async () => {
    // The slots route checks its order first (Ózd has none here): test/staff/staff-session.test.ts covers its day.
    const routes = ['/staff', '/api/staff/orders', '/api/staff/schedule'];
    const message = tFor('hu', 'staff')('filter.bad_day');
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), dayLike, fc.option(fc.constantFrom('open', 'all'), { nil: undefined }), async (route, day, status) => {
      tally.add('/staff and /api/staff/* (day filter)');
      const query = new URLSearchParams({ day, ...(status ? { status } : {}) }).toString();
      const response = await fetch(`${base}${route}${route.includes('?') ? '&' : '?'}${query}`, { headers: { cookie: staff.cookie }, redirect: 'manual' });
      const text = await response.text();
      expect(response.status, `${route} day=${day}: ${text.slice(0, 300)}`).toBeLessThan(500);
      // The oracle, written apart from the code: a real day of the years a library can mean, or the empty filter.
      const noon = new Date(`${day}T12:00:00Z`);
      const real = day === '' || (/^2\d{3}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(noon.getTime()) && noon.toISOString().slice(0, 10) === day);
      expect(response.status, `${route} day=${day}`).toBe(real ? 200 : 400);
      if (!real) expect(text).toContain(route === '/staff' ? message : JSON.stringify(message));
    }), runs(RUNS));
  }, TIMEOUT);

  it('answers any call without a valid session with a 4xx', async () => {
    await fc.assert(fc.asyncProperty(calls(false), async (call) => {
      tally.add('/api/staff/* (no session)');
      const response = await send(call);
      expect(response.status, response.text).toBeLessThan(500);
      const method: string = call.route[0];
      const path: string = call.route[1];
      if (!(method === 'GET' && path === '/api/staff/openapi.json')) expect(response.status).toBeGreaterThanOrEqual(400);
    }), runs(RUNS));
  }, TIMEOUT);
});
