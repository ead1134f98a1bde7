import type { CopyAlertView } from './copy-alert-repository';

/**
 * Tells the patron, in the alert's language, that a copy is back: in the kept chat conversation,
 * or by SMS. 'skipped' when there is nowhere to send it; throws when sending failed.
 */
export interface CopyAlertNotifier {
  send(alert: CopyAlertView): Promise<'sent' | 'skipped'>;
}
