import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { pickupBranches } from '../domain/rules/copy-availability';
import type { BranchAvailability } from '../domain/types';
import { APPOINTMENT_DIALOG, AppointmentDialog, type AppointmentOptions } from './appointment-dialog';
import type { BotServices } from './bot-services';
import { describeBasket } from './format';
import { ask, tell } from './messages';
import { OptionPrompt, type OptionAnswer, type OptionPromptOptions } from './option-prompt';
import { session, turnT } from './session';
import { YesNoPrompt } from './yes-no-prompt';
import { keptReplyAddress } from './reply-address';

export const CHECKOUT_DIALOG = 'checkout';
const CONFIRM = 'checkout.confirm';
const ALTERNATIVE = 'checkout.alternative';
const STEPS = 'checkout.steps';

interface CheckoutState { lostRecordId?: number; alternatives?: BranchAvailability[]; placedRef?: string; requestKey?: string }

/** The basket summary, an explicit yes, and the order written in one transaction. */
export class CheckoutDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(CHECKOUT_DIALOG);
    this.addDialog(new YesNoPrompt(CONFIRM)).addDialog(new OptionPrompt(ALTERNATIVE)).addDialog(new AppointmentDialog(services))
      .addDialog(new WaterfallDialog(STEPS, [this.summarise.bind(this), this.place.bind(this), this.alternative.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async summarise(step: WaterfallStepContext<CheckoutState>) {
    const t = turnT(step.context, 'holds');
    const basket = session(step.context).basket;
    if (basket.length === 0) {
      await step.context.sendActivity(tell(t('checkout.empty')));
      return step.endDialog();
    }
    const text = [t('checkout.summary', { count: basket.length }), describeBasket(t, basket), t('checkout.pickup_rule'), t('checkout.ask_confirm')].join('\n\n');
    // Saved with the question: if the process dies after the order commits but before the
    // conversation is saved, the patron's repeated yes carries the same key and finds that order.
    step.options.requestKey = randomUUID();
    // One book a caller has just chosen needs no summary read back: the rule and the question do.
    const speak = basket.length === 1 ? t('ivr:speak.checkout.one_book') : undefined;
    return step.prompt(CONFIRM, {
      prompt: ask(text, 'confirm', { choices: [t('common:yes'), t('common:no')], ...(speak ? { speak } : {}) }),
      retryPrompt: ask(t('checkout.confirm_retry'), 'confirm', { choices: [t('common:yes'), t('common:no')] }),
    });
  }

  private async place(step: WaterfallStepContext<CheckoutState>) {
    const t = turnT(step.context, ['holds', 'reasons']);
    const s = session(step.context);
    if (step.result !== true) {
      await step.context.sendActivity(tell(t('checkout.not_confirmed', { count: session(step.context).basket.length })));
      return step.endDialog();
    }
    const library = this.services.library(s.libraryId);
    const outcome = await this.services.placeOrder.run({
      libraryId: s.libraryId,
      patronId: s.patron!.id,
      channel: step.context.activity.channelId,
      language: s.language,
      // Lets staff actions reach this conversation later (proactive "your books are ready").
      conversationRef: keptReplyAddress(step.context),
      items: s.basket.map(({ recordId, branchId }) => ({ recordId, branchId })),
      requestKey: step.options.requestKey,
    });
    if (outcome.allowed) {
      const branches = [...new Set(s.basket.map((i) => i.branchName))].join(', ');
      const pickupAt = [...new Map(s.basket.map((i) => [i.branchId, { id: i.branchId, name: i.branchName }])).values()];
      s.basket = [];
      const text = t('checkout.confirmed', { ref: outcome.orderRef, branches, phone: library.phone });
      const spokenRef = outcome.orderRef.split('').join(' ');
      await step.context.sendActivity(tell(text, {
        speak: t('checkout.confirmed', { ref: spokenRef, branches, phone: library.phone }),
        channelData: { orderRef: outcome.orderRef },
      }));
      // The library's system has not taken the holds: the patron hears that nothing is held yet.
      if (outcome.ils) await step.context.sendActivity(tell(t(outcome.ils, { ns: 'reasons', phone: library.phone })));
      // A replayed yes has had its text already (or lost it with the crashed turn): never two.
      if (!outcome.replayed) await this.textConfirmation(step.context, s.patron!.id, outcome.orderRef);
      // The library no longer has to phone to fix the time: the patron may pick a slot now (or skip).
      step.options.placedRef = outcome.orderRef;
      return step.beginDialog(APPOINTMENT_DIALOG, { ref: outcome.orderRef, branches: pickupAt } satisfies AppointmentOptions);
    }
    if (outcome.reason !== 'hold.copy_taken') {
      await step.context.sendActivity(tell(t(outcome.reason, { ns: 'reasons', ...outcome.params, phone: library.phone })));
      return step.endDialog();
    }
    // Lost the race for the last copy at that branch: offer the branches that still have one.
    const lost = s.basket.find((i) => i.recordId === outcome.recordId && i.branchId === outcome.branchId);
    const record = await this.services.search.record(outcome.recordId);
    const alternatives = pickupBranches(record?.availability ?? [], this.services.policyFor(s.libraryId));
    step.options.lostRecordId = outcome.recordId;
    step.options.alternatives = alternatives;
    const title = lost?.title ?? record?.title ?? '';
    if (alternatives.length === 0) {
      s.basket = s.basket.filter((i) => i.recordId !== outcome.recordId);
      await step.context.sendActivity(tell(t('checkout.copy_taken_none_left', { title, branch: lost?.branchName ?? '' })));
      return step.replaceDialog(STEPS);
    }
    const labels = [...alternatives.map((b) => b.branchName), t('checkout.remove_item')];
    return step.prompt(ALTERNATIVE, {
      prompt: ask(t('checkout.copy_taken', { title, branch: lost?.branchName ?? '', others: alternatives.map((b) => b.branchName).join(', ') }), 'choice', { choices: labels }),
      retryPrompt: ask(t('checkout.alternative_retry'), 'choice', { choices: labels }),
      validations: { labels },
    } satisfies OptionPromptOptions);
  }

  /** The reference and the pickup rule by text message, in the conversation's language. */
  private async textConfirmation(context: TurnContext, patronId: number, orderRef: string): Promise<void> {
    const phone = await this.services.patrons.phone(patronId);
    if (phone) await this.services.sms.send(phone, turnT(context, 'ivr')('sms.order_confirmed', { ref: orderRef }));
  }

  private async alternative(step: WaterfallStepContext<CheckoutState>) {
    if (step.options.placedRef) return step.endDialog({ orderRef: step.options.placedRef });
    const s = session(step.context);
    const choice = step.options.alternatives?.[(step.result as OptionAnswer).index];
    const item = s.basket.find((i) => i.recordId === step.options.lostRecordId);
    if (choice && item) {
      item.branchId = choice.branchId;
      item.branchName = choice.branchName;
    } else {
      s.basket = s.basket.filter((i) => i.recordId !== step.options.lostRecordId);
    }
    return step.replaceDialog(STEPS);
  }
}
