import { z } from 'zod';

const days = z.coerce.number().int().min(1).max(3650);

/**
 * How long the bot keeps what it does not need to keep (GDPR storage limitation). Orders and
 * interlibrary loan requests themselves are the library's accounting and are not purged; what
 * is purged is the conversation around them and the contact details it left. (The TwiML of
 * phone turns has its own, shorter period: PrismaVoiceTurnStore.purge, 24 hours.)
 */
export const retentionSchema = z.object({
  /** Conversation state (dialog stack, basket, the replies kept to answer retries): a conversation untouched this long is over. */
  conversationDays: days.default(30),
  /** Proactive messages waiting for the web chat page to poll them. */
  outboxDays: days.default(30),
  /** The record of notifications sent about an order (kind, channel, delivery status). */
  notificationDays: days.default(180),
  /** Call-back requests (the caller's number), handled or not. */
  callbackDays: days.default(30),
  /** The conversation reference (channel user and conversation ids) of an order or request that is over. */
  closedConversationRefDays: days.default(30),
  /** Searches that found nothing (the staff's demand list): no patron data, kept a year for a year's comparison. */
  demandSearchDays: days.default(365),
  /** "Tell me when a copy is back" alerts, open or sent: one still open after this long is for a book nobody returns. */
  copyAlertDays: days.default(180),
});
export type RetentionPolicy = z.infer<typeof retentionSchema>;

/**
 * The kinds whose rows belong to a library, so that each library's own period can apply to them
 * (a library file's `retention:` block). Conversation state (BotState) and the web chat outbox
 * have no library in the data model: their rows are keyed by conversation only, so those two
 * kinds keep the one process-wide period (RETENTION_CONVERSATION_DAYS, RETENTION_OUTBOX_DAYS).
 */
export const PER_LIBRARY_RETENTION = ['notificationDays', 'callbackDays', 'closedConversationRefDays', 'demandSearchDays', 'copyAlertDays'] as const;
export type PerLibraryRetention = Pick<RetentionPolicy, (typeof PER_LIBRARY_RETENTION)[number]>;

const fileDays = z.number({ invalid_type_error: 'expected a whole number of days, 1 to 3650' })
  .int('expected a whole number of days, 1 to 3650').min(1, 'expected a whole number of days, 1 to 3650').max(3650, 'expected a whole number of days, 1 to 3650');
/** A library file's `retention:` block: any of the per-library kinds, in days; a kind left out keeps the default. */
export const libraryRetentionSchema = z.object(
  Object.fromEntries(PER_LIBRARY_RETENTION.map((k) => [k, fileDays.optional()])) as Record<(typeof PER_LIBRARY_RETENTION)[number], z.ZodOptional<typeof fileDays>>,
).strict();
export type LibraryRetention = z.infer<typeof libraryRetentionSchema>;

/**
 * One library's periods. Which wins, weakest first: the defaults above, the library file's
 * `retention:`, and a RETENTION_* variable set in the environment (`fromEnv`: only the variables
 * actually set). The environment is what operators use today and applies to every library: an
 * explicit setting there overrides the files, so an operator can shorten (or lengthen) a period
 * everywhere at once.
 *
 * @example libraryRetention({ callbackDays: 60 }, {}).callbackDays === 60
 * @example libraryRetention({ callbackDays: 60 }, { callbackDays: 14 }).callbackDays === 14
 */
export function libraryRetention(fromFile: LibraryRetention, fromEnv: Partial<RetentionPolicy>): RetentionPolicy {
  const file = Object.fromEntries(Object.entries(fromFile).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_RETENTION, ...file, ...fromEnv };
}
export type RetentionCutoffs = { [K in keyof RetentionPolicy]: Date };

export const DEFAULT_RETENTION: RetentionPolicy = retentionSchema.parse({});

const DAY_MS = 86_400_000;

/**
 * The instant before which each kind of data goes.
 * @example retentionCutoffs(DEFAULT_RETENTION, new Date('2026-12-31T00:00:00Z')).conversationDays // 2026-12-01T00:00:00Z
 */
export function retentionCutoffs(policy: RetentionPolicy, now: Date): RetentionCutoffs {
  const entries = Object.entries(policy).map(([k, d]) => [k, new Date(now.getTime() - d * DAY_MS)]);
  return Object.fromEntries(entries) as RetentionCutoffs;
}
