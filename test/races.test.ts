import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyFor } from './support/libraries';
import type { IllDraft } from '../src/domain/ports/ill-repository';
import { RequestIll } from '../src/domain/services/ill-request';
import { PlaceOrder } from '../src/domain/services/place-order';
import { createPrismaClient, type Db } from '../src/persistence/prisma-client';
import { PrismaIllRepository } from '../src/persistence/prisma-ill-repository';
import { PrismaOrderRepository } from '../src/persistence/prisma-order-repository';
import { ScryptPinHasher } from '../src/persistence/scrypt-pin-hasher';
import { createPickupServices } from '../src/staff/pickup-services';
import { HttpConversation } from './support/http';
import type { RaceJob } from './fixtures/race-worker';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { testDatabase } from './support/postgres';
import { freshDb } from './support/test-db';

// Races on the rows themselves (issue 8): the guarantees must come from the database, never from
// one process's memory. Each race runs its racers in parallel in one process — on PostgreSQL
// (READ COMMITTED, `npm run test:postgres`) over two connection pools, as two instances behind a
// load balancer have; on SQLite over the one connection a process has — and again split between
// two worker processes (test/fixtures/race-worker.ts) started at the same instant. RACE_ROUNDS
// repeats each in-process race with fresh rows (the soak setting); the default keeps `npm test` short.
const ROUNDS = Math.max(1, Number(process.env.RACE_ROUNDS ?? 1));
const now = () => new Date('2026-11-23T08:00:00Z'); // Monday 10:00 Athens

let url: string;
let pools: Db[];
beforeEach(async () => {
  const fresh = await freshDb();
  url = fresh.url;
  pools = testDatabase() === 'postgres' ? [fresh.db, await createPrismaClient(url)] : [fresh.db];
});
afterEach(async () => { for (const db of pools) await db.$disconnect(); });

/** Races run and racers in them, for the line docs/reliability.md quotes; a race is counted once its assertions passed. */
const tally = { races: 0, racers: 0 };
const ran = (racers: number) => { tally.races++; tally.racers += racers; };
afterAll(() => { process.stdout.write(`RACE database=${testDatabase()} rounds=${ROUNDS} races=${tally.races} racers=${tally.racers}\n`); });

/** The i-th racer's client: racers alternate between the two pools. */
const pool = (i: number) => pools[i % pools.length]!;
const db = () => pools[0]!;

async function aPatron(library: 'kalamaria' | 'ozd', card: string, pinHash = 'x') {
  return db().patron.create({
    data: {
      libraryId: library, cardNumber: card, pinHash, name: `Αναγνώστης ${card}`, phone: '', preferredLanguage: library === 'ozd' ? 'hu' : 'el',
      homeBranchId: library === 'ozd' ? 'ozd-central' : 'kal-central', status: 'active', cardExpiresAt: new Date('2030-01-01T00:00:00Z'),
    },
  });
}

/** (record, branch) pairs of Kalamaria with exactly one available copy: the "last copy" of each. */
async function lastCopies() {
  const copies = await db().copy.findMany({ where: { status: 'available', branch: { libraryId: 'kalamaria' } }, orderBy: { id: 'asc' } });
  const count = new Map<string, number>();
  for (const c of copies) count.set(`${c.recordId}|${c.branchId}`, (count.get(`${c.recordId}|${c.branchId}`) ?? 0) + 1);
  return copies.filter((c) => count.get(`${c.recordId}|${c.branchId}`) === 1);
}

