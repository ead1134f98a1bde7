import { ActivityTypes, DeliveryModes, type Activity } from 'botbuilder';
import type { VoiceStep } from './voice-step';

/** Twilio's form fields of a voice webhook (CallSid, From, To, SpeechResult, Digits, …). */
export type VoiceParams = Record<string, string>;

export interface VoiceWebhook {
  library: string;
  params: VoiceParams;
  step: VoiceStep;
}

/** The channel id orders and conversation state carry for phone calls. */
export const VOICE_CHANNEL = 'voice';

/** What the caller said or keyed in this webhook, keys winning over speech; '' for silence. */
export function heardInput(params: VoiceParams): string {
  const digits = (params.Digits ?? '').replace(/[^\d*]/g, '');
  return digits || (params.SpeechResult ?? '').trim();
}

/**
 * One webhook as one Bot Framework activity: the call itself is a conversationUpdate (the
 * caller joins), every <Gather> result a message whose text is the speech or the digits.
 * The conversation id is the CallSid; the replies are buffered for TwiML (expectReplies).
 */
export function voiceWebhookToActivity(webhook: VoiceWebhook): Partial<Activity> {
  const callSid = webhook.params.CallSid ?? '';
  const caller = { id: `${callSid}-caller`, name: 'caller', role: 'user' };
  const base: Partial<Activity> = {
    id: `${callSid}:${webhook.step.turn}`,
    channelId: VOICE_CHANNEL,
    serviceUrl: 'http://127.0.0.1/voice',
    deliveryMode: DeliveryModes.ExpectReplies,
    conversation: { id: callSid, isGroup: false, name: '', conversationType: 'personal' },
    from: caller,
    recipient: { id: 'library-bot', name: 'library-bot', role: 'bot' },
    channelData: { library: webhook.library },
    timestamp: new Date(),
    ...(webhook.step.language ? { locale: webhook.step.language } : {}),
  };
  if (webhook.step.turn === 0) return { ...base, type: ActivityTypes.ConversationUpdate, membersAdded: [caller] };
  return { ...base, type: ActivityTypes.Message, text: heardInput(webhook.params) };
}
