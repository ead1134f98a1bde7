import { describe, expect, it } from 'vitest';
import { DevelopmentSmsSender } from '../../../src/channels/twilio-sms/development-sms-sender';
import { smsSenderFromEnv } from '../../../src/channels/twilio-sms/sms-sender-from-env';
import { maskPhone, TwilioSmsSender, type MessagesClient } from '../../../src/channels/twilio-sms/twilio-sms-sender';
import { tFor } from '../../../src/i18n/init';
import type { Logger } from '../../../src/logging';

function recordingLog() {
  const lines: Array<{ level: string; data: object; msg: string }> = [];
  const at = (level: string) => (data: object, msg: string) => { lines.push({ level, data, msg }); };
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger };
}

describe('TwilioSmsSender', () => {
  it('sends from the configured number through Twilio Messaging', async () => {
    const calls: unknown[] = [];
    const client: MessagesClient = { messages: { create: async (o) => { calls.push(o); return { sid: 'SM1' }; } } };
    const { log, lines } = recordingLog();
    await new TwilioSmsSender('+3021000000', log, client).send('+306900000001', 'Κράτηση 1234567');
    expect(calls).toEqual([{ to: '+306900000001', from: '+3021000000', body: 'Κράτηση 1234567' }]);
    expect(lines).toEqual([{ level: 'info', data: { sms: 'SM1', to: '+•••••••••001' }, msg: 'sms sent' }]);
  });

  it('logs a failure instead of failing the turn: the order is already written', async () => {
    const client: MessagesClient = { messages: { create: async () => { throw new Error('21211 invalid To'); } } };
    const { log, lines } = recordingLog();
    await expect(new TwilioSmsSender('+3021000000', log, client).send('+30690', 'x')).resolves.toEqual({ status: 'failed', detail: '21211 invalid To' });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([['error', 'sms not sent']]);
  });
});

describe('smsSenderFromEnv', () => {
  const { log } = recordingLog();
  it('uses Twilio Messaging only when account, token and sender are all configured', () => {
    expect(smsSenderFromEnv(log, { TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32), TWILIO_AUTH_TOKEN: 't', TWILIO_SMS_FROM: '+3021' })).toBeInstanceOf(TwilioSmsSender);
    expect(smsSenderFromEnv(log, { TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32), TWILIO_AUTH_TOKEN: 't' })).toBeInstanceOf(DevelopmentSmsSender);
    expect(smsSenderFromEnv(log, {})).toBeInstanceOf(DevelopmentSmsSender);
  });

  it('logs what would have been sent in development, the number masked', async () => {
    const { log: devLog, lines } = recordingLog();
    const sender = new DevelopmentSmsSender(devLog);
    await sender.send('+36300000001', 'Foglalás: 1234567.');
    expect(sender.sent).toEqual([{ to: '+36300000001', body: 'Foglalás: 1234567.' }]);
    expect(lines[0]?.data).toEqual({ to: '+••••••••001', body: 'Foglalás: 1234567.', transport: 'development' });
    expect(maskPhone('2310 000 100')).toBe('•••• ••• 100');
  });
});

describe('the order confirmation text', () => {
  it.each(['el', 'hu'])('fits one UCS-2 part (70 characters) in %s with a 7-digit reference', (language) => {
    const body = tFor(language, 'ivr')('sms.order_confirmed', { ref: '1234567' });
    expect(body).toContain('1234567');
    expect(body.length).toBeLessThanOrEqual(70);
  });
});
