// Runs `prisma generate` with the offline environment (see scripts/prisma-env.ts); plain JS so
// it works as a postinstall hook before anything is compiled. Two clients: src/generated/prisma
// for SQLite and src/generated/prisma-pg for PostgreSQL (Prisma 6.19 refuses a driver adapter
// whose provider differs from the schema's, so one client cannot serve both).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgSchemaDir } from './pg-schema-dir.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dummy = path.join(root, 'package.json');
const env = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? dummy,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? dummy,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  // The config's adapter follows DATABASE_URL; generate needs no connection, so never a server's URL.
  DATABASE_URL: 'file::memory:',
};
const prisma = path.join(root, 'node_modules', '.bin', 'prisma');
const generate = (schema) => spawnSync(prisma, ['generate', '--schema', schema], { cwd: root, env, stdio: 'inherit' }).status ?? 1;

let status = generate(path.join(root, 'prisma', 'schema'));
if (status === 0) {
  const pg = pgSchemaDir();
  try { status = generate(pg.dir); } finally { pg.cleanup(); }
}
process.exit(status);
