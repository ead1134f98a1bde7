import { z } from 'zod';
import { marcText, withoutIsbdPunctuation } from './marc-text';

/** A MARC record as @natlibfi/marc-record holds it (and as the OAI-PMH client builds it). */
export interface MarcLike {
  leader: string;
  fields: MarcField[];
}
export type MarcField =
  | { tag: string; value: string; ind1?: undefined; subfields?: undefined }
  | { tag: string; ind1?: string; ind2?: string; subfields: Array<{ code: string; value?: string }>; value?: undefined };

const code = z.string().regex(/^[0-9a-z]$/, 'a subfield code: one letter or digit');
const tag = z.string().regex(/^\d{3}$/, 'a MARC tag: three digits');

/**
 * Where a record keeps its items, field by field. Koha's 952 is the default; another system's
 * layout (e.g. 852 or an Aleph Z30 export as 995) is set in the library file under
 * `catalogue.holdings`. An empty code means the system has no such subfield.
 */
export const holdingsMappingSchema = z.object({
  tag: tag.default('952'),
  homeBranch: code.default('a'),
  holdingBranch: code.default('b'),
  barcode: code.default('p'),
  callNumber: code.default('o'),
  /** Koha's notforloan: anything but empty or 0 keeps the copy off the loan shelf. */
  notForLoan: code.or(z.literal('')).default('7'),
  /** Koha's onloan: the due date, present only while the copy is lent. */
  dueDate: code.or(z.literal('')).default('q'),
  lost: code.or(z.literal('')).default('1'),
  withdrawn: code.or(z.literal('')).default('0'),
  damaged: code.or(z.literal('')).default('4'),
  /** Koha's dateaccessioned (YYYY-MM-DD): when the library got the copy, for «new acquisitions». */
  acquired: code.or(z.literal('')).default('d'),
  /**
   * The record's id in the library's system, first match wins: Koha's biblionumber (999 $c) is
   * what its OAI-PMH identifiers carry and is unique by construction; 001 is the fallback.
   */
  recordId: z.array(z.object({ tag, code: code.optional() })).min(1).default([{ tag: '999', code: 'c' }, { tag: '001' }]),
}).strict();
export type HoldingsMapping = z.infer<typeof holdingsMappingSchema>;
export const KOHA_HOLDINGS: HoldingsMapping = holdingsMappingSchema.parse({});

/** Copy statuses the import writes; the bot adds 'held' and 'quarantine' itself. */
export type ImportedCopyStatus = 'available' | 'on_loan' | 'not_for_loan' | 'lost' | 'withdrawn' | 'damaged';

export interface ImportedCopy {
  /** The library's code of the branch (952 $a, else $b); the import maps it to a branch id. */
  branchCode: string;
  barcode?: string;
  shelfMark: string;
  status: ImportedCopyStatus;
  acquiredAt?: Date;
}

export interface ImportedRecord {
  sourceId: string;
  title: string;
  author: string;
  contributors: string[];
  isbn?: string;
  issn?: string;
  /** 0 when the record gives no year. */
  year: number;
  /** ISO 639-1 where the bot knows the language ('el', 'hu', …), else MARC's three letters; '' if none. */
  language: string;
  kind: 'book' | 'journal';
  audience: 'adult' | 'children';
  copies: ImportedCopy[];
}

export type MappedRecord = { ok: true; record: ImportedRecord } | { ok: false; reason: string };

/** MARC language codes (008/35-37, 041) of the languages a Greek or Hungarian library holds most. */
const LANGUAGES: Record<string, string> = {
  gre: 'el', ell: 'el', grc: 'grc', hun: 'hu', eng: 'en', ger: 'de', deu: 'de', fre: 'fr', fra: 'fr',
  ita: 'it', spa: 'es', rus: 'ru', rum: 'ro', ron: 'ro', slo: 'sk', slk: 'sk', alb: 'sq', sqi: 'sq',
  bul: 'bg', srp: 'sr', tur: 'tr', lat: 'la', rom: 'rom', ara: 'ar', pol: 'pl', cze: 'cs', ces: 'cs',
};

