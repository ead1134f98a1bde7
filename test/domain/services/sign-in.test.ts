import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignInSource } from '../../../src/domain/ports/sign-in-attempts';
import { MAX_WRONG_PINS_PER_CARD_PER_DAY } from '../../../src/domain/rules/sign-in-rate-limit';
import { SignIn } from '../../../src/domain/services/sign-in';
import { cardAlarms, SignInLockouts } from '../../../src/domain/services/sign-in-lockouts';
import type { Db } from '../../../src/persistence/prisma-client';
import { PrismaPatronRepository } from '../../../src/persistence/prisma-patron-repository';
import { PrismaSignInAttempts } from '../../../src/persistence/prisma-sign-in-attempts';
import { KeyedPinHasher } from '../../../src/persistence/keyed-pin-hasher';
import { pinKeysFromEnv } from '../../../src/persistence/pin-keys-from-env';
import { ScryptPinHasher } from '../../../src/persistence/scrypt-pin-hasher';
import { freshDb } from '../../support/test-db';

let db: Db;
let clock: Date;
let checked: number;
let signIn: SignIn;

/** The real hasher, counting the checks against real PIN hashes (not the unknown-card dummy). */
function countingHasher(): KeyedPinHasher {
  const hasher = new KeyedPinHasher(pinKeysFromEnv(''));
  const verify = hasher.verify.bind(hasher);
  hasher.verify = async (pin, hash, subject) => {
    if (!hash.startsWith('hmac-sha256$00000000$')) checked++;
    return verify(pin, hash, subject);
  };
  return hasher;
}

const newSignIn = () => new SignIn(new PrismaPatronRepository(db), countingHasher(), new PrismaSignInAttempts(db), () => clock);

beforeEach(async () => {
  ({ db } = await freshDb());
  clock = new Date('2026-11-23T08:00:00Z');
  checked = 0;
  signIn = newSignIn();
});
afterEach(async () => { await db.$disconnect(); });

const minutes = (n: number) => { clock = new Date(clock.getTime() + n * 60_000); };
const caller: SignInSource = { kind: 'phone', id: '+306900000099' };
const other: SignInSource = { kind: 'phone', id: '+306900000042' };

/** `count` Kalamaria patrons whose PIN is 2468, cards 7000000…; one cheap hash shared by all. */
async function cards(count: number): Promise<string[]> {
  const pinHash = await new ScryptPinHasher(1024).hash('2468');
  const numbers = Array.from({ length: count }, (_, i) => String(7_000_000 + i));
  await db.patron.createMany({
    data: numbers.map((cardNumber) => ({
      libraryId: 'kalamaria', cardNumber, pinHash, name: `Αναγνώστης ${cardNumber}`, phone: '', preferredLanguage: 'el',
      homeBranchId: 'kal-central', status: 'active', cardExpiresAt: new Date('2030-01-01T00:00:00Z'),
    })),
  });
  return numbers;
}

