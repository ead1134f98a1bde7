import type { CatalogueRepository, NewAcquisition, Vocabulary } from '../domain/ports/catalogue-repository';
import type { BranchAvailability, RecordSummary, SearchPage } from '../domain/types';
import { sqlInt, type DirectSql, type SqlValue } from './direct-sql';
import { directSqlOf, providerOf, type Db } from './prisma-client';

const VOCABULARY_TTL_MS = 5 * 60_000;
/** Rows per read of the vocabulary on SQLite: a few tens of milliseconds of work between pauses. */
const VOCABULARY_PAGE = 20_000;
const recordInclude = { copies: { select: { branchId: true, status: true } } } as const;
type RecordRow = {
  id: number; title: string; author: string; year: number; kind: string; isbn: string | null;
  copies: Array<{ branchId: string; status: string }>;
};

export class PrismaCatalogueRepository implements CatalogueRepository {
  private branchNames?: Map<string, { name: string; sortOrder: number }>;
  // A reservation searches once and looks a record up once: those reads skip Prisma's query
  // compiler (direct-sql.ts), as they run on the turns patrons wait for.
  private readonly sql: DirectSql;
  private readonly vocabularies = new Map<string, { at: number; words: Promise<Vocabulary> }>();

  constructor(private readonly db: Db) {
    this.sql = directSqlOf(db);
  }

  async search(libraryId: string, terms: string[][], offset: number, limit: number): Promise<SearchPage> {
    const page = providerOf(this.db) === 'sqlite'
      ? await this.searchIndexed(libraryId, terms, offset, limit) ?? await this.searchScanned(libraryId, terms, offset, limit)
      : await this.searchScanned(libraryId, terms, offset, limit);
    const byId = new Map((await this.recordRows(page.ids)).map((r) => [r.id, r]));
    const names = await this.branches();
    return { total: page.total, items: page.ids.flatMap((id) => { const r = byId.get(id); return r ? [toSummary(r, names)] : []; }) };
  }

  /**
   * `"searchText" LIKE '%word%'` for every word of every group. On PostgreSQL the pg_trgm GIN
   * index on searchText answers it (prisma/sql/postgresql-extras.sql), an OR of words as a
   * bitmap OR; on SQLite this is the scan for groups of short words only. Both sides are
   * folded, so the case-sensitive LIKE of PostgreSQL and the ASCII-insensitive one of SQLite agree.
   */
  private async searchScanned(libraryId: string, terms: string[][], offset: number, limit: number): Promise<{ total: number; ids: number[] }> {
    const groups = terms.filter((g) => g.length > 0);
    const from = `FROM "Record" r WHERE r."libraryId" = ?${groups.map(likeGroup).join('')}`;
    const params = [libraryId, ...groups.flat().map(likePattern)];
    return this.page(from, params, offset, limit);
  }

  /** One pass over the hits: the sort has to visit all of them anyway, so the window count is free. */
  private async page(from: string, params: SqlValue[], offset: number, limit: number): Promise<{ total: number; ids: number[] }> {
    const rows = await this.sql.query(`SELECT r."id" AS id, COUNT(*) OVER () AS n ${from} ORDER BY r."title", r."id" LIMIT ? OFFSET ?`, [...params, limit, offset]);
    // A page past the end has no row to carry the count.
    const total = rows.length > 0 || offset === 0 ? sqlInt(rows[0]?.n ?? 0) : sqlInt((await this.sql.query(`SELECT COUNT(*) AS n ${from}`, params))[0]?.n ?? 0);
    return { total, ids: rows.map((r) => sqlInt(r.id)) };
  }

