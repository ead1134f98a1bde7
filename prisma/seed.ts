import { fold } from '../src/domain/text/fold';
import type { Db } from '../src/persistence/prisma-client';
import type { PinHasher } from '../src/domain/ports/pin-hasher';
import { staffPasswordHasher } from '../src/persistence/scrypt-pin-hasher';
import { catalogue } from './seed-data/catalogue';
import { seedIllDemo } from './seed-ill';
import { demoPatrons } from './seed-data/demo';
import { demoStaff } from './seed-data/staff';
import { policiesOf, type Libraries } from '../src/libraries/load-libraries';

/**
 * The Library and Branch rows, from the library files (libraries/<id>.yaml), in every mode:
 * a name or a phone number changed in a file reaches the database at the next start. A branch
 * taken out of its file stays (copies and orders point to it).
 */
export async function seedLibraries(db: Pick<Db, 'library' | 'branch'>, libraries: Libraries): Promise<void> {
  for (const { id, info } of libraries.values()) {
    const library = { name: info.name, timezone: info.timezone, currency: info.currency, phone: info.phone, defaultLanguage: info.defaultLanguage };
    await db.library.upsert({ where: { id }, create: { id, ...library }, update: library });
  }
  for (const { id: libraryId, info, file } of libraries.values()) {
    for (const [i, b] of info.branches.entries()) {
      const existing = await db.branch.findUnique({ where: { id: b.id }, select: { libraryId: true } });
      if (existing && existing.libraryId !== libraryId) throw new Error(`${file}: branches.${b.id}: the database has this branch id in library ${existing.libraryId}`);
      const branch = { libraryId, name: b.name, address: b.address, phone: b.phone ?? info.phone, sortOrder: i + 1 };
      await db.branch.upsert({ where: { id: b.id }, create: { id: b.id, ...branch }, update: branch });
    }
  }
}

/**
 * Demo patrons, books, orders and staff accounts (DEMO_DATA=on), for the demo libraries that
 * have a file, written once: a database that already has records is left as it is, so
 * restarting the server never undoes what patrons and staff did in the demo.
 */
export async function seedDemoData(db: Db, options: { pinHasher: PinHasher; libraries: Libraries }): Promise<{ seeded: boolean }> {
  if ((await db.record.count()) > 0) return { seeded: false };
  const hasher = options.pinHasher;
  const served = (libraryId: string) => options.libraries.has(libraryId);
  await db.$transaction(async (tx) => {
    // Demo barcodes in the shape libraries print: a library prefix and a running number.
    const barcodes = new Map<string, number>();
    const nextBarcode = (library: string) => {
      const n = (barcodes.get(library) ?? 0) + 1;
      barcodes.set(library, n);
      return `${library === 'ozd' ? '2001' : '1001'}${String(n).padStart(6, '0')}`;
    };
    for (const title of catalogue.filter((t) => served(t.library))) {
      const { copies, acquired, library, ...fields } = title;
      await tx.record.create({
        data: {
          ...fields, libraryId: library, acquiredAt: new Date(`${acquired}T09:00:00Z`),
          searchText: fold(`${title.title} ${title.author} ${title.isbn ?? ''}`),
          copies: { create: copies.map((c) => ({ branchId: c.branch, status: c.status, shelfMark: c.shelf, barcode: nextBarcode(library) })) },
        },
      });
    }
    for (const { pin, holdTitle, ...patron } of demoPatrons.filter((p) => served(p.libraryId))) {
      const created = await tx.patron.create({ data: { ...patron, pinHash: await hasher.hash(pin, { libraryId: patron.libraryId, cardNumber: patron.cardNumber }) } });
      if (!holdTitle) continue;
      // An order already on the hold shelf, so the limit scenarios start from a real hold.
      const copy = await tx.copy.findFirstOrThrow({ where: { status: 'available', record: { title: holdTitle, libraryId: patron.libraryId } } });
      await tx.copy.update({ where: { id: copy.id }, data: { status: 'held' } });
      await tx.order.create({
        data: {
          ref: patron.libraryId === 'kalamaria' ? '1000009' : '2000008', libraryId: patron.libraryId, patronId: created.id,
          status: 'preparing', channel: 'seed', language: patron.preferredLanguage,
          holds: { create: { copyId: copy.id, recordId: copy.recordId, branchId: copy.branchId, status: 'active' } },
          events: { create: [{ actor: 'system', fromStatus: null, toStatus: 'new' }, { actor: 'system', fromStatus: 'new', toStatus: 'preparing' }] },
        },
      });
    }
    await seedIllDemo(tx, policiesOf(options.libraries));
    for (const { password, ...staff } of demoStaff.filter((s) => served(s.libraryId))) await tx.staffUser.create({ data: { ...staff, passwordHash: await staffPasswordHasher().hash(password) } });
  }, { timeout: 60_000 });
  return { seeded: true };
}
