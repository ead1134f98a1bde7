import { ActivityTypes, InputHints, type Activity } from 'botbuilder';
import twilio from 'twilio';
import type { Slot } from '../../dialogs/messages';
import { tFor } from '../../i18n/init';
import { lexiconFromLocale, speechParts, type SayLanguage, type SpeechLexicon, type SpeechPart } from './speech';

const { VoiceResponse } = twilio.twiml;
type Gather = ReturnType<InstanceType<typeof VoiceResponse>['gather']>;
type GatherAttributes = Parameters<InstanceType<typeof VoiceResponse>['gather']>[0] & object;
/** The package declares its voice names but does not export the type: take it from `say`'s last overload. */
export type SayVoice = NonNullable<Parameters<InstanceType<typeof VoiceResponse>['say']>[0] extends infer A ? A extends { voice?: infer V } ? V : never : never>;

/** How the call sounds and listens in the conversation's language. */
export interface VoiceSettings {
  language: SayLanguage;
  /** A Google voice: Amazon Polly speaks neither Greek nor Hungarian. */
  voice: SayVoice;
  /** Unset = Twilio's default recogniser; never phone_call/experimental_* (no Greek or Hungarian). */
  speechModel?: string;
}

/** The channel's own words, already in the conversation's language. */
export interface VoicePhrases {
  /** "For «label» press 1." */
  option(label: string, key: number): string;
  useKeys: string;
  staff: string;
  noInput: string;
}

export interface RenderOptions {
  voice: VoiceSettings;
  /** The voice for words of the other language («Magyarul», a Hungarian title); Twilio's default for the language when unset. */
  voices?: Partial<Record<SayLanguage, SayVoice>>;
  phrases: VoicePhrases;
  /** The URL the answer to a question for `slot` is posted to. */
  action(slot: Slot | undefined): string;
  /** Answers in a row that were silence or not understood: 1 = the short reprompt, 2 = the keypad menu. */
  misses: number;
  /** This turn was the caller's silence. */
  silent: boolean;
}

type ReplyData = { slot?: Slot; choices?: string[]; transfer?: boolean; retry?: boolean; readKeys?: false };
const data = (a: Partial<Activity>) => (a.channelData ?? {}) as ReplyData;

/** Slots answered on the keypad: a number on the card is keyed in, and a PIN is never said aloud. */
const KEYPAD_SLOTS: readonly Slot[] = ['cardNumber', 'pin'];
const CHOICE_SLOTS: readonly Slot[] = ['choice', 'confirm', 'language'];
/** One key picks an option, so only the first nine options get a key. */
const MAX_KEYED_OPTIONS = 9;
/** A caller keeps about three options in mind: the rest are read at the keypad step, or on «βοήθεια». */
const MAX_SPOKEN_OPTIONS = 3;

/**
 * The options whose keys are read out. The first ask reads at most three, none for a yes/no
 * question (the answer is in the question), and none that the question itself already listed
 * with its number («1. «Ο Καπετάν Μιχάλης»…»). The keypad step reads every keyed option.
 */
