import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { recognizeIntent } from '../nlu/recognize';
import { parseYesNo } from '../nlu/yes-no';
import { smallTalk } from '../nlu/small-talk';
import type { LibraryPolicy } from '../domain/policy/library-policy';
import type { LibraryInfo } from '../domain/types';
import { spokenHours, weekPeriods } from '../i18n/spoken-hours';
import { isOpenQuestion, withoutWanting } from '../nlu/free-text';
import type { Intent } from '../nlu/types';
import { ARRIVAL_DIALOG, ArrivalDialog } from './arrival-dialog';
import type { BotServices } from './bot-services';
import { BASKET_DIALOG, BasketDialog, type BasketResult } from './basket-dialog';
import { ask, tell } from './messages';
import { ILL_REQUEST_DIALOG, IllRequestDialog } from './ill-request-dialog';
import { MY_ORDERS_DIALOG, MyOrdersDialog, type MyOrdersOptions } from './my-orders-dialog';
import { NEW_ACQUISITIONS_DIALOG, NewAcquisitionsDialog } from './new-acquisitions-dialog';
import { matchOption, OptionPrompt, type OptionAnswer, type OptionPromptOptions } from './option-prompt';
import { RESERVE_DIALOG, ReserveDialog, type ReserveOptions } from './reserve-dialog';
import { session, turnT } from './session';

export const MAIN_DIALOG = 'main';
const MENU = 'main.menu';
const STEPS = 'main.steps';

/** The menu, in the order it is offered; each entry's intent is what free text maps to it. */
const MENU_ITEMS = [
  { key: 'reserve', intent: 'reserve' },
  { key: 'new', intent: 'new_acquisitions' },
  { key: 'orders', intent: 'my_orders' },
  // Offered only where the library's policy switches interlibrary loan on.
  { key: 'ill', intent: 'ill_request' },
  // Offered only while the basket holds something.
  { key: 'basket', intent: 'basket' },
  { key: 'help', intent: 'help' },
] as const satisfies ReadonlyArray<{ key: string; intent: Intent }>;

export interface MainOptions {
  /** The patron's first words, when they already say what they want (mixed initiative). */
  utterance?: string;
  again?: boolean;
  /** Straight to a task, without the menu: the basket after an edit, or the search for a replacement. */
  start?: 'basket' | { query: string };
}

type Route = { dialog: string; options?: object } | { help: true };

