import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImportCommand } from '../../src/imports/import-command';
import { detectDelimiter, importPatrons, parsePatronCsv } from '../../src/imports/patron-import';
import { KeyedPinHasher } from '../../src/persistence/keyed-pin-hasher';
import type { Db } from '../../src/persistence/prisma-client';
import { freshDb } from '../support/test-db';

const hasher = new KeyedPinHasher({ current: Buffer.alloc(32, 7), previous: [] });
const now = () => new Date('2026-12-01T10:00:00Z');
let db: Db;
beforeEach(async () => { ({ db } = await freshDb()); });
afterEach(async () => { await db.$disconnect(); });

const patron = (libraryId: string, cardNumber: string) => db.patron.findUniqueOrThrow({ where: { libraryId_cardNumber: { libraryId, cardNumber } } });

// As Excel saves it in Hungary: BOM, semicolons, CRLF, a quoted name with a semicolon in it.
const HU_CSV = '\uFEFFcard_number;name;phone;language;category;expiry;blocked;pin\r\n'
  + '77001;"Kovács; Anna";+36 30 123 4567;hu;felnőtt;2027-01-31;0;4821\r\n'
  + '77002;Nagy Béla;+36 48 111 222;hu;diák;2025-06-30;0;1357\r\n'
  + '77003;Szabó Éva;;de;felnőtt;2027-01-31;0;2468\r\n'
  + '77004;Tóth Ödön;;hu;felnőtt;31/01/2027;0;2468\r\n'
  + '77005;Kiss Zoltán;;hu;felnőtt;2027-01-31;igen;2468\r\n'
  + 'A77006;Varga Ilona;;hu;felnőtt;2027-01-31;0;2468\r\n'
  + '77007;Fekete Péter;;hu;felnőtt;2027-01-31;1;98\r\n'
  + '77008;Balogh Júlia;;hu;2027-01-31;0;1111\r\n'
  + '77001;Kovács Anna;;hu;felnőtt;2027-01-31;0;4821\r\n'
  + '77009;Farkas Gábor;;hu;gyermek;2027-01-31;1;8642\r\n';

