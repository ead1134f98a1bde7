// Runs `prisma generate` with the offline environment (see scripts/prisma-env.ts); plain JS so
// it works as a postinstall hook before anything is compiled.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dummy = path.join(root, 'package.json');
const env = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? dummy,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? dummy,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  DATABASE_URL: process.env.DATABASE_URL ?? 'file:./data/library.db',
};
const prisma = path.join(root, 'node_modules', '.bin', 'prisma');
const result = spawnSync(prisma, ['generate', '--schema', path.join(root, 'prisma', 'schema')], {
  cwd: root, env, stdio: 'inherit',
});
process.exit(result.status ?? 1);