describe('the last copy', () => {
  it('goes to exactly one of 50 patrons confirming at the same moment on two instances', async () => {
    const candidates = await lastCopies();
    expect(candidates.length).toBeGreaterThanOrEqual(ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      const copy = candidates[round]!;
      const patrons = await Promise.all(Array.from({ length: 50 }, (_, i) => aPatron('kalamaria', `8${round}${String(i).padStart(5, '0')}`)));
      const outcomes = await Promise.all(patrons.map((p, i) => new PlaceOrder(new PrismaOrderRepository(pool(i)), policyFor, now).run({
        libraryId: 'kalamaria', patronId: p.id, channel: 'test', language: 'el', items: [{ recordId: copy.recordId, branchId: copy.branchId }],
      })));
      expect(outcomes.filter((o) => o.allowed)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.allowed && o.reason === 'hold.copy_taken')).toHaveLength(49);
      expect(await db().hold.count({ where: { copyId: copy.id } })).toBe(1);
      expect(await db().order.count({ where: { patronId: { in: patrons.map((p) => p.id) } } })).toBe(1);
      expect(await db().copy.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ status: 'held' });
      ran(50);
    }
  });

  it('goes to exactly one of 20 web chat patrons saying "yes" at the same moment over HTTP, on two server processes', async () => {
    const servers: ServerProcess[] = [];
    try {
      servers.push(...(await Promise.all([startServerProcess({ DATABASE_URL: url }), startServerProcess({ DATABASE_URL: url })])));
      const pin = '2468';
      const pinHash = await new ScryptPinHasher().hash(pin);
      const patrons = await Promise.all(Array.from({ length: 20 }, (_, i) => aPatron('kalamaria', `7700${String(i).padStart(3, '0')}`, pinHash)));
      const record = await db().record.findFirstOrThrow({ where: { libraryId: 'kalamaria', title: 'Ο Καπετάν Μιχάλης' } });
      expect(await db().copy.count({ where: { recordId: record.id, status: 'available' } })).toBe(1);
      const conversations = patrons.map((_, i) => new HttpConversation(servers[i % 2]!.base));
      // Each patron's conversation up to the confirmation question, all of them at once.
      await Promise.all(conversations.map(async (c, i) => {
        await c.say('θέλω να κλείσω το Ο Καπετάν Μιχάλης');
        await c.say(patrons[i]!.cardNumber);
        await c.say(pin);
        expect(c.heard).toContain('1. «Ο Καπετάν Μιχάλης» — Νίκος Καζαντζάκης');
        await c.say('1');
        await c.say('2');
        expect(c.last.at(-1)).toMatchObject({ channelData: { slot: 'confirm' } });
      }));
      await Promise.all(conversations.map((c) => c.say('ναι')));
      const winners = conversations.filter((c) => c.last.some((r) => r.channelData?.orderRef));
      expect(winners).toHaveLength(1);
      for (const loser of conversations.filter((c) => !winners.includes(c))) {
        expect(loser.heard).toContain('Μόλις κρατήθηκε το τελευταίο διαθέσιμο αντίτυπο του βιβλίου «Ο Καπετάν Μιχάλης» (Κεντρική Βιβλιοθήκη) και δεν υπάρχει άλλο διαθέσιμο.');
      }
      expect(await db().hold.count({ where: { recordId: record.id, order: { patronId: { in: patrons.map((p) => p.id) } } } })).toBe(1);
      expect(await db().order.count({ where: { patronId: { in: patrons.map((p) => p.id) } } })).toBe(1);
      ran(20);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }, 120_000);
});