/** The top of every conversation: the menu, free-text routing, and back to the menu when a task ends. */
export class MainDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(MAIN_DIALOG);
    this.addDialog(new OptionPrompt(MENU))
      .addDialog(new ReserveDialog(services))
      .addDialog(new NewAcquisitionsDialog(services))
      .addDialog(new MyOrdersDialog(services))
      .addDialog(new ArrivalDialog(services))
      .addDialog(new IllRequestDialog(services))
      .addDialog(new BasketDialog(services))
      .addDialog(new WaterfallDialog(STEPS, [this.menu.bind(this), this.route.bind(this), this.followUp.bind(this), this.loop.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async menu(step: WaterfallStepContext<MainOptions>) {
    if (step.options.start) return step.next();
    const t = turnT(step.context);
    const labels = this.menuItems(step).map((item) => t(`menu.${item.key}`));
    const { utterance } = step.options;
    if (utterance) {
      const index = matchOption(utterance, labels, session(step.context).language) ?? -1;
      return step.next({ index, text: utterance } satisfies OptionAnswer);
    }
    const lines = labels.map((label, i) => `${i + 1}. ${label}`).join('\n');
    const ivr = turnT(step.context, 'ivr');
    return step.prompt(MENU, {
      // After a task a caller hears «Κάτι άλλο;» without the menu again: they have heard it once, and «βοήθεια» or silence reads it.
      prompt: ask(`${t(step.options.again ? 'menu.again' : 'menu.ask')}\n${lines}`, 'choice', {
        choices: labels, speak: ivr(step.options.again ? 'speak.menu.again' : 'speak.menu.ask'), help: 'main', ...(step.options.again ? { readKeys: false } as const : {}),
      }),
      retryPrompt: ask(`${t('menu.retry')}\n${lines}`, 'choice', { choices: labels, speak: ivr('speak.menu.retry'), help: 'main' }),
      validations: { labels, freeText: true },
    } satisfies OptionPromptOptions);
  }

  private async route(step: WaterfallStepContext<MainOptions>) {
    const { start } = step.options;
    if (start === 'basket') return step.beginDialog(BASKET_DIALOG);
    if (start) return step.beginDialog(RESERVE_DIALOG, { query: start.query } satisfies ReserveOptions);
    const answer = step.result as OptionAnswer;
    // "Anything else?" — "no": the conversation ends (a phone call hangs up).
    if (answer.index < 0 && step.options.again && parseYesNo(answer.text, session(step.context).language) === false) return this.goodbye(step);
    if (answer.index < 0) {
      const answered = await this.answerDirectly(step, answer.text);
      if (answered) return answered;
    }
    const route = answer.index >= 0 ? routeForIntent(this.menuItems(step)[answer.index]!.intent, undefined) : this.routeFreeText(step, answer.text);
    if (!route) {
      await step.context.sendActivity(tell(turnT(step.context)('menu.not_understood')));
      return step.replaceDialog(STEPS, { again: true });
    }
    if ('help' in route) {
      await step.context.sendActivity(tell(turnT(step.context)('help.main')));
      return step.replaceDialog(STEPS, { again: true });
    }
    return step.beginDialog(route.dialog, route.options);
  }

  /**
   * What patrons open with that needs no card: manners, and the library's own facts (hours,
   * addresses, the desk's number for renewals, membership and fees, which are not the bot's job).
   */
  private async answerDirectly(step: WaterfallStepContext<MainOptions>, text: string) {
    const s = session(step.context);
    const t = turnT(step.context);
    const library = this.services.library(s.libraryId);
    const kind = smallTalk(text, s.language);
    if (kind === 'goodbye') return this.goodbye(step);
    if (kind) {
      await step.context.sendActivity(tell(t(`small_talk.${kind}`)));
      return step.replaceDialog(STEPS, { again: kind === 'thanks' });
    }
    const understood = recognizeIntent(text, s.language);
    if (understood.confidence < INFO_CONFIDENCE) return undefined;
    const answer = infoAnswer(understood.intent, library, this.services.policyFor(s.libraryId), step);
    if (!answer) return undefined;
    await step.context.sendActivity(tell(answer));
    return step.replaceDialog(STEPS, { again: true });
  }

  private async goodbye(step: WaterfallStepContext<MainOptions>) {
    const ivr = turnT(step.context, 'ivr');
    await step.context.sendActivity(tell(ivr('goodbye'), { speak: ivr('speak.goodbye') }));
    await step.context.sendActivity({ type: ActivityTypes.EndOfConversation });
    return step.endDialog();
  }

  /** The new-acquisitions list ends with the record the patron picked: reserve it. */
  private async followUp(step: WaterfallStepContext<MainOptions>) {
    const result = step.result as ({ recordId?: number } & BasketResult) | undefined;
    if (result?.recordId !== undefined) return step.beginDialog(RESERVE_DIALOG, { recordId: result.recordId } satisfies ReserveOptions);
    if (result?.reserve) return step.beginDialog(RESERVE_DIALOG);
    return step.next();
  }

  private async loop(step: WaterfallStepContext<MainOptions>) {
    return step.replaceDialog(STEPS, { again: true });
  }

  private menuItems(step: WaterfallStepContext<MainOptions>) {
    const s = session(step.context);
    const ill = this.services.policyFor(s.libraryId).ill.enabled;
    return MENU_ITEMS.filter((item) => (item.key !== 'ill' || ill) && (item.key !== 'basket' || s.basket.length > 0));
  }

  /** What the patron said instead of picking: an intent, or else the words of a search. */
  private routeFreeText(step: WaterfallStepContext<MainOptions>, text: string): Route | undefined {
    const understood = recognizeIntent(text, session(step.context).language);
    const route = routeForIntent(understood.intent, understood.entities.title ?? understood.entities.author ?? understood.entities.isbn);
    if (route) return route;
    // A question the bot cannot answer ("ποιος θα κερδίσει;", "milyen idő lesz?") is not a title to search for
    // after a card number: say so and show what it can do.
    if (isOpenQuestion(text, session(step.context).language)) return undefined;
    // A bare title or author ("Egri csillagok") is the most likely thing a patron types here.
    const query = withoutWanting(text);
    return query.length >= 3 ? { dialog: RESERVE_DIALOG, options: { query } satisfies ReserveOptions } : undefined;
  }
}

/** Below this a question about hours or addresses is more likely a title ("Η ώρα του λύκου"). */
const INFO_CONFIDENCE = 0.45;

function infoAnswer(intent: Intent, library: LibraryInfo, policy: LibraryPolicy, step: WaterfallStepContext<MainOptions>): string | undefined {
  const t = turnT(step.context, ['common', 'ivr']);
  const phone = library.phone;
  switch (intent) {
    case 'opening_hours': {
      const lines = library.branches.map((b) => {
        const hours = policy.branches[b.id]?.openingHours;
        return hours ? t('info.branch_hours', { branch: b.name, periods: weekPeriods(hours, turnT(step.context, 'ivr')) }) : undefined;
      }).filter((line): line is string => line !== undefined);
      return [t('info.hours'), ...lines, spokenHours(policy.phoneHours, turnT(step.context, 'ivr')) + ` (${phone})`].join('\n');
    }
    case 'address':
      return [t('info.address'), ...library.branches.map((b) => t('info.branch_address', { branch: b.name, address: b.address })), t('info.phone', { phone })].join('\n');
    case 'returns_info': return t('info.renewals', { phone });
    case 'membership': return t('info.membership', { phone });
    case 'fees': return t('info.fees', { phone });
    default: return undefined;
  }
}

function routeForIntent(intent: Intent, query: string | undefined): Route | undefined {
  switch (intent) {
    case 'reserve': return { dialog: RESERVE_DIALOG, options: { query } satisfies ReserveOptions };
    case 'new_acquisitions': return { dialog: NEW_ACQUISITIONS_DIALOG };
    case 'my_orders': return { dialog: MY_ORDERS_DIALOG };
    case 'cancel_order': return { dialog: MY_ORDERS_DIALOG, options: { action: 'cancel' } satisfies MyOrdersOptions };
    case 'arrived': return { dialog: ARRIVAL_DIALOG };
    case 'ill_request': return { dialog: ILL_REQUEST_DIALOG };
    case 'basket': return { dialog: BASKET_DIALOG };
    case 'help': return { help: true };
    default: return undefined;
  }
}
