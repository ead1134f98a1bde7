import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/persistence/prisma-client';
import type { SignInSource } from '../../src/domain/ports/sign-in-attempts';
import { PrismaSignInAttempts } from '../../src/persistence/prisma-sign-in-attempts';
import { PrismaStaffRepository } from '../../src/persistence/prisma-staff-repository';
import { ScryptPinHasher, staffPasswordHasher } from '../../src/persistence/scrypt-pin-hasher';
import { StaffAuth, type StaffSession } from '../../src/staff/staff-auth';
import { freshDb } from '../support/test-db';

let db: Db;
let clock: Date;
let auth: StaffAuth;
beforeEach(async () => {
  ({ db } = await freshDb());
  clock = new Date('2026-11-23T08:00:00Z');
  auth = new StaffAuth(new PrismaStaffRepository(db), new ScryptPinHasher(), new PrismaSignInAttempts(db), () => clock);
});
afterEach(async () => { await db.$disconnect(); });

const minutes = (n: number) => { clock = new Date(clock.getTime() + n * 60_000); };
const desk: SignInSource = { kind: 'address', id: '192.0.2.10' };
const elsewhere: SignInSource = { kind: 'address', id: '198.51.100.7' };
/** A login that must succeed. */
async function signIn(username: string, password: string, from = desk): Promise<StaffSession> {
  const result = await auth.login(username, password, from);
  if (!result.allowed) throw new Error(`login refused: ${result.reason}`);
  return result.session;
}

describe('StaffAuth session expiry', () => {
  it('ends a session after 30 idle minutes', async () => {
    const s = await signIn('staff.kalamaria', 'Kalamaria-2026');
    minutes(29);
    expect(await auth.authenticate(s.token)).toBeDefined();
    minutes(29); // 29 minutes since the last request: still alive
    expect(await auth.authenticate(s.token)).toBeDefined();
    minutes(31);
    expect(await auth.authenticate(s.token)).toBeUndefined();
  });

  it('ends a busy session after 8 hours whatever the activity', async () => {
    const s = await signIn('staff.ozd', 'Ozd-2026');
    for (let i = 0; i < 16; i++) { minutes(29); expect(await auth.authenticate(s.token)).toBeDefined(); }
    minutes(29); // 8 h 13 min since sign-in
    expect(await auth.authenticate(s.token)).toBeUndefined();
  });

  it('stores scrypt hashes, not passwords, and refuses a deactivated account', async () => {
    const user = await db.staffUser.findUniqueOrThrow({ where: { username: 'staff.ozd' } });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain('Ozd-2026');
    await db.staffUser.update({ where: { id: user.id }, data: { active: false } });
    expect(await auth.login('staff.ozd', 'Ozd-2026', desk)).toEqual({ allowed: false, reason: 'staff.invalid_login' });
  });
});

