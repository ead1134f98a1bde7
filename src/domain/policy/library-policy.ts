import { z } from 'zod';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof weekday>;

const branchPolicy = z.object({
  /** Opening intervals per weekday, local time; a day absent is a closed day. */
  openingHours: z.record(weekday, z.array(z.tuple([time, time])).min(1)),
  /** Days the branch takes returns (Kalamaria Central: Fridays only, seeds/000). */
  returnDays: z.array(weekday).min(1),
});

export const libraryPolicySchema = z.object({
  libraryId: z.string(),
  timezone: z.string(),
  currency: z.enum(['EUR', 'HUF']),
  holds: z.object({
    /** Most holds a patron may have at once, across all branches. */
    maxHolds: z.number().int().positive(),
    /** Books a patron may have in total: loans plus holds may not exceed it. */
    borrowingLimit: z.number().int().positive(),
    /** Days a prepared order waits on the hold shelf before its copies are released. */
    holdShelfDays: z.number().int().positive(),
    /** Hours before the hold-shelf deadline at which the patron is reminded once. */
    expiryReminderHours: z.number().int().positive(),
  }),
  /** Days a returned copy stays in quarantine before it is available again. */
  quarantineDays: z.number().int().nonnegative(),
  /** Pickup appointments at the entrance, Koha's curbside model: interval, patrons per interval. */
  pickup: z.object({
    slotMinutes: z.number().int().positive(),
    patronsPerSlot: z.number().int().positive(),
    /** Staff need time to fetch and stage the books: no slot earlier than this after booking. */
    minNoticeHours: z.number().int().nonnegative(),
    /** How far ahead a patron may book. */
    horizonDays: z.number().int().positive(),
  }),
  /** Late fee per day per item, in minor units of `currency` (Ózd: 200 Ft, seeds/004). */
  lateFeePerDayPerItem: z.number().int().nonnegative(),
  /** Interlibrary loan terms (seeds/004). Ózd's terms are the default (ill-terms.ts); a library switches ILL on with `enabled`. */
  ill: z.object({
    enabled: z.boolean(),
    /** Documents a reader may have requested at once. */
    maxOutstanding: z.number().int().positive(),
    /** Days an arrived document waits for the reader before it may be sent back. */
    holdDays: z.number().int().positive(),
    /** The forms of the service the reader must be told about, each with who pays what. */
    forms: z.array(z.object({
      form: z.enum(['original', 'copy', 'electronic']),
      /** Costs the reader pays; amounts are set by the sending library unless given. */
      readerPays: z.array(z.enum(['return_postage', 'copying', 'postage', 'electronic_fee', 'printing'])),
    })).min(1),
    /** Unpaid return postage of an uncollected document blocks new requests. */
    unpaidPostageBlocks: z.boolean(),
    /** Postal rate table by weight band (grams, inclusive upper bound), in minor units; ascending. The late fee is `lateFeePerDayPerItem`. */
    postalRates: z.array(z.object({ maxGrams: z.number().int().positive(), amount: z.number().int().nonnegative() })).min(1)
      .refine((bands) => bands.every((b, i) => i === 0 || b.maxGrams > bands[i - 1]!.maxGrams), 'weight bands must ascend'),
    /** Version of the terms text the reader hears; stored with every acceptance. Change it whenever the wording changes. */
    termsVersion: z.string().min(1),
  }),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  branches: z.record(z.string(), branchPolicy),
  /** When staff answer the library's telephone (local time); a call put through outside them is offered a call back. */
  phoneHours: z.record(weekday, z.array(z.tuple([time, time])).min(1)),
  /** Values the library's own texts do not give, chosen by us; listed so staff can check them. */
  assumed: z.array(z.string()),
});

export type LibraryPolicy = z.infer<typeof libraryPolicySchema>;
export type BranchPolicy = z.infer<typeof branchPolicy>;
