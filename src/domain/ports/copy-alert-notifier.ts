import type { CopyAlertView } from './copy-alert-repository';

/**
 * What became of one alert's message: sent; skipped (nowhere to send it); not sent because text
 * messages are not set up; or failed, with the transport's reason for staff.
 */
export type CopyAlertOutcome = { status: 'sent' } | { status: 'skipped' } | { status: 'not_configured' } | { status: 'failed'; detail: string };

/**
 * Tells the patron, in the alert's language, that a copy is back: in the kept chat conversation,
 * or by SMS. Throws when sending failed in a way the transport did not report.
 */
export interface CopyAlertNotifier {
  send(alert: CopyAlertView): Promise<CopyAlertOutcome>;
}