describe('SignIn per card', () => {
  it('locks a card for the source that keyed five wrong PINs, for 15 minutes, and not for the patron elsewhere', async () => {
    for (let i = 0; i < 5; i++) expect(await signIn.run('kalamaria', '1001001', '9999', caller)).toEqual({ allowed: false, reason: 'signin.invalid' });
    expect(await signIn.run('kalamaria', '1001001', '1234', caller)).toEqual({ allowed: false, reason: 'signin.temporarily_locked', params: { count: 15 } });
    // Five wrong PINs from anywhere used to lock the card for everyone, the patron included.
    expect((await signIn.run('kalamaria', '1001001', '1234', other)).allowed).toBe(true);
    minutes(10);
    expect(await signIn.run('kalamaria', '1001001', '1234', caller)).toEqual({ allowed: false, reason: 'signin.temporarily_locked', params: { count: 5 } });
    minutes(5);
    expect((await signIn.run('kalamaria', '1001001', '1234', caller)).allowed).toBe(true);
    expect(checked).toBe(7);
  });

  it('checks at most 20 PINs of one card when a hundred arrive at once from a hundred sources, and locks it everywhere', async () => {
    const guesses = Array.from({ length: 100 }, (_, i) => String(1000 + i * 7).padStart(4, '0'));
    guesses[60] = '1234';
    const results = await Promise.all(guesses.map((pin, i) => signIn.run('kalamaria', '1001001', pin, { kind: 'address', id: `198.51.100.${i}` })));
    expect(checked).toBeLessThanOrEqual(20);
    // The right PIN gets in only if it was among those checked (the order of arrival decides).
    expect(results.filter((r) => r.allowed)).toHaveLength(results[60]!.allowed ? 1 : 0);
    if (!results[60]!.allowed) {
      expect(checked).toBe(20);
      expect(results.filter((r) => !r.allowed && r.reason === 'signin.card_locked')).toHaveLength(80);
      expect(await signIn.run('kalamaria', '1001001', '1234', { kind: 'address', id: '203.0.113.200' })).toEqual({ allowed: false, reason: 'signin.card_locked', params: { count: 24 * 60 } });
    }
  });

  it('lets the patron\'s own number on file through a card-wide lock, and only that number', async () => {
    const own: SignInSource = { kind: 'phone', id: '+306900000001' };
    await db.patron.update({ where: { libraryId_cardNumber: { libraryId: 'kalamaria', cardNumber: '1001001' } }, data: { phone: '+30 690 000 0001' } });
    for (let i = 0; i < 20; i++) await signIn.run('kalamaria', '1001001', String(5000 + i), { kind: 'address', id: `198.51.100.${i}` });
    expect(await signIn.run('kalamaria', '1001001', '1234', other)).toMatchObject({ allowed: false, reason: 'signin.card_locked' });
    expect((await signIn.run('kalamaria', '1001001', '1234', own)).allowed).toBe(true);
    // Signing in does not lift the lock for the others: staff do, once they know who asks.
    expect(await signIn.run('kalamaria', '1001001', '1234', other)).toMatchObject({ allowed: false, reason: 'signin.card_locked' });
  });

  it(`tries one card with at most ${MAX_WRONG_PINS_PER_CARD_PER_DAY} wrong PINs a day, however many sources guess and though locks happen`, { timeout: 120_000 }, async () => {
    // The worst case: a new address every minute all day, and from the second hour on the
    // patron's own number spoofed too (had it guessed first, its failures would have taken
    // part of the card-wide twenty).
    const own: SignInSource = { kind: 'phone', id: '+306900000001' };
    await db.patron.update({ where: { libraryId_cardNumber: { libraryId: 'kalamaria', cardNumber: '1001001' } }, data: { phone: own.id } });
    const start = clock;
    let pin = 0;
    for (let minute = 0; minute < 24 * 60; minute++) {
      await signIn.run('kalamaria', '1001001', String(5000 + (pin++ % 4000)), { kind: 'address', id: `10.${minute >> 8}.${minute & 255}.1` });
      if (minute >= 60) await signIn.run('kalamaria', '1001001', String(5000 + (pin++ % 4000)), own);
      minutes(1);
    }
    // 20 from everywhere (the card-wide lock) + 30 from the spoofed own number (its daily limit).
    expect(checked).toBe(MAX_WRONG_PINS_PER_CARD_PER_DAY);
    expect(MAX_WRONG_PINS_PER_CARD_PER_DAY).toBe(50);
    expect(clock.getTime() - start.getTime()).toBe(24 * 3_600_000);
  });
});

describe('SignIn after a crash', () => {
  it('counts attempts a crash left pending for nothing: forty of them do not limit the address', async () => {
    const attempts = new PrismaSignInAttempts(db);
    const address: SignInSource = { kind: 'address', id: '127.0.0.1' };
    // What kill -9 leaves behind forty sign-ins in flight: their rows, pending, never settled.
    for (let i = 0; i < 40; i++) await attempts.begin({ scope: 'patron', libraryId: 'kalamaria' }, [address], clock, new Date(0));
    minutes(1.1);
    expect(await signIn.sourceLimit('kalamaria', address)).toEqual({ allowed: true });
    expect((await signIn.run('kalamaria', '1001001', '1234', address)).allowed).toBe(true);
    // Nine wrong tries still leave the tenth: the forty counted for nothing.
    for (let i = 0; i < 9; i++) expect(await signIn.run('kalamaria', `88${i}8888`, '0000', address)).toEqual({ allowed: false, reason: 'signin.invalid' });
    expect((await signIn.run('kalamaria', '1001001', '1234', address)).allowed).toBe(true);
    const lockouts = await new SignInLockouts(new PrismaPatronRepository(db), attempts, () => clock).list('kalamaria');
    expect(lockouts.sources).toEqual([{ source: address, failures: [9, 9], lastFailureAt: clock, limitedUntil: null }]);
  });
});

