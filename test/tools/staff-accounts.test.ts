import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/persistence/prisma-client';
import { PrismaSignInAttempts } from '../../src/persistence/prisma-sign-in-attempts';
import { PrismaStaffRepository } from '../../src/persistence/prisma-staff-repository';
import { staffPasswordHasher } from '../../src/persistence/scrypt-pin-hasher';
import { StaffAuth } from '../../src/staff/staff-auth';
import { runStaffCommand } from '../../src/tools/staff-accounts';
import { freshDb } from '../support/test-db';

let db: Db;
beforeEach(async () => { ({ db } = await freshDb()); });
afterEach(async () => { await db.$disconnect(); });

/** Runs the command as the CLI would, with `password` as STAFF_PASSWORD (or nothing). */
async function staff(argv: string[], password?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runStaffCommand(db, argv, { password: async () => password, out: (l) => out.push(l), err: (l) => err.push(l) }, { hashCost: 1024 });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const login = (username: string, password: string) =>
  new StaffAuth(new PrismaStaffRepository(db), staffPasswordHasher(1024), new PrismaSignInAttempts(db)).login(username, password, { kind: 'address', id: '192.0.2.44' });

describe('npm run staff', () => {
  it('adds an account that can sign in to its library, with a p = 5 hash and the username lower-cased', async () => {
    const added = await staff(['add', '--library', 'ozd', '--username', 'Kiss.Eva', '--name', 'Kiss Éva'], 'hosszú jelszó a pulthoz');
    expect(added).toMatchObject({ code: 0, out: 'added kiss.eva (ozd)' });
    const row = await db.staffUser.findUniqueOrThrow({ where: { username: 'kiss.eva' } });
    expect(row).toMatchObject({ libraryId: 'ozd', name: 'Kiss Éva', active: true });
    expect(row.passwordHash.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '5']);
    const session = await login('KISS.EVA', 'hosszú jelszó a pulthoz');
    expect(session.allowed && session.session.staff).toMatchObject({ libraryId: 'ozd', name: 'Kiss Éva' });
    expect((await staff(['list', '--library', 'ozd'])).out).toContain('ozd\tkiss.eva\tactive\tKiss Éva');
  });

  it('refuses, writing nothing: a short password, one containing the username, none, a taken username, an unknown library, a bad username', async () => {
    const before = await db.staffUser.count();
    const add = (username: string, password?: string, library = 'kalamaria') => staff(['add', '--library', library, '--username', username, '--name', 'Νίκος Δ.'], password);
    expect(await add('nikos.d', 'short-pass1')).toMatchObject({ code: 1, err: 'the password must have at least 12 characters' });
    expect(await add('nikos.d', 'NIKOS.D-is-my-password')).toMatchObject({ code: 1, err: 'the password must not contain the username' });
    expect((await add('nikos.d')).err).toMatch(/^no password/);
    expect(await add('staff.kalamaria', 'a perfectly long password')).toMatchObject({ code: 1, err: 'the username "staff.kalamaria" is taken' });
    expect(await add('nikos.d', 'a perfectly long password', 'thessaloniki')).toMatchObject({ code: 1, err: 'no library "thessaloniki" (known: kalamaria, ozd)' });
    expect((await add('x', 'a perfectly long password')).code).toBe(1);
    expect((await add('<script>', 'a perfectly long password')).code).toBe(1);
    expect((await staff(['add', '--username', 'nikos.d'])).code).toBe(2);
    expect((await staff(['remove', '--username', 'nikos.d'])).code).toBe(2);
    expect((await staff(['add', '--bogus'])).code).toBe(2);
    expect(await db.staffUser.count()).toBe(before);
  });

  it('changes a password and ends the account\'s sessions; deactivating locks the account out until it is activated', async () => {
    const first = await login('staff.ozd', 'Ozd-2026');
    expect(first.allowed).toBe(true);
    expect(await db.staffSession.count()).toBe(1);

    expect((await staff(['password', '--username', 'staff.ozd'], 'egy új, hosszú jelszó'))).toMatchObject({ code: 0 });
    expect(await db.staffSession.count()).toBe(0);
    expect((await login('staff.ozd', 'Ozd-2026')).allowed).toBe(false);
    expect((await login('staff.ozd', 'egy új, hosszú jelszó')).allowed).toBe(true);

    expect((await staff(['deactivate', '--username', 'staff.ozd'])).code).toBe(0);
    expect(await db.staffSession.count()).toBe(0);
    expect((await login('staff.ozd', 'egy új, hosszú jelszó')).allowed).toBe(false);
    expect((await staff(['list'])).out).toContain('ozd\tstaff.ozd\tinactive');
    expect((await staff(['activate', '--username', 'staff.ozd'])).code).toBe(0);
    expect((await login('staff.ozd', 'egy új, hosszú jelszó')).allowed).toBe(true);

    expect(await staff(['password', '--username', 'nobody'], 'a perfectly long password')).toMatchObject({ code: 1, err: 'no staff account "nobody"' });
  });
});