describe('the last copies of a record with many', () => {
  it('go one each to 12 patrons confirming at once for 12 copies at one branch: nobody is told "taken" while one is free', async () => {
    const record = await db().record.create({
      data: {
        libraryId: 'kalamaria', title: 'Εγχειρίδιο για το σχολείο', author: 'Συλλογικό', year: 2024, language: 'el', kind: 'book', audience: 'children',
        acquiredAt: new Date('2026-09-01T00:00:00Z'), searchText: 'εγχειριδιο για το σχολειο συλλογικο',
        copies: { create: Array.from({ length: 12 }, (_, i) => ({ branchId: 'kal-central', shelfMark: `ΣΧ ${i + 1}`, status: 'available' })) },
      },
    });
    const patrons = await Promise.all(Array.from({ length: 12 }, (_, i) => aPatron('kalamaria', `8900${String(i).padStart(3, '0')}`)));
    const outcomes = await Promise.all(patrons.map((p, i) => new PlaceOrder(new PrismaOrderRepository(pool(i)), policyFor, now).run({
      libraryId: 'kalamaria', patronId: p.id, channel: 'test', language: 'el', items: [{ recordId: record.id, branchId: 'kal-central' }],
    })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(12);
    const holds = await db().hold.findMany({ where: { recordId: record.id } });
    expect(new Set(holds.map((h) => h.copyId)).size).toBe(12);
    expect(await db().copy.count({ where: { recordId: record.id, status: 'available' } })).toBe(0);
    ran(12);
  });
});

describe('the borrowing limit of 10 (Kalamaria)', () => {
  it('is never exceeded by one patron confirming 20 baskets of one to three books in parallel', async () => {
    const available = await db().copy.findMany({ where: { status: 'available', branch: { libraryId: 'kalamaria' } }, orderBy: { id: 'asc' } });
    const items = [...new Map(available.map((c) => [`${c.recordId}|${c.branchId}`, { recordId: c.recordId, branchId: c.branchId }])).values()];
    for (let round = 0; round < ROUNDS; round++) {
      const patron = await aPatron('kalamaria', `6${round}00001`);
      let next = 0;
      const baskets = Array.from({ length: 20 }, (_, i) => items.slice(next, (next += 1 + (i % 3))));
      expect(next).toBeLessThanOrEqual(items.length);
      const outcomes = await Promise.all(baskets.map((basket, i) => new PlaceOrder(new PrismaOrderRepository(pool(i)), policyFor, now).run({
        libraryId: 'kalamaria', patronId: patron.id, channel: 'test', language: 'el', items: basket,
      })));
      const placed = outcomes.flatMap((o, i) => (o.allowed ? [baskets[i]!.length] : []));
      const held = await db().hold.count({ where: { status: 'active', order: { patronId: patron.id } } });
      expect(held).toBe(placed.reduce((a, b) => a + b, 0));
      expect(held).toBeLessThanOrEqual(10);
      // Whatever the interleaving, a basket that still fits is never refused: the patron ends at 9 or 10.
      expect(held).toBeGreaterThanOrEqual(8);
      expect(outcomes.filter((o) => !o.allowed).every((o) => !o.allowed && o.reason === 'hold.limit_reached')).toBe(true);
      // All or nothing per basket: no hold without its order, no held copy without its hold.
      for (const order of await db().order.findMany({ where: { patronId: patron.id }, include: { holds: true } })) {
        expect(baskets.map((b) => b.length)).toContain(order.holds.length);
      }
      ran(20);
      // The next round starts from the same shelf.
      await db().copy.updateMany({ where: { holds: { some: { order: { patronId: patron.id } } } }, data: { status: 'available' } });
    }
  });

  it('lets 1001003 (8 loans and 1 hold) take exactly one more of 20 parallel confirmations', async () => {
    const patron = await db().patron.findFirstOrThrow({ where: { libraryId: 'kalamaria', cardNumber: '1001003' } });
    const available = await db().copy.findMany({ where: { status: 'available', branch: { libraryId: 'kalamaria' } }, orderBy: { id: 'desc' } });
    const items = [...new Map(available.map((c) => [`${c.recordId}|${c.branchId}`, { recordId: c.recordId, branchId: c.branchId }])).values()].slice(0, 20);
    const outcomes = await Promise.all(items.map((item, i) => new PlaceOrder(new PrismaOrderRepository(pool(i)), policyFor, now).run({
      libraryId: 'kalamaria', patronId: patron.id, channel: 'test', language: 'el', items: [item],
    })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.allowed && o.reason === 'hold.limit_reached')).toHaveLength(19);
    expect(await db().hold.count({ where: { status: 'active', order: { patronId: patron.id } } })).toBe(2);
    ran(20);
  });
});

describe('the last pickup appointment place', () => {
  const friday11 = new Date('2026-11-27T09:00:00Z'); // 11:00 Athens; the Central Library takes 2 patrons per slot

  /** Open orders whose one book waits at the Central Library, written straight into the database. */
  async function centralOrders(n: number, card: string, firstRef: number) {
    const patron = await db().patron.findFirstOrThrow({ where: { cardNumber: card } });
    const copies = await db().copy.findMany({ where: { status: 'available', branchId: 'kal-central' }, take: n, orderBy: { id: 'asc' } });
    expect(copies).toHaveLength(n);
    const refs: string[] = [];
    for (const [i, copy] of copies.entries()) {
      await db().copy.update({ where: { id: copy.id }, data: { status: 'held' } });
      const ref = String(firstRef + i);
      refs.push(ref);
      await db().order.create({
        data: {
          ref, libraryId: 'kalamaria', patronId: patron.id, status: 'ready', channel: 'test', language: 'el',
          holds: { create: { copyId: copy.id, recordId: copy.recordId, branchId: 'kal-central', status: 'active' } },
        },
      });
    }
    return refs;
  }

  it('goes to exactly one of 20 orders booking it at the same moment on two instances', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const slot = new Date(friday11.getTime() + round * 15 * 60_000);
      const [first, ...racers] = await centralOrders(21, '1001001', 5_000_000 + round * 100);
      const services = pools.map((p) => createPickupServices(p, now, { notifier: { notify: async () => {} } }));
      const book = (ref: string, i: number) =>
        services[i % services.length]!.bookAppointment.run({ libraryId: 'kalamaria', ref, branchId: 'kal-central', startsAt: slot, actor: 'patron:1' });
      expect((await book(first!, 0)).allowed).toBe(true);
      const results = await Promise.all(racers.map((ref, i) => book(ref, i)));
      expect(results.filter((r) => r.allowed)).toHaveLength(1);
      expect(results.filter((r) => !r.allowed && r.reason === 'pickup.slot_full')).toHaveLength(19);
      const booked = await db().appointment.findMany({ where: { startsAt: slot, branchId: 'kal-central', status: 'booked' } });
      expect(booked.map((a) => a.seat).sort()).toEqual([1, 2]);
      ran(20);
      await db().copy.updateMany({ where: { holds: { some: { order: { ref: { in: [first!, ...racers] } } } } }, data: { status: 'available' } });
    }
  });

  it('leaves one order clicking ten different slots at once with exactly one appointment', async () => {
    const [ref] = await centralOrders(1, '1001001', 5_100_000);
    const services = pools.map((p) => createPickupServices(p, now, { notifier: { notify: async () => {} } }));
    const slots = Array.from({ length: 10 }, (_, i) => new Date(friday11.getTime() + i * 15 * 60_000));
    const results = await Promise.all(slots.map((startsAt, i) =>
      services[i % services.length]!.bookAppointment.run({ libraryId: 'kalamaria', ref: ref!, branchId: 'kal-central', startsAt, actor: 'patron:1' })));
    expect(results.every((r) => r.allowed)).toBe(true);
    const order = await db().order.findUniqueOrThrow({ where: { ref: ref! }, include: { appointments: true } });
    expect(order.appointments.filter((a) => a.status === 'booked')).toHaveLength(1);
    expect(order.appointments).toHaveLength(10);
    ran(10);
  });
});

