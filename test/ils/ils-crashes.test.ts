import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it, type ExpectStatic } from 'vitest';
import { OUTSTANDING_ILL_STATUSES } from '../../src/domain/ill-status';
import { OPEN_ORDER_STATUSES } from '../../src/persistence/active-hold';
import type { Db } from '../../src/persistence/prisma-client';
import { ILL_REQUEST, RESERVATION, type Step } from '../support/crash-steps';
import { WebChatClient } from '../support/http';
import { killServerProcess, startServerProcess, type ServerProcess } from '../support/server-process';
import { freshDb } from '../support/test-db';
import { KOHA_CREDENTIALS, seedIls } from './ils-seed';
import { FakeKohaServer } from './koha/fake-koha-server';
import { FakeSip2Server } from './sip2/fake-sip2-server';

/**
 * Crashes while a hold goes to the library's own system (issue 20). The server process
 * (src/main.ts, as deployed), with Kalamaria on a fake Koha, is killed with SIGKILL at each step
 * of placing the hold of a confirmed reservation: the order is already in the bot's database,
 * the hold in Koha not yet, or in Koha but unheard by the bot. Started again on the same
 * database, the bot's reconciliation must leave exactly one order, one Koha hold for the copy,
 * and the bot's hold pointing at it; the patron who sends the same «ναι» again hears the same
 * order number.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CARD = '1001001';
const RECONCILED_WITHIN_MS = 20_000;

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => { for (const cleanup of cleanups.splice(0).reverse()) await cleanup(); });

type Replies = Array<{ text?: string; channelData?: { orderRef?: string } }>;
const heardOf = (replies: Replies) => replies.map((r) => r.text ?? '').join('\n');

/** The project's library files, with one library's `ils:` block replaced by this one (YAML lines). */
function librariesUsing(library: 'kalamaria' | 'ozd', ils: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ils-crashes-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(ROOT, 'libraries'), dir, { recursive: true });
  const file = path.join(dir, `${library}.yaml`);
  const yaml = readFileSync(file, 'utf8');
  if (!/^ils:\n {2}type: embedded\n/m.test(yaml)) throw new Error(`libraries/${library}.yaml: no \`ils: type: embedded\` block to replace`);
  writeFileSync(file, yaml.replace(/^ils:\n {2}type: embedded\n/m, ils));
  return dir;
}

/** A server process on the database with these library files; every one started is stopped at the end. */
function serverStarter(url: string, librariesDir: string, library: string) {
  const upper = library.toUpperCase();
  const env = {
    DATABASE_URL: url, JOBS: 'off', LIBRARIES_DIR: librariesDir,
    [`ILS_${upper}_USER`]: KOHA_CREDENTIALS.user, [`ILS_${upper}_PASSWORD`]: KOHA_CREDENTIALS.password,
  };
  return async () => {
    const server = await startServerProcess(env);
    cleanups.push(() => server.stop());
    return server;
  };
}

/**
 * A fresh database and fake Koha, seeded alike; the library's file points at the fake; the
 * first start's own reconciliation has put the demo's earlier holds and requests into Koha, so
 * a kill lands on what the conversation confirms and nothing else.
 */
async function bootWithKoha(library: 'kalamaria' | 'ozd') {
  const { db, url } = await freshDb();
  cleanups.push(() => db.$disconnect());
  const koha = new FakeKohaServer(KOHA_CREDENTIALS);
  const kohaUrl = await koha.start();
  cleanups.push(() => koha.stop());
  await seedIls(db, { koha });
  const start = serverStarter(url, librariesUsing(library, `ils:\n  type: koha\n  baseUrl: ${kohaUrl}\n  auth: basic\n  timeoutMs: 2000\n`), library);
  const server = await start();
  await until('the demo holds and requests filed in Koha', async () => ((await unplaced(db, library)) + (await unfiled(db, library)) === 0 ? true : undefined));
  const fake: KillableIls = {
    arm: (hook, kill) => { koha.modes.onRoute = { route: hook.at, when: hook.when, do: kill }; },
    disarm: () => { koha.modes.onRoute = undefined; },
    last: () => koha.log.at(-1)?.route,
  };
  return { db, koha, fake, server, start };
}

/** A fake library system that can kill the bot's process when a request of a kind arrives. */
interface KillableIls { arm(hook: KillHook, kill: () => void): void; disarm(): void; last(): string | undefined }

