import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchCatalogue } from '../../src/domain/services/search-catalogue';
import { parseListRecords, OaiPmhError, oaiPmhSettingsSchema } from '../../src/imports/oai-pmh-client';
import { catalogueHarvestJobs } from '../../src/jobs/catalogue-harvest-jobs';
import { JobRunner } from '../../src/jobs/job-runner';
import { createLogger } from '../../src/logging';
import type { MarcLike } from '../../src/imports/marc-mapping';
import { PrismaCatalogueRepository } from '../../src/persistence/prisma-catalogue-repository';
import type { Db } from '../../src/persistence/prisma-client';
import { PrismaJobStore } from '../../src/persistence/prisma-job-store';
import { greek } from '../fixtures/marc/make-fixtures';
import { startOaiServer, type OaiReply, type OaiTestServer } from '../support/oai-pmh-server';
import { freshDb } from '../support/test-db';

const EL = 'imp-el';
const branches = [{ id: 'imp-el-central', ilsCode: 'KALK' }, { id: 'imp-el-child', ilsCode: 'KALA' }];
const JOB = `harvest-catalogue:${EL}`;
const HOUR = 3_600_000;

let db: Db;
let server: OaiTestServer;
let reply: (q: URLSearchParams) => OaiReply;
let responseDate: string;
beforeEach(async () => {
  ({ db } = await freshDb());
  await db.library.create({ data: { id: EL, name: 'Δοκιμαστική', timezone: 'Europe/Athens', currency: 'EUR', phone: '1', defaultLanguage: 'el' } });
  for (const { id } of branches) await db.branch.create({ data: { id, libraryId: EL, name: id, address: '-', phone: '1' } });
  server = await startOaiServer((q) => reply(q), () => responseDate);
});
afterEach(async () => {
  await server.close();
  await db.$disconnect();
});

const marc = (i: number): MarcLike => structuredClone(greek[i]!.toObject());
const titles = async (query: string) => (await new SearchCatalogue(new PrismaCatalogueRepository(db)).search(EL, query, 0, 10)).items.map((i) => i.title);
const state = () => db.catalogueHarvest.findUniqueOrThrow({ where: { libraryId: EL } });

function runner(lines: string[]) {
  let clock = new Date('2026-12-01T10:00:00Z');
  const log = createLogger('info', new Writable({ write(chunk, _e, done) { lines.push(...chunk.toString().split('\n').filter(Boolean)); done(); } }));
  const settings = oaiPmhSettingsSchema.parse({ baseUrl: server.baseUrl, intervalMinutes: 60 });
  const jobs = catalogueHarvestJobs(db, [{ libraryId: EL, oaiPmh: settings, branches }]);
  const r = new JobRunner(jobs, new PrismaJobStore(db), () => clock, log);
  // Each tick an interval later, so the job is due every time.
  return { tick: () => { clock = new Date(clock.getTime() + HOUR); return r.tick(JOB); } };
}