describe('the 3 outstanding interlibrary loan requests (Ózd)', () => {
  const draft = (patronId: number, title: string): IllDraft => ({
    libraryId: 'ozd', patronId, channel: 'test', language: 'hu', kind: 'book', form: 'original', title, maxCost: 0, currency: 'HUF',
    terms: { version: 'ozd-ill-2026-11/original/hu', text: 'Feltételek.', language: 'hu', acceptedAt: now(), actor: `patron:${patronId}` },
  });

  it('are never exceeded by 20 parallel requests of one reader on two instances', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const patron = await aPatron('ozd', `5${round}00001`);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
        new RequestIll(new PrismaIllRepository(pool(i)), policyFor, now).run(draft(patron.id, `Könyv ${i}`))));
      expect(results.filter((r) => r.allowed)).toHaveLength(3);
      expect(results.filter((r) => !r.allowed && r.reason === 'ill.limit_reached')).toHaveLength(17);
      expect(await db().illRequest.count({ where: { patronId: patron.id } })).toBe(3);
      expect(await db().illTermsAcceptance.count({ where: { request: { patronId: patron.id } } })).toBe(3);
      ran(20);
    }
  });

  it('let none of 10 parallel requests through for 2002003, who already has 3', async () => {
    const patron = await db().patron.findFirstOrThrow({ where: { cardNumber: '2002003' } });
    const before = await db().illRequest.count({ where: { patronId: patron.id } });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      new RequestIll(new PrismaIllRepository(pool(i)), policyFor, now).run(draft(patron.id, `Könyv ${i}`))));
    expect(results.every((r) => !r.allowed && r.reason === 'ill.limit_reached')).toBe(true);
    expect(await db().illRequest.count({ where: { patronId: patron.id } })).toBe(before);
    ran(10);
  });
});