/** One record of the library's catalogue as the bot keeps it, or why it cannot be imported. */
export function mapMarcRecord(marc: MarcLike, holdings: HoldingsMapping = KOHA_HOLDINGS): MappedRecord {
  // Leader/09 'a' is UCS/Unicode; anything else claims MARC-8, whose diacritics precede their letter.
  const marc8 = (marc.leader[9] ?? 'a') !== 'a';
  const text = (value: string | undefined) => (value === undefined ? '' : marcText(value, marc8));
  const control = (t: string) => marc.fields.find((f) => f.tag === t && f.value !== undefined)?.value;
  const data = (t: string) => marc.fields.filter((f): f is Extract<MarcField, { subfields: unknown[] }> => f.tag === t && Array.isArray(f.subfields));
  const sub = (f: { subfields: Array<{ code: string; value?: string }> } | undefined, c: string) =>
    c === '' ? undefined : f?.subfields.find((s) => s.code === c && s.value !== undefined && s.value.trim() !== '')?.value;

  const sourceId = holdings.recordId.map((r) => (r.code ? sub(data(r.tag)[0], r.code) : control(r.tag))?.trim()).find((v) => v);
  if (!sourceId) return { ok: false, reason: `no record id (${holdings.recordId.map((r) => r.tag + (r.code ? ` $${r.code}` : '')).join(', ')})` };

  const f245 = data('245')[0];
  const title = [sub(f245, 'a'), sub(f245, 'b')].filter((v): v is string => !!v).map((v) => withoutIsbdPunctuation(text(v))).filter(Boolean).join(': ');
  if (!title) return { ok: false, reason: 'no title (245 $a)' };

  const f008 = control('008') ?? '';
  const marcLanguage = /^[a-z]{3}$/.test(f008.slice(35, 38)) ? f008.slice(35, 38) : sub(data('041')[0], 'a')?.trim().slice(0, 3).toLowerCase() ?? '';

  const name = (f: Extract<MarcField, { subfields: unknown[] }>) => {
    if (f.tag.endsWith('10')) return withoutIsbdPunctuation(text([sub(f, 'a'), sub(f, 'b')].filter(Boolean).join(' ')));
    const entry = withoutIsbdPunctuation(text(sub(f, 'a')));
    // Ind1 1 is «Surname, Forename»; the bot says names as people do: «Αλέξανδρος Παπαδιαμάντης»,
    // and in Hungarian, family name first, «Gárdonyi Géza».
    const parts = entry.split(',').map((p) => p.trim());
    if (f.ind1 !== '1' || parts.length !== 2 || !parts[0] || !parts[1]) return entry;
    return marcLanguage === 'hun' ? `${parts[0]} ${parts[1]}` : `${parts[1]} ${parts[0]}`;
  };
  const main = [...data('100'), ...data('110')][0];
  const contributors = [...data('700'), ...data('710')].map(name).filter(Boolean);

  const year = yearOf(f008.slice(7, 11)) ?? yearOf(sub(data('264').find((f) => f.ind2 === '1') ?? data('264')[0], 'c') ?? sub(data('260')[0], 'c')) ?? 0;

  const level = marc.leader[7]; // bibliographic level
  // 008/22 target audience (books): a–d and j are the juvenile codes; e adult, g general.
  const audience = /^[abcdj]$/.test(f008[22] ?? '') ? 'children' : 'adult';

  const copies = data(holdings.tag).map((f): ImportedCopy | undefined => {
    const branchCode = (sub(f, holdings.homeBranch) ?? sub(f, holdings.holdingBranch))?.trim();
    if (!branchCode) return undefined;
    const barcode = sub(f, holdings.barcode)?.trim();
    const acquired = sub(f, holdings.acquired);
    const acquiredAt = acquired && /^\d{4}-\d{2}-\d{2}$/.test(acquired.trim()) ? new Date(`${acquired.trim()}T00:00:00Z`) : undefined;
    return {
      branchCode, shelfMark: text(sub(f, holdings.callNumber)), status: copyStatus(f, holdings, sub),
      ...(barcode ? { barcode } : {}), ...(acquiredAt && !Number.isNaN(acquiredAt.getTime()) ? { acquiredAt } : {}),
    };
  }).filter((c): c is ImportedCopy => c !== undefined);

  const isbn = standardNumber(sub(data('020')[0], 'a'));
  const issnDigits = standardNumber(sub(data('022')[0], 'a'));
  const issn = issnDigits?.length === 8 ? `${issnDigits.slice(0, 4)}-${issnDigits.slice(4)}` : undefined;
  return {
    ok: true,
    record: {
      sourceId, title, author: main ? name(main) : '', contributors,
      ...(isbn ? { isbn } : {}), ...(issn ? { issn } : {}),
      year, language: LANGUAGES[marcLanguage] ?? marcLanguage,
      // Leader/07 's': a serial; every other bibliographic level is lent as a book.
      kind: level === 's' ? 'journal' : 'book',
      audience, copies,
    },
  };
}

function copyStatus(f: { subfields: Array<{ code: string; value?: string }> }, m: HoldingsMapping, sub: (f: { subfields: Array<{ code: string; value?: string }> }, c: string) => string | undefined): ImportedCopyStatus {
  const set = (c: string) => { const v = sub(f, c)?.trim(); return v !== undefined && v !== '' && v !== '0'; };
  if (set(m.lost)) return 'lost';
  if (set(m.withdrawn)) return 'withdrawn';
  if (set(m.damaged)) return 'damaged';
  if (set(m.notForLoan)) return 'not_for_loan';
  if (m.dueDate !== '' && sub(f, m.dueDate)) return 'on_loan';
  return 'available';
}

function yearOf(value: string | undefined): number | undefined {
  const match = /(1[5-9]|20)\d\d/.exec(value ?? '');
  return match ? Number(match[0]) : undefined;
}

/** «960-16-0435-3 (χαρτόδετο)» → «9601604353»: the number, without hyphens or qualifiers. */
function standardNumber(value: string | undefined): string | undefined {
  const match = /[0-9][0-9-]{6,}[0-9Xx]/.exec(value ?? '');
  return match ? match[0].replaceAll('-', '').toUpperCase() : undefined;
}
