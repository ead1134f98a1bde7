// Plain JS so the postinstall hook (scripts/prisma-generate.mjs) can use it before anything is compiled.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = path.join(root, 'prisma', 'schema');
/** The second Prisma client: 6.19 refuses a driver adapter of another provider than the schema's. */
export const PG_CLIENT_DIR = path.join(root, 'src', 'generated', 'prisma-pg');

const SQLITE_DATASOURCE = /provider\s*=\s*"sqlite"/;

/**
 * prisma/schema/ with the datasource switched to PostgreSQL, in a temporary folder: the
 * PostgreSQL variant is derived from the same files, so the two providers cannot drift.
 * The client it generates goes to src/generated/prisma-pg. The caller calls `cleanup()`.
 * @returns {{ dir: string, cleanup: () => void }}
 */
export function pgSchemaDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'library-pg-schema-'));
  let switched = 0;
  for (const name of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.prisma'))) {
    const text = readFileSync(path.join(SCHEMA_DIR, name), 'utf8');
    if (SQLITE_DATASOURCE.test(text)) switched += 1;
    writeFileSync(path.join(dir, name), text.replace(SQLITE_DATASOURCE, 'provider = "postgresql"')
      .replace(/output\s*=\s*"[^"]*"/, `output = "${PG_CLIENT_DIR.replaceAll('\\', '/')}"`));
  }
  if (switched !== 1) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`expected one sqlite datasource in ${SCHEMA_DIR}, found ${switched}`);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
