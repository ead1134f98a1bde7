import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app';
import { DEFAULT_RETENTION } from '../../src/domain/policy/retention';
import { PurgeExpiredData } from '../../src/domain/services/purge-expired-data';
import { retentionFromEnv, retentionOfLibraries, retentionOverridesFromEnv } from '../../src/jobs/retention-from-env';
import { loadLibraries } from '../../src/libraries/load-libraries';
import { PrismaRetentionStore } from '../../src/persistence/prisma-retention-store';
import type { Db } from '../../src/persistence/prisma-client';
import { anOrder } from '../staff/staff-support';
import { freshDb } from '../support/test-db';

const NOW = new Date('2026-11-23T10:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
let app: App | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

/** One row of each kind just past its retention period, and one just within it. */
async function seedOldAndNew(db: Db) {
  for (const [id, age] of [['webchat/conversations/old-chat/', 31], ['webchat/conversations/new-chat/', 29]] as const) {
    await db.botState.create({ data: { id, data: '{}', etag: 'e', updatedAt: daysAgo(age) } });
  }
  await db.webChatOutbox.createMany({ data: [{ conversationId: 'old-chat', activity: '{}', createdAt: daysAgo(31) }, { conversationId: 'new-chat', activity: '{}', createdAt: daysAgo(29) }] });
  await db.callbackRequest.createMany({ data: [
    { libraryId: 'kalamaria', phone: '+302310000001', language: 'el', callSid: `CA${'1'.repeat(32)}`, createdAt: daysAgo(31) },
    { libraryId: 'kalamaria', phone: '+302310000002', language: 'el', callSid: `CA${'2'.repeat(32)}`, createdAt: daysAgo(29) },
  ] });
  const ref = JSON.stringify({ channelId: 'webchat', conversation: { id: 'c' }, user: { id: 'u' } });
  const closedOld = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000017', status: 'collected' });
  const closedNew = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000025', status: 'cancelled' });
  const openOld = await anOrder(db, { library: 'kalamaria', card: '1001001', ref: '1000033', status: 'ready' });
  await db.order.update({ where: { id: closedOld.id }, data: { conversationRef: ref, updatedAt: daysAgo(31) } });
  await db.order.update({ where: { id: closedNew.id }, data: { conversationRef: ref, updatedAt: daysAgo(29) } });
  await db.order.update({ where: { id: openOld.id }, data: { conversationRef: ref, updatedAt: daysAgo(90) } });
  await db.notification.createMany({ data: [
    { orderId: closedOld.id, kind: 'ready', channel: 'sms', status: 'sent', createdAt: daysAgo(181) },
    { orderId: closedOld.id, kind: 'expiring', channel: 'sms', status: 'sent', createdAt: daysAgo(179) },
  ] });
  const staff = await db.staffUser.findFirstOrThrow({ where: { libraryId: 'kalamaria' } });
  await db.staffSession.createMany({ data: [
    { id: 'expired-session', staffId: staff.id, csrfToken: 'x', expiresAt: daysAgo(1) },
    { id: 'live-session', staffId: staff.id, csrfToken: 'y', expiresAt: new Date(NOW.getTime() + 3_600_000) },
  ] });
  await db.demandSearch.createMany({ data: [
    { libraryId: 'kalamaria', query: 'παλιό', language: 'el', channel: 'chat', at: daysAgo(366) },
    { libraryId: 'kalamaria', query: 'πρόσφατο', language: 'el', channel: 'phone', at: daysAgo(364) },
  ] });
  const patron = await db.patron.findFirstOrThrow({ where: { libraryId: 'kalamaria', cardNumber: '1001001' } });
  await db.copyAlert.createMany({ data: [
    { libraryId: 'kalamaria', recordId: 1, patronId: patron.id, title: 'Παλιά', language: 'el', channel: 'chat', status: 'open', openKey: `${patron.id}:1`, createdAt: daysAgo(181) },
    { libraryId: 'kalamaria', recordId: 2, patronId: patron.id, title: 'Νέα', language: 'el', channel: 'chat', status: 'open', openKey: `${patron.id}:2`, createdAt: daysAgo(179) },
  ] });
  return { closedOld, closedNew, openOld };
}

describe('the purge-expired-data job', () => {
  it('is registered with the job runner and removes exactly what is past its retention period', async () => {
    const { db, url } = await freshDb();
    const orders = await seedOldAndNew(db);
    await db.$disconnect();
    app = await createApp({ databaseUrl: url, now: () => NOW });
    expect(await app.jobs.tick('purge-expired-data')).toBe('ran');
    const check = app.db;
    expect((await check.botState.findMany()).map((r) => r.id)).toEqual(['webchat/conversations/new-chat/']);
    expect((await check.webChatOutbox.findMany()).map((r) => r.conversationId)).toEqual(['new-chat']);
    expect((await check.callbackRequest.findMany()).map((r) => r.phone)).toEqual(['+302310000002']);
    expect((await check.notification.findMany()).map((r) => r.kind)).toEqual(['expiring']);
    const refs = Object.fromEntries((await check.order.findMany({ where: { id: { in: Object.values(orders).map((o) => o.id) } } })).map((o) => [o.ref, o.conversationRef !== null]));
    // The closed order's reference goes; a recent closed one and an open one (still notified) keep theirs.
    expect(refs).toEqual({ '1000017': false, '1000025': true, '1000033': true });
    expect(await check.order.count({ where: { ref: '1000017' } })).toBe(1);
    expect((await check.staffSession.findMany()).map((s) => s.id)).toEqual(['live-session']);
    expect((await check.demandSearch.findMany()).map((r) => r.query)).toEqual(['πρόσφατο']);
    expect((await check.copyAlert.findMany()).map((r) => r.title)).toEqual(['Νέα']);
    const run = await check.jobSchedule.findUniqueOrThrow({ where: { name: 'purge-expired-data' } });
    expect(JSON.parse(run.lastOutcome ?? '{}')).toEqual({
      conversationStates: 1, outbox: 1, notifications: 1, callbackRequests: 1, conversationRefs: 1, staffSessions: 1, demandSearches: 1, copyAlerts: 1,
    });
    // Not due again for six hours; run by hand, it finds nothing more.
    expect(await app.jobs.tick('purge-expired-data')).toBe('not_due');
    expect(await new PurgeExpiredData(new PrismaRetentionStore(check), DEFAULT_RETENTION, () => NOW).run()).toEqual({
      conversationStates: 0, outbox: 0, notifications: 0, callbackRequests: 0, conversationRefs: 0, staffSessions: 0, demandSearches: 0, copyAlerts: 0,
    });
  });

  it('keeps conversations longer when RETENTION_CONVERSATION_DAYS says so', async () => {
    const { db } = await freshDb();
    try {
      await seedOldAndNew(db);
      const policy = retentionFromEnv({ RETENTION_CONVERSATION_DAYS: '90' });
      const counts = await new PurgeExpiredData(new PrismaRetentionStore(db), policy, () => NOW).run();
      expect(counts.conversationStates).toBe(0);
      expect(counts.outbox).toBe(1);
      expect(await db.botState.count()).toBe(2);
    } finally {
      await db.$disconnect();
    }
  });
});

describe('each library\'s retention (issue 19: the library file\'s retention: block)', () => {
  /** The project's libraries, Kalamaria keeping call-backs 60 days and copy alerts a year. */
  const withKalamariaRetention = () => {
    const libraries = new Map(loadLibraries());
    const kalamaria = libraries.get('kalamaria')!;
    libraries.set('kalamaria', { ...kalamaria, policy: { ...kalamaria.policy, retention: { callbackDays: 60, copyAlertDays: 365 } } });
    return libraries;
  };

  it('applies each library\'s periods to its own rows, the defaults to the other library\'s and to the kinds without a library', async () => {
    const { db, url } = await freshDb();
    await seedOldAndNew(db);
    // Ózd's call-back and not-found search past the default periods: Ózd's file sets none, so they go.
    await db.callbackRequest.create({ data: { libraryId: 'ozd', phone: '+3648000003', language: 'hu', callSid: `CA${'3'.repeat(32)}`, createdAt: daysAgo(31) } });
    await db.demandSearch.create({ data: { libraryId: 'ozd', query: 'régi', language: 'hu', channel: 'chat', at: daysAgo(366) } });
    await db.$disconnect();
    app = await createApp({ databaseUrl: url, now: () => NOW, libraries: withKalamariaRetention() });
    expect(await app.jobs.tick('purge-expired-data')).toBe('ran');
    const check = app.db;
    // Kalamaria's 31-day-old call-back and 181-day-old copy alert are within its own 60 and 365 days.
    expect((await check.callbackRequest.findMany({ orderBy: { phone: 'asc' } })).map((r) => r.phone)).toEqual(['+302310000001', '+302310000002']);
    expect((await check.copyAlert.findMany({ orderBy: { title: 'asc' } })).map((r) => r.title)).toEqual(['Νέα', 'Παλιά']);
    // Kinds Kalamaria's file leaves out keep the defaults; conversation state and the outbox have no library: process-wide.
    expect((await check.demandSearch.findMany()).map((r) => r.query)).toEqual(['πρόσφατο']);
    expect((await check.botState.findMany()).map((r) => r.id)).toEqual(['webchat/conversations/new-chat/']);
    expect((await check.webChatOutbox.findMany()).map((r) => r.conversationId)).toEqual(['new-chat']);
    expect((await check.notification.findMany()).map((r) => r.kind)).toEqual(['expiring']);
    const run = await check.jobSchedule.findUniqueOrThrow({ where: { name: 'purge-expired-data' } });
    expect(JSON.parse(run.lastOutcome ?? '{}')).toMatchObject({ callbackRequests: 1, demandSearches: 2, copyAlerts: 0 });
  });

  it('a RETENTION_* variable set in the environment wins over the library files; one not set leaves them', () => {
    const libraries = withKalamariaRetention();
    const none = retentionOfLibraries(libraries, retentionOverridesFromEnv({}));
    expect(none.get('kalamaria')).toEqual({ ...DEFAULT_RETENTION, callbackDays: 60, copyAlertDays: 365 });
    expect(none.get('ozd')).toEqual(DEFAULT_RETENTION);
    const env = retentionOverridesFromEnv({ RETENTION_CALLBACK_DAYS: '14' });
    expect(env).toEqual({ callbackDays: 14 });
    const overridden = retentionOfLibraries(libraries, env);
    expect(overridden.get('kalamaria')).toEqual({ ...DEFAULT_RETENTION, callbackDays: 14, copyAlertDays: 365 });
    expect(overridden.get('ozd')).toEqual({ ...DEFAULT_RETENTION, callbackDays: 14 });
  });

  it('the project\'s libraries keep today\'s periods (Kalamaria\'s file writes the defaults out, Ózd\'s sets none)', () => {
    expect(loadLibraries().get('ozd')!.policy.retention).toEqual({});
    for (const policy of retentionOfLibraries(loadLibraries(), {}).values()) expect(policy).toEqual(DEFAULT_RETENTION);
  });
});

describe('retentionFromEnv', () => {
  it('has documented defaults: 30 days of conversations, outbox, call-backs and closed references, 180 of notification records and copy alerts, 365 of not-found searches', () => {
    expect(retentionFromEnv({})).toEqual({
      conversationDays: 30, outboxDays: 30, notificationDays: 180, callbackDays: 30, closedConversationRefDays: 30, demandSearchDays: 365, copyAlertDays: 180,
    });
  });

  it.each(['0', '-3', 'ten', '2.5', '99999'])('refuses RETENTION_OUTBOX_DAYS=%s at start-up', (value) => {
    expect(() => retentionFromEnv({ RETENTION_OUTBOX_DAYS: value })).toThrow(/RETENTION_OUTBOX_DAYS/);
  });
});