/** The web chat of one conversation, its turns sent to whichever server process is up. */
async function chatWith(library: string, first: ServerProcess) {
  let server = first;
  const chat = await WebChatClient.open(server.base, library);
  const send = async (index: number, said: string): Promise<Replies> => {
    chat.base = server.base;
    const response = await chat.post({ type: 'message', text: said, channelData: { clientActivityID: `${chat.conversationId}-${index}` } });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { activities: Replies }).activities;
  };
  return { greeting: chat.greeting as Replies, send, moveTo: (next: ServerProcess) => { server = next; } };
}

/** Every turn before the one that commits, each heard as the steps say; returns that turn's index. */
async function upToConfirmation(steps: Step[], send: (index: number, said: string) => Promise<Replies>, expect: ExpectStatic): Promise<number> {
  const confirm = steps.findIndex((s) => s[2] === 'commits');
  for (const [index, [said, heard]] of steps.entries()) {
    if (index === 0 || index >= confirm) continue;
    const replies = heardOf(await send(index, said!));
    if (typeof heard === 'string') expect(replies, `after «${said}»`).toContain(heard);
    else expect(replies, `after «${said}»`).toMatch(heard);
  }
  return confirm;
}

/** The confirming turn, during which the fake library system kills the process on the hook's request. */
async function killedConfirming(fake: KillableIls, victim: ServerProcess, hook: KillHook, send: () => Promise<Replies>, expect: ExpectStatic): Promise<void> {
  fake.arm(hook, () => victim.process.kill('SIGKILL'));
  const answered = await send().then(() => true, () => false);
  await killServerProcess(victim);
  expect(answered, 'the patron heard nothing').toBe(false);
  expect(victim.process.signalCode).toBe('SIGKILL');
  expect(fake.last()?.startsWith(hook.at), `killed on ${fake.last()}`).toBe(true);
  fake.disarm();
}

