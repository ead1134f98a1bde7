import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { PinCheck, PinHasher, PinSubject } from '../domain/ports/pin-hasher';
import { ScryptPinHasher } from './scrypt-pin-hasher';

/** The key PINs are hashed with now, and the keys of earlier rotations, still accepted. */
export interface PinKeys {
  current: Buffer;
  previous: readonly Buffer[];
}

/** Short, public name of a key: which one made a stored hash, without saying anything about it. */
export const keyId = (key: Buffer) => createHash('sha256').update('pin-key-id\n').update(key).digest('hex').slice(0, 8);

/**
 * PINs as HMAC-SHA-256 over (library, card number, PIN) with a key that is not in the database.
 * A 4–6 digit PIN has at most a million values: no hash cost protects so few against someone who
 * copied the database, a key they did not copy does. Online guessing is the lockout's job.
 * Format: `hmac-sha256$<key id>$<hex>`; scrypt hashes of earlier versions still verify and are
 * reported outdated, as are hashes made with a previous key, so the next sign-in replaces them.
 */
export class KeyedPinHasher implements PinHasher {
  private readonly keys: Map<string, Buffer>;
  private readonly currentId: string;
  private readonly legacy = new ScryptPinHasher();

  constructor(keys: PinKeys) {
    this.currentId = keyId(keys.current);
    this.keys = new Map([keys.current, ...keys.previous].map((k) => [keyId(k), k]));
  }

  async hash(pin: string, subject: PinSubject): Promise<string> {
    return `hmac-sha256$${this.currentId}$${this.mac(this.keys.get(this.currentId)!, pin, subject).toString('hex')}`;
  }

  async verify(pin: string, stored: string, subject: PinSubject): Promise<PinCheck> {
    const [scheme, id = '', hex = ''] = stored.split('$');
    if (scheme === 'scrypt') return { valid: await this.legacy.verify(pin, stored), outdated: true };
    const key = this.keys.get(id);
    const expected = Buffer.from(hex, 'hex');
    // An unknown key still costs one HMAC, so a wrong key id answers as fast as a wrong PIN.
    const actual = this.mac(key ?? this.keys.get(this.currentId)!, pin, subject);
    const valid = scheme === 'hmac-sha256' && !!key && expected.length === actual.length && timingSafeEqual(actual, expected);
    return { valid, outdated: valid && id !== this.currentId };
  }

  private mac(key: Buffer, pin: string, subject: PinSubject): Buffer {
    // Fields joined by a character none of them can hold: ("1", "23") and ("12", "3") differ.
    return createHmac('sha256', key).update(`${subject.libraryId}\n${subject.cardNumber}\n${pin}`).digest();
  }
}
