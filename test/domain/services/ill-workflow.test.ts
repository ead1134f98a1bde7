import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyFor } from '../../support/libraries';
import type { IllRequestView } from '../../../src/domain/ports/ill-repository';
import { RequestIll } from '../../../src/domain/services/ill-request';
import { IllWorkflow, type IllAction } from '../../../src/domain/services/ill-workflow';
import type { Db } from '../../../src/persistence/prisma-client';
import { PrismaIllRepository } from '../../../src/persistence/prisma-ill-repository';
import { freshDb } from '../../support/test-db';

let db: Db;
let clock: Date;
let repo: PrismaIllRepository;
let workflow: IllWorkflow;
let requestIll: RequestIll;
const arrivals: IllRequestView[] = [];
beforeEach(async () => {
  ({ db } = await freshDb());
  clock = new Date('2026-11-24T10:00:00Z'); // Tuesday, 11:00 in Ózd
  repo = new PrismaIllRepository(db);
  arrivals.length = 0;
  workflow = new IllWorkflow(repo, policyFor, () => clock, { arrived: async (r) => { arrivals.push(r); } });
  requestIll = new RequestIll(repo, policyFor, () => clock);
});
afterEach(async () => { await db.$disconnect(); });

async function anArrivedOriginal(): Promise<{ ref: string; patronId: number }> {
  const patronId = (await db.patron.findFirstOrThrow({ where: { cardNumber: '2002001' } })).id;
  const placed = await requestIll.run({
    libraryId: 'ozd', patronId, channel: 'test', language: 'hu', kind: 'book', form: 'original', title: 'Abigél', maxCost: 0, currency: 'HUF',
    terms: { version: 'v', text: 't', language: 'hu', acceptedAt: clock, actor: `patron:${patronId}` },
  });
  if (!placed.allowed) throw new Error(placed.reason);
  const steps: IllAction[] = [{ type: 'request', lender: 'OSZK' }, { type: 'terms', lenderCost: 0 }, { type: 'ship' }, { type: 'arrive', weightGrams: 1200 }];
  for (const action of steps) expect(await workflow.apply('ozd', placed.ref, action, 'staff:1'), action.type).toMatchObject({ allowed: true });
  return { ref: placed.ref, patronId };
}

const day = (n: number, hourUtc = 10) => new Date(Date.UTC(2026, 10, 24 + n, hourUtc));

describe('IllWorkflow', () => {
  it('notifies on arrival with the postage due and the deadline', async () => {
    const { ref } = await anArrivedOriginal();
    expect(arrivals.map((r) => [r.ref, r.amountDue, r.collectBy, r.status])).toEqual([[ref, 215000, '2026-12-01', 'arrived']]);
  });

  it('hands over on day 7 but not on day 8', async () => {
    const { ref } = await anArrivedOriginal();
    clock = day(8);
    expect(await workflow.apply('ozd', ref, { type: 'collect', use: 'reading_room' }, 'staff:1'))
      .toEqual({ allowed: false, reason: 'ill.collection_window_passed', params: { deadline: '2026-12-01' } });
    clock = day(7);
    expect(await workflow.apply('ozd', ref, { type: 'collect', use: 'reading_room' }, 'staff:1')).toMatchObject({ allowed: true, request: { status: 'collected' } });
  });

  it('sends an uncollected original back on day 8, records the postage owed, and blocks new requests until it is paid', async () => {
    const { ref, patronId } = await anArrivedOriginal();
    clock = day(7);
    expect(await workflow.apply('ozd', ref, { type: 'send_back' }, 'staff:1')).toMatchObject({ allowed: false, reason: 'ill.collection_window_open' });
    clock = day(8);
    expect(await workflow.apply('ozd', ref, { type: 'send_back' }, 'staff:1')).toMatchObject({ allowed: true, request: { status: 'not_collected' } });
    const [charge] = await repo.unpaidCharges(patronId);
    expect(charge).toMatchObject({ kind: 'return_postage', amount: 215000, requestRef: ref });
    expect(await requestIll.eligibility('ozd', patronId)).toMatchObject({ allowed: false, reason: 'ill.unpaid_postage', params: { amount: 215000 } });
    await workflow.recordPayment(patronId, charge!.id, 'staff:1');
    expect(await requestIll.eligibility('ozd', patronId)).toEqual({ allowed: true, remaining: 3 });
  });

  it('charges the late fee per day when a home loan comes back after its due date', async () => {
    const { ref, patronId } = await anArrivedOriginal();
    expect(await workflow.apply('ozd', ref, { type: 'collect', use: 'home', dueDate: '2026-12-10', liabilitySigned: true }, 'staff:1')).toMatchObject({ allowed: true });
    clock = new Date('2026-12-13T09:00:00Z'); // 3 days late
    expect(await workflow.apply('ozd', ref, { type: 'return' }, 'staff:1')).toMatchObject({ allowed: true, request: { status: 'returned' } });
    expect(await repo.unpaidCharges(patronId)).toEqual([expect.objectContaining({ kind: 'late_fee', amount: 60000 })]);
    // A late fee is not return postage: it does not block new requests.
    expect((await requestIll.eligibility('ozd', patronId)).allowed).toBe(true);
    expect(await workflow.apply('ozd', ref, { type: 'close' }, 'staff:1')).toMatchObject({ allowed: true, request: { status: 'closed' } });
  });

  it('closes a copy when it is handed over, which frees the reader\'s place', async () => {
    const patronId = (await db.patron.findFirstOrThrow({ where: { cardNumber: '2002003' } })).id;
    const ref = '3000031'; // seeded: an article requested as a copy
    for (const action of [{ type: 'terms', lenderCost: 0 }, { type: 'ship' }, { type: 'arrive' }, { type: 'collect', use: 'home' }] as IllAction[]) {
      expect(await workflow.apply('ozd', ref, action, 'staff:1'), action.type).toMatchObject({ allowed: true });
    }
    expect((await repo.find('ozd', ref))!.status).toBe('closed');
    expect(await requestIll.eligibility('ozd', patronId)).toEqual({ allowed: true, remaining: 1 });
  });

  it('refuses a step taken on an outdated version', async () => {
    const { ref } = await anArrivedOriginal();
    expect(await workflow.apply('ozd', ref, { type: 'collect', use: 'reading_room' }, 'staff:1', 0)).toEqual({ allowed: false, reason: 'ill.stale' });
  });
});
