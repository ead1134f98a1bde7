import type { Activity } from 'botbuilder';
import type { LibraryPolicy } from '../domain/policy/library-policy';
import type { IllNotifier } from '../domain/ports/ill-notifier';
import type { IllRequestView } from '../domain/ports/ill-repository';
import type { SmsSender } from '../domain/ports/sms-sender';
import { formatDay } from '../i18n/format-date';
import { tFor } from '../i18n/init';
import type { Logger } from '../logging';
import type { ProactiveSender } from './proactive-sender';

/**
 * "Your interlibrary loan has arrived": what to pay on collection and the last day to collect
 * (seeds/004: kept at most a week), in the request's language, in the chat it came from and by
 * SMS. Never throws: a dead conversation must not undo the staff member's "arrived".
 */
export class IllArrivalNotifier implements IllNotifier {
  constructor(
    private readonly proactive: Pick<ProactiveSender, 'send'>,
    private readonly sms: SmsSender,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly log: Logger,
  ) {}

  async arrived(request: IllRequestView): Promise<void> {
    const text = this.compose(request);
    const chat: Partial<Activity> = { type: 'message', text, speak: text, channelData: { notification: 'ill_arrived', illRef: request.ref } };
    try {
      if (request.conversationRef) await this.proactive.send(request.conversationRef, chat);
    } catch (error) {
      this.log.warn({ err: String(error), illRef: request.ref }, 'ILL arrival chat message not delivered');
    }
    try {
      if (request.patron.phone) await this.sms.send(request.patron.phone, text);
    } catch (error) {
      this.log.warn({ err: String(error), illRef: request.ref }, 'ILL arrival SMS not delivered');
    }
  }

  compose(request: IllRequestView): string {
    const language = request.language === 'el' ? 'el' : 'hu';
    const policy = this.policyFor(request.libraryId);
    const t = tFor(language, 'ill');
    return t('notify.arrived', {
      ref: request.ref, title: request.title, date: formatDay(request.collectBy ?? '', language, policy.timezone),
      amount: (request.amountDue ?? 0) / 100, formatParams: { amount: { currency: request.currency } },
    });
  }
}
