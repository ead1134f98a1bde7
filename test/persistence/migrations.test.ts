import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INIT_MIGRATION, schemaSql } from '../../scripts/make-migration';

describe('migrations', () => {
  it('create exactly the schema in prisma/schema/ (run `npm run db:migration` after a schema change)', () => {
    expect(readFileSync(INIT_MIGRATION, 'utf8')).toBe(schemaSql());
  });
});
