import { fold } from '../src/domain/text/fold';
import { providerOf, type Db } from '../src/persistence/prisma-client';

/** A small deterministic PRNG (mulberry32): the same catalogue and queries on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

const GREEK_SYLLABLES = ['κα', 'λή', 'μέ', 'ρα', 'πο', 'τά', 'μό', 'νι', 'σο', 'φί', 'θά', 'λασ', 'σα', 'δρό', 'μοσ', 'νύ', 'χτα', 'ή', 'λι', 'ο', 'βου', 'νό', 'κή', 'πο', 'γι', 'α', 'γιά', 'ψυ', 'χή', 'ζω', 'ή', 'ου', 'ρα', 'νόσ', 'γη', 'ά', 'στρα', 'ει', 'ρή', 'νη', 'χα', 'ρά', 'τρα', 'γού', 'δι', 'ξέ', 'νοσ', 'ε', 'λευ', 'θε', 'ρί', 'ά'];
const HUNGARIAN_SYLLABLES = ['ka', 'lá', 'szé', 'gyö', 'rő', 'ül', 'tö', 'nyi', 'csa', 'ré', 'vi', 'hár', 'ma', 'ő', 'sze', 'rel', 'mes', 'ház', 'fa', 'lu', 'vá', 'ros', 'ég', 'föl', 'dünk', 'é', 'jű', 'csil', 'lag', 'ok', 'ta', 'vasz', 'nyár', 'ő', 'szi', 'tél', 'ke', 'nyér', 'bor', 'víz', 'híd', 'út', 'kert', 'fény', 'ár', 'nyék', 'ál', 'om', 'mű'];
const GREEK_NAMES = ['Νίκος', 'Μαρία', 'Γιώργος', 'Ελένη', 'Κώστας', 'Άννα', 'Δημήτρης', 'Σοφία', 'Γιάννης', 'Κατερίνα', 'Αλέξανδρος', 'Ζωή', 'Παύλος', 'Ειρήνη', 'Στέλιος', 'Δέσποινα'];
const HUNGARIAN_NAMES = ['János', 'Éva', 'Gábor', 'Katalin', 'László', 'Zsófia', 'Péter', 'Ildikó', 'Ferenc', 'Judit', 'Miklós', 'Erzsébet', 'Ádám', 'Réka', 'Tamás', 'Enikő'];

function words(r: () => number, syllables: readonly string[], count: number, capital: (w: string) => string): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    const n = 2 + Math.floor(r() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += pick(r, syllables);
    // Final sigma, as Greek spells it: fold() turns it back into σ for matching.
    out.add(capital(w.replace(/σ$/, 'ς')));
  }
  return [...out];
}

const cap = (w: string) => w.charAt(0).toLocaleUpperCase('el') + w.slice(1);

export interface Vocabulary { titleWords: string[]; surnames: string[]; names: string[] }

export function vocabulary(language: 'el' | 'hu'): Vocabulary {
  const r = rng(language === 'el' ? 7 : 11);
  const syllables = language === 'el' ? GREEK_SYLLABLES : HUNGARIAN_SYLLABLES;
  return {
    titleWords: words(r, syllables, 3000, (w) => w),
    surnames: words(r, syllables, 1500, cap),
    names: language === 'el' ? GREEK_NAMES : HUNGARIAN_NAMES,
  };
}

export interface GeneratedRecord { id: number; libraryId: string; title: string; author: string; language: 'el' | 'hu' }

/** Title of 2–4 words, author «Name Surname»: Greek at Kalamaria, Hungarian at Ózd. */
export function generateRecord(r: () => number, id: number, language: 'el' | 'hu', vocab: Vocabulary): GeneratedRecord {
  const n = 2 + Math.floor(r() * 3);
  const title = cap(Array.from({ length: n }, () => pick(r, vocab.titleWords)).join(' '));
  return { id, libraryId: language === 'el' ? 'kalamaria' : 'ozd', title, author: `${pick(r, vocab.names)} ${pick(r, vocab.surnames)}`, language };
}

const BRANCHES = { kalamaria: ['kal-central', 'kal-child-a', 'kal-child-b'], ozd: ['ozd-main'] } as const;

