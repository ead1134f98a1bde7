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
  }),
  /** Days a returned copy stays in quarantine before it is available again. */
  quarantineDays: z.number().int().nonnegative(),
  pickup: z.object({ slotMinutes: z.number().int().positive(), patronsPerSlot: z.number().int().positive() }),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  branches: z.record(z.string(), branchPolicy),
  /** Values the library's own texts do not give, chosen by us; listed so staff can check them. */
  assumed: z.array(z.string()),
});

export type LibraryPolicy = z.infer<typeof libraryPolicySchema>;
export type BranchPolicy = z.infer<typeof branchPolicy>;
