import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyFor } from '../support/libraries';
import type { IllDraft } from '../../src/domain/ports/ill-repository';
import { RequestIll } from '../../src/domain/services/ill-request';
import { IllWorkflow } from '../../src/domain/services/ill-workflow';
import type { Db } from '../../src/persistence/prisma-client';
import { PrismaIllRepository } from '../../src/persistence/prisma-ill-repository';
import { freshDb } from '../support/test-db';

const WORKER = path.resolve(import.meta.dirname, '..', 'fixtures', 'ill-request-worker.ts');
let db: Db;
let url: string;
const now = () => new Date('2026-11-23T10:00:00Z');
beforeEach(async () => { ({ db, url } = await freshDb()); });
afterEach(async () => { await db.$disconnect(); });

const patronId = async (card: string) => (await db.patron.findFirstOrThrow({ where: { cardNumber: card } })).id;

function aDraft(patron: number, title: string): IllDraft {
  return {
    libraryId: 'ozd', patronId: patron, channel: 'test', language: 'hu', kind: 'book', form: 'original', title, author: 'Szerző',
    maxCost: 0, currency: 'HUF',
    terms: { version: 'ozd-ill-2026-11/original/hu', text: 'Feltételek szövege.', language: 'hu', acceptedAt: now(), actor: `patron:${patron}` },
  };
}

describe('PrismaIllRepository.submit', () => {
  it('lets exactly one of two racing requests take the reader\'s last free place (two processes, two connections)', async () => {
    const id = await patronId('2002001');
    const requestIll = new RequestIll(new PrismaIllRepository(db), policyFor, now);
    await requestIll.run(aDraft(id, 'Első'));
    await requestIll.run(aDraft(id, 'Második'));
    const startAt = Date.now() + 4000;
    const race = (title: string) => new Promise<string>((resolve, reject) => {
      execFile(path.resolve('node_modules/.bin/tsx'), [WORKER, url, String(id), title, String(startAt)], { timeout: 60_000 }, (error, stdout, stderr) =>
        (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    });
    const results = (await Promise.all([race('Harmadik A'), race('Harmadik B')])).map((out) => JSON.parse(out) as { allowed: boolean });
    expect(results.filter((r) => r.allowed)).toHaveLength(1);
    expect(results.filter((r) => !r.allowed)).toEqual([{ allowed: false, reason: 'ill.limit_reached', params: { count: 3, outstanding: 3 } }]);
    expect(await db.illRequest.count({ where: { patronId: id, status: 'submitted' } })).toBe(3);
    expect(await db.illTermsAcceptance.count({ where: { request: { patronId: id } } })).toBe(3);
  });

  it('stays within 3 under ten concurrent requests from one process', async () => {
    const id = await patronId('2002001');
    const requestIll = new RequestIll(new PrismaIllRepository(db), policyFor, now);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => requestIll.run(aDraft(id, `Könyv ${i}`))));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect(await db.illRequest.count({ where: { patronId: id } })).toBe(3);
  });

  it('stores the exact terms text, its version, hash and time, and amounts as integers', async () => {
    const id = await patronId('2002001');
    const placed = await new RequestIll(new PrismaIllRepository(db), policyFor, now).run(aDraft(id, 'A kőszívű ember fiai'));
    expect(placed.allowed).toBe(true);
    const row = await db.illRequest.findFirstOrThrow({ where: { patronId: id }, include: { acceptances: true, events: true } });
    expect(row).toMatchObject({ status: 'submitted', form: 'original', maxCost: 0, currency: 'HUF' });
    expect(row.acceptances).toEqual([expect.objectContaining({
      version: 'ozd-ill-2026-11/original/hu', text: 'Feltételek szövege.', acceptedAt: now(), language: 'hu',
      // sha256 of the UTF-8 text, so a later edit of the stored words would show.
      textSha256: createHash('sha256').update('Feltételek szövege.').digest('hex'),
    })]);
    expect(row.events.map((e) => e.toStatus)).toEqual(['submitted']);
  });
});

describe('unpaid return postage (seeds/004)', () => {
  it('blocks 2002004 until staff record the payment, then lets the request through', async () => {
    const id = await patronId('2002004');
    const repo = new PrismaIllRepository(db);
    const requestIll = new RequestIll(repo, policyFor, now);
    expect(await requestIll.eligibility('ozd', id)).toEqual({ allowed: false, reason: 'ill.unpaid_postage', params: { amount: 125000 }, remaining: 3 });
    expect(await requestIll.run(aDraft(id, 'X'))).toEqual({ allowed: false, reason: 'ill.unpaid_postage', params: { amount: 125000 } });
    const [charge] = await repo.unpaidCharges(id);
    expect(charge).toMatchObject({ kind: 'return_postage', amount: 125000, requestRef: '3000049' });
    const workflow = new IllWorkflow(repo, policyFor, now);
    expect(await workflow.recordPayment(id, charge!.id, 'staff:1')).toEqual({ allowed: true });
    expect(await workflow.recordPayment(id, charge!.id, 'staff:1')).toEqual({ allowed: false, reason: 'ill.charge_not_found' });
    expect(await requestIll.eligibility('ozd', id)).toEqual({ allowed: true, remaining: 3 });
    expect((await requestIll.run(aDraft(id, 'X'))).allowed).toBe(true);
    expect(await db.illCharge.findUniqueOrThrow({ where: { id: charge!.id } })).toMatchObject({ paidRecordedBy: 'staff:1', paidAt: now() });
  });

  it('has seeded 2002003 with 3 outstanding requests', async () => {
    const requestIll = new RequestIll(new PrismaIllRepository(db), policyFor, now);
    expect(await requestIll.eligibility('ozd', await patronId('2002003'))).toEqual({ allowed: false, reason: 'ill.limit_reached', params: { count: 3, outstanding: 3 }, remaining: 0 });
  });
});

describe('PrismaIllRepository.submit with a request key', () => {
  it('finds the request of the same yes again, even with the reader at the limit, instead of writing another', async () => {
    const id = await patronId('2002001');
    const requestIll = new RequestIll(new PrismaIllRepository(db), policyFor, now);
    await requestIll.run(aDraft(id, 'Első'));
    await requestIll.run(aDraft(id, 'Második'));
    const first = await requestIll.run({ ...aDraft(id, 'Harmadik'), requestKey: 'yes-3' });
    expect(first).toMatchObject({ allowed: true });
    // Three outstanding now: a new request would be refused, the same one is found.
    const again = await requestIll.run({ ...aDraft(id, 'Harmadik'), requestKey: 'yes-3' });
    expect(again).toEqual({ ...first, replayed: true });
    const twice = await Promise.all([requestIll.run({ ...aDraft(id, 'Harmadik'), requestKey: 'yes-3' }), requestIll.run({ ...aDraft(id, 'Harmadik'), requestKey: 'yes-3' })]);
    expect(twice).toEqual([{ ...first, replayed: true }, { ...first, replayed: true }]);
    expect(await db.illRequest.count({ where: { patronId: id, title: 'Harmadik' } })).toBe(1);
    expect(await db.illTermsAcceptance.count({ where: { request: { requestKey: 'yes-3' } } })).toBe(1);
  });
});
