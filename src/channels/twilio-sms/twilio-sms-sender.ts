import twilio from 'twilio';
import type { SmsResult, SmsSender } from '../../domain/ports/sms-sender';
import type { Logger } from '../../logging';

/** The part of Twilio's REST client this sender uses (a fake in tests). */
export interface MessagesClient {
  messages: { create(options: { to: string; from: string; body: string }): Promise<{ sid: string }> };
}

/** Twilio Messaging caps the API call so a slow provider cannot eat Twilio's 15 s webhook budget. */
const TIMEOUT_MS = 5000;

/**
 * Sends through Twilio Messaging. A text message is a courtesy after the order is already
 * written: a failure is logged for staff and never undoes or blocks the conversation.
 */
export class TwilioSmsSender implements SmsSender {
  private readonly client: MessagesClient;

  constructor(private readonly from: string, private readonly log: Logger, client?: MessagesClient, credentials?: { accountSid: string; authToken: string }) {
    this.client = client ?? twilio(credentials?.accountSid, credentials?.authToken, { timeout: TIMEOUT_MS });
  }

  async send(to: string, body: string): Promise<SmsResult> {
    try {
      const message = await this.client.messages.create({ to, from: this.from, body });
      this.log.info({ sms: message.sid, to: maskPhone(to) }, 'sms sent');
      return { status: 'sent' };
    } catch (err) {
      this.log.error({ err: { name: (err as Error).name, message: (err as Error).message }, to: maskPhone(to) }, 'sms not sent');
      // Twilio's own words (e.g. "The 'To' number +30690 is not a valid phone number."), cut to a line.
      const code = (err as { code?: unknown }).code;
      return { status: 'failed', detail: `${code ? `${String(code)}: ` : ''}${(err as Error).message ?? String(err)}`.slice(0, 200) };
    }
  }
}

/** Keeps the last three digits: enough to tell messages apart in a log, not to call anyone. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  let seen = 0;
  return phone.replace(/\d/g, (d) => (++seen > digits - 3 ? d : '•'));
}
