import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { setupDatabase } from '../../scripts/db-setup';
import { demoDataFromEnv } from '../../src/libraries/demo-data';
import { LibraryConfigError } from '../../src/libraries/load-libraries';
import { createPrismaClient, type Db } from '../../src/persistence/prisma-client';
import { staffPasswordHasher } from '../../src/persistence/scrypt-pin-hasher';
import { PrismaSignInAttempts } from '../../src/persistence/prisma-sign-in-attempts';
import { PrismaStaffRepository } from '../../src/persistence/prisma-staff-repository';
import { StaffAuth } from '../../src/staff/staff-auth';
import { runStaffCommand } from '../../src/tools/staff-accounts';
import { freshDb } from '../support/test-db';
import { adminClient, testDatabase, testPostgresUrl } from '../support/postgres';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('DEMO_DATA', () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: 'development' }, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', DEMO_DATA: 'on' }, true],
    [{ DEMO_DATA: 'off' }, false],
    [{ DEMO_DATA: ' OFF ' }, false],
  ])('%o → demo data %s', (env, on) => {
    expect(demoDataFromEnv(env)).toBe(on);
  });

  it('refuses a value it does not know, naming the setting', () => {
    expect(() => demoDataFromEnv({ DEMO_DATA: 'yes' })).toThrow(LibraryConfigError);
    expect(() => demoDataFromEnv({ DEMO_DATA: 'yes' })).toThrow('DEMO_DATA: expected on or off, got "yes"');
  });
});

const counts = async (db: Db) => ({
  libraries: (await db.library.findMany({ orderBy: { id: 'asc' } })).map((l) => [l.id, l.name, l.phone]),
  branches: (await db.branch.findMany({ orderBy: { id: 'asc' } })).map((b) => b.id),
  patrons: await db.patron.count(), records: await db.record.count(), staff: await db.staffUser.count(), ill: await db.illRequest.count(),
});
const LIBRARY_ROWS = [['kalamaria', 'Δημοτικές Βιβλιοθήκες Καλαμαριάς', '2310 000 100'], ['ozd', 'Ózdi Városi Könyvtár', '+36 48 000 100']];
const BRANCH_ROWS = ['kal-central', 'kal-child-a', 'kal-child-b', 'ozd-main'];

describe('the database set-up in each mode', () => {
  it('on (the default outside production): demo patrons, books and staff accounts, the libraries from their files', async () => {
    // The tests' template database is set up as `npm start` sets one up (test/support/global-setup.ts).
    const { db } = await freshDb();
    try {
      expect(await counts(db)).toMatchObject({ libraries: LIBRARY_ROWS, branches: BRANCH_ROWS, staff: 2 });
      expect((await counts(db)).patrons).toBeGreaterThan(0);
      expect((await counts(db)).records).toBeGreaterThan(0);
      expect((await counts(db)).ill).toBeGreaterThan(0);
    } finally { await db.$disconnect(); }
  });

  it('off (the default in production): the libraries from their files and nothing else; the first staff account comes from npm run staff -- add', async () => {
    const { url, drop } = await emptyDatabase();
    try {
      await setupDatabase(url, { demoData: demoDataFromEnv({ NODE_ENV: 'production' }) });
      // A second start (the rows exist) changes nothing and adds nothing.
      await setupDatabase(url, { demoData: false });
      const db = await createPrismaClient(url);
      try {
        expect(await counts(db)).toEqual({ libraries: LIBRARY_ROWS, branches: BRANCH_ROWS, patrons: 0, records: 0, staff: 0, ill: 0 });

        const out: string[] = [];
        const code = await runStaffCommand(db, ['add', '--library', 'ozd', '--username', 'kiss.eva', '--name', 'Kiss Éva'],
          { password: async () => 'hosszú jelszó a pulthoz', out: (l) => out.push(l), err: (l) => out.push(l) }, { hashCost: 1024 });
        expect([code, out]).toEqual([0, ['added kiss.eva (ozd)']]);
        const auth = new StaffAuth(new PrismaStaffRepository(db), staffPasswordHasher(1024), new PrismaSignInAttempts(db));
        expect(await auth.login('kiss.eva', 'hosszú jelszó a pulthoz', { kind: 'address', id: '192.0.2.44' })).toMatchObject({ allowed: true });
        // The demo accounts' known passwords open nothing.
        expect(await auth.login('staff.ozd', 'Ozd-2026', { kind: 'address', id: '192.0.2.45' })).toMatchObject({ allowed: false });
      } finally { await db.$disconnect(); }
    } finally {
      await drop();
    }
  });
});

/** A database nothing has been written to, as a new deployment starts with. */
async function emptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (testDatabase() === 'postgres') {
    // Named like the run's other databases, so that the run's end drops it even if this test cannot.
    const name = `${inject('pgTemplate').replace(/template$/, '')}demooff${randomUUID().slice(0, 8)}`;
    const admin = await adminClient();
    await admin.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
    return {
      url: testPostgresUrl(name),
      drop: async () => {
        try { await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); } finally { await admin.$disconnect(); }
      },
    };
  }
  const dir = mkdtempSync(path.join(root, 'data', 'test', 'demo-off-'));
  return { url: `file:${path.join(dir, 'bot.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
