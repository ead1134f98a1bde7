import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app';
import type { NotificationRequest } from '../../src/domain/ports/patron-notifier';
import { policyFor } from '../support/libraries';
import { PlaceOrder } from '../../src/domain/services/place-order';
import { JobRunner } from '../../src/jobs/job-runner';
import { createLogger } from '../../src/logging';
import { createPrismaClient, providerOf, type Db } from '../../src/persistence/prisma-client';
import { PrismaJobStore } from '../../src/persistence/prisma-job-store';
import { PrismaOrderRepository } from '../../src/persistence/prisma-order-repository';
import { freshDb } from '../support/test-db';

// On PostgreSQL two runners with their own database clients (pools) stand for two instances of
// the bot. SQLite is embedded: one process, one client, so there both runners share it (two
// better-sqlite3 connections in one thread would wait on each other's lock synchronously).
const log = createLogger(process.env.JOB_TEST_LOG ?? 'silent');
let db: Db;
let url: string;
const closers: Array<() => Promise<void>> = [];
beforeEach(async () => { ({ db, url } = await freshDb()); });
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await db.$disconnect();
});

async function instance(): Promise<Db> {
  if (providerOf(db) === 'sqlite') return db;
  const other = await createPrismaClient(url);
  closers.push(() => other.$disconnect());
  return other;
}

describe('JobRunner with two instances on one database', () => {
  it('runs a due job exactly once however many times both instances tick, and again the next period', async () => {
    let clock = new Date('2026-11-23T10:00:00Z');
    let runs = 0;
    const job = { name: 'count', everyMs: 60_000, run: async () => { runs += 1; await new Promise((r) => setTimeout(r, 20)); return runs; } };
    const a = new JobRunner([job], new PrismaJobStore(await instance()), () => clock, log);
    const b = new JobRunner([job], new PrismaJobStore(await instance()), () => clock, log);
    const ticks = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).tick('count')));
    expect(runs).toBe(1);
    expect(ticks.filter((t) => t === 'ran')).toHaveLength(1);
    expect(ticks.every((t) => ['ran', 'not_due', 'busy'].includes(t))).toBe(true);

    clock = new Date(clock.getTime() + 30_000);
    await Promise.all([a.tick('count'), b.tick('count')]);
    expect(runs).toBe(1);

    clock = new Date(clock.getTime() + 30_000);
    await Promise.all([a.tick('count'), b.tick('count'), a.tick('count'), b.tick('count')]);
    expect(runs).toBe(2);
    expect(await db.jobSchedule.findUniqueOrThrow({ where: { name: 'count' } })).toMatchObject({ runs: 2, lastOutcome: '2' });
  });

  it.runIf(process.env.TEST_DATABASE === 'postgres')('on PostgreSQL, keeps a second instance out while a run is in progress (advisory lock)', async () => {
    expect(providerOf(db)).toBe('postgresql');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let running = 0;
    let overlapped = false;
    // Due on every tick: only the lock stands between two overlapping runs.
    const job = { name: 'slow', everyMs: 0, run: async () => { running += 1; overlapped ||= running > 1; await gate; running -= 1; } };
    const now = () => new Date();
    const a = new JobRunner([job], new PrismaJobStore(await instance()), now, log);
    const b = new JobRunner([job], new PrismaJobStore(await instance()), now, log);
    const first = a.tick('slow');
    while (running === 0) await new Promise((r) => setTimeout(r, 10));
    expect(await b.tick('slow')).toBe('busy');
    release();
    expect(await first).toBe('ran');
    expect(await b.tick('slow')).toBe('ran');
    expect(overlapped).toBe(false);
  });

  it('expires an uncollected order once when two servers run the expire-orders job together', async () => {
    const notified: NotificationRequest[] = [];
    const notifier = { notify: async (request: NotificationRequest) => { notified.push(request); } };
    const now = () => new Date('2026-11-23T10:00:00Z');
    const patron = await db.patron.findFirstOrThrow({ where: { cardNumber: '1001001' } });
    const copy = await db.copy.findFirstOrThrow({ where: { record: { title: 'Ο Καπετάν Μιχάλης' }, status: 'available' } });
    const placed = await new PlaceOrder(new PrismaOrderRepository(db), policyFor, now).run({
      libraryId: 'kalamaria', patronId: patron.id, channel: 'test', language: 'el', items: [{ recordId: copy.recordId, branchId: copy.branchId }],
    });
    if (!placed.allowed) throw new Error(placed.reason);
    await db.order.update({ where: { id: placed.orderId }, data: { status: 'ready', pickupDeadline: new Date('2026-11-22T18:00:00Z') } });

    const apps: App[] = [];
    for (let i = 0; i < 2; i++) {
      const app = await createApp({ ...(providerOf(db) === 'sqlite' ? { db } : { databaseUrl: url }), now, notifier });
      apps.push(app);
      closers.push(() => app.close());
    }
    const ticks = await Promise.all([...apps, ...apps].map((app) => app.jobs.tick('expire-orders')));
    expect(ticks.filter((t) => t === 'ran')).toHaveLength(1);
    expect(await db.order.findUniqueOrThrow({ where: { id: placed.orderId } })).toMatchObject({ status: 'expired' });
    expect(await db.orderEvent.count({ where: { orderId: placed.orderId, toStatus: 'expired' } })).toBe(1);
    expect(await db.copy.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ status: 'available' });
    expect(notified.filter((n) => n.kind === 'expired')).toEqual([{ kind: 'expired', orderId: placed.orderId }]);
  });
});