describe('StaffAuth login limits', () => {
  it('refuses an address after 10 failed logins, even with the right password, for a quarter of an hour', async () => {
    for (let i = 0; i < 10; i++) expect(await auth.login(`guess${i}`, 'nope', desk)).toEqual({ allowed: false, reason: 'staff.invalid_login' });
    expect(await auth.login('staff.kalamaria', 'Kalamaria-2026', desk)).toEqual({ allowed: false, reason: 'staff.login_limited', params: { count: 15 } });
    // Other addresses and the account itself are not affected.
    expect((await auth.login('staff.kalamaria', 'Kalamaria-2026', elsewhere)).allowed).toBe(true);
    minutes(14);
    expect(await auth.login('staff.kalamaria', 'Kalamaria-2026', desk)).toMatchObject({ reason: 'staff.login_limited', params: { count: 1 } });
    minutes(1);
    expect((await auth.login('staff.kalamaria', 'Kalamaria-2026', desk)).allowed).toBe(true);
  });

  it('locks a username for the address that got its password wrong 5 times, not for the staff member elsewhere', async () => {
    for (let i = 0; i < 5; i++) expect(await auth.login('staff.ozd', 'wrong', desk)).toEqual({ allowed: false, reason: 'staff.invalid_login' });
    expect(await auth.login(' STAFF.ozd ', 'Ozd-2026', desk)).toEqual({ allowed: false, reason: 'staff.login_limited', params: { count: 15 } });
    // Twelve wrong passwords from two addresses used to lock the username for everyone for a day.
    for (let i = 0; i < 5; i++) await auth.login('staff.ozd', 'wrong', elsewhere);
    expect((await auth.login('staff.ozd', 'Ozd-2026', { kind: 'address', id: '192.0.2.77' })).allowed).toBe(true);
    // The desk may still sign in someone else.
    expect((await auth.login('staff.kalamaria', 'Kalamaria-2026', desk)).allowed).toBe(true);
  });

  it('refuses a username from everywhere after 100 failures in a day, known or not, and says the same for both', { timeout: 60_000 }, async () => {
    // A hasher that knows one password: the limits, not scrypt, are under test here.
    const cheap = { hash: async (secret: string) => secret, verify: async (secret: string) => secret === 'Ozd-2026', outdated: () => false };
    const fast = new StaffAuth(new PrismaStaffRepository(db), cheap, new PrismaSignInAttempts(db), () => clock);
    // Four wrong tries from each of 25 addresses: none of them reaches its own limits.
    for (let i = 0; i < 100; i++) {
      const from: SignInSource = { kind: 'address', id: `203.0.113.${Math.floor(i / 4)}` };
      expect(await fast.login('staff.ozd', 'wrong', from)).toEqual({ allowed: false, reason: 'staff.invalid_login' });
      expect(await fast.login('nobody.here', 'wrong', from)).toEqual({ allowed: false, reason: 'staff.invalid_login' });
      if (i % 4 === 3) minutes(10);
    }
    const known = await fast.login('staff.ozd', 'Ozd-2026', elsewhere);
    const unknown = await fast.login('nobody.here', 'Ozd-2026', elsewhere);
    expect(known).toMatchObject({ allowed: false, reason: 'staff.login_limited' });
    expect(unknown).toEqual(known);
    minutes(24 * 60);
    expect((await fast.login('staff.ozd', 'Ozd-2026', elsewhere)).allowed).toBe(true);
  });

  it('does not let a burst of parallel guesses check more passwords than the limit', async () => {
    let checked = 0;
    const counting = new ScryptPinHasher();
    const verify = counting.verify.bind(counting);
    counting.verify = async (secret, hash) => { checked++; return verify(secret, hash); };
    const burst = new StaffAuth(new PrismaStaffRepository(db), counting, new PrismaSignInAttempts(db), () => clock);
    const guesses = Array.from({ length: 60 }, (_, i) => (i === 45 ? 'Kalamaria-2026' : `guess-${i}`));
    const results = await Promise.all(guesses.map((g) => burst.login('staff.kalamaria', g, desk)));
    const signedIn = results.filter((r) => r.allowed).length;
    // Exactly 5 wrong passwords checked (the username from this address), as one after the
    // other; a right one among the first checked would sign in, which the limit allows.
    expect(checked - signedIn).toBe(5);
    expect(signedIn).toBeLessThanOrEqual(1);
    expect(results.filter((r) => !r.allowed && r.reason === 'staff.login_limited')).toHaveLength(55 - signedIn);
  });

  it('keeps failures in the database: a new StaffAuth (a restart) still refuses', async () => {
    for (let i = 0; i < 10; i++) await auth.login('staff.kalamaria', 'nope', desk);
    const restarted = new StaffAuth(new PrismaStaffRepository(db), new ScryptPinHasher(), new PrismaSignInAttempts(db), () => clock);
    expect(await restarted.login('staff.kalamaria', 'Kalamaria-2026', desk)).toMatchObject({ allowed: false, reason: 'staff.login_limited' });
  });
});

describe('staff password hashes', () => {
  it('are scrypt with p = 5 (OWASP\'s minimum), and a PIN hash made with p = 1 still verifies', async () => {
    const staff = await db.staffUser.findUniqueOrThrow({ where: { username: 'staff.ozd' } });
    const [scheme, , r, p] = staff.passwordHash.split('$');
    expect([scheme, r, p]).toEqual(['scrypt', '8', '5']);
    expect(await staffPasswordHasher(1024).verify('Ozd-2026', staff.passwordHash)).toBe(true);
    expect(await staffPasswordHasher(1024).verify('Ozd-2027', staff.passwordHash)).toBe(false);
    const older = await new ScryptPinHasher(1024).hash('Ozd-2026');
    expect(older.split('$')[3]).toBe('1');
    expect(await staffPasswordHasher(1024).verify('Ozd-2026', older)).toBe(true);
  });

  it('are stored again with today\'s parameters at the next right password, not at a wrong one', async () => {
    const weak = await new ScryptPinHasher(1024).hash('Ozd-2026');
    await db.staffUser.update({ where: { username: 'staff.ozd' }, data: { passwordHash: weak } });
    const strong = new StaffAuth(new PrismaStaffRepository(db), staffPasswordHasher(), new PrismaSignInAttempts(db), () => clock);
    const from = { kind: 'address' as const, id: '192.0.2.77' };
    expect(await strong.login('staff.ozd', 'Ozd-2027', from)).toMatchObject({ allowed: false });
    expect((await db.staffUser.findUniqueOrThrow({ where: { username: 'staff.ozd' } })).passwordHash).toBe(weak);
    expect(await strong.login('staff.ozd', 'Ozd-2026', from)).toMatchObject({ allowed: true });
    const [, n, , p] = (await db.staffUser.findUniqueOrThrow({ where: { username: 'staff.ozd' } })).passwordHash.split('$');
    expect([n, p]).toEqual(['16384', '5']);
  });
});