describe('two instances in two processes, started at the same instant', () => {
  const WORKER = path.resolve(import.meta.dirname, 'fixtures', 'race-worker.ts');

  /** Runs each job in its own worker process; all start at one agreed instant. */
  async function race<T>(jobs: Array<Omit<RaceJob, 'startAt' | 'now'>>): Promise<T[]> {
    const startAt = Date.now() + 5000;
    const outputs = await Promise.all(jobs.map((job) => new Promise<string>((resolve, reject) => {
      execFile(path.resolve('node_modules/.bin/tsx'), [WORKER, url, JSON.stringify({ ...job, startAt, now: now().toISOString() })], { timeout: 90_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    })));
    return outputs.flatMap((out) => JSON.parse(out) as T[]);
  }
  type Outcome = { allowed: boolean; reason?: string };
  const halves = <T>(list: T[]) => [list.filter((_, i) => i % 2 === 0), list.filter((_, i) => i % 2 === 1)];

  it('give the last copy to exactly one of 2 × 15 patrons', async () => {
    const [copy] = await lastCopies();
    const patrons = await Promise.all(Array.from({ length: 30 }, (_, i) => aPatron('kalamaria', `4400${String(i).padStart(3, '0')}`)));
    const drafts = patrons.map((p) => ({ libraryId: 'kalamaria', patronId: p.id, channel: 'test', language: 'el', items: [{ recordId: copy!.recordId, branchId: copy!.branchId }] }));
    const outcomes = await race<Outcome>(halves(drafts).map((d) => ({ kind: 'order', drafts: d })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(1);
    expect(outcomes.filter((o) => o.reason === 'hold.copy_taken')).toHaveLength(29);
    expect(await db().hold.count({ where: { copyId: copy!.id } })).toBe(1);
    ran(30);
  }, 120_000);

  it('keep one patron\'s 2 × 10 parallel confirmations within the limit of 10', async () => {
    const patron = await aPatron('kalamaria', '4500001');
    const available = await db().copy.findMany({ where: { status: 'available', branch: { libraryId: 'kalamaria' } }, orderBy: { id: 'asc' } });
    const items = [...new Map(available.map((c) => [`${c.recordId}|${c.branchId}`, { recordId: c.recordId, branchId: c.branchId }])).values()].slice(0, 20);
    const drafts = items.map((item) => ({ libraryId: 'kalamaria', patronId: patron.id, channel: 'test', language: 'el', items: [item] }));
    const outcomes = await race<Outcome>(halves(drafts).map((d) => ({ kind: 'order', drafts: d })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
    expect(outcomes.filter((o) => o.reason === 'hold.limit_reached')).toHaveLength(10);
    expect(await db().hold.count({ where: { status: 'active', order: { patronId: patron.id } } })).toBe(10);
    ran(20);
  }, 120_000);

  it('give the last place of a pickup slot to exactly one of 2 × 5 orders', async () => {
    const friday11 = '2026-11-27T09:00:00.000Z';
    const patron = await db().patron.findFirstOrThrow({ where: { cardNumber: '1001001' } });
    const copies = await db().copy.findMany({ where: { status: 'available', branchId: 'kal-central' }, take: 11, orderBy: { id: 'asc' } });
    const refs: string[] = [];
    for (const [i, copy] of copies.entries()) {
      await db().copy.update({ where: { id: copy.id }, data: { status: 'held' } });
      refs.push(String(5_200_000 + i));
      await db().order.create({
        data: {
          ref: refs[i]!, libraryId: 'kalamaria', patronId: patron.id, status: 'ready', channel: 'test', language: 'el',
          holds: { create: { copyId: copy.id, recordId: copy.recordId, branchId: 'kal-central', status: 'active' } },
        },
      });
    }
    const request = (ref: string) => ({ libraryId: 'kalamaria', ref, branchId: 'kal-central', startsAt: friday11, actor: 'patron:1' });
    const pickup = createPickupServices(db(), now, { notifier: { notify: async () => {} } });
    expect((await pickup.bookAppointment.run({ ...request(refs[0]!), startsAt: new Date(friday11) })).allowed).toBe(true);
    const outcomes = await race<Outcome>(halves(refs.slice(1).map(request)).map((r) => ({ kind: 'book', requests: r })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(1);
    expect(outcomes.filter((o) => o.reason === 'pickup.slot_full')).toHaveLength(9);
    expect(await db().appointment.count({ where: { startsAt: new Date(friday11), status: 'booked' } })).toBe(2);
    ran(10);
  }, 120_000);

  it('keep one reader\'s 2 × 5 parallel interlibrary loan requests within 3', async () => {
    const patron = await aPatron('ozd', '4600001');
    const drafts = Array.from({ length: 10 }, (_, i) => ({
      libraryId: 'ozd', patronId: patron.id, channel: 'test', language: 'hu', kind: 'book' as const, form: 'original' as const, title: `Könyv ${i}`, maxCost: 0, currency: 'HUF',
    }));
    const outcomes = await race<Outcome>(halves(drafts).map((d) => ({ kind: 'ill', drafts: d })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(3);
    expect(outcomes.filter((o) => o.reason === 'ill.limit_reached')).toHaveLength(7);
    expect(await db().illRequest.count({ where: { patronId: patron.id } })).toBe(3);
    ran(10);
  }, 120_000);
});
