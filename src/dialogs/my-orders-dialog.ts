import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotServices } from './bot-services';
import { tell } from './messages';
import { session, turnT } from './session';
import { SIGN_IN_DIALOG, SignInDialog } from './sign-in-dialog';

export const MY_ORDERS_DIALOG = 'myOrders';
const STEPS = 'myOrders.steps';

/** "Τι κρατήσεις έχω;" — the patron's recent orders with their status. */
export class MyOrdersDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(MY_ORDERS_DIALOG);
    this.addDialog(new SignInDialog(services))
      .addDialog(new WaterfallDialog(STEPS, [this.signIn.bind(this), this.list.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async signIn(step: WaterfallStepContext) {
    if (session(step.context).patron) return step.next(true);
    return step.beginDialog(SIGN_IN_DIALOG);
  }

  private async list(step: WaterfallStepContext) {
    if (step.result !== true) return step.endDialog();
    const t = turnT(step.context, 'holds');
    const orders = await this.services.orders.listForPatron(session(step.context).patron!.id, 5);
    if (orders.length === 0) {
      await step.context.sendActivity(tell(t('orders.none')));
      return step.endDialog();
    }
    const lines = orders.map((o) => t('orders.line', {
      ref: o.ref, status: t(`orders.status.${o.status}`), titles: o.items.map((i) => `«${i.title}» (${i.branchName})`).join(', '),
    }));
    await step.context.sendActivity(tell([t('orders.header', { count: orders.length }), ...lines].join('\n')));
    return step.endDialog();
  }
}
