import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Prisma's CLI downloads Rust engines unless these point at an existing file. With the "js"
 * engine and the "client" generator it never runs them, and these machines are offline.
 */
export function prismaEnv(): void {
  const dummy = path.join(root, 'package.json');
  process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= dummy;
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= dummy;
  process.env.PRISMA_HIDE_UPDATE_MESSAGE ??= '1';
  process.env.CHECKPOINT_DISABLE ??= '1';
  if (!existsSync(dummy)) throw new Error(`missing ${dummy}`);
}
