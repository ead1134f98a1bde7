export type NotificationKind = 'ready' | 'cancelled' | 'expiring' | 'expired';

export interface NotificationRequest {
  kind: NotificationKind;
  orderId: number;
  /** Send at most once per order and kind (the expiry reminder), however often the job runs. */
  once?: boolean;
}

/**
 * Tells a patron about their order in their language: in the chat conversation the order came
 * from, where there is one, and by SMS. Never throws: a failed message must not undo a staff action.
 */
export interface PatronNotifier {
  notify(request: NotificationRequest): Promise<void>;
}
