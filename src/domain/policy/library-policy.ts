import { z } from 'zod';
import { libraryRetentionSchema } from './retention';

// The messages are what a librarian reads when their file is wrong (src/libraries/load-libraries.ts
// adds the file, the path and the value found), so they say what is expected in plain words.
const wholeAtLeast = (min: number) => {
  const expected = `expected a whole number ≥ ${min}`;
  return z.number({ invalid_type_error: expected, required_error: expected }).int(expected).min(min, expected);
};
const positive = wholeAtLeast(1);
const nonNegative = wholeAtLeast(0);
const yesNo = z.boolean({ invalid_type_error: 'expected true or false', required_error: 'expected true or false' });
const text = z.string({ invalid_type_error: 'expected a text', required_error: 'expected a text' }).min(1, 'expected a text');
const time = z.string({ invalid_type_error: 'expected a time HH:MM', required_error: 'expected a time HH:MM' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM');
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const weekday = z.enum(WEEKDAYS, { errorMap: () => ({ message: `expected a weekday (${WEEKDAYS.join(', ')})` }) });
export type Weekday = z.infer<typeof weekday>;
const interval = z.tuple([time, time], { invalid_type_error: 'expected an interval [HH:MM, HH:MM]', required_error: 'expected an interval [HH:MM, HH:MM]' })
  .refine(([from, to]) => from < to, 'expected an interval that ends after it starts');
/** Intervals per weekday, local time; a day absent is a closed day. */
export const weeklyHoursSchema = z.record(weekday, z.array(interval).min(1, 'expected at least one interval [HH:MM, HH:MM]'));
export const isoDate = z.string({ invalid_type_error: 'expected a date YYYY-MM-DD', required_error: 'expected a date YYYY-MM-DD' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date YYYY-MM-DD');

export const branchPolicySchema = z.object({
  /** Opening intervals per weekday, local time; a day absent is a closed day. */
  openingHours: weeklyHoursSchema,
  /** Days the branch takes returns (Kalamaria Central: Fridays only, seeds/000). */
  returnDays: z.array(weekday).min(1, 'expected at least one weekday'),
  /** Days a copy returned to this branch stays in quarantine; the library's `quarantineDays` when not given. */
  quarantineDays: nonNegative.optional(),
}).strict();

export const libraryPolicySchema = z.object({
  libraryId: text,
  timezone: text,
  currency: z.enum(['EUR', 'HUF'], { errorMap: () => ({ message: 'expected EUR or HUF' }) }),
  holds: z.object({
    /** Most holds a patron may have at once, across all branches. */
    maxHolds: positive,
    /** Books a patron may have in total: what `countsAgainstLimit` names (loans plus holds, unless set) may not exceed it. */
    borrowingLimit: positive,
    /** What counts against `borrowingLimit`: the patron's holds, their loans, or both (today's rule, the default). */
    countsAgainstLimit: z.array(z.enum(['holds', 'loans'], { errorMap: () => ({ message: 'expected holds or loans' }) }))
      .min(1, 'expected holds, loans or both')
      .refine((kinds) => new Set(kinds).size === kinds.length, 'expected holds and loans each at most once')
      .default(['holds', 'loans']),
    /**
     * Only copies on the shelf now may be held (seeds/000 §4). The bot has no hold queue on copies
     * on loan (a patron may ask to be told when one is back, issue 21), so `true` is the only value.
     */
    onlyAvailableNow: z.literal(true, { errorMap: () => ({ message: 'expected true (holds on copies on loan, a queue, are not supported)' }) }).default(true),
    /**
     * The pickup branch is the branch owning the copy (seeds/000, "Προσοχή!"). The bot does not
     * send copies between branches, so `true` is the only value.
     */
    pickupAtOwningBranch: z.literal(true, { errorMap: () => ({ message: 'expected true (sending copies to another branch for pickup is not supported)' }) }).default(true),
    /** Days a prepared order waits on the hold shelf before its copies are released. */
    holdShelfDays: positive,
    /** Hours before the hold-shelf deadline at which the patron is reminded once. */
    expiryReminderHours: positive,
  }).strict(),
  /** Days a returned copy stays in quarantine before it is available again; a branch may set its own. */
  quarantineDays: nonNegative,
  /** Pickup appointments at the entrance, Koha's curbside model: interval, patrons per interval. */
  pickup: z.object({
    slotMinutes: positive,
    patronsPerSlot: positive,
    /** Staff need time to fetch and stage the books: no slot earlier than this after booking. */
    minNoticeHours: nonNegative,
    /** How far ahead a patron may book. */
    horizonDays: positive,
    /**
     * One appointment per patron per library-local day, across their orders and branches. Off
     * unless set (today's rule: each order has its own appointment per branch, whatever the day).
     */
    onePerDay: yesNo.default(false),
  }).strict(),
  /** Late fee per day per item, in minor units of `currency` (Ózd: 200 Ft, seeds/004). */
  lateFeePerDayPerItem: nonNegative,
  /** Interlibrary loan terms (seeds/004); a library switches ILL on with `enabled`. */
  ill: z.object({
    enabled: yesNo,
    /** Documents a reader may have requested at once. */
    maxOutstanding: positive,
    /** Days an arrived document waits for the reader before it may be sent back. */
    holdDays: positive,
    /** The forms of the service the reader must be told about, each with who pays what. */
    forms: z.array(z.object({
      form: z.enum(['original', 'copy', 'electronic'], { errorMap: () => ({ message: 'expected original, copy or electronic' }) }),
      /** Costs the reader pays; amounts are set by the sending library unless given. */
      readerPays: z.array(z.enum(['return_postage', 'copying', 'postage', 'electronic_fee', 'printing'],
        { errorMap: () => ({ message: 'expected return_postage, copying, postage, electronic_fee or printing' }) })),
    }).strict()).min(1, 'expected at least one form'),
    /** Unpaid return postage of an uncollected document blocks new requests. */
    unpaidPostageBlocks: yesNo,
    /** Postal rate table by weight band (grams, inclusive upper bound), in minor units; ascending. The late fee is `lateFeePerDayPerItem`. */
    postalRates: z.array(z.object({ maxGrams: positive, amount: nonNegative }).strict()).min(1, 'expected at least one weight band')
      .refine((bands) => bands.every((b, i) => i === 0 || b.maxGrams > bands[i - 1]!.maxGrams), 'expected weight bands in ascending maxGrams'),
    /** Version of the terms text the reader hears; stored with every acceptance. Change it whenever the wording changes. */
    termsVersion: text,
  }).strict(),
  holidays: z.array(isoDate),
  branches: z.record(z.string(), branchPolicySchema),
  /** When staff answer the library's telephone (local time); a call put through outside them is offered a call back. */
  phoneHours: weeklyHoursSchema,
  /**
   * How long the bot keeps this library's rows of each kind that has a library (retention.ts,
   * PER_LIBRARY_RETENTION), in days; a kind left out keeps the default, and a RETENTION_*
   * variable set in the environment wins over the file (libraryRetention).
   */
  retention: libraryRetentionSchema.default({}),
  /** Values the library's own texts do not give, chosen by us; listed so staff can check them. */
  assumed: z.array(text),
}).strict();

export type LibraryPolicy = z.infer<typeof libraryPolicySchema>;
export type BranchPolicy = z.infer<typeof branchPolicySchema>;
