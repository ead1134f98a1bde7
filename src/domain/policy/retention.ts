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
