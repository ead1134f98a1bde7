import {
  BotAdapter, TurnContext, type ConversationReference, type ResourceResponse,
} from 'botbuilder';
import twilio from 'twilio';
import type { LibraryPolicy } from '../../domain/policy/library-policy';
import { phoneDeskOpen } from '../../domain/rules/phone-desk';
import type { Language } from '../../domain/types';
import { setCapabilities, type Capabilities } from '../../dialogs/capabilities';
import type { Slot } from '../../dialogs/messages';
import { session } from '../../dialogs/session';
import { setSignInSource } from '../../dialogs/sign-in-source';
import { tFor } from '../../i18n/init';
import { parseYesNo } from '../../nlu/yes-no';
import {
  activitiesToTwiml, farewellTwiml, isRetry, transferToTwiml, wantsTransfer, type VoicePhrases,
} from './activities-to-twiml';
import { spokenHours } from '../../i18n/spoken-hours';
import { dialable, type VoiceConfig } from './voice-config';
import { stepToQuery, type VoiceStep } from './voice-step';
import { heardInput, voiceWebhookToActivity, type VoiceParams, type VoiceWebhook } from './voice-webhook-to-activity';

/** A phone call: read aloud, answered by voice or keypad, and it can be put through to staff. */
export const PHONE: Capabilities = Object.freeze({ buttons: false, readsAloud: true, transfersCalls: true });

/** Silences or misunderstandings in a row after which the caller is put through to staff. */
export const MISSES_BEFORE_TRANSFER = 3;

export interface CallbackRequests {
  request(draft: { libraryId: string; phone: string; language: string; callSid: string }): Promise<void>;
}

export interface VoiceAdapterDeps {
  config: VoiceConfig;
  policyFor(libraryId: string): Pick<LibraryPolicy, 'timezone' | 'phoneHours' | 'holidays'>;
  library(libraryId: string): { phone: string; transferNumber?: string; defaultLanguage: Language };
  callbacks: CallbackRequests;
  now(): Date;
}

/**
 * botbuilder adapter for Twilio Programmable Voice. One webhook = one turn: its replies are
 * buffered (expectReplies) and come back as TwiML. Silence, misunderstanding, "0" and
 * requests for staff are the phone's own business and are handled here, not in the dialogs.
 */
export class TwilioVoiceAdapter extends BotAdapter {
  constructor(private readonly deps: VoiceAdapterDeps) {
    super();
  }

  /** X-Twilio-Signature over the public URL and the form fields; no token = the development mode. */
  verify(url: string, signature: string | undefined, params: VoiceParams): boolean {
    const { authToken, insecure } = this.deps.config;
    if (!authToken) return insecure;
    return Boolean(signature) && twilio.validateRequest(authToken, signature!, url, params);
  }

  /** Answers one (already verified) webhook; `endpoint` is the public URL of the library's voice route. */
  async handle(webhook: VoiceWebhook, endpoint: string, logic: (context: TurnContext) => Promise<void>): Promise<string> {
    const { step, params, library } = webhook;
    const language = step.language ?? this.deps.library(library).defaultLanguage;
    if (step.callback) return this.answerCallback(webhook, language);
    const heard = heardInput(params);
    if (step.turn > 0 && heard === '0') return this.transfer(webhook, endpoint, language);
    const silent = step.turn > 0 && heard === '';
    if (silent && step.misses + 1 >= MISSES_BEFORE_TRANSFER) return this.transfer(webhook, endpoint, language);

    const context = new TurnContext(this, voiceWebhookToActivity(webhook));
    setCapabilities(context, PHONE);
    // Withheld numbers share one source: hiding the number must not buy more guesses.
    setSignInSource(context, { kind: 'phone', id: callerNumber(params) ?? 'withheld' });
    await this.runMiddleware(context, logic);
    const replies = context.bufferedReplyActivities;
    const spoken = conversationLanguage(context) ?? language;
    if (wantsTransfer(replies)) return this.transfer(webhook, endpoint, spoken);
    const misses = silent || isRetry(replies) ? step.misses + 1 : 0;
    if (misses >= MISSES_BEFORE_TRANSFER) return this.transfer(webhook, endpoint, spoken);

    const next = (slot: Slot | undefined): VoiceStep => ({ turn: step.turn + 1, misses, language: spoken, ...(slot ? { slot } : {}) });
    return activitiesToTwiml(replies, {
      voice: this.deps.config.voices[spoken],
      voices: { 'el-GR': this.deps.config.voices.el.voice, 'hu-HU': this.deps.config.voices.hu.voice },
      phrases: phrases(spoken),
      action: (slot) => `${endpoint}?${stepToQuery(next(slot))}`,
      misses,
      silent,
    });
  }

