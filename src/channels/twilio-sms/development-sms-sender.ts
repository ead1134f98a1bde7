import type { SmsResult, SmsSender } from '../../domain/ports/sms-sender';
import type { Logger } from '../../logging';
import { maskPhone } from './twilio-sms-sender';

/** What is "sent" when Twilio Messaging is not configured: the message goes to the log instead. */
export class DevelopmentSmsSender implements SmsSender {
  readonly sent: Array<{ to: string; body: string }> = [];

  constructor(private readonly log: Logger) {}

  async send(to: string, body: string): Promise<SmsResult> {
    this.sent.push({ to, body });
    this.log.info({ to: maskPhone(to), body, transport: 'development' }, 'sms (not sent: Twilio Messaging is not configured)');
    return { status: 'not_configured' };
  }
}
