import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotServices } from './bot-services';
import { CHECKOUT_DIALOG, CheckoutDialog } from './checkout-dialog';
import { describeBasket } from './format';
import { ask, tell } from './messages';
import { OptionPrompt, type OptionAnswer, type OptionPromptOptions } from './option-prompt';
import { session, turnT } from './session';

export const BASKET_DIALOG = 'basket';
const CHOICE = 'basket.choice';
const WHICH = 'basket.which';
const STEPS = 'basket.steps';

const ACTIONS = ['checkout', 'remove', 'another', 'back'] as const;

/** What the basket dialog hands back to the menu: the patron wants to look for another book. */
export interface BasketResult { reserve?: true }

/**
 * The basket between searches: what is in it, and checkout, taking one book out, or adding
 * another. "βγάλε τον Ζορμπά" said at any question lands here too (bot/interruptions.ts).
 */
export class BasketDialog extends ComponentDialog {
  constructor(services: BotServices) {
    super(BASKET_DIALOG);
    this.addDialog(new OptionPrompt(CHOICE)).addDialog(new OptionPrompt(WHICH)).addDialog(new CheckoutDialog(services))
      .addDialog(new WaterfallDialog(STEPS, [this.show.bind(this), this.act.bind(this), this.remove.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async show(step: WaterfallStepContext) {
    const t = turnT(step.context, 'holds');
    const basket = session(step.context).basket;
    if (basket.length === 0) {
      await step.context.sendActivity(tell(t('checkout.empty')));
      return step.endDialog();
    }
    const labels = ACTIONS.map((a) => t(a === 'checkout' ? 'reserve.checkout' : a === 'another' ? 'reserve.another' : `basket.${a}`));
    const text = [t('basket.header', { count: basket.length }), describeBasket(t, basket), t('basket.ask')].join('\n\n');
    return step.prompt(CHOICE, {
      prompt: ask(text, 'choice', { choices: labels }),
      retryPrompt: ask(t('basket.retry'), 'choice', { choices: labels }),
      validations: { labels },
    } satisfies OptionPromptOptions);
  }

  private async act(step: WaterfallStepContext) {
    const action = ACTIONS[(step.result as OptionAnswer).index];
    const basket = session(step.context).basket;
    if (action === 'checkout') return step.replaceDialog(CHECKOUT_DIALOG);
    if (action === 'another') return step.endDialog({ reserve: true } satisfies BasketResult);
    if (action !== 'remove') return step.endDialog();
    if (basket.length === 1) return step.next({ index: 0, text: '' } satisfies OptionAnswer);
    const t = turnT(step.context, 'holds');
    const labels = basket.map((item) => item.title);
    return step.prompt(WHICH, {
      prompt: ask(t('basket.which'), 'choice', { choices: labels }),
      retryPrompt: ask(t('basket.retry'), 'choice', { choices: labels }),
      validations: { labels },
    } satisfies OptionPromptOptions);
  }

  private async remove(step: WaterfallStepContext) {
    const s = session(step.context);
    const [item] = s.basket.splice((step.result as OptionAnswer).index, 1);
    if (item) await step.context.sendActivity(tell(turnT(step.context, 'holds')('basket.removed', { title: item.title })));
    return step.replaceDialog(STEPS);
  }
}
