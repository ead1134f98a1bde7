import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchCatalogue } from '../../src/domain/services/search-catalogue';
import { extractSearchQuery } from '../../src/nlu/entities/search-query';
import { PrismaCatalogueRepository } from '../../src/persistence/prisma-catalogue-repository';
import type { Db } from '../../src/persistence/prisma-client';
import { freshDb } from '../support/test-db';

/** `expect`: the title meant (null: a book the catalogue lacks); `expectAuthor`: any book of an author asked for. */
interface Query { kind: string; query: string; expect?: string | null; expectAuthor?: string }
interface QuerySet { library: string; language: 'el' | 'hu'; queries: Query[] }

const here = path.dirname(fileURLToPath(import.meta.url));
const sets = (['el', 'hu'] as const).map((lang) => JSON.parse(readFileSync(path.join(here, `queries.${lang}.json`), 'utf8')) as QuerySet);

/** The share of present books found among the first three results that the set must reach. */
const TARGET = 0.95;
const REF = new Date('2026-12-03T09:00:00Z');

let db: Db;
beforeAll(async () => { ({ db } = await freshDb()); });
afterAll(async () => { await db.$disconnect(); });

describe.each(sets)('the $language search test set ($library)', (set) => {
  it(`has at least 60 queries of every kind, with books the catalogue lacks among them`, () => {
    expect(set.queries.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(set.queries.map((q) => q.kind));
    for (const kind of ['greeklish', 'typo', 'inflected', 'sentence', 'spoken', 'absent'].filter((k) => set.language === 'el' || k !== 'greeklish'))
      expect(kinds).toContain(kind);
  });

  it(`finds the intended book among the first three for at least ${TARGET * 100}%, and nothing for absent books`, async () => {
    const search = new SearchCatalogue(new PrismaCatalogueRepository(db));
    const misses: string[] = [];
    const falseFriends: string[] = [];
    let present = 0;
    let found = 0;
    for (const q of set.queries) {
      const { query } = extractSearchQuery(q.query, set.language, { ref: REF });
      const page = await search.search(set.library, query, 0, 3);
      const titles = page.items.map((r) => r.title);
      if (q.expect === null || (q.expect === undefined && q.expectAuthor === undefined)) {
        if (page.total > 0) falseFriends.push(`«${q.query}» → ${titles.join(' | ')}`);
        continue;
      }
      present += 1;
      const hit = q.expectAuthor !== undefined ? page.items.some((r) => r.author === q.expectAuthor) : titles.includes(q.expect ?? '');
      if (hit) found += 1;
      else misses.push(`[${q.kind}] «${q.query}» (searched «${query}») → ${titles.join(' | ') || 'nothing'}`);
    }
    const share = found / present;
    process.stdout.write(`SEARCH ${set.language}: ${found}/${present} found in the top 3 (${(share * 100).toFixed(1)}%), `
      + `${set.queries.length - present - falseFriends.length}/${set.queries.length - present} absent books found nothing\n`
      + misses.map((m) => `  miss ${m}\n`).join('') + falseFriends.map((m) => `  false friend ${m}\n`).join(''));
    expect(falseFriends).toEqual([]);
    expect(share, misses.join('\n')).toBeGreaterThanOrEqual(TARGET);
  });
});
