import type { Db } from '../../src/persistence/prisma-client';
import type { FakeKohaServer } from './koha/fake-koha-server';
import type { FakeSip2Server } from './sip2/fake-sip2-server';

/** What the bot's Koha login is in the tests that talk to the fake Koha. */
export const KOHA_CREDENTIALS = { clientId: 'bot', clientSecret: 'secret', user: 'bot', password: 'pw' };

/** Records get their ILS id and copies their barcode (as an import would); the fake ILS gets the same patrons and copies. */
export async function seedIls(db: Db, ils: { koha?: FakeKohaServer; sip2?: FakeSip2Server }): Promise<void> {
  for (const r of await db.record.findMany()) await db.record.update({ where: { id: r.id }, data: { sourceId: String(r.id) } });
  const pins: Record<string, string> = { kalamaria: '1234', ozd: '4321' };
  for (const p of await db.patron.findMany()) {
    const pin = pins[p.libraryId]!;
    ils.koha?.patrons.push({ patron_id: 1000 + p.id, cardnumber: p.cardNumber, password: pin, firstname: p.name, surname: '', restricted: p.status === 'locked', expiry_date: p.cardExpiresAt.toISOString().slice(0, 10), patron_card_lost: false, checkouts_count: p.loansCount, balance: 0 });
    ils.sip2?.patrons.set(p.cardNumber, { pin, name: p.name, flags: p.status === 'locked' ? '   Y' : '', charged: p.loansCount, holds: [], expires: p.cardExpiresAt.toISOString().slice(0, 10).replace(/-/g, '') });
  }
  for (const c of await db.copy.findMany()) {
    const barcode = `BC-${c.id}`;
    await db.copy.update({ where: { id: c.id }, data: { barcode } });
    ils.koha?.items.push({ item_id: c.id, biblio_id: c.recordId, external_id: barcode, home_library_id: c.branchId, holding_library_id: c.branchId, checked_out_date: c.status === 'on_loan' ? '2026-11-01' : null, lost_status: 0, withdrawn: 0, not_for_loan_status: c.status === 'quarantine' ? 1 : 0, damaged_status: 0, pickup: [c.branchId] });
    ils.sip2?.items.set(barcode, { status: c.status === 'available' ? '03' : c.status === 'held' ? '08' : '04', location: c.branchId, title: '' });
  }
}