  /** Staff when the phone desk is open; otherwise its hours and, if we know the number, a call back. */
  private transfer(webhook: VoiceWebhook, endpoint: string, language: Language): string {
    const t = tFor(language, 'ivr');
    const voice = this.deps.config.voices[language];
    const policy = this.deps.policyFor(webhook.library);
    if (phoneDeskOpen(policy, this.deps.now())) {
      const number = this.deps.config.transferNumbers[webhook.library] ?? this.deps.library(webhook.library).transferNumber ?? this.deps.library(webhook.library).phone;
      return transferToTwiml({ open: true, number: dialable(number), connecting: t('transfer.connecting'), noAnswer: t('transfer.no_answer') }, voice);
    }
    const callbackStep: VoiceStep = { turn: webhook.step.turn + 1, misses: 0, language, callback: true };
    return transferToTwiml({
      open: false,
      closed: t('transfer.closed', { hours: spokenHours(policy.phoneHours, t) }),
      // Withheld numbers arrive as "anonymous" or a placeholder: nothing to call back.
      ...(callerNumber(webhook.params) ? { callback: { offer: t('transfer.callback_offer'), action: `${endpoint}?${stepToQuery(callbackStep)}` } } : {}),
      goodbye: t('speak.goodbye'),
    }, voice);
  }

  private async answerCallback(webhook: VoiceWebhook, language: Language): Promise<string> {
    const t = tFor(language, 'ivr');
    const voice = this.deps.config.voices[language];
    const answer = heardInput(webhook.params);
    const phone = callerNumber(webhook.params);
    const yes = answer === '1' || (answer !== '2' && parseYesNo(answer, language) === true);
    if (!yes || !phone) return farewellTwiml(t('transfer.callback_declined'), voice);
    await this.deps.callbacks.request({ libraryId: webhook.library, phone, language, callSid: webhook.params.CallSid ?? '' });
    return farewellTwiml(t('transfer.callback_saved'), voice);
  }

  async sendActivities(): Promise<ResourceResponse[]> {
    throw new Error('voice replies are buffered (expectReplies) and returned as TwiML; nothing is sent');
  }

  async updateActivity(): Promise<void> {
    throw new Error('words already spoken on a call cannot be changed');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('words already spoken on a call cannot be taken back');
  }

  async continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {
    throw new Error('a call cannot be resumed proactively; reach the patron by text message instead');
  }
}

function conversationLanguage(context: TurnContext): Language | undefined {
  try {
    return session(context).language;
  } catch {
    return undefined;
  }
}

/** Twilio's stand-ins for a withheld, restricted, blocked or unavailable caller id. */
const WITHHELD = /^\+(266696687|7378742833|2562533|8656696)$/;

function callerNumber(params: VoiceParams): string | undefined {
  const from = (params.From ?? '').trim();
  return /^\+\d{7,15}$/.test(from) && !WITHHELD.test(from) ? from : undefined;
}

function phrases(language: Language): VoicePhrases {
  const t = tFor(language, 'ivr');
  return {
    option: (label, key) => t('keypad.option', { label, key: t(`keypad.key.${key}`) }),
    useKeys: t('keypad.use_keys'),
    staff: t('keypad.staff'),
    noInput: t('no_input'),
  };
}

