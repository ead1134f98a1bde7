import type { Activity } from 'botbuilder';
import type { NotificationRequest, PatronNotifier } from '../domain/ports/patron-notifier';
import type { SmsResult, SmsSender } from '../domain/ports/sms-sender';
import type { LibraryPolicy } from '../domain/policy/library-policy';
import { formatDay, formatSlot } from '../i18n/format-date';
import { tFor } from '../i18n/init';
import type { Logger } from '../logging';
import type { NotificationTarget, PrismaStaffNotificationRepository } from '../persistence/prisma-staff-notification-repository';
import type { ProactiveSender } from './proactive-sender';

/** Cancellation notes staff pick from a list are codes; free text is passed on as written. */
const NOTE_CODES = new Set(['by_patron', 'not_found_on_shelf', 'damaged', 'patron_request_by_phone', 'pickup_deadline_passed']);

/**
 * Tells the patron, in the order's language, in the chat conversation the order came from and by
 * SMS. Each attempt is logged in Notification; failures are logged and never thrown, so a staff
 * action is never undone by a dead conversation or a phone network.
 */
export class ChatAndSmsNotifier implements PatronNotifier {
  constructor(
    private readonly repo: PrismaStaffNotificationRepository,
    private readonly proactive: ProactiveSender,
    private readonly sms: SmsSender,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly publicUrl: () => string | undefined,
    private readonly log: Logger,
  ) {}

  async notify(request: NotificationRequest): Promise<void> {
    try {
      const target = await this.repo.target(request.orderId);
      if (!target) return;
      const message = this.compose(request.kind, target);
      if (target.conversationRef) await this.deliver(request, 'chat', () => this.proactive.send(target.conversationRef!, message.chat));
      if (target.patronPhone) await this.deliver(request, 'sms', () => this.sms.send(target.patronPhone, message.sms));
    } catch (error) {
      this.log.error({ err: errorInfo(error), orderId: request.orderId, kind: request.kind }, 'notification failed');
    }
  }

  /** Records what really happened: the sender's own outcome, or `failed` with the error it threw. */
  private async deliver(request: NotificationRequest, channel: 'chat' | 'sms', send: () => Promise<'sent' | 'skipped' | SmsResult>): Promise<void> {
    const once = request.once === true;
    if (once && !(await this.repo.claimOnce(request.orderId, request.kind, channel))) return;
    try {
      const outcome = await send();
      const result = typeof outcome === 'string' ? { status: outcome } : outcome;
      await this.repo.record(request.orderId, request.kind, channel, result.status, 'detail' in result ? result.detail : null, once);
    } catch (error) {
      this.log.warn({ err: errorInfo(error), orderId: request.orderId, channel }, 'notification not delivered');
      await this.repo.record(request.orderId, request.kind, channel, 'failed', errorInfo(error).message.slice(0, 200), once);
    }
  }

  /** The chat message (with the calendar files) and the short SMS, in the order's language. */
  compose(kind: NotificationRequest['kind'], target: NotificationTarget): { chat: Partial<Activity>; sms: string } {
    const language = target.language === 'hu' ? 'hu' : 'el';
    const t = tFor(language, ['pickup', 'staff']);
    const zone = this.policyFor(target.libraryId).timezone;
    const deadline = target.pickupDeadline ? formatDay(new Date(target.pickupDeadline.getTime() - 1), language, zone) : '';
    const base = this.publicUrl();
    const calendar = base ? target.appointments.map((a) => ({ url: `${base}/appointments/${a.icsToken}.ics`, branch: a.branchName })) : [];
    const params = { ref: target.ref, phone: target.libraryPhone, deadline, branches: target.branches.join(', ') };
    let text: string;
    if (kind === 'ready') {
      const appointments = target.appointments.map((a) => t('notify.appointment', { when: formatSlot(a.startsAt, language, zone), branch: a.branchName })).join(' ');
      text = appointments ? t('notify.ready', { ...params, appointments }) : t('notify.ready_no_appointment', params);
      if (calendar.length > 0) text += `\n${calendar.map((c) => t('notify.calendar', { url: c.url })).join('\n')}`;
    } else if (kind === 'cancelled') {
      const note = target.cancelNote ?? '';
      // The sentence puts its own full stop after the reason: a staff-written one may or may not end in one.
      const reason = (NOTE_CODES.has(note) ? t(`staff:cancel_reasons.${note}`) : note).trim().replace(/[.!。]+$/u, '');
      text = t('notify.cancelled', { ...params, reason });
    } else {
      text = t(`notify.${kind}`, params);
    }
    const first = target.appointments[0];
    const sms = t(`sms.${kind}`, { ...params, when: first && kind === 'ready' ? formatSlot(first.startsAt, language, zone) : '' }).trim();
    const chat: Partial<Activity> = {
      type: 'message', text, speak: text,
      channelData: { notification: kind, orderRef: target.ref },
      ...(kind === 'ready' && calendar.length > 0
        ? { attachments: calendar.map((c) => ({ contentType: 'text/calendar', contentUrl: c.url, name: `${target.ref}.ics` })) } : {}),
    };
    return { chat, sms };
  }
}

function errorInfo(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
