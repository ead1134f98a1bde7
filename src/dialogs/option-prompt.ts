import type { Activity, TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult, type PromptValidator } from 'botbuilder-dialogs';
import { fold } from '../domain/text/fold';
import { parseNumber, parseOrdinal } from '../nlu/numbers';
import { session } from './session';

/** The option picked (0-based), or the patron's own words when none matched and free text is allowed. */
export type OptionAnswer = { index: number; text: string } | { index: -1; text: string };

export interface OptionPromptOptions extends PromptOptions {
  validations: { labels: string[]; freeText?: boolean };
}

/**
 * A choice between labelled options that understands Greek and Hungarian: "2", "το δεύτερο",
 * "a másodikat", or (part of) the label itself, typed or spoken. botbuilder's ChoicePrompt
 * cannot: its number and ordinal recognizers know neither language.
 */
export class OptionPrompt extends Prompt<OptionAnswer> {
  constructor(dialogId: string, validator?: PromptValidator<OptionAnswer>) {
    super(dialogId, validator);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const activity = isRetry && options.retryPrompt ? markRetry(options.retryPrompt) : options.prompt;
    if (activity) await context.sendActivity(activity);
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<OptionAnswer>> {
    const text = (context.activity.text ?? '').trim();
    const { labels, freeText } = (options as OptionPromptOptions).validations;
    const index = matchOption(text, labels, session(context).language);
    if (index !== undefined) return { succeeded: true, value: { index, text } };
    if (freeText && text.length > 0) return { succeeded: true, value: { index: -1, text } };
    return { succeeded: false };
  }
}

/** A retry says the answer was not understood; the phone counts those towards putting the caller through to staff. */
export function markRetry(activity: Partial<Activity> | string): Partial<Activity> | string {
  return typeof activity === 'string' ? activity : { ...activity, channelData: { ...(activity.channelData as object | undefined), retry: true } };
}

/** Index of the option the text names, if exactly one fits. */
export function matchOption(text: string, labels: readonly string[], language: 'el' | 'hu'): number | undefined {
  const folded = fold(text);
  if (!folded) return undefined;
  const byNumber = /^\d+$/.test(folded) ? Number(folded) : parseOrdinal(text, language) ?? parseNumber(text, language);
  if (byNumber !== undefined && Number.isInteger(byNumber) && byNumber >= 1 && byNumber <= labels.length) return byNumber - 1;
  const exact = labels.findIndex((l) => fold(l) === folded);
  if (exact >= 0) return exact;
  if (folded.length < 3) return undefined;
  const partial = labels.map((l, i) => [fold(l), i] as const).filter(([l]) => l.includes(folded) || folded.includes(l));
  return partial.length === 1 ? partial[0]![1] : undefined;
}
