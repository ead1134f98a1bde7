import type { CopyAlertNotifier, CopyAlertOutcome } from '../domain/ports/copy-alert-notifier';
import type { CopyAlertView } from '../domain/ports/copy-alert-repository';
import type { SmsSender } from '../domain/ports/sms-sender';
import { tFor } from '../i18n/init';
import type { ProactiveSender } from './proactive-sender';

/**
 * "A copy is back" in the patron's language: into the chat conversation they asked from when it
 * was kept (reply-address rules) and can still be reached, otherwise by SMS to the phone on file
 * (a caller, or a chat whose address nobody vouched for).
 */
export class ChatOrSmsCopyAlertNotifier implements CopyAlertNotifier {
  constructor(
    private readonly proactive: ProactiveSender,
    private readonly sms: SmsSender,
    private readonly phoneOf: (patronId: number) => Promise<string | undefined>,
    private readonly libraryPhone: (libraryId: string) => Promise<string>,
  ) {}

  async send(alert: CopyAlertView): Promise<CopyAlertOutcome> {
    const t = tFor(alert.language, 'holds');
    const params = { title: alert.title, phone: await this.libraryPhone(alert.libraryId) };
    if (alert.channel === 'chat' && alert.conversationRef) {
      const text = t('copy_alert.back_chat', params);
      const outcome = await this.proactive.send(alert.conversationRef, { type: 'message', text, speak: text, channelData: { notification: 'copy_back', recordId: alert.recordId } });
      if (outcome === 'sent') return { status: 'sent' };
    }
    const phone = await this.phoneOf(alert.patronId);
    if (!phone) return { status: 'skipped' };
    // What the SMS transport reports is what staff see: «not configured» is not «sent».
    return this.sms.send(phone, t('copy_alert.back_sms', params));
  }
}
