import fc from 'fast-check';
import { providerOf, type Db } from '../../src/persistence/prisma-client';

/** Inputs per route in `npm test`; `npm run soak` raises it (FUZZ_RUNS=5000). */
export const FUZZ_RUNS = Math.max(10, Number(process.env.FUZZ_RUNS ?? 300));

/**
 * `npm test` tries the same inputs on every run, so CI passes or fails for a reason that can be
 * replayed; `npm run soak` sets FUZZ_SEED=random and draws new ones (a failure prints its seed:
 * FUZZ_SEED=<seed> replays it).
 */
export const FUZZ_SEED: number | undefined = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261123);

/** Texts written to break something: SQL, HTML, TwiML/SSML, template and format-string injection. */
export const ATTACKS = [
  `'; DROP TABLE "Order"; --`, `1' OR '1'='1`, `" OR 1=1 --`, `Robert'); DELETE FROM "Hold"; --`, `1; UPDATE "Copy" SET "status"='available'`,
  `%' UNION SELECT "pinHash" FROM "Patron" --`, `\\'; SELECT pg_sleep(5); --`, `x' AND (SELECT 1 FROM sqlite_master)='1`,
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(document.cookie)>', 'javascript:alert(1)',
  '[click](javascript:alert(1))', '![x](http://203.0.113.9/track.png)',
  '</Say><Dial>+19005550100</Dial><Say>', '<Redirect>https://203.0.113.9/evil</Redirect>', '</Gather><Hangup/>',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', ']]><!--', '&amp;&lt;&#0;&#x1F;',
  '<speak><break time="100s"/></speak>', '<prosody rate="x-slow" volume="+100dB">', '<audio src="http://203.0.113.9/a.mp3"/>',
  '{{constructor.constructor("return process")()}}', '$t(common:technical_problem)', '{{phone}}', '${process.exit(1)}', '%s%s%s%n%d',
  '__proto__', '{"__proto__":{"admin":true}}', 'constructor', '\u0000', '\u0000\u0001\u0007\u001b[31m', '\u202Eevil\u202C', '\uFEFF',
  '\uD800', '\uDFFF\uD800', 'A\u0301'.repeat(50), '😀'.repeat(200), '١٢٣٤', '１２３４', 'ναι; DROP TABLE "BotState"', 'igen\u0000',
  '0', '#', '*', '1'.repeat(40), '-1', '1e308', 'NaN', 'Infinity', 'null', 'undefined', 'true', '[]', '{}',
];

const controlText = fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 8 });

/** Anything a patron (or an attacker) could type or a speech recogniser could return. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ATTACKS) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...ATTACKS), fc.string({ maxLength: 20 })).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
  { weight: 1, arbitrary: controlText },
  { weight: 1, arbitrary: loneSurrogates },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 900, maxLength: 6000 }) },
  { weight: 1, arbitrary: fc.constantFrom(...ATTACKS).chain((a) => fc.integer({ min: 20, max: 400 }).map((n) => a.repeat(n))) },
);

/** JSON values of any shape, for fields that expect one type and get another. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyText,
  fc.constantFrom(null, true, false, 0, -1, 1e300, -1e300, 2 ** 31, 2 ** 53, 0.5, [], {}, [null], { id: null }, { id: 5 }),
);

/**
 * The rows a bad input must never change: orders, holds, ILL requests and what hangs off them,
 * copies, the catalogue, patrons (not their failed-PIN counters, which guesses legitimately
 * move), staff accounts, and the list of tables itself (no injected DDL).
 */
export async function businessSnapshot(db: Db): Promise<string> {
  const tables = providerOf(db) === 'postgresql'
    ? await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
    : await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1`);
  const byId = { orderBy: { id: 'asc' as const } };
  return JSON.stringify({
    tables: tables.map((t) => t.name),
    orders: await db.order.findMany(byId),
    holds: await db.hold.findMany(byId),
    orderEvents: await db.orderEvent.findMany(byId),
    appointments: await db.appointment.findMany(byId),
    illRequests: await db.illRequest.findMany(byId),
    illEvents: await db.illEvent.findMany(byId),
    illAcceptances: await db.illTermsAcceptance.findMany(byId),
    illCharges: await db.illCharge.findMany(byId),
    copies: await db.copy.findMany({ ...byId, select: { id: true, status: true, recordId: true, branchId: true } }),
    records: await db.record.count(),
    patrons: await db.patron.findMany({
      ...byId, select: { id: true, libraryId: true, cardNumber: true, pinHash: true, name: true, phone: true, status: true, cardExpiresAt: true, loansCount: true, version: true },
    }),
    staff: await db.staffUser.findMany({ ...byId, select: { id: true, username: true, passwordHash: true, libraryId: true } }),
  });
}

/** Counts inputs per route for the report line each test prints (docs/reliability.md quotes them). */
export class FuzzTally {
  private readonly counts = new Map<string, number>();
  add(route: string): void { this.counts.set(route, (this.counts.get(route) ?? 0) + 1); }
  get total(): number { return [...this.counts.values()].reduce((a, b) => a + b, 0); }
  report(): string {
    return [...this.counts.entries()].map(([route, n]) => `FUZZ route=${route} inputs=${n}`).join('\n');
  }
}
