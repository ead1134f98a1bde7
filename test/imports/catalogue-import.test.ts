import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchCatalogue } from '../../src/domain/services/search-catalogue';
import { importCatalogueFile, importMarcRecords } from '../../src/imports/catalogue-import';
import { runImportCommand } from '../../src/imports/import-command';
import type { ReadRecord } from '../../src/imports/marc-files';
import { holdingsMappingSchema, type MarcLike } from '../../src/imports/marc-mapping';
import { PrismaCatalogueRepository } from '../../src/persistence/prisma-catalogue-repository';
import type { Db } from '../../src/persistence/prisma-client';
import { greek, hungarian } from '../fixtures/marc/make-fixtures';
import { freshDb } from '../support/test-db';

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'marc', name);
// Libraries of their own, so the demo catalogue's Φόνισσα or Egri csillagok cannot answer for the import.
const EL = 'imp-el';
const HU = 'imp-hu';
const elBranches = [{ id: 'imp-el-central', ilsCode: 'KALK' }, { id: 'imp-el-child', ilsCode: 'KALA' }];

let db: Db;
beforeEach(async () => {
  ({ db } = await freshDb());
  await db.library.create({ data: { id: EL, name: 'Δοκιμαστική', timezone: 'Europe/Athens', currency: 'EUR', phone: '1', defaultLanguage: 'el' } });
  await db.library.create({ data: { id: HU, name: 'Próba', timezone: 'Europe/Budapest', currency: 'HUF', phone: '1', defaultLanguage: 'hu' } });
  for (const [id, libraryId] of [['imp-el-central', EL], ['imp-el-child', EL], ['OZD', HU]] as const) {
    await db.branch.create({ data: { id, libraryId, name: id, address: '-', phone: '1' } });
  }
});
afterEach(async () => { await db.$disconnect(); });

const search = (library: string, query: string) => new SearchCatalogue(new PrismaCatalogueRepository(db)).search(library, query, 0, 10);
const titles = async (library: string, query: string) => (await search(library, query)).items.map((i) => i.title);
const records = (library: string) => db.record.findMany({ where: { libraryId: library }, include: { copies: { orderBy: { barcode: 'asc' } } }, orderBy: { sourceId: 'asc' } });
const source = async function* (marcs: MarcLike[]): AsyncGenerator<ReadRecord> {
  let i = 0;
  for (const marc of marcs) { i += 1; yield { position: { record: i, byteOffset: i * 100 }, marc }; }
};
const plain = (r: { toObject(): MarcLike }) => structuredClone(r.toObject());

