import { ActivityTypes, InputHints, type Activity, type CardAction } from 'botbuilder';

/** What a reply asks for; the phone channel picks keypad or speech input from it. */
export type Slot = 'language' | 'cardNumber' | 'pin' | 'query' | 'choice' | 'confirm' | 'datetime' | 'text';

export interface AskOptions {
  choices?: readonly string[];
  /** The wording for the ear, where it differs from the text on screen. */
  speak?: string;
  /** The `help.*` key for this question, where the slot's own is not the right one (the menu). */
  help?: string;
  /**
   * false: a caller is not read the options' keys with the first ask («Κάτι άλλο;» after a task,
   * or a question whose spoken wording already names them); the keypad step still reads them all.
   */
  readKeys?: false;
}

/** A reply that expects an answer: input hint, slot and the offered options as suggested actions. */
export function ask(text: string, slot: Slot, options: AskOptions = {}): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text,
    speak: options.speak ?? text,
    inputHint: InputHints.ExpectingInput,
    channelData: { slot, ...(options.help ? { help: options.help } : {}), ...(options.readKeys === false ? { readKeys: false } : {}) },
  };
  if (options.choices && options.choices.length > 0) {
    const actions: CardAction[] = options.choices.map((c) => ({ type: 'imBack', title: c, value: c }));
    activity.suggestedActions = { actions, to: [] };
    activity.channelData = { ...activity.channelData, choices: [...options.choices] };
  }
  return activity;
}

/** A statement; the patron is not expected to answer it. `speak: ''`: shown on a screen, not said on a call. */
export function tell(text: string, options: { speak?: string; channelData?: Record<string, unknown> } = {}): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    speak: options.speak ?? text,
    inputHint: InputHints.IgnoringInput,
    ...(options.channelData ? { channelData: options.channelData } : {}),
  };
}
