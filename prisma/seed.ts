import { fold } from '../src/domain/text/fold';
import type { Db } from '../src/persistence/prisma-client';
import type { PinHasher } from '../src/domain/ports/pin-hasher';
import { staffPasswordHasher } from '../src/persistence/scrypt-pin-hasher';
import { catalogue } from './seed-data/catalogue';
import { seedIllDemo } from './seed-ill';
import { demoBranches, demoLibraries, demoPatrons } from './seed-data/demo';
import { demoStaff } from './seed-data/staff';

/**
 * Demo data, written once: a library that already has records is left as it is, so
 * restarting the server never undoes what patrons and staff did in the demo.
 */
export async function seedDemoData(db: Db, options: { pinHasher: PinHasher }): Promise<{ seeded: boolean }> {
  if ((await db.record.count()) > 0) return { seeded: false };
  const hasher = options.pinHasher;
  await db.$transaction(async (tx) => {
    for (const library of demoLibraries) await tx.library.create({ data: library });
    for (const branch of demoBranches) await tx.branch.create({ data: branch });
    // Demo barcodes in the shape libraries print: a library prefix and a running number.
    const barcodes = new Map<string, number>();
    const nextBarcode = (library: string) => {
      const n = (barcodes.get(library) ?? 0) + 1;
      barcodes.set(library, n);
      return `${library === 'ozd' ? '2001' : '1001'}${String(n).padStart(6, '0')}`;
    };
    for (const title of catalogue) {
      const { copies, acquired, library, ...fields } = title;
      await tx.record.create({
        data: {
          ...fields, libraryId: library, acquiredAt: new Date(`${acquired}T09:00:00Z`),
          searchText: fold(`${title.title} ${title.author} ${title.isbn ?? ''}`),
          copies: { create: copies.map((c) => ({ branchId: c.branch, status: c.status, shelfMark: c.shelf, barcode: nextBarcode(library) })) },
        },
      });
    }
    for (const { pin, holdTitle, ...patron } of demoPatrons) {
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
    await seedIllDemo(tx);
    for (const { password, ...staff } of demoStaff) await tx.staffUser.create({ data: { ...staff, passwordHash: await staffPasswordHasher().hash(password) } });
  }, { timeout: 60_000 });
  return { seeded: true };
}
