import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prismaEnv } from './prisma-env';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const INIT_MIGRATION = path.join(root, 'prisma', 'migrations', '20261123000000_init', 'migration.sql');

/**
 * The SQL that creates the whole schema from nothing. Until the first release the project
 * keeps a single migration regenerated from prisma/schema/ (`migrate dev` needs the Rust
 * engine, which these offline machines cannot download); from the first release on, each
 * change gets its own migration from `prisma migrate diff`.
 */
export function schemaSql(): string {
  prismaEnv();
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'prisma'),
    ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', path.join(root, 'prisma', 'schema'), '--script'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'file:./data/library.db' } });
  if (result.status !== 0) throw new Error(`prisma migrate diff failed:\n${result.stderr}`);
  return result.stdout;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(path.dirname(INIT_MIGRATION), { recursive: true });
  writeFileSync(INIT_MIGRATION, schemaSql());
  process.stdout.write(`wrote ${path.relative(root, INIT_MIGRATION)}\n`);
}