describe('OAI-PMH harvest of a library catalogue', () => {
  it('harvests everything, then only what changed: pages by resumption token, deletions, nothing new, an error', async () => {
    const lines: string[] = [];
    const jobs = runner(lines);

    // 1. First harvest: everything, two pages.
    responseDate = '2026-12-01T11:00:00Z';
    reply = (q) => (q.get('resumptionToken') === 'marcxml/2/2026-12-01T11:00:00Z/3'
      ? { records: [{ id: '5003', datestamp: '2026-11-20T09:00:00Z', marc: marc(2) }], cursor: 2, completeListSize: 3 }
      : { records: [{ id: '5001', datestamp: '2026-11-20T09:00:00Z', marc: marc(0) }, { id: '5002', datestamp: '2026-11-20T09:00:00Z', marc: marc(1) }], resumptionToken: 'marcxml/2/2026-12-01T11:00:00Z/3', cursor: 0, completeListSize: 3 });
    expect(await jobs.tick()).toBe('ran');
    expect(server.requests.map((q) => Object.fromEntries(q))).toEqual([
      { verb: 'ListRecords', metadataPrefix: 'marcxml' },
      // The token is exclusive: no metadataPrefix or from beside it.
      { verb: 'ListRecords', resumptionToken: 'marcxml/2/2026-12-01T11:00:00Z/3' },
    ]);
    expect(await db.record.count({ where: { libraryId: EL } })).toBe(3);
    expect(await titles('φονισσα')).toEqual(['Η φόνισσα: κοινωνικόν μυθιστόρημα']);
    expect((await state()).lastResponseDate).toBe('2026-12-01T11:00:00Z');

    // An order holds the copy of 5002 when the library deletes 5002 and 5003.
    const patron = await db.patron.create({ data: { libraryId: EL, cardNumber: '9000', pinHash: 'x', name: 'Α', phone: '1', preferredLanguage: 'el', homeBranchId: 'imp-el-central', status: 'active', cardExpiresAt: new Date('2030-01-01') } });
    const held = await db.copy.findFirstOrThrow({ where: { barcode: '1001900003' } });
    await db.order.create({ data: { ref: '9990002', libraryId: EL, patronId: patron.id, status: 'collected', channel: 'webchat', language: 'el', holds: { create: { copyId: held.id, recordId: held.recordId, branchId: held.branchId, status: 'collected' } } } });

    // 2. Changes since the first harvest's responseDate.
    responseDate = '2026-12-01T12:00:00Z';
    const renamed = marc(0);
    renamed.fields.find((f) => f.tag === '245')!.subfields![0]!.value = 'Η Φόνισσα :';
    reply = () => ({ records: [
      { id: '5001', datestamp: '2026-12-01T11:30:00Z', marc: renamed },
      { id: '5002', datestamp: '2026-12-01T11:31:00Z', deleted: true },
      { id: '5003', datestamp: '2026-12-01T11:32:00Z', deleted: true },
    ] });
    expect(await jobs.tick()).toBe('ran');
    expect(Object.fromEntries(server.requests[2]!)).toEqual({ verb: 'ListRecords', metadataPrefix: 'marcxml', from: '2026-12-01T11:00:00Z' });
    expect(await titles('φονισσα')).toEqual(['Η Φόνισσα: κοινωνικόν μυθιστόρημα']);
    // 5002 stays for its order, out of search and with its copy withdrawn; 5003 is gone.
    expect(await titles('πολιορκημενοι')).toEqual([]);
    expect((await db.copy.findUniqueOrThrow({ where: { id: held.id } })).status).toBe('withdrawn');
    expect(await db.record.findMany({ where: { libraryId: EL }, select: { sourceId: true }, orderBy: { sourceId: 'asc' } })).toEqual([{ sourceId: '5001' }, { sourceId: '5002' }]);
    expect(await db.copy.count({ where: { barcode: '1001900004' } })).toBe(0);
    const acquisitions = await new PrismaCatalogueRepository(db).newAcquisitions(EL, 10);
    expect(acquisitions.flatMap((b) => b.records.map((r) => r.title))).not.toContain('Ελεύθεροι πολιορκημένοι');

    // 3. Nothing changed: noRecordsMatch is a harvest that found nothing, not a failure.
    responseDate = '2026-12-01T13:00:00Z';
    reply = () => ({ error: 'noRecordsMatch', message: 'The combination of the values of the from, until, set and metadataPrefix arguments results in an empty list.' });
    expect(await jobs.tick()).toBe('ran');
    expect(server.requests[3]!.get('from')).toBe('2026-12-01T12:00:00Z');
    expect((await state()).lastResponseDate).toBe('2026-12-01T13:00:00Z');

    // 4. The second page's token has expired: the harvest fails, is logged, and keeps its date.
    responseDate = '2026-12-01T14:00:00Z';
    reply = (q) => (q.has('resumptionToken')
      ? { error: 'badResumptionToken', message: 'The value of the resumptionToken argument is invalid or expired.' }
      : { records: [{ id: '5001', datestamp: '2026-12-01T13:30:00Z', marc: marc(0) }], resumptionToken: 'expired', cursor: 0, completeListSize: 2 });
    expect(await jobs.tick()).toBe('failed');
    const failed = await state();
    expect(failed.lastResponseDate).toBe('2026-12-01T13:00:00Z');
    expect(JSON.parse(failed.lastOutcome!)).toMatchObject({ error: 'OAI-PMH badResumptionToken: The value of the resumptionToken argument is invalid or expired.' });
    expect(lines.some((l) => { const e = JSON.parse(l); return e.msg === 'job failed' && e.job === JOB && /badResumptionToken/.test(e.err.message); })).toBe(true);

    // 5. The next run asks again from the date of the last harvest that finished.
    reply = () => ({ error: 'noRecordsMatch', message: 'empty' });
    expect(await jobs.tick()).toBe('ran');
    expect(server.requests.at(-1)!.get('from')).toBe('2026-12-01T13:00:00Z');
  });

  it('reads the envelope strictly: other errors, HTTP failures and non-OAI bodies are failures', () => {
    expect(() => parseListRecords('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-12-01T10:00:00Z</responseDate><error code="cannotDisseminateFormat">marcxml not supported</error></OAI-PMH>', 200))
      .toThrow(new OaiPmhError('cannotDisseminateFormat', 'marcxml not supported'));
    expect(() => parseListRecords('<html><body>Bad gateway</body></html>', 502)).toThrow(/no OAI-PMH response \(HTTP 502\)/);
    expect(parseListRecords('<OAI-PMH><responseDate>2026-12-01T10:00:00Z</responseDate><ListRecords><record><header status="deleted"><identifier>oai:x:9</identifier><datestamp>2026-11-01</datestamp></header></record><resumptionToken cursor="0"/></ListRecords></OAI-PMH>', 200))
      .toEqual({ kind: 'records', responseDate: '2026-12-01T10:00:00Z', records: [{ identifier: 'oai:x:9', datestamp: '2026-11-01', deleted: true }] });
    expect(() => oaiPmhSettingsSchema.parse({ baseUrl: 'not a url' })).toThrow();
  });
});