describe('SignIn per source', () => {
  it('refuses a source after 10 failures on different cards, even with a right PIN, and lets others in', async () => {
    const numbers = await cards(12);
    for (const card of numbers.slice(0, 10)) expect(await signIn.run('kalamaria', card, '1111', caller)).toEqual({ allowed: false, reason: 'signin.invalid' });
    expect(await signIn.run('kalamaria', numbers[10]!, '2468', caller)).toEqual({ allowed: false, reason: 'signin.source_limited', params: { count: 15 } });
    expect(await signIn.sourceLimit('kalamaria', caller)).toEqual({ allowed: false, reason: 'signin.source_limited', params: { count: 15 } });
    expect(checked).toBe(10);
    expect((await signIn.run('kalamaria', numbers[11]!, '2468', other)).allowed).toBe(true);
    // Per library: the same number may still sign in at Ózd.
    expect((await signIn.run('ozd', '2002001', '4321', caller)).allowed).toBe(true);
  });

  it('counts unknown cards as failures, and does not count tries refused unchecked at a card locked for it', async () => {
    for (let i = 0; i < 5; i++) await signIn.run('kalamaria', '1001001', '0000', caller); // locks 1001001 for the caller
    for (let i = 0; i < 4; i++) await signIn.run('kalamaria', `99${i}9999`, '1234', caller);
    for (let i = 0; i < 5; i++) expect(await signIn.run('kalamaria', '1001001', '1234', caller)).toMatchObject({ reason: 'signin.temporarily_locked' });
    expect(await signIn.run('kalamaria', '1001003', '0000', caller)).toMatchObject({ reason: 'signin.invalid' });
    expect(await signIn.run('kalamaria', '1001003', '1234', caller)).toMatchObject({ reason: 'signin.source_limited' });
    expect(checked).toBe(6);
  });

  it('does not give a source its guesses back when it signs in with its own card', async () => {
    const numbers = await cards(10);
    for (const card of numbers.slice(0, 9)) await signIn.run('kalamaria', card, '1111', caller);
    expect((await signIn.run('kalamaria', '1001001', '1234', caller)).allowed).toBe(true);
    await signIn.run('kalamaria', numbers[9]!, '1111', caller);
    expect(await signIn.sourceLimit('kalamaria', caller)).toMatchObject({ allowed: false });
  });

  it('lifts the limit when the failures leave the 15-minute window, and caps a slow guesser at 30 a day', async () => {
    const numbers = await cards(40);
    let tried = 0;
    // One guess every 2 minutes: 8 in any quarter of an hour, never the short limit.
    for (const card of numbers) {
      const result = await signIn.run('kalamaria', card, '1111', caller);
      if (result.allowed || result.reason !== 'signin.invalid') break;
      tried++;
      minutes(2);
    }
    expect(tried).toBe(30);
    expect(await signIn.sourceLimit('kalamaria', caller)).toMatchObject({ allowed: false, reason: 'signin.source_limited' });
    minutes(24 * 60 - 60);
    expect((await signIn.sourceLimit('kalamaria', caller)).allowed).toBe(true);
  });

  it('checks at most 10 PINs when 1,000 guesses on 50 cards arrive at once from one source', { timeout: 120_000 }, async () => {
    const numbers = await cards(50);
    const guesses = Array.from({ length: 1000 }, (_, i) => ({ card: numbers[i % 50]!, pin: i % 97 === 50 ? '2468' : String(3000 + i) }));
    const results = await Promise.all(guesses.map((g) => signIn.run('kalamaria', g.card, g.pin, caller)));
    const admittedRightPins = guesses.filter((g, i) => g.pin === '2468' && results[i]!.allowed).length;
    // Exactly 10 wrong PINs are checked, as one after the other; a right one among the first
    // checked would sign in (and not count), which the limit allows and the order decides.
    expect(checked - admittedRightPins).toBe(10);
    expect(results.filter((r) => r.allowed)).toHaveLength(admittedRightPins);
    expect(results.filter((r) => !r.allowed && r.reason === 'signin.source_limited').length).toBeGreaterThanOrEqual(990 - admittedRightPins);
  });

  it('keeps the limit across a restart: a new SignIn on the same database refuses', async () => {
    const numbers = await cards(11);
    for (const card of numbers.slice(0, 10)) await signIn.run('kalamaria', card, '1111', caller);
    expect(await newSignIn().run('kalamaria', numbers[10]!, '2468', caller)).toMatchObject({ reason: 'signin.source_limited' });
  });
});

