import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../domain/ports/pin-hasher';

const scryptAsync = (secret: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(secret, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

/**
 * scrypt from Node's own crypto (no native dependency), for staff passwords and for the PIN
 * hashes of earlier versions (read only: PINs are now hashed with a key, keyed-pin-hasher.ts).
 * Format: scrypt$N$r$p$salt(base64url)$key(hex).
 */
export class ScryptPinHasher implements PasswordHasher {
  constructor(private readonly cost = 16384, private readonly parallelization = 1) {}

  async hash(pin: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scryptAsync(pin, salt, 32, { N: this.cost, r: 8, p: this.parallelization });
    return `scrypt$${this.cost}$8$${this.parallelization}$${salt.toString('base64url')}$${key.toString('hex')}`;
  }

  async verify(pin: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, keyHex] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !keyHex) return false;
    const expected = Buffer.from(keyHex, 'hex');
    const key = await scryptAsync(pin, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
    return timingSafeEqual(key, expected);
  }

  outdated(stored: string): boolean {
    const [scheme, n, , p] = stored.split('$');
    return scheme !== 'scrypt' || Number(n) < this.cost || Number(p) < this.parallelization;
  }
}

/**
 * A staff password opens every patron's data of a library, and unlike a PIN it can be long enough
 * for hashing to protect it: OWASP's minimum for scrypt, N = 2^14, r = 8, p = 5 (same memory as a
 * PIN's hash, five times the time). Hashes carry their parameters, so older ones still verify.
 */
export const STAFF_PASSWORD_PARALLELIZATION = 5;

export function staffPasswordHasher(cost?: number): ScryptPinHasher {
  return new ScryptPinHasher(cost, STAFF_PASSWORD_PARALLELIZATION);
}
