import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryWords } from '../../src/domain/services/search-catalogue';
import { fold } from '../../src/domain/text/fold';
import { PrismaCatalogueRepository } from '../../src/persistence/prisma-catalogue-repository';
import { providerOf, type Db } from '../../src/persistence/prisma-client';
import { freshDb } from '../support/test-db';

let db: Db;
beforeEach(async () => { ({ db } = await freshDb()); });
afterEach(async () => { await db.$disconnect(); });

/** What a search must return: every word a substring of the folded text, by title then id. */
async function reference(libraryId: string, terms: string[][]): Promise<{ total: number; titles: string[] }> {
  const rows = await db.record.findMany({ where: { libraryId }, orderBy: [{ title: 'asc' }, { id: 'asc' }] });
  const hits = rows.filter((r) => terms.every((group) => group.some((w) => r.searchText.includes(w))));
  return { total: hits.length, titles: hits.map((r) => r.title) };
}

describe('PrismaCatalogueRepository.search', () => {
  it.each([
    ['kalamaria', 'καζαντζακης'], ['kalamaria', 'ΚΑΖΑΝΤΖΑΚΗΣ Ζορμπά'], ['kalamaria', 'φονισσα'],
    ['kalamaria', 'ποιηματα'], ['kalamaria', 'ο'], ['kalamaria', 'νι καζ'], ['kalamaria', 'ζζζζ'],
    ['ozd', 'kolcsey'], ['ozd', 'Gárdonyi'], ['ozd', 'egri csillagok'], ['ozd', 'pál utcai'], ['ozd', 'az'],
  ])('in %s, «%s» finds what a substring scan of the folded text finds, in the same order', async (library, query) => {
    const repo = new PrismaCatalogueRepository(db);
    const words = queryWords(query).map((w) => [fold(w)]);
    const expected = await reference(library, words);
    const all = await repo.search(library, words, 0, 500);
    expect(all.total).toBe(expected.total);
    expect(all.items.map((i) => i.title)).toEqual(expected.titles);
    // Paging: the second page starts where the first ended.
    const second = await repo.search(library, words, 3, 3);
    expect(second.items.map((i) => i.title)).toEqual(expected.titles.slice(3, 6));
    expect(second.total).toBe(expected.total);
    // A page past the end (a patron saying "more" on the last page) still knows the total.
    const beyond = await repo.search(library, words, expected.total + 3, 3);
    expect(beyond).toEqual({ total: expected.total, items: [] });
  });

  it.each([
    ['kalamaria', [['καζαντζακησ', 'παπαδιαμαντησ']]],
    ['kalamaria', [['ζορμπα', 'φονισσα'], ['νικοσ', 'ο']]],
    ['kalamaria', [['ο', 'η'], ['ποιηματα']]],
    ['ozd', [['csillagok', 'ember'], ['az', 'egri']]],
  ])('in %s, %j finds a record when one word of every group is in it', async (library, terms) => {
    const repo = new PrismaCatalogueRepository(db);
    const expected = await reference(library, terms);
    expect(expected.total).toBeGreaterThan(0);
    const all = await repo.search(library, terms, 0, 500);
    expect(all.total).toBe(expected.total);
    expect(all.items.map((i) => i.title)).toEqual(expected.titles);
  });

  it('lists the words of the titles and authors by the records\' language', async () => {
    const repo = new PrismaCatalogueRepository(db);
    const kalamaria = await repo.vocabulary('kalamaria');
    expect(kalamaria.el).toContain('καζαντζάκης');
    // Split at punctuation as well as spaces («Σεντ-Εξιπερί»), each word once, lower case.
    expect(kalamaria.el).toEqual(expect.arrayContaining(['σεντ', 'εξιπερί', 'ο', 'καπετάν']));
    expect(new Set(kalamaria.el).size).toBe(kalamaria.el.length);
    expect(kalamaria.el.filter((w) => w !== w.toLowerCase() || /[^\p{L}\p{N}]/u.test(w))).toEqual([]);
    expect(kalamaria.hu).toEqual([]);
    const ozd = await repo.vocabulary('ozd');
    expect(ozd.hu).toEqual(expect.arrayContaining(['csillagok', 'gárdonyi']));
    expect(ozd.el).toEqual([]);
  });

  it('finds a record added, renamed or removed after the migration (the index follows the table)', async () => {
    const repo = new PrismaCatalogueRepository(db);
    const title = 'Η Πάπισσα Ιωάννα';
    const record = await db.record.create({
      data: {
        libraryId: 'kalamaria', title, author: 'Εμμανουήλ Ροΐδης', year: 2012, language: 'el', kind: 'book',
        audience: 'adult', acquiredAt: new Date('2024-01-01T00:00:00Z'), searchText: fold(`${title} Εμμανουήλ Ροΐδης`),
      },
    });
    expect((await repo.search('kalamaria', [['παπισσα']], 0, 3)).items.map((i) => i.title)).toEqual([title]);
    if (providerOf(db) === 'sqlite') {
      const indexed = await db.$queryRawUnsafe<Array<{ id: number }>>(
        `SELECT rowid AS id FROM "RecordSearch" WHERE "RecordSearch" MATCH '"παπισσα"'`);
      expect(indexed.map((r) => Number(r.id))).toEqual([record.id]);
    }
    await db.record.update({ where: { id: record.id }, data: { title: 'Ροΐδης', searchText: fold('Ροΐδης') } });
    expect((await repo.search('kalamaria', [['παπισσα']], 0, 3)).total).toBe(0);
    expect((await repo.search('kalamaria', [['ροιδησ']], 0, 3)).items.map((i) => i.title)).toEqual(['Ροΐδης']);
    await db.record.delete({ where: { id: record.id } });
    expect((await repo.search('kalamaria', [['ροιδησ']], 0, 3)).total).toBe(0);
  });
});
