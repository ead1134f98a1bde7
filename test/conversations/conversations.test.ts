import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TwilioCall } from '../../src/tools/twilio-call';
import type { Db } from '../../src/persistence/prisma-client';
import { MONDAY_NOON, startVoiceApp } from '../channels/twilio-voice/voice-call-support';
import { anOrder } from '../staff/staff-support';
import { Conversation, testBot } from '../support/conversation';
import { freshDb } from '../support/test-db';

/**
 * Conversations written the way patrons talk, as data (test/conversations/*.json): each plays
 * turn by turn over web chat or a phone call, then what must hold in the database is checked.
 * The runner counts them and, with UPDATE_CONVERSATION_REPORT=1, writes the figure into
 * docs/conversations.md; it always prints it.
 */
interface Turn {
  /** Typed in chat, or spoken on the phone. */
  say?: string;
  /** Keyed on the phone keypad (chat: typed). */
  press?: string;
  /** Substrings of what the patron hears in reply (in the patron's language, as the bot words it). */
  hears?: string | string[];
  /** A regular expression the reply must match. */
  matches?: string;
  notHears?: string | string[];
  /** The slot of the question the bot asks at the end of this turn. */
  asks?: string;
}

interface OrderExpectation { card: string; count: number; statuses?: string[]; titles?: string[][] }

interface ConversationCase {
  id: string;
  channel: 'chat' | 'phone';
  library: 'kalamaria' | 'ozd';
  /** What the patron tries: one line for the report. */
  about: string;
  setup?: { orders?: Array<{ card: string; ref: string; status?: string; title?: string }> };
  turns: Turn[];
  expect?: {
    orders?: OrderExpectation;
    /**
     * Booked pickup appointments of an order (`ref`), or of the orders of a card (`card`);
     * `startsAt`: their starts (ISO, UTC), in order.
     */
    appointments?: { ref?: string; card?: string; count: number; startsAt?: string[] };
    /** New interlibrary loan requests this conversation filed. */
    newIllRequests?: number;
    /** The conversation ended (chat: endOfConversation; phone: hung up). */
    ended?: boolean;
    /** The phone call was put through to staff. */
    transferred?: boolean;
    /** "Tell me when a copy is back" alerts left open: how many, and the channels they will be sent by. */
    copyAlerts?: { open: number; channels?: string[] };
  };
}

const DIR = import.meta.dirname;
const cases: ConversationCase[] = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
  .flatMap((f) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as ConversationCase[]);
const results: Array<{ id: string; about: string; ok: boolean; error?: string }> = [];

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** One side of the conversation the runner can drive, chat or phone alike. */
interface Line {
  send(turn: Turn): Promise<void>;
  heard(): string;
  slot(): string | undefined;
  ended(): boolean;
  transferred(): boolean;
}

async function chatLine(db: Db, library: string): Promise<Line> {
  const c = new Conversation(await testBot(db, { now: () => MONDAY_NOON }), { library });
  await c.join();
  return {
    send: async (turn) => { await c.say(turn.say ?? turn.press ?? ''); },
    heard: () => c.heard,
    slot: () => c.question?.channelData?.slot,
    ended: () => c.last.some((r) => r.type === 'endOfConversation'),
    transferred: () => false,
  };
}

function phoneLine(call: TwilioCall): Line {
  return {
    send: async (turn) => { await call.answer(turn.press !== undefined ? { digits: turn.press } : { speech: turn.say ?? '' }); },
    heard: () => call.heard,
    slot: () => /slot=([a-zA-Z]+)/.exec(call.gather?.attrs.action ?? '')?.[1],
    ended: () => call.hungUp,
    transferred: () => call.dialled !== undefined,
  };
}

