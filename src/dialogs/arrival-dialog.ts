import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { formatDay } from '../i18n/format-date';
import type { BotServices } from './bot-services';
import { tell } from './messages';
import { session, turnT } from './session';
import { SIGN_IN_DIALOG, SignInDialog, type SignInOptions } from './sign-in-dialog';

export const ARRIVAL_DIALOG = 'arrival';
const STEPS = 'arrival.steps';

/**
 * "Είμαι στην είσοδο" / "megérkeztem" (seeds/000: books are handed over at the entrance): the
 * patron's ready orders move to waiting_outside, which the staff page shows at the top.
 */
export class ArrivalDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(ARRIVAL_DIALOG);
    this.addDialog(new SignInDialog(services))
      .addDialog(new WaterfallDialog(STEPS, [this.signIn.bind(this), this.record.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async signIn(step: WaterfallStepContext) {
    if (session(step.context).patron) return step.next(true);
    return step.beginDialog(SIGN_IN_DIALOG, { purpose: 'arrival' } satisfies SignInOptions);
  }

  private async record(step: WaterfallStepContext) {
    if (step.result !== true) return step.endDialog();
    const t = turnT(step.context, ['pickup', 'reasons']);
    const s = session(step.context);
    const outcome = await this.services.recordArrival.run(s.libraryId, s.patron!.id);
    if (outcome.allowed) {
      const branches = [...new Set(outcome.orders.flatMap((o) => o.branches))].join(', ');
      await step.context.sendActivity(tell(t('arrival.recorded', { branches })));
      return step.endDialog();
    }
    const zone = this.services.policyFor(s.libraryId).timezone;
    const params: Record<string, string | number> = { ...outcome.params, phone: this.services.library(s.libraryId).phone };
    if (typeof params.date === 'string') params.date = formatDay(params.date, s.language, zone);
    await step.context.sendActivity(tell(t(outcome.reason, { ns: 'reasons', ...params })));
    return step.endDialog();
  }
}
