import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffFromEmpty, withExtras, writePgMigration } from './pg-schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const INIT_MIGRATION = path.join(root, 'prisma', 'migrations', '20261123000000_init', 'migration.sql');

/**
 * The SQL that creates the whole schema from nothing. Until the first release the project
 * keeps a single migration regenerated from prisma/schema/ (`migrate dev` needs the Rust
 * engine, which these offline machines cannot download); from the first release on, each
 * change gets its own migration from `prisma migrate diff`.
 */
export function schemaSql(): string {
  return withExtras(diffFromEmpty(path.join(root, 'prisma', 'schema'), 'file::memory:'), 'sqlite');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(path.dirname(INIT_MIGRATION), { recursive: true });
  writeFileSync(INIT_MIGRATION, schemaSql());
  process.stdout.write(`wrote ${path.relative(root, INIT_MIGRATION)}\n`);
  // The PostgreSQL variant of the same schema (scripts/pg-schema.ts).
  process.stdout.write(`wrote ${path.relative(root, writePgMigration())}\n`);
}