async function until<T>(what: string | (() => string), read: () => Promise<T | undefined>, ms = RECONCILED_WITHIN_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Active holds of the library's open orders that have no Koha hold yet. */
const unplaced = (db: Db, libraryId: string) => db.hold.count({ where: { status: 'active', ilsHoldId: null, order: { libraryId, status: { in: OPEN_ORDER_STATUSES } } } });
/** The library's outstanding ILL requests that Koha does not have yet. */
const unfiled = (db: Db, libraryId: string) => db.illRequest.count({ where: { libraryId, ilsRequestId: null, status: { in: [...OUTSTANDING_ILL_STATUSES] } } });
/** `at`: Koha's "METHOD /path-prefix", or the SIP2 message code. */
interface KillHook { at: string; when: 'before' | 'after' }

const KILL_POINTS: Array<[name: string, hook: KillHook, kohaHasIt: boolean]> = [
  ['asking Koha for the copies (GET /biblios/…/items): the order written, nothing in Koha', { at: 'GET /biblios/', when: 'before' }, false],
  ['placing the hold, before Koha stores it (POST /holds)', { at: 'POST /holds', when: 'before' }, false],
  ['placing the hold, after Koha stored it and before it answers (POST /holds)', { at: 'POST /holds', when: 'after' }, true],
];

describe('SIGKILL while a confirmed hold goes to Koha, restart on the same database', () => {
  // Each on its own database and fake Koha, side by side: a server start takes seconds.
  it.concurrent.for(KILL_POINTS)('killed %s: one order, one Koha hold, the bot\'s hold is that one', { timeout: 120_000 }, async ([, hook, kohaHasIt], { expect }) => {
    const { db, koha, fake, server: first, start } = await bootWithKoha('kalamaria');
    const patron = await db.patron.findFirstOrThrow({ where: { cardNumber: CARD } });
    const chat = await chatWith('kalamaria', first);
    expect(heardOf(chat.greeting)).toContain(RESERVATION[0]![1]);
    const { send } = chat;
    const confirm = await upToConfirmation(RESERVATION, send, expect);

    // «ναι»: the order is written, then its hold goes to Koha, where the process dies.
    await killedConfirming(fake, first, hook, () => send(confirm, RESERVATION[confirm]![0]!), expect);

    const [order] = await db.order.findMany({ where: { patronId: patron.id }, include: { holds: true } });
    expect(order?.holds.map((h) => h.ilsHoldId)).toEqual([null]);
    const hold = order!.holds[0]!;
    const kohaHolds = () => koha.holds.filter((h) => h.item_id === hold.copyId);
    expect(kohaHolds()).toHaveLength(kohaHasIt ? 1 : 0);

    // The same database, the same library files and secrets, Koha up: the start reconciles.
    const server = await start();
    chat.moveTo(server);
    const ilsHoldId = await until(() => `the hold recorded with its Koha id (Koha's holds on the copy: ${JSON.stringify(kohaHolds())}; its last requests: ${koha.log.slice(-3).map((l) => l.route).join(', ')})`, async () => (await db.hold.findUniqueOrThrow({ where: { id: hold.id } })).ilsHoldId ?? undefined);
    const orders = await db.order.findMany({ where: { patronId: patron.id }, include: { holds: true } });
    expect(orders.map((o) => [o.ref, o.holds.map((h) => [h.id, h.copyId])])).toEqual([[order!.ref, [[hold.id, hold.copyId]]]]);
    expect(kohaHolds()).toHaveLength(1);
    expect(kohaHolds()[0]).toMatchObject({ patron_id: 1000 + patron.id, pickup_library_id: hold.branchId, notes: `bot-request:${order!.ref}-${hold.id}` });
    expect(ilsHoldId).toBe(String(kohaHolds()[0]!.hold_id));

    // The patron's page never had an answer: it sends the same «ναι» again.
    const again = await send(confirm, RESERVATION[confirm]![0]!);
    expect(heardOf(again)).toMatch(RESERVATION[confirm]![1]);
    expect(again.find((r) => r.channelData?.orderRef)?.channelData?.orderRef).toBe(order!.ref);
    expect(heardOf(again)).not.toContain('Το σύστημα της βιβλιοθήκης δεν απαντά');
    expect(await db.order.count({ where: { patronId: patron.id } })).toBe(1);
    expect(kohaHolds()).toHaveLength(1);
    expect(koha.holds.filter((h) => h.patron_id === 1000 + patron.id && h.notes?.startsWith(`bot-request:${order!.ref}-`))).toHaveLength(1);
    await server.stop();
  });
});

const ILL_CARD = '2002001';
const ILL_KILL_POINTS: Array<[name: string, hook: KillHook, kohaHasIt: boolean]> = [
  ['looking for an earlier copy in Koha (GET /ill/requests): the request written, nothing in Koha', { at: 'GET /ill/requests', when: 'before' }, false],
  ['filing it, before Koha stores it (POST /ill/requests)', { at: 'POST /ill/requests', when: 'before' }, false],
  ['filing it, after Koha stored it and before it answers (POST /ill/requests)', { at: 'POST /ill/requests', when: 'after' }, true],
];

describe('SIGKILL while a confirmed ILL request goes to Koha, restart on the same database', () => {
  it.concurrent.for(ILL_KILL_POINTS)('killed %s: one request, one Koha copy of it, the bot knows its id', { timeout: 120_000 }, async ([, hook, kohaHasIt], { expect }) => {
    const { db, koha, fake, server: first, start } = await bootWithKoha('ozd');
    const reader = await db.patron.findFirstOrThrow({ where: { cardNumber: ILL_CARD } });
    const before = (await db.illRequest.findMany({ where: { patronId: reader.id }, select: { id: true } })).map((r) => r.id);
    const chat = await chatWith('ozd', first);
    expect(heardOf(chat.greeting)).toContain(ILL_REQUEST[0]![1]);
    const confirm = await upToConfirmation(ILL_REQUEST, chat.send, expect);
    await killedConfirming(fake, first, hook, () => chat.send(confirm, ILL_REQUEST[confirm]![0]!), expect);

    const mine = () => db.illRequest.findMany({ where: { patronId: reader.id, id: { notIn: before } } });
    const [request] = await mine();
    expect(request).toMatchObject({ status: 'submitted', ilsRequestId: null });
    const inKoha = () => koha.illRequests.filter((r) => (r.extended_attributes as Array<{ type: string; value: string }>).some((a) => a.type === 'bot_request_key' && a.value === `ill-${request!.ref}`));
    expect(inKoha()).toHaveLength(kohaHasIt ? 1 : 0);

    const server = await start();
    chat.moveTo(server);
    const ilsRequestId = await until(() => `the request recorded with its Koha id (Koha has ${inKoha().length}; its last requests: ${koha.log.slice(-3).map((l) => l.route).join(', ')})`,
      async () => (await db.illRequest.findUniqueOrThrow({ where: { id: request!.id } })).ilsRequestId ?? undefined);
    expect((await mine()).map((r) => r.ref)).toEqual([request!.ref]);
    expect(inKoha()).toHaveLength(1);
    expect(inKoha()[0]).toMatchObject({ patron_id: 1000 + reader.id, library_id: 'ozd-main', ill_backend_id: 'Standard' });
    expect(ilsRequestId).toBe(String(inKoha()[0]!.ill_request_id));

    // The reader's page never had an answer: it sends the same «igen» again and hears the same number.
    const again = heardOf(await chat.send(confirm, ILL_REQUEST[confirm]![0]!));
    expect(again).toContain(`A kérését rögzítettük, a száma: ${request!.ref}.`);
    expect(again).not.toContain('A könyvtár rendszere');
    expect(await mine()).toHaveLength(1);
    expect(inKoha()).toHaveLength(1);
    await server.stop();
  });
});

const SIP2_KILL_POINTS: Array<[name: string, hook: KillHook, held: boolean]> = [
  ['asking the ACS about the copy (Item Information 17): the order written, nothing held', { at: '17', when: 'before' }, false],
  ['placing the hold, before the ACS takes it (Hold 15)', { at: '15', when: 'before' }, false],
  ['placing the hold, after the ACS took it and before it answers (Hold 15)', { at: '15', when: 'after' }, true],
];

describe('SIGKILL while a confirmed hold goes to a SIP2 system, restart on the same database', () => {
  it.concurrent.for(SIP2_KILL_POINTS)('killed %s: one order, the hold held once, the bot\'s hold names it', { timeout: 120_000 }, async ([, hook, held], { expect }) => {
    const { db, url } = await freshDb();
    cleanups.push(() => db.$disconnect());
    const sip2 = new FakeSip2Server();
    const port = await sip2.start();
    cleanups.push(() => sip2.stop());
    await seedIls(db, { sip2 });
    // The demo's earlier holds count as placed before the library had SIP2: only this patron's hold goes to the ACS.
    await db.hold.updateMany({ where: { status: 'active', ilsHoldId: null, order: { libraryId: 'kalamaria' } }, data: { ilsHoldId: 'placed-earlier' } });
    const start = serverStarter(url, librariesUsing('kalamaria', `ils:\n  type: sip2\n  host: 127.0.0.1\n  port: ${port}\n  tls: false\n  institution: DEMO\n  location: kal-central\n  terminator: CR\n  timeoutMs: 2000\n`), 'kalamaria');
    const fake: KillableIls = {
      arm: (h, kill) => { sip2.modes.onMessage = { code: h.at, when: h.when, do: kill }; },
      disarm: () => { sip2.modes.onMessage = undefined; },
      last: () => sip2.received.at(-1)?.slice(0, 2),
    };
    const patron = await db.patron.findFirstOrThrow({ where: { cardNumber: CARD } });
    const first = await start();
    const chat = await chatWith('kalamaria', first);
    const confirm = await upToConfirmation(RESERVATION, chat.send, expect);
    await killedConfirming(fake, first, hook, () => chat.send(confirm, RESERVATION[confirm]![0]!), expect);

    const [order] = await db.order.findMany({ where: { patronId: patron.id }, include: { holds: { include: { copy: true } } } });
    expect(order?.holds.map((h) => h.ilsHoldId)).toEqual([null]);
    const hold = order!.holds[0]!;
    const heldInAcs = () => sip2.patrons.get(CARD)!.holds.filter((b) => b === hold.copy.barcode);
    expect(heldInAcs()).toHaveLength(held ? 1 : 0);

    const server = await start();
    chat.moveTo(server);
    const ilsHoldId = await until(() => `the hold recorded (the ACS holds ${JSON.stringify(sip2.patrons.get(CARD)!.holds)}; its last messages: ${sip2.received.slice(-3).map((m) => m.slice(0, 2)).join(', ')})`,
      async () => (await db.hold.findUniqueOrThrow({ where: { id: hold.id } })).ilsHoldId ?? undefined);
    expect(ilsHoldId).toBe(`${CARD}:${hold.copy.barcode}`);
    expect(heldInAcs()).toHaveLength(1);
    expect(await db.order.count({ where: { patronId: patron.id } })).toBe(1);
    const again = await chat.send(confirm, RESERVATION[confirm]![0]!);
    expect(again.find((r) => r.channelData?.orderRef)?.channelData?.orderRef).toBe(order!.ref);
    expect(await db.order.count({ where: { patronId: patron.id } })).toBe(1);
    await server.stop();
  });
});
