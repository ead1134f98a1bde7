/**
 * What became of one message, as staff are shown it: `sent` (the provider accepted it),
 * `failed` with the provider's reason, or `not_configured` (no SMS service is set up, so the
 * text only went to the log). A sender never throws: a text message is a courtesy after the
 * order is written, and its outcome is recorded, not raised.
 */
export type SmsResult = { status: 'sent' } | { status: 'failed'; detail: string } | { status: 'not_configured' };

/** What a Notification row records; `skipped`: the patron has no conversation or phone to reach. */
export type NotificationOutcome = 'sent' | 'failed' | 'not_configured' | 'skipped';

/** Sends a text message to a patron's phone (Twilio Messaging, or a development transport that logs). */
export interface SmsSender {
  send(to: string, body: string): Promise<SmsResult>;
}