function keysToRead(choices: readonly string[], slot: Slot, question: string, keypadStep: boolean, readKeys = true): Array<{ label: string; key: number }> {
  const keyed = choices.slice(0, MAX_KEYED_OPTIONS).map((label, i) => ({ label, key: i + 1 }));
  if (keypadStep) return keyed;
  if (slot === 'confirm' || !readKeys) return [];
  const listed = (label: string, key: number) => new RegExp(`(^|\\s)${key}\\.\\s*[«„"]?${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(question);
  return keyed.filter(({ label, key }) => !listed(label, key)).slice(0, MAX_SPOKEN_OPTIONS);
}

export const wantsTransfer = (replies: readonly Partial<Activity>[]) => replies.some((a) => data(a).transfer === true);
export const isRetry = (replies: readonly Partial<Activity>[]) => replies.some((a) => a.inputHint === InputHints.ExpectingInput && data(a).retry === true);

/**
 * A turn's replies as TwiML: statements become <Say>, the question becomes a <Gather> whose
 * input mode comes from the reply's slot, and an endOfConversation hangs up. Built only with
 * the `twilio` package's VoiceResponse, which escapes text and attributes.
 */
export function activitiesToTwiml(replies: readonly Partial<Activity>[], options: RenderOptions): string {
  const response = new VoiceResponse();
  const say = (target: Sayer, text: string) => sayAloud(target, text, options.voice, options.voices);
  const messages = replies.filter((a) => a.type === ActivityTypes.Message);
  const ended = replies.some((a) => a.type === ActivityTypes.EndOfConversation);
  const question = ended ? undefined : [...messages].reverse().find((a) => a.inputHint === InputHints.ExpectingInput);

  if (options.silent && options.misses > 0) say(response, options.phrases.noInput);
  for (const message of messages) if (message !== question) say(response, speechOf(message));
  if (ended) {
    response.hangup();
    return response.toString();
  }
  const slot = question ? data(question).slot : undefined;
  const choices = question ? data(question).choices ?? [] : [];
  const gather = response.gather(gatherAttributes(slot, choices, options));
  if (question) say(gather, speechOf(question));
  // The short reprompt stays short; the first ask and the keypad step list the keys.
  if (options.misses >= 2) say(gather, options.phrases.useKeys);
  if (slot && CHOICE_SLOTS.includes(slot) && options.misses !== 1) {
    say(gather, keysToRead(choices, slot, question ? speechOf(question) : '', options.misses >= 2, question ? data(question).readKeys !== false : true)
      .map(({ label, key }) => options.phrases.option(label, key)).join(' '));
  }
  if (options.misses >= 2) say(gather, options.phrases.staff);
  return response.toString();
}

function gatherAttributes(slot: Slot | undefined, choices: readonly string[], options: RenderOptions): GatherAttributes {
  const common: GatherAttributes = {
    action: options.action(slot),
    method: 'POST',
    // Silence must reach the bot too: it drives the reprompt → keypad → staff ladder.
    actionOnEmptyResult: true,
    language: options.voice.language,
  };
  if (slot && KEYPAD_SLOTS.includes(slot)) return { ...common, input: ['dtmf'], finishOnKey: '#', timeout: 10 };
  const speech: GatherAttributes = {
    ...common,
    // With a speechModel set Twilio wants a number here, not 'auto'.
    speechTimeout: options.voice.speechModel ? '2' : 'auto',
    ...(options.voice.speechModel ? { speechModel: options.voice.speechModel } : {}),
    timeout: 6,
    // A single key answers at once: an option number, or 0 for staff at any prompt.
    input: ['speech', 'dtmf'],
    numDigits: 1,
  };
  const hints = choices.map((c) => c.replace(/[,«»"]/g, ' ').replace(/\s+/g, ' ').trim()).filter(Boolean).slice(0, 50);
  return hints.length > 0 ? { ...speech, hints: hints.join(', ') } : speech;
}

/**
 * What a reply sounds like: its `speak`, else its text, without markup, emoji or list layout.
 * An empty `speak` is a line for the screen only (dialogs/messages.ts `tell`): nothing is said.
 */
export function speechOf(activity: Partial<Activity>): string {
  return cleanForSpeech(activity.speak ?? activity.text ?? '');
}

export function cleanForSpeech(text: string): string {
  return text
    .replace(/<[^>]*>/g, (tag) => (/^<\/?(speak|voice|prosody|break|emphasis|say-as|p|s)\b/i.test(tag) ? '' : tag))
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|[*_`~]|^#+\s*)/gm, '')
    .replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{FE0F}\u{200D}\u{20E3}]/gu, '')
    .replace(/\s+—\s+/g, ', ')
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => (/[.!;:?…»"]$/.test(line) ? line : `${line}.`))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

type Sayer = { say: InstanceType<typeof VoiceResponse>['say'] };

let lexicons: Record<SayLanguage, SpeechLexicon> | undefined;
/** Read once from the locales: the words each voice uses for abbreviations, symbols and ranges. */
function speechLexicons(): Record<SayLanguage, SpeechLexicon> {
  lexicons ??= { 'el-GR': lexiconFromLocale(tFor('el', 'ivr')), 'hu-HU': lexiconFromLocale(tFor('hu', 'ivr')) };
  return lexicons;
}

/** `text` as the caller hears it in a conversation held in `language`: spoken form, split by language. */
export const speechPartsFor = (text: string, language: SayLanguage): SpeechPart[] => speechParts(text, language, speechLexicons());

/**
 * Every word a caller hears goes through here: the text in spoken form (speech.ts), one <Say>
 * per language so that a Hungarian word is said by the Hungarian voice and a Greek one by the Greek.
 */
export function sayAloud(target: Sayer, text: string, voice: VoiceSettings, voices: Partial<Record<SayLanguage, SayVoice>> = {}): void {
  if (!text) return;
  for (const part of speechPartsFor(text, voice.language)) {
    const name = part.language === voice.language ? voice.voice : voices[part.language];
    target.say({ language: part.language, ...(name ? { voice: name } : {}) }, part.text);
  }
}

export type TransferPlan =
  | { open: true; number: string; connecting: string; noAnswer: string }
  | { open: false; closed: string; callback?: { offer: string; action: string }; goodbye: string };

/** Putting the caller through to staff, or (library closed) the hours and the offer of a call back. */
export function transferToTwiml(plan: TransferPlan, voice: VoiceSettings): string {
  const response = new VoiceResponse();
  if (plan.open) {
    sayAloud(response, plan.connecting, voice);
    response.dial({ timeout: 30 }, plan.number);
    // <Dial> returns here only when nobody answered.
    sayAloud(response, plan.noAnswer, voice);
    response.hangup();
    return response.toString();
  }
  sayAloud(response, plan.closed, voice);
  if (plan.callback) {
    const gather: Gather = response.gather({
      action: plan.callback.action, method: 'POST', actionOnEmptyResult: true, language: voice.language,
      input: ['dtmf', 'speech'], numDigits: 1, timeout: 6, speechTimeout: voice.speechModel ? '2' : 'auto',
    });
    sayAloud(gather, plan.callback.offer, voice);
    return response.toString();
  }
  sayAloud(response, plan.goodbye, voice);
  response.hangup();
  return response.toString();
}

/** Last words, then hang up. */
export function farewellTwiml(text: string, voice: VoiceSettings): string {
  const response = new VoiceResponse();
  sayAloud(response, text, voice);
  response.hangup();
  return response.toString();
}

/** While the same webhook is still being answered: wait a moment and ask again (Twilio re-signs). */
export function retryLaterTwiml(url: string): string {
  const response = new VoiceResponse();
  response.pause({ length: 1 });
  response.redirect({ method: 'POST' }, url);
  return response.toString();
}
