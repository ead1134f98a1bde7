import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyedPinHasher } from '../../src/persistence/keyed-pin-hasher';
import { pepperFileFor, pinKeysFromEnv } from '../../src/persistence/pin-keys-from-env';
import { ScryptPinHasher } from '../../src/persistence/scrypt-pin-hasher';

const card = { libraryId: 'kalamaria', cardNumber: '1001001' };
const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe('KeyedPinHasher', () => {
  it('accepts the right PIN only, for its own card only', async () => {
    const hasher = new KeyedPinHasher({ current: keyA, previous: [] });
    const stored = await hasher.hash('1234', card);
    expect(stored).toMatch(/^hmac-sha256\$[0-9a-f]{8}\$[0-9a-f]{64}$/);
    expect(await hasher.verify('1234', stored, card)).toEqual({ valid: true, outdated: false });
    expect(await hasher.verify('1235', stored, card)).toEqual({ valid: false, outdated: false });
    // The same PIN on another card, or in another library, is another hash.
    expect(await hasher.verify('1234', stored, { ...card, cardNumber: '1001002' })).toMatchObject({ valid: false });
    expect(await hasher.verify('1234', stored, { ...card, libraryId: 'ozd' })).toMatchObject({ valid: false });
    expect(await hasher.hash('1234', { ...card, cardNumber: '1001002' })).not.toBe(stored);
    // Fields cannot slide into each other: card "100100" + PIN "11234" is not card "1001001" + PIN "1234".
    expect(await hasher.verify('11234', stored, { ...card, cardNumber: '100100' })).toMatchObject({ valid: false });
  });

  it('is worthless without its key: another key verifies nothing', async () => {
    const stored = await new KeyedPinHasher({ current: keyA, previous: [] }).hash('1234', card);
    expect(await new KeyedPinHasher({ current: keyB, previous: [] }).verify('1234', stored, card)).toMatchObject({ valid: false });
  });

  it('rotates: a previous key still verifies and is reported outdated; hashing uses the new key', async () => {
    const old = await new KeyedPinHasher({ current: keyA, previous: [] }).hash('1234', card);
    const rotated = new KeyedPinHasher({ current: keyB, previous: [keyA] });
    expect(await rotated.verify('1234', old, card)).toEqual({ valid: true, outdated: true });
    expect(await rotated.verify('0000', old, card)).toEqual({ valid: false, outdated: false });
    const renewed = await rotated.hash('1234', card);
    expect(renewed.split('$')[1]).not.toBe(old.split('$')[1]);
    expect(await rotated.verify('1234', renewed, card)).toEqual({ valid: true, outdated: false });
  });

  it('still verifies the scrypt hashes of earlier versions, reported outdated', async () => {
    const legacy = await new ScryptPinHasher(1024).hash('1234');
    const hasher = new KeyedPinHasher({ current: keyA, previous: [] });
    expect(await hasher.verify('1234', legacy, card)).toEqual({ valid: true, outdated: true });
    expect(await hasher.verify('4321', legacy, card)).toEqual({ valid: false, outdated: true });
  });

  it('refuses what is not a hash of ours', async () => {
    const hasher = new KeyedPinHasher({ current: keyA, previous: [] });
    for (const stored of ['', 'x', 'hmac-sha256$00000000$00', `md5$${'0'.repeat(32)}`]) expect((await hasher.verify('1234', stored, card)).valid).toBe(false);
  });
});

describe('pinKeysFromEnv', () => {
  it('takes PIN_PEPPER and PIN_PEPPER_PREVIOUS in base64 or hex, and refuses short keys', () => {
    const keys = pinKeysFromEnv('file:x.db', { PIN_PEPPER: keyA.toString('base64'), PIN_PEPPER_PREVIOUS: `${keyB.toString('hex')}, ${keyA.toString('base64url')}` });
    expect(keys.current.equals(keyA)).toBe(true);
    expect(keys.previous.map((k) => k.toString('hex'))).toEqual([keyB.toString('hex'), keyA.toString('hex')]);
    expect(() => pinKeysFromEnv('file:x.db', { PIN_PEPPER: 'c2hvcnQ=' })).toThrow(/at least 32 random bytes/);
  });

  it('stops a production start without PIN_PEPPER, saying what to do', () => {
    expect(() => pinKeysFromEnv('file:x.db', { NODE_ENV: 'production' })).toThrow(/PIN_PEPPER is not set.*openssl rand -base64 32/);
  });

  it('makes a key once beside the embedded database, readable by its owner only, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pepper-'));
    const url = `file:${path.join(dir, 'dev.db')}`;
    const first = pinKeysFromEnv(url, {});
    expect(pepperFileFor(url)).toBe(path.join(dir, 'dev.db.pin-pepper'));
    expect(statSync(pepperFileFor(url)).mode & 0o777).toBe(0o600);
    expect(first.current.length).toBeGreaterThanOrEqual(32);
    expect(pinKeysFromEnv(url, {}).current.equals(first.current)).toBe(true);
    expect(readFileSync(pepperFileFor(url), 'utf8').trim()).toBe(first.current.toString('base64'));
  });
});
