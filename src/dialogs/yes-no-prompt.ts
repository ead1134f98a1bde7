import type { TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { parseYesNo } from '../nlu/yes-no';
import { markRetry } from './option-prompt';
import { session } from './session';

/**
 * Yes/no in Greek and Hungarian ("ναι βέβαια", "όχι", "igen", "dehogy"), and 1/2 from a phone
 * keypad. botbuilder's ConfirmPrompt has no culture model for either language.
 */
export class YesNoPrompt extends Prompt<boolean> {
  constructor(dialogId: string) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const activity = isRetry && options.retryPrompt ? markRetry(options.retryPrompt) : options.prompt;
    if (activity) await context.sendActivity(activity);
  }

  protected async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<boolean>> {
    const text = (context.activity.text ?? '').trim();
    if (text === '1') return { succeeded: true, value: true };
    if (text === '2') return { succeeded: true, value: false };
    const value = parseYesNo(text, session(context).language);
    return value === undefined ? { succeeded: false } : { succeeded: true, value };
  }
}