  /**
   * SQLite: groups whose words all have three letters or more go to the FTS5 trigram index
   * "RecordSearch" (prisma/sql/sqlite-extras.sql), where a quoted phrase matches as a substring,
   * exactly as LIKE '%word%' does, and a group is an OR of phrases; a group with a shorter word
   * (which has no trigram) filters the hits with LIKE. Without an indexed group there is nothing
   * to look up: undefined, and the plain scan runs.
   */
  private async searchIndexed(libraryId: string, terms: string[][], offset: number, limit: number): Promise<{ total: number; ids: number[] } | undefined> {
    const indexed = terms.filter((g) => g.length > 0 && g.every((w) => [...w].length >= 3));
    if (indexed.length === 0) return undefined;
    const scanned = terms.filter((g) => g.length > 0 && !indexed.includes(g));
    const match = indexed.map((g) => `(${g.map((w) => `"${w.replaceAll('"', '""')}"`).join(' OR ')})`).join(' AND ');
    const from = `FROM "RecordSearch" JOIN "Record" r ON r."id" = "RecordSearch".rowid
      WHERE "RecordSearch" MATCH ? AND r."libraryId" = ?${scanned.map(likeGroup).join('')}`;
    return this.page(from, [match, libraryId, ...scanned.flat().map(likePattern)], offset, limit);
  }

  /**
   * Read once per library, then again in the background every few minutes: at a million copies
   * the words of every title take a while to gather, and a word added since is still found as
   * typed (the search always looks for it too), only not yet as a near miss.
   */
  async vocabulary(libraryId: string): Promise<Vocabulary> {
    const cached = this.vocabularies.get(libraryId);
    if (!cached) {
      const loading = this.readVocabulary(libraryId);
      this.vocabularies.set(libraryId, { at: Date.now(), words: loading });
      return loading.catch((error: unknown) => { this.vocabularies.delete(libraryId); throw error; });
    }
    if (Date.now() - cached.at >= VOCABULARY_TTL_MS) {
      cached.at = Date.now();
      const previous = cached.words;
      // The old words serve until the new ones are read; a failed read keeps them.
      this.readVocabulary(libraryId).then((words) => { cached.words = Promise.resolve(words); }, () => { cached.words = previous; });
    }
    return cached.words;
  }

  /**
   * Every title and author word, by the records' language. At a million copies the words are a
   * few thousand and the rows half a million: PostgreSQL splits and dedupes them itself and sends
   * the distinct tokens; SQLite sends the rows in pages by id, with a pause between pages so that
   * the turns of other patrons run meanwhile. Either way a token already seen costs one Set
   * lookup, not a lower-casing and a Unicode split.
   */
  private async readVocabulary(libraryId: string): Promise<Vocabulary> {
    // Not the words of a record withdrawn from search (empty searchText): a near miss must lead to something findable.
    const words = { el: new Set<string>(), hu: new Set<string>() };
    const seen = { el: new Set<string>(), hu: new Set<string>() };
    const add = (language: unknown, text: string) => {
      const lang = language === 'hu' ? 'hu' : 'el';
      for (const token of text.split(' ')) {
        if (token === '' || seen[lang].has(token)) continue;
        seen[lang].add(token);
        for (const w of token.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w !== '') words[lang].add(w);
      }
    };
    if (providerOf(this.db) === 'postgresql') {
      // Split on whitespace only: the server's locale may not know Greek letters; JS lower-cases and splits the rest.
      const rows = await this.sql.query(`SELECT DISTINCT t."token" AS token, r."language" AS language
        FROM "Record" r, regexp_split_to_table(r."title" || ' ' || r."author", '\\s+') AS t("token") WHERE r."libraryId" = ? AND r."searchText" <> ''`, [libraryId]);
      for (const r of rows) add(r.language, String(r.token));
    } else {
      let after = 0;
      for (;;) {
        // «+"libraryId"»: walk the rowid order, not the (libraryId, acquiredAt) index, which would sort every page.
        const rows = await this.sql.query(`SELECT "id", "title", "author", "language" FROM "Record"
          WHERE +"libraryId" = ? AND "id" > ? AND "searchText" <> '' ORDER BY "id" LIMIT ?`, [libraryId, after, VOCABULARY_PAGE]);
        for (const r of rows) { add(r.language, String(r.title)); add(r.language, String(r.author)); }
        if (rows.length < VOCABULARY_PAGE) break;
        after = sqlInt(rows[rows.length - 1]!.id);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return { el: [...words.el], hu: [...words.hu] };
  }

  async record(recordId: number): Promise<RecordSummary | undefined> {
    const [row] = await this.recordRows([recordId]);
    return row ? toSummary(row, await this.branches()) : undefined;
  }

  /** Records with their copies' branch and status, as `recordInclude` loads them (in no particular order). */
  private async recordRows(ids: readonly number[]): Promise<RecordRow[]> {
    if (ids.length === 0) return [];
    const marks = ids.map(() => '?').join(', ');
    const [records, copies] = await Promise.all([
      this.sql.query(`SELECT "id", "title", "author", "year", "kind", "isbn" FROM "Record" WHERE "id" IN (${marks})`, ids),
      this.sql.query(`SELECT "recordId", "branchId", "status" FROM "Copy" WHERE "recordId" IN (${marks}) ORDER BY "id"`, ids),
    ]);
    const rows = new Map<number, RecordRow>(records.map((r) => [sqlInt(r.id), {
      id: sqlInt(r.id), title: String(r.title), author: String(r.author), year: sqlInt(r.year), kind: String(r.kind),
      isbn: r.isbn === null || r.isbn === undefined ? null : String(r.isbn), copies: [],
    }]));
    for (const c of copies) rows.get(sqlInt(c.recordId))?.copies.push({ branchId: String(c.branchId), status: String(c.status) });
    return [...rows.values()];
  }

  async availability(recordId: number): Promise<BranchAvailability[]> {
    return (await this.record(recordId))?.availability ?? [];
  }

  async ilsRefs(recordId: number): Promise<{ sourceId: string | null; barcodes: string[] }> {
    const record = await this.db.record.findUnique({ where: { id: recordId }, select: { sourceId: true, copies: { select: { barcode: true }, orderBy: { id: 'asc' } } } });
    return { sourceId: record?.sourceId ?? null, barcodes: (record?.copies ?? []).flatMap((c) => (c.barcode ? [c.barcode] : [])) };
  }

  async newAcquisitions(libraryId: string, perBranch: number): Promise<NewAcquisition[]> {
    const branches = await this.db.branch.findMany({ where: { libraryId }, orderBy: { sortOrder: 'asc' } });
    const names = await this.branches();
    return Promise.all(branches.map(async (b) => {
      const rows = await this.db.record.findMany({
        // An empty searchText: a record the library deleted that an order still points to (imports/catalogue-writer.ts).
        where: { libraryId, copies: { some: { branchId: b.id } }, searchText: { not: '' } },
        include: recordInclude, orderBy: [{ acquiredAt: 'desc' }, { id: 'desc' }], take: perBranch,
      });
      return { branchId: b.id, branchName: b.name, records: rows.map((r) => toSummary(r, names)) };
    }));
  }

  /** Branches change only with a deployment; one read per process is enough. */
  private async branches(): Promise<Map<string, { name: string; sortOrder: number }>> {
    if (!this.branchNames) {
      const rows = await this.db.branch.findMany();
      this.branchNames = new Map(rows.map((b) => [b.id, { name: b.name, sortOrder: b.sortOrder }]));
    }
    return this.branchNames;
  }
}

const likeGroup = (g: string[]) => ` AND (${g.map(() => `r."searchText" LIKE ? ESCAPE '\\'`).join(' OR ')})`;
const likePattern = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function toSummary(row: RecordRow, branches: Map<string, { name: string; sortOrder: number }>): RecordSummary {
  const byBranch = new Map<string, BranchAvailability>();
  for (const copy of row.copies) {
    const entry = byBranch.get(copy.branchId)
      ?? { branchId: copy.branchId, branchName: branches.get(copy.branchId)?.name ?? copy.branchId, available: 0, total: 0 };
    entry.total += 1;
    if (copy.status === 'available') entry.available += 1;
    byBranch.set(copy.branchId, entry);
  }
  const order = (id: string) => branches.get(id)?.sortOrder ?? 99;
  return {
    id: row.id, title: row.title, author: row.author, year: row.year,
    kind: row.kind === 'journal' ? 'journal' : 'book',
    ...(row.isbn ? { isbn: row.isbn } : {}),
    availability: [...byBranch.values()].sort((a, b) => order(a.branchId) - order(b.branchId)),
  };
}
