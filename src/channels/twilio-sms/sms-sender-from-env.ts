import type { SmsSender } from '../../domain/ports/sms-sender';
import type { Logger } from '../../logging';
import { DevelopmentSmsSender } from './development-sms-sender';
import { TwilioSmsSender } from './twilio-sms-sender';

/** Twilio Messaging when TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_SMS_FROM are all set; else the logging transport. */
export function smsSenderFromEnv(log: Logger, env: NodeJS.ProcessEnv = process.env): SmsSender {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_SMS_FROM: from } = env;
  if (accountSid && authToken && from) return new TwilioSmsSender(from, log, undefined, { accountSid, authToken });
  return new DevelopmentSmsSender(log);
}
