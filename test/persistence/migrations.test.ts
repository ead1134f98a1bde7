import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INIT_MIGRATION, schemaSql } from '../../scripts/make-migration';
import { PG_INIT_MIGRATION, pgSchemaSql } from '../../scripts/pg-schema';

describe('migrations', () => {
  it('create exactly the schema in prisma/schema/ (run `npm run db:migration` after a schema change)', () => {
    expect(readFileSync(INIT_MIGRATION, 'utf8')).toBe(schemaSql());
  });

  it('create exactly the same schema on PostgreSQL (prisma/migrations-pg/, written by `npm run db:migration`)', () => {
    const sql = readFileSync(PG_INIT_MIGRATION, 'utf8');
    expect(sql).toBe(pgSchemaSql());
    expect(sql).toContain('CONSTRAINT "Record_pkey" PRIMARY KEY ("id")');
    expect(sql).toContain('USING GIN ("searchText" gin_trgm_ops)');
  });
});