/**
 * Adds generated records (two copies each on average, half of them available) until the
 * catalogue holds `copies` generated copies. Plain multi-row INSERTs in one transaction; the
 * search index follows through its triggers, as it does for every record the product writes.
 */
export async function addGeneratedCatalogue(db: Db, copies: number, seed = 42): Promise<GeneratedRecord[]> {
  const r = rng(seed);
  const vocab = { el: vocabulary('el'), hu: vocabulary('hu') };
  const [{ max }] = await db.$queryRawUnsafe<Array<{ max: number | bigint | null }>>('SELECT MAX("id") AS max FROM "Record"') as [{ max: number | bigint | null }];
  let id = Number(max ?? 0);
  const records: GeneratedRecord[] = [];
  let made = 0;
  const recordRows: unknown[][] = [];
  const copyRows: unknown[][] = [];
  while (made < copies) {
    const language = r() < 0.5 ? 'el' : 'hu';
    const record = generateRecord(r, ++id, language, vocab[language]);
    records.push(record);
    recordRows.push([record.id, record.libraryId, record.title, record.author, 1950 + Math.floor(r() * 76), language, 'book', r() < 0.2 ? 'children' : 'adult',
      new Date(Date.UTC(2015, 0, 1) + Math.floor(r() * 3650) * 86_400_000).toISOString().replace('Z', '+00:00'), fold(`${record.title} ${record.author}`)]);
    const count = Math.min(copies - made, 1 + Math.floor(r() * 3));
    const branches = BRANCHES[record.libraryId as keyof typeof BRANCHES];
    for (let c = 0; c < count; c++) copyRows.push([record.id, pick(r, branches), 'GEN', r() < 0.5 ? 'available' : 'on_loan']);
    made += count;
  }
  if (providerOf(db) === 'postgresql') {
    await insertPostgres(db, recordRows, copyRows);
    await db.$executeRawUnsafe('ANALYZE');
    return records;
  }
  await db.$transaction(async (tx) => {
    for (let i = 0; i < recordRows.length; i += 500) {
      const chunk = recordRows.slice(i, i + 500);
      await tx.$executeRawUnsafe(`INSERT INTO "Record" ("id","libraryId","title","author","year","language","kind","audience","acquiredAt","searchText") VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?)').join(',')}`, ...chunk.flat());
    }
    for (let i = 0; i < copyRows.length; i += 1000) {
      const chunk = copyRows.slice(i, i + 1000);
      await tx.$executeRawUnsafe(`INSERT INTO "Copy" ("recordId","branchId","shelfMark","status") VALUES ${chunk.map(() => '(?,?,?,?)').join(',')}`, ...chunk.flat());
    }
  }, { timeout: 30 * 60_000, maxWait: 60_000 });
  await db.$executeRawUnsafe('ANALYZE');
  return records;
}

/** PostgreSQL: numbered placeholders, and the columns' own types named for the text parameters. */
async function insertPostgres(db: Db, recordRows: unknown[][], copyRows: unknown[][]): Promise<void> {
  const marks = (row: number, width: number, casts: string[]) =>
    `(${Array.from({ length: width }, (_, k) => `$${row * width + k + 1}${casts[k] ?? ''}`).join(',')})`;
  const recordCasts = ['', '', '', '', '', '', '', '', '::timestamp', ''];
  for (let i = 0; i < recordRows.length; i += 500) {
    const chunk = recordRows.slice(i, i + 500);
    await db.$executeRawUnsafe(`INSERT INTO "Record" ("id","libraryId","title","author","year","language","kind","audience","acquiredAt","searchText") VALUES ${chunk.map((_, r) => marks(r, 10, recordCasts)).join(',')}`, ...chunk.flat());
  }
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Record"', 'id'), (SELECT MAX("id") FROM "Record"))`);
  for (let i = 0; i < copyRows.length; i += 1000) {
    const chunk = copyRows.slice(i, i + 1000);
    await db.$executeRawUnsafe(`INSERT INTO "Copy" ("recordId","branchId","shelfMark","status") VALUES ${chunk.map((_, r) => marks(r, 4, [])).join(',')}`, ...chunk.flat());
  }
}
