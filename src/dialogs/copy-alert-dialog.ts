import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotServices } from './bot-services';
import { ask, tell } from './messages';
import { keptReplyAddress } from './reply-address';
import { session, turnT } from './session';
import { YesNoPrompt } from './yes-no-prompt';

export const COPY_ALERT_DIALOG = 'copyAlert';
const CONFIRM = 'copyAlert.confirm';
const STEPS = 'copyAlert.steps';

export interface CopyAlertOptions { recordId: number; title: string }

/**
 * After "every copy is on loan": offers to tell the signed-in patron when a copy is back. Not a
 * hold (the rules allow none on a lent copy): nothing is reserved, and the patron hears so.
 */
export class CopyAlertDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(COPY_ALERT_DIALOG);
    this.addDialog(new YesNoPrompt(CONFIRM))
      .addDialog(new WaterfallDialog<CopyAlertOptions>(STEPS, [this.offer.bind(this), this.answer.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async offer(step: WaterfallStepContext<CopyAlertOptions>) {
    if (!session(step.context).patron) return step.endDialog(false);
    const t = turnT(step.context, ['holds', 'common']);
    const choices = [t('common:yes'), t('common:no')];
    return step.prompt(CONFIRM, {
      prompt: ask(t('copy_alert.offer', { title: step.options.title }), 'confirm', { choices }),
      retryPrompt: ask(t('copy_alert.offer_retry'), 'confirm', { choices }),
    });
  }

  private async answer(step: WaterfallStepContext<CopyAlertOptions>) {
    const t = turnT(step.context, 'holds');
    if (step.result !== true) {
      await step.context.sendActivity(tell(t('copy_alert.declined')));
      return step.endDialog(false);
    }
    const s = session(step.context);
    const conversationRef = keptReplyAddress(step.context);
    const { by } = await this.services.copyAlerts.subscribe({
      libraryId: s.libraryId, recordId: step.options.recordId, title: step.options.title, patronId: s.patron!.id, language: s.language,
      channel: step.context.activity.channelId,
      ...(conversationRef ? { conversationRef } : {}),
    });
    await step.context.sendActivity(tell(t(by === 'chat' ? 'copy_alert.will_tell_chat' : 'copy_alert.will_tell_sms', { title: step.options.title })));
    return step.endDialog(true);
  }
}
