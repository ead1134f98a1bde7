import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PinKeys } from './keyed-pin-hasher';

const MIN_KEY_BYTES = 32;

/**
 * PIN_PEPPER (and PIN_PEPPER_PREVIOUS, comma-separated, during a rotation): base64, base64url or
 * hex, at least 32 bytes. Without it a production start stops; the embedded default makes a key on
 * first start into a file beside the database (mode 0600) and reuses it, so `npm start` needs no
 * setting and a copied database file is still no list of PINs without its neighbour.
 */
export function pinKeysFromEnv(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): PinKeys {
  const previous = (env.PIN_PEPPER_PREVIOUS ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => decodeKey(s, 'PIN_PEPPER_PREVIOUS'));
  if (env.PIN_PEPPER) return { current: decodeKey(env.PIN_PEPPER, 'PIN_PEPPER'), previous };
  if (env.NODE_ENV === 'production') {
    throw new Error('PIN_PEPPER is not set. Set it to at least 32 random bytes, e.g. `openssl rand -base64 32`, the same on every instance, and keep it out of the database and its backups.');
  }
  return { current: keyFile(pepperFileFor(databaseUrl)), previous };
}

/** Beside a SQLite file; for anything else (PostgreSQL in development, `:memory:`) in ./data. */
export function pepperFileFor(databaseUrl: string): string {
  const file = /^file:(.+)$/.exec(databaseUrl)?.[1]?.replace(/\?.*$/, '');
  if (file && file !== ':memory:') return `${path.resolve(file)}.pin-pepper`;
  return path.resolve('data', 'pin-pepper');
}

function keyFile(file: string): Buffer {
  mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.tmp`;
  try {
    // Written whole, then linked into place: of two processes starting together, one key wins
    // and neither ever reads half a file.
    writeFileSync(draft, randomBytes(MIN_KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return decodeKey(readFileSync(file, 'utf8').trim(), file);
}

function decodeKey(text: string, name: string): Buffer {
  const key = /^[0-9a-f]+$/i.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length < MIN_KEY_BYTES) throw new Error(`${name} must hold at least ${MIN_KEY_BYTES} random bytes (base64 or hex); it holds ${key.length}.`);
  return key;
}