describe('SignInLockouts', () => {
  it('lists locked cards (everywhere first) and limited sources of the staff member\'s library only, and lifts them', async () => {
    const numbers = await cards(10);
    for (let i = 0; i < 5; i++) await signIn.run('kalamaria', '1001001', '0000', other); // 1001001 locked for `other`
    for (let i = 0; i < 20; i++) await signIn.run('kalamaria', '1001003', String(5000 + i), { kind: 'address', id: `198.51.100.${i}` }); // 1001003 everywhere
    for (const card of numbers) await signIn.run('kalamaria', card, '1111', caller);
    for (let i = 0; i < 5; i++) await signIn.run('ozd', '2002001', '0000', { kind: 'address', id: '203.0.113.9' });
    const lockouts = new SignInLockouts(new PrismaPatronRepository(db), new PrismaSignInAttempts(db), () => clock);

    const kalamaria = await lockouts.list('kalamaria');
    expect(kalamaria.cards).toEqual([
      { cardNumber: '1001003', patronName: 'Ελένη Δημητρίου', lockedUntil: new Date('2026-11-24T08:00:00Z'), failuresLastDay: 20 },
      { cardNumber: '1001001', patronName: 'Μαρία Παπαδοπούλου', lockedUntil: new Date('2026-11-23T08:15:00Z'), from: other, failuresLastDay: 5 },
    ]);
    expect(cardAlarms(kalamaria)).toBe(1);
    // The limited source first; then the 21 others (same time here, so in no set order).
    expect(kalamaria.sources[0]).toEqual({ source: caller, failures: [10, 10], lastFailureAt: clock, limitedUntil: new Date('2026-11-23T08:15:00Z') });
    expect(kalamaria.sources).toContainEqual({ source: other, failures: [5, 5], lastFailureAt: clock, limitedUntil: null });
    expect(kalamaria.sources).toHaveLength(22);
    const ozd = await lockouts.list('ozd');
    expect(ozd.sources.map((s) => s.source)).toEqual([{ kind: 'address', id: '203.0.113.9' }]);
    expect(ozd.cards.map((c) => [c.cardNumber, c.from])).toEqual([['2002001', { kind: 'address', id: '203.0.113.9' }]]);

    // Ózd staff cannot lift Kalamaria's lockouts.
    expect(await lockouts.clearCard('ozd', '1001003')).toEqual({ allowed: false, reason: 'lockout.not_found' });
    expect(await lockouts.clearSource('ozd', caller)).toEqual({ allowed: false, reason: 'lockout.not_found' });
    expect(await signIn.sourceLimit('kalamaria', caller)).toMatchObject({ allowed: false });

    expect(await lockouts.clearCard('kalamaria', '1001003')).toEqual({ allowed: true });
    expect(await lockouts.clearCard('kalamaria', '1001001')).toEqual({ allowed: true });
    expect(await lockouts.clearSource('kalamaria', caller)).toEqual({ allowed: true });
    expect((await signIn.run('kalamaria', '1001003', '1234', { kind: 'address', id: '203.0.113.200' })).allowed).toBe(true);
    expect((await signIn.run('kalamaria', '1001001', '1234', other)).allowed).toBe(true);
    expect((await signIn.run('kalamaria', '1001001', '1234', caller)).allowed).toBe(true);
    const after = await lockouts.list('kalamaria');
    expect(after.cards).toEqual([]);
    // Lifting a card gives its guessers nothing back: their failures stay with their sources.
    expect(after.sources.map((s) => s.source)).toContainEqual(other);
    expect(after.sources.find((s) => s.source.id === '198.51.100.0')?.failures).toEqual([1, 1]);
  });
});

describe('SignIn and stored PIN hashes', () => {
  it('replaces an earlier scheme\'s hash at the next right PIN, and only then', async () => {
    const [card] = await cards(1);
    const stored = async () => (await db.patron.findFirstOrThrow({ where: { cardNumber: card } })).pinHash;
    expect(await stored()).toMatch(/^scrypt\$/);
    expect(await signIn.run('kalamaria', card!, '0000', caller)).toMatchObject({ allowed: false });
    expect(await stored()).toMatch(/^scrypt\$/);
    expect(await signIn.run('kalamaria', card!, '2468', caller)).toMatchObject({ allowed: true });
    expect(await stored()).toMatch(/^hmac-sha256\$/);
    expect(await signIn.run('kalamaria', card!, '2468', caller)).toMatchObject({ allowed: true });
  });
});