describe('importing patrons from a CSV file', () => {
  it('reads semicolons with a BOM, reports bad rows by line, and hashes the PINs', async () => {
    const summary = await importPatrons(db, 'ozd', HU_CSV, hasher, now);
    expect(summary).toMatchObject({ rows: 10, created: 3, updated: 0 });
    expect(summary.bad).toEqual([
      { line: 4, reason: 'language: expected el or hu, got "de"' },
      { line: 5, reason: 'expiry: expected a date YYYY-MM-DD, got "31/01/2027"' },
      { line: 6, reason: 'blocked: expected 0 or 1, got "igen"' },
      { line: 7, reason: 'card_number: expected 4 to 20 digits, got "A77006"' },
      { line: 8, reason: 'pin: expected 4 to 8 digits' },
      { line: 9, reason: '7 fields, the header has 8' },
      { line: 10, reason: 'card_number 77001 is already on line 2' },
    ]);
    const anna = await patron('ozd', '77001');
    expect(anna).toMatchObject({ name: 'Kovács; Anna', phone: '+36 30 123 4567', preferredLanguage: 'hu', category: 'felnőtt', status: 'active', homeBranchId: 'ozd-main' });
    // Valid through the last day, in Budapest: 2027-01-31 23:59:59.999 CET.
    expect(anna.cardExpiresAt.toISOString()).toBe('2027-01-31T22:59:59.999Z');
    expect(anna.pinHash).toMatch(/^hmac-sha256\$/);
    expect(anna.pinHash).not.toContain('4821');
    expect(await hasher.verify('4821', anna.pinHash, { libraryId: 'ozd', cardNumber: '77001' })).toEqual({ valid: true, outdated: false });
    expect(await hasher.verify('4822', anna.pinHash, { libraryId: 'ozd', cardNumber: '77001' })).toMatchObject({ valid: false });
    expect((await patron('ozd', '77002')).status).toBe('expired');
    expect((await patron('ozd', '77009')).status).toBe('locked');
  });

  it('updates by card number on a second import; an empty PIN keeps the old one, a new one clears failed attempts', async () => {
    await importPatrons(db, 'ozd', HU_CSV, hasher, now);
    const before = await patron('ozd', '77001');
    await db.patron.update({ where: { id: before.id }, data: { failedPinCount: 3 } });
    const csv = 'card_number,name,phone,language,category,expiry,blocked,pin\n'
      + '77001,Kovács Anna,+36 30 999 0000,hu,nyugdíjas,2028-01-31,1,\n'
      + '77009,Farkas Gábor,,hu,gyermek,2027-01-31,0,9753\n'
      + '77010,"Παπαδοπούλου, Μαρία",6971234567,el,adult,2027-06-30,0,2580\n'
      + '77011,Nobody New,,hu,adult,2027-06-30,0,\n';
    const summary = await importPatrons(db, 'ozd', csv, hasher, now);
    expect(summary).toMatchObject({ created: 1, updated: 2, bad: [{ line: 5, reason: 'pin: a new patron needs one' }] });
    const anna = await patron('ozd', '77001');
    expect(anna).toMatchObject({ id: before.id, name: 'Kovács Anna', phone: '+36 30 999 0000', category: 'nyugdíjas', status: 'locked', pinHash: before.pinHash, failedPinCount: 3 });
    const gabor = await patron('ozd', '77009');
    expect(gabor).toMatchObject({ status: 'active', failedPinCount: 0 });
    expect(await hasher.verify('9753', gabor.pinHash, { libraryId: 'ozd', cardNumber: '77009' })).toMatchObject({ valid: true });
    expect(await patron('ozd', '77010')).toMatchObject({ name: 'Παπαδοπούλου, Μαρία', preferredLanguage: 'el' });
    expect(await db.patron.count({ where: { libraryId: 'ozd', cardNumber: { startsWith: '770' } } })).toBe(4);
  });

  it('tells commas from semicolons by the header, and refuses a file without the columns', () => {
    expect(detectDelimiter('card_number;name;phone;language;category;expiry;blocked;pin\n1;"a, b"')).toBe(';');
    expect(detectDelimiter('\uFEFFcard_number,name,phone,language,category,expiry,blocked,pin')).toBe(',');
    expect(() => parsePatronCsv('card,name\n1,a\n')).toThrow('the header row lacks card_number, phone, language, category, expiry, blocked, pin');
    // A quoted field across lines: the next row's line is still right.
    const { rows, bad } = parsePatronCsv('card_number,name,phone,language,category,expiry,blocked,pin\n1234,"Two\nlines",,el,a,2027-01-01,0,1234\n12x,b,,el,a,2027-01-01,0,1234\n');
    expect(rows.map((r) => [r.line, r.name])).toEqual([[2, 'Two\nlines']]);
    expect(bad).toEqual([{ line: 4, reason: 'card_number: expected 4 to 20 digits, got "12x"' }]);
  });

  it('never prints a PIN from the command line, even of a refused row', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patrons-'));
    const file = path.join(dir, 'olvasok.csv');
    writeFileSync(file, HU_CSV);
    const lines: string[] = [];
    const code = await runImportCommand({ db, pinHasher: () => hasher }, ['patrons', '--library', 'ozd', file], { out: (l) => lines.push(l), err: (l) => lines.push(l), progress: { write: () => {} } });
    expect(code).toBe(0);
    expect(lines.at(-1)).toBe('ozd: 10 rows: 3 new patrons, 0 updated, 7 skipped');
    expect(lines).toContain('line 8: skipped: pin: expected 4 to 8 digits');
    for (const pin of ['4821', '1357', '2468', '98', '1111', '8642']) expect(lines.join('\n')).not.toMatch(new RegExp(`\\b${pin}\\b`));
    expect(await runImportCommand({ db, pinHasher: () => hasher }, ['patrons', file], { out: () => {}, err: (l) => lines.push(l), progress: { write: () => {} } })).toBe(2);
  });
});
