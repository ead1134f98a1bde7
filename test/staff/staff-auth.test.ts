import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/persistence/prisma-client';
import { PrismaStaffRepository } from '../../src/persistence/prisma-staff-repository';
import { ScryptPinHasher } from '../../src/persistence/scrypt-pin-hasher';
import { StaffAuth } from '../../src/staff/staff-auth';
import { freshDb } from '../support/test-db';

let db: Db;
let clock: Date;
let auth: StaffAuth;
beforeEach(async () => {
  ({ db } = await freshDb());
  clock = new Date('2026-11-23T08:00:00Z');
  auth = new StaffAuth(new PrismaStaffRepository(db), new ScryptPinHasher(), () => clock);
});
afterEach(async () => { await db.$disconnect(); });

const minutes = (n: number) => { clock = new Date(clock.getTime() + n * 60_000); };

describe('StaffAuth session expiry', () => {
  it('ends a session after 30 idle minutes', async () => {
    const s = await auth.login('staff.kalamaria', 'Kalamaria-2026');
    minutes(29);
    expect(await auth.authenticate(s!.token)).toBeDefined();
    minutes(29); // 29 minutes since the last request: still alive
    expect(await auth.authenticate(s!.token)).toBeDefined();
    minutes(31);
    expect(await auth.authenticate(s!.token)).toBeUndefined();
  });

  it('ends a busy session after 8 hours whatever the activity', async () => {
    const s = await auth.login('staff.ozd', 'Ozd-2026');
    for (let i = 0; i < 16; i++) { minutes(29); expect(await auth.authenticate(s!.token)).toBeDefined(); }
    minutes(29); // 8 h 13 min since sign-in
    expect(await auth.authenticate(s!.token)).toBeUndefined();
  });

  it('stores scrypt hashes, not passwords, and refuses a deactivated account', async () => {
    const user = await db.staffUser.findUniqueOrThrow({ where: { username: 'staff.ozd' } });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain('Ozd-2026');
    await db.staffUser.update({ where: { id: user.id }, data: { active: false } });
    expect(await auth.login('staff.ozd', 'Ozd-2026')).toBeUndefined();
  });
});