async function play(k: ConversationCase): Promise<void> {
  const voice = k.channel === 'phone' ? await startVoiceApp() : undefined;
  const db = voice ? voice.app.db : (await freshDb()).db;
  try {
    for (const o of k.setup?.orders ?? []) await anOrder(db, { library: k.library, ...o });
    const illBefore = await db.illRequest.count();
    const holdsBefore = await db.hold.count();
    let line: Line;
    if (voice) {
      const call = voice.call(k.library);
      await call.start();
      line = phoneLine(call);
    } else {
      line = await chatLine(db, k.library);
    }
    for (const [i, turn] of k.turns.entries()) {
      await line.send(turn);
      const heard = line.heard();
      const where = `${k.id}, turn ${i + 1} «${turn.say ?? turn.press}»`;
      for (const h of list(turn.hears)) expect(heard, where).toContain(h);
      for (const h of list(turn.notHears)) expect(heard, where).not.toContain(h);
      if (turn.matches) expect(heard, where).toMatch(new RegExp(turn.matches, 'u'));
      if (turn.asks) expect(line.slot(), where).toBe(turn.asks);
    }
    const e = k.expect ?? {};
    if (e.orders) {
      const orders = await db.order.findMany({
        where: { patron: { libraryId: k.library, cardNumber: e.orders.card }, ref: { notIn: (k.setup?.orders ?? []).map((o) => o.ref) } },
        include: { holds: { include: { record: true }, orderBy: { id: 'asc' } } }, orderBy: { id: 'asc' },
      });
      const setupOrders = await db.order.findMany({ where: { ref: { in: (k.setup?.orders ?? []).map((o) => o.ref) } }, orderBy: { id: 'asc' } });
      // Orders the conversation placed, then those it was given: their statuses are what it changed.
      expect(orders.length, `${k.id}: new orders`).toBe(e.orders.count);
      if (e.orders.statuses) expect([...setupOrders, ...orders].map((o) => o.status), `${k.id}: statuses`).toEqual(e.orders.statuses);
      if (e.orders.titles) expect(orders.map((o) => o.holds.map((h) => h.record.title)), `${k.id}: titles`).toEqual(e.orders.titles);
    }
    if (e.appointments) {
      const order = e.appointments.ref !== undefined ? { ref: e.appointments.ref } : { patron: { libraryId: k.library, cardNumber: e.appointments.card } };
      const booked = await db.appointment.findMany({ where: { order, status: 'booked' }, orderBy: { startsAt: 'asc' } });
      expect(booked.length, `${k.id}: appointments`).toBe(e.appointments.count);
      if (e.appointments.startsAt) expect(booked.map((a) => a.startsAt.toISOString()), `${k.id}: appointment times`).toEqual(e.appointments.startsAt);
    }
    if (e.newIllRequests !== undefined) expect((await db.illRequest.count()) - illBefore, `${k.id}: ILL requests`).toBe(e.newIllRequests);
    if (e.ended !== undefined) expect(line.ended(), `${k.id}: ended`).toBe(e.ended);
    if (e.transferred !== undefined) expect(line.transferred(), `${k.id}: transferred`).toBe(e.transferred);
    if (e.copyAlerts) {
      const open = await db.copyAlert.findMany({ where: { libraryId: k.library, status: 'open' }, orderBy: { id: 'asc' } });
      expect(open.length, `${k.id}: open copy alerts`).toBe(e.copyAlerts.open);
      if (e.copyAlerts.channels) expect(open.map((a) => a.channel), `${k.id}: copy alert channels`).toEqual(e.copyAlerts.channels);
      // Not a hold: the conversation reserved nothing.
      expect(await db.hold.count(), `${k.id}: nothing held`).toBe(holdsBefore);
    }
  } finally {
    if (voice) await voice.app.close();
    else await db.$disconnect();
  }
}

describe('conversations as patrons have them', () => {
  it('has at least 40 conversations, in both languages and on both channels', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((k) => k.id)).size).toBe(cases.length);
    for (const library of ['kalamaria', 'ozd']) for (const channel of ['chat', 'phone']) {
      expect(cases.some((k) => k.library === library && k.channel === channel), `${library} ${channel}`).toBe(true);
    }
  });

  it.each(cases.map((k) => [`${k.id} (${k.channel}, ${k.library}): ${k.about}`, k] as const))('%s', async (_name, k) => {
    try {
      await play(k);
      results.push({ id: k.id, about: k.about, ok: true });
    } catch (error) {
      results.push({ id: k.id, about: k.about, ok: false, error: String((error as Error).message).split('\n')[0] });
      throw error;
    }
  }, 60_000);

  afterAll(() => {
    if (results.length === 0) return;
    const passed = results.filter((r) => r.ok).length;
    const rate = `${passed} of ${results.length} conversations end as the patron wanted (${Math.round((100 * passed) / results.length)}%).`;
    console.log(`conversations: ${rate}`);
    if (process.env.UPDATE_CONVERSATION_REPORT !== '1' || results.length !== cases.length) return;
    const doc = path.resolve(DIR, '..', '..', 'docs', 'conversations.md');
    const failures = results.filter((r) => !r.ok).map((r) => `- \`${r.id}\` (${r.about}): ${r.error}`);
    const section = ['<!-- results:start -->', `**${rate}**`, '', ...(failures.length > 0 ? ['Failures:', '', ...failures] : ['No failures.']),
      '<!-- results:end -->'].join('\n');
    const text = readFileSync(doc, 'utf8');
    writeFileSync(doc, text.replace(/<!-- results:start -->[\s\S]*<!-- results:end -->/u, section));
  });
});
