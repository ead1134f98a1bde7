import { z } from 'zod';
import { isoDate, libraryPolicySchema, branchPolicySchema } from '../domain/policy/library-policy';
import { holdingsMappingSchema } from '../imports/marc-mapping';
import { oaiPmhSettingsSchema } from '../imports/oai-pmh-client';
import { IlsConfig } from '../ils/ils-config';

// The shape of libraries/<id>.yaml. Every object is strict: a misspelt key is an error, not a
// setting silently left at nothing. The rules' parameters keep the names the rules use
// (src/domain/policy/library-policy.ts); this file adds what patrons are told.

const text = z.string({ invalid_type_error: 'expected a text', required_error: 'expected a text' }).min(1, 'expected a text');
// YAML reads +302310000100 as a number and drops the "+": phone numbers must be quoted or spaced.
const phoneNumber = z.string({
  invalid_type_error: 'expected a phone number in quotes, e.g. "+30 2310 000 100"',
  required_error: 'expected a phone number in quotes, e.g. "+30 2310 000 100"',
}).min(1, 'expected a phone number');
const language = z.enum(['el', 'hu'], { errorMap: () => ({ message: 'expected el or hu' }) });
/** Ids appear in addresses and as object keys (an all-digit key would be re-ordered): a letter first. */
export const LIBRARY_ID = /^[a-z][a-z0-9-]*$/;
const branchId = z.string().regex(LIBRARY_ID, 'expected a branch id of small letters, digits and "-", starting with a letter');

const libraryName = z.object({ name: text, welcome: text, spoken: text.optional() }).strict();

const branch = branchPolicySchema.extend({
  name: text,
  address: text,
  phone: phoneNumber,
  /** The branch's code in the library system (Koha's branchcode); the branch id when not given. */
  ilsCode: text.optional(),
}).strict();

const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
const holiday = z.string({ invalid_type_error: 'expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD' })
  .refine((v) => {
    const range = RANGE.exec(v);
    if (!range) return isoDate.safeParse(v).success;
    return isoDate.safeParse(range[1]).success && isoDate.safeParse(range[2]).success && range[1]! <= range[2]!;
  }, 'expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD (from before to)');

/** Each date of a range, both ends included. */
export function expandHolidays(entries: readonly string[]): string[] {
  const days = new Set<string>();
  for (const entry of entries) {
    const range = RANGE.exec(entry);
    if (!range) { days.add(entry); continue; }
    for (let d = new Date(`${range[1]}T00:00:00Z`); d.toISOString().slice(0, 10) <= range[2]!; d = new Date(d.getTime() + 86_400_000)) {
      days.add(d.toISOString().slice(0, 10));
    }
  }
  return [...days].sort();
}

function validTimeZone(zone: string): boolean {
  try { new Intl.DateTimeFormat('en', { timeZone: zone }); return true; } catch { return false; }
}

export const libraryFileSchema = libraryPolicySchema.omit({ libraryId: true, branches: true, holidays: true }).extend({
  names: z.object({ el: libraryName.optional(), hu: libraryName.optional() }).strict(),
  languages: z.array(language).min(1, 'expected at least one language (el, hu)'),
  defaultLanguage: language,
  timezone: text.refine(validTimeZone, 'expected an IANA time zone, e.g. Europe/Athens'),
  phone: phoneNumber,
  transferNumber: phoneNumber.optional(),
  webAddress: z.string().url('expected a web address, e.g. https://www.example.gr').optional(),
  branches: z.record(branchId, branch).refine((b) => Object.keys(b).length > 0, 'expected at least one branch'),
  holidays: z.array(holiday).default([]),
  /** The library system (issue 20): the bot's own database unless set; secrets only from the environment. */
  ils: IlsConfig.default({ type: 'embedded' }),
  /** Where the catalogue comes from: the MARC holdings mapping (Koha's 952 unless set) and an OAI-PMH harvest. */
  catalogue: z.object({ holdings: holdingsMappingSchema.optional(), oaiPmh: oaiPmhSettingsSchema.optional() }).strict().optional(),
}).strict().superRefine((file, ctx) => {
  if (!file.languages.includes(file.defaultLanguage)) {
    ctx.addIssue({ code: 'custom', path: ['defaultLanguage'], message: `expected one of the languages offered (${file.languages.join(', ')})` });
  }
  for (const lang of file.languages) {
    if (!file.names[lang]) ctx.addIssue({ code: 'custom', path: ['names', lang], message: 'expected the library\'s name in every language offered' });
  }
});

export type LibraryFile = z.infer<typeof libraryFileSchema>;