describe('importing a MARC file into the catalogue', () => {
  it('loads Greek binary records with their copies, and reports the broken one by position', async () => {
    const summary = await importCatalogueFile(db, fixture('kalamaria.mrc'), { libraryId: EL, branches: elBranches });
    expect(summary).toMatchObject({ read: 4, recordsCreated: 3, copiesCreated: 4 });
    expect(summary.skipped).toEqual([{ record: 2, byteOffset: 791, reason: 'the leader gives a length of 00433 bytes, the record has 122' }]);

    const [fonissa, solomos, diavazo] = await records(EL);
    expect(fonissa).toMatchObject({
      sourceId: '5001', title: 'Η φόνισσα: κοινωνικόν μυθιστόρημα', author: 'Αλέξανδρος Παπαδιαμάντης',
      contributors: 'Ν. Δ. Τριανταφυλλόπουλος', isbn: '9789601643902', year: 2012, language: 'el', kind: 'book', audience: 'adult',
      acquiredAt: new Date('2024-03-18T00:00:00Z'),
    });
    expect(fonissa!.copies.map((c) => [c.branchId, c.barcode, c.shelfMark, c.status])).toEqual([
      ['imp-el-central', '1001900001', '889.3 ΠΑΠ', 'available'],
      ['imp-el-child', '1001900002', 'Π 889.3 ΠΑΠ', 'on_loan'],
    ]);
    // Stored composed, though the record was decomposed.
    expect(solomos).toMatchObject({ title: 'Ελεύθεροι πολιορκημένοι', author: 'Διονύσιος Σολωμός' });
    expect(solomos!.title).toBe(solomos!.title.normalize('NFC'));
    expect(diavazo).toMatchObject({ kind: 'journal', issn: '1105-0594', year: 1994, contributors: 'Εθνικό Κέντρο Βιβλίου' });
    expect(diavazo!.copies[0]!.status).toBe('not_for_loan');
  });

  it('finds decomposed and MARC-8-damaged records accent-insensitively, as typed or inflected', async () => {
    await importCatalogueFile(db, fixture('kalamaria.xml'), { libraryId: EL, branches: elBranches });
    await importCatalogueFile(db, fixture('ozd.mrc'), { libraryId: HU });
    expect(await titles(EL, 'πολιορκημενοι')).toEqual(['Ελεύθεροι πολιορκημένοι']);
    expect(await titles(EL, 'Σολωμός')).toEqual(['Ελεύθεροι πολιορκημένοι']);
    expect(await titles(EL, 'τριανταφυλλοπουλος')).toEqual(['Η φόνισσα: κοινωνικόν μυθιστόρημα']); // a contributor
    expect(await titles(EL, '9789601643902')).toEqual(['Η φόνισσα: κοινωνικόν μυθιστόρημα']);
    expect(await titles(HU, 'kolcsey')).toEqual(['Válogatott versek']);
    expect(await titles(HU, 'Kölcsey válogatott')).toEqual(['Válogatott versek']);
    expect(await titles(HU, 'csillagokat')).toEqual(['Egri csillagok: regény']);
    const kolcsey = await db.record.findFirstOrThrow({ where: { libraryId: HU, sourceId: '7002' } });
    expect(kolcsey.author).toBe('Kölcsey Ferenc');
    const [egri] = await records(HU);
    expect(egri!.copies.map((c) => c.status)).toEqual(['available', 'lost']);
  });

  it('reports a MARCXML record the XML parser refuses and imports the others', async () => {
    const summary = await importCatalogueFile(db, fixture('ozd.xml'), { libraryId: HU });
    expect(summary.skipped).toEqual([{ record: 1, byteOffset: 91, reason: expect.stringContaining('entity') }]);
    expect((await records(HU)).map((r) => r.title)).toEqual(['Válogatott versek', 'A Pál utcai fiúk']);
  });

  it('updates in place on a second import, from either format: no record or copy doubled', async () => {
    await importCatalogueFile(db, fixture('kalamaria.mrc'), { libraryId: EL, branches: elBranches });
    const before = await records(EL);
    const again = await importCatalogueFile(db, fixture('kalamaria.xml'), { libraryId: EL, branches: elBranches });
    // The XML has the record the binary file lost in transfer.
    expect(again).toMatchObject({ recordsCreated: 0, recordsUpdated: 0, recordsUnchanged: 3, copiesCreated: 0, copiesUpdated: 0, copiesDeleted: 0 });
    expect(await records(EL)).toEqual(before);
    expect(await db.copy.count({ where: { record: { libraryId: EL } } })).toBe(4);
  });

  it('follows the library: a changed title, a returned copy, a copy gone; one a hold points to is withdrawn, not deleted', async () => {
    await importMarcRecords(db, source(greek.map(plain)), { libraryId: EL, branches: elBranches });
    const patron = await db.patron.create({ data: { libraryId: EL, cardNumber: '9000', pinHash: 'x', name: 'Α', phone: '1', preferredLanguage: 'el', homeBranchId: 'imp-el-central', status: 'active', cardExpiresAt: new Date('2030-01-01') } });
    const heldCopy = await db.copy.findFirstOrThrow({ where: { barcode: '1001900003' } });
    await db.order.create({ data: { ref: '9990001', libraryId: EL, patronId: patron.id, status: 'preparing', channel: 'webchat', language: 'el', holds: { create: { copyId: heldCopy.id, recordId: heldCopy.recordId, branchId: heldCopy.branchId, status: 'active' } } } });

    const changed = greek.map(plain);
    const fonissa = changed[0]!.fields;
    const f245 = fonissa.find((f) => f.tag === '245')!;
    f245.subfields![0]!.value = 'Η Φόνισσα :';
    // The on-loan copy is back (no 952 $q), the other copy of the record is gone.
    const items = fonissa.filter((f) => f.tag === '952');
    items[1]!.subfields = items[1]!.subfields!.filter((s) => s.code !== 'q');
    changed[0]!.fields = fonissa.filter((f) => f !== items[0]);
    changed[1]!.fields = changed[1]!.fields.filter((f) => f.tag !== '952'); // the held copy, gone from the library's records

    const summary = await importMarcRecords(db, source(changed), { libraryId: EL, branches: elBranches });
    expect(summary).toMatchObject({ recordsCreated: 0, recordsUpdated: 1, recordsUnchanged: 2, copiesUpdated: 1, copiesDeleted: 1, copiesWithdrawn: 1 });
    const [one, two] = await records(EL);
    expect(one!.title).toBe('Η Φόνισσα: κοινωνικόν μυθιστόρημα');
    expect(one!.copies.map((c) => [c.barcode, c.status])).toEqual([['1001900002', 'available']]);
    expect(two!.copies.map((c) => [c.id, c.status])).toEqual([[heldCopy.id, 'withdrawn']]);
    expect(await titles(EL, 'φονισσα')).toEqual(['Η Φόνισσα: κοινωνικόν μυθιστόρημα']);
  });

  it('keeps a copy the bot holds as held, whatever the file says about it', async () => {
    await importMarcRecords(db, source(greek.map(plain)), { libraryId: EL, branches: elBranches });
    await db.copy.updateMany({ where: { barcode: '1001900001' }, data: { status: 'held' } });
    await importMarcRecords(db, source(greek.map(plain)), { libraryId: EL, branches: elBranches });
    expect((await db.copy.findFirstOrThrow({ where: { barcode: '1001900001' } })).status).toBe('held');
  });

  it('leaves whole records only when the import stops half-way', async () => {
    const crashing = async function* (): AsyncGenerator<ReadRecord> {
      yield* source([plain(hungarian[0]!), plain(hungarian[1]!)]);
      yield { position: { record: 3, byteOffset: 300 }, marc: plain(hungarian[2]!) };
      throw new Error('disk gone');
    };
    await expect(importMarcRecords(db, crashing(), { libraryId: HU, batchSize: 2 })).rejects.toThrow('disk gone');
    const kept = await records(HU);
    expect(kept.map((r) => [r.sourceId, r.copies.length])).toEqual([['7001', 2], ['7002', 1]]);
  });

  it('maps another system\'s holdings field and branch codes; copies of unknown branches are reported', async () => {
    const other = holdingsMappingSchema.parse({ tag: '995', homeBranch: 'b', barcode: 'f', callNumber: 'k', recordId: [{ tag: '001' }] });
    const marc = plain(hungarian[2]!);
    marc.fields = marc.fields.filter((f) => f.tag !== '952' && f.tag !== '999');
    marc.fields.push({ tag: '995', ind1: ' ', ind2: ' ', subfields: [{ code: 'b', value: 'OZD-1' }, { code: 'f', value: '3000001' }, { code: 'k', value: 'J M 74' }] });
    marc.fields.push({ tag: '995', ind1: ' ', ind2: ' ', subfields: [{ code: 'b', value: 'NOWHERE' }, { code: 'f', value: '3000002' }] });
    const summary = await importMarcRecords(db, source([marc]), { libraryId: HU, holdings: other, branches: [{ id: 'OZD', ilsCode: 'OZD-1' }] });
    expect(summary.unknownBranches).toEqual({ NOWHERE: 1 });
    const [record] = await records(HU);
    expect(record).toMatchObject({ sourceId: '7003', copies: [{ branchId: 'OZD', barcode: '3000001', shelfMark: 'J M 74', status: 'available' }] });
    expect(() => holdingsMappingSchema.parse({ tag: '95', barcode: 'pp' })).toThrow();
  });

  it('prints the outcome and each skipped record from the command line', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const progress: string[] = [];
    const code = await runImportCommand({ db, pinHasher: () => { throw new Error('not needed'); }, catalogueSettings: () => ({ branches: elBranches }) },
      ['catalogue', '--library', EL, fixture('kalamaria.mrc')], { out: (l) => out.push(l), err: (l) => err.push(l), progress: { isTTY: false, write: (t) => progress.push(t) } });
    expect(code).toBe(0);
    expect(err).toEqual(['record 2 (byte 791): skipped: the leader gives a length of 00433 bytes, the record has 122']);
    expect(out).toEqual([`${EL}: 4 records read: 3 new, 0 updated, 0 unchanged, 1 skipped; copies: 4 new, 0 updated, 0 removed, 0 withdrawn (still on an order)`]);
    expect(progress.at(-1)).toBe(`importing ${fixture('kalamaria.mrc')}: 4 records read (100%)\n`);
    expect(await runImportCommand({ db, pinHasher: () => { throw new Error('x'); } }, ['catalogue', '--library', 'nowhere', fixture('kalamaria.mrc')], { out: () => {}, err: (l) => err.push(l), progress: { write: () => {} } })).toBe(1);
    expect(err.at(-1)).toBe("import catalogue: no library 'nowhere' in the database");
  });
});
