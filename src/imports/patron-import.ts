import { parse } from 'csv-parse/sync';
import type { PinHasher } from '../domain/ports/pin-hasher';
import { addDays, instantAt, isLocalDate } from '../domain/rules/local-time';
import type { Db } from '../persistence/prisma-client';

export const PATRON_COLUMNS = ['card_number', 'name', 'phone', 'language', 'category', 'expiry', 'blocked', 'pin'] as const;
type Column = (typeof PATRON_COLUMNS)[number];

export interface PatronRow {
  cardNumber: string;
  name: string;
  phone: string;
  language: 'el' | 'hu';
  category: string;
  /** YYYY-MM-DD, the last day the card is valid. */
  expiry: string;
  blocked: boolean;
  /** Empty: keep the patron's PIN (an update); a new patron must have one. */
  pin: string;
}

export interface BadRow {
  /** 1-based line of the file the row starts on (the header is line 1). */
  line: number;
  reason: string;
}

export interface PatronImportSummary {
  rows: number;
  created: number;
  updated: number;
  bad: BadRow[];
}

/**
 * The delimiter of the header line: spreadsheets in Greece and Hungary save CSV with semicolons
 * (the comma is their decimal sign), others with commas. Whichever the header has more of.
 */
export function detectDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Rows of a patron CSV, each checked; a bad row is reported with its line and left out. */
export function parsePatronCsv(text: string): { rows: Array<PatronRow & { line: number }>; bad: BadRow[] } {
  const records = parse(text, {
    bom: true, delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, trim: true, info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [header, ...body] = records;
  if (!header) throw new Error('the file is empty: expected a header row ' + PATRON_COLUMNS.join(','));
  const names = header.record.map((h) => h.toLowerCase());
  const missing = PATRON_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) throw new Error(`the header row lacks ${missing.join(', ')} (expected ${PATRON_COLUMNS.join(',')})`);
  const at = Object.fromEntries(PATRON_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;

  const rows: Array<PatronRow & { line: number }> = [];
  const bad: BadRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    // info.lines is where the record ends; a quoted field may span lines.
    const line = info.lines - (record.join('').match(/\n/g)?.length ?? 0);
    const checked = checkRow(record, at, names.length);
    if (typeof checked === 'string') { bad.push({ line, reason: checked }); continue; }
    const earlier = seen.get(checked.cardNumber);
    if (earlier !== undefined) { bad.push({ line, reason: `card_number ${checked.cardNumber} is already on line ${earlier}` }); continue; }
    seen.set(checked.cardNumber, line);
    rows.push({ ...checked, line });
  }
  return { rows, bad };
}

function checkRow(record: string[], at: Record<Column, number>, width: number): PatronRow | string {
  if (record.length !== width) return `${record.length} fields, the header has ${width}`;
  const v = (c: Column) => (record[at[c]] ?? '').trim();
  const cardNumber = v('card_number');
  if (!/^\d{4,20}$/.test(cardNumber)) return `card_number: expected 4 to 20 digits, got "${cardNumber}"`;
  const name = v('name').normalize('NFC');
  if (!name) return 'name: empty';
  const language = v('language').toLowerCase();
  if (language !== 'el' && language !== 'hu') return `language: expected el or hu, got "${v('language')}"`;
  const expiry = v('expiry');
  if (!isLocalDate(expiry)) return `expiry: expected a date YYYY-MM-DD, got "${expiry}"`;
  const blocked = v('blocked');
  if (blocked !== '0' && blocked !== '1') return `blocked: expected 0 or 1, got "${blocked}"`;
  const pin = v('pin');
  // Never echoed: a report of the row must not carry the PIN it refused.
  if (pin !== '' && !/^\d{4,8}$/.test(pin)) return 'pin: expected 4 to 8 digits';
  return { cardNumber, name, phone: v('phone'), language, category: v('category'), expiry, blocked: blocked === '1', pin };
}

const BATCH = 500;

/**
 * Creates or updates the library's patrons by card number. PINs are hashed here, with the
 * server's keyed hasher, so the clear PIN never reaches the database or a log. An empty pin
 * keeps an existing patron's PIN.
 */
export async function importPatrons(db: Db, libraryId: string, text: string, hasher: PinHasher, now: () => Date = () => new Date()): Promise<PatronImportSummary> {
  const library = await db.library.findUnique({ where: { id: libraryId }, include: { branches: { orderBy: { sortOrder: 'asc' }, take: 1 } } });
  if (!library) throw new Error(`no library '${libraryId}' in the database`);
  const homeBranchId = library.branches[0]?.id;
  if (!homeBranchId) throw new Error(`library '${libraryId}' has no branches`);
  const { rows, bad } = parsePatronCsv(text);
  const summary: PatronImportSummary = { rows: rows.length + bad.length, created: 0, updated: 0, bad };

  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const existing = new Set((await db.patron.findMany({ where: { libraryId, cardNumber: { in: batch.map((r) => r.cardNumber) } }, select: { cardNumber: true } })).map((p) => p.cardNumber));
    // Hashed before the transaction: a write lock is not held while keys are worked.
    const hashes = new Map(await Promise.all(batch.filter((r) => r.pin !== '').map(async (r) => [r.cardNumber, await hasher.hash(r.pin, { libraryId, cardNumber: r.cardNumber })] as const)));
    const newWithoutPin = batch.filter((r) => !existing.has(r.cardNumber) && r.pin === '');
    for (const r of newWithoutPin) bad.push({ line: r.line, reason: 'pin: a new patron needs one' });
    await db.$transaction(async (tx) => {
      for (const r of batch) {
        if (!existing.has(r.cardNumber) && r.pin === '') continue;
        // The card is valid through its expiry day, in the library's time zone.
        const cardExpiresAt = new Date(instantAt(addDays(r.expiry, 1), 0, library.timezone).getTime() - 1);
        const status = r.blocked ? 'locked' : cardExpiresAt < now() ? 'expired' : 'active';
        const fields = { name: r.name, phone: r.phone, preferredLanguage: r.language, category: r.category || null, status, cardExpiresAt };
        const pinHash = hashes.get(r.cardNumber);
        if (existing.has(r.cardNumber)) {
          // A new PIN starts with a clean slate of failed attempts.
          await tx.patron.update({
            where: { libraryId_cardNumber: { libraryId, cardNumber: r.cardNumber } },
            data: { ...fields, ...(pinHash ? { pinHash, failedPinCount: 0, pinLockedUntil: null } : {}) },
          });
          summary.updated += 1;
        } else {
          await tx.patron.create({ data: { ...fields, libraryId, cardNumber: r.cardNumber, pinHash: pinHash!, homeBranchId } });
          summary.created += 1;
        }
      }
    }, { timeout: 60_000 });
  }
  bad.sort((a, b) => a.line - b.line);
  return summary;
}
