import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { OPEN_STATUSES } from '../domain/order-status';
import type { OrderView } from '../domain/ports/staff-order-repository';
import { formatSlot } from '../i18n/format-date';
import { APPOINTMENT_DIALOG, AppointmentDialog, type AppointmentOptions } from './appointment-dialog';
import type { BotServices } from './bot-services';
import { ILL_STATUS_DIALOG, IllStatusDialog } from './ill-status-dialog';
import { ask, tell } from './messages';
import { OptionPrompt, type OptionAnswer, type OptionPromptOptions } from './option-prompt';
import { session, turnT } from './session';
import { SIGN_IN_DIALOG, SignInDialog, type SignInOptions } from './sign-in-dialog';
import { YesNoPrompt } from './yes-no-prompt';

export const MY_ORDERS_DIALOG = 'myOrders';
const CHOICE = 'myOrders.choice';
const CONFIRM = 'myOrders.confirm';
const STEPS = 'myOrders.steps';

export interface MyOrdersOptions {
  /** Said straight away ("ακύρωση κράτησης"): skip the "anything to change?" question. */
  action?: 'cancel' | 'move';
}

interface OpenOrder { ref: string; titles: string; branches: Array<{ id: string; name: string }>; hasAppointment: boolean }
interface MyOrdersState extends MyOrdersOptions { open?: OpenOrder[]; picked?: number }

const ACTIONS = ['cancel', 'move', 'nothing'] as const;

/**
 * "Τι κρατήσεις έχω;" / "hol tart a kérésem?": the patron's recent orders with their status and
 * pickup appointments; then cancel an open order or book/move its pickup time.
 */
export class MyOrdersDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(MY_ORDERS_DIALOG);
    this.addDialog(new SignInDialog(services)).addDialog(new IllStatusDialog(services)).addDialog(new AppointmentDialog(services))
      .addDialog(new OptionPrompt(CHOICE)).addDialog(new YesNoPrompt(CONFIRM))
      .addDialog(new WaterfallDialog<MyOrdersState>(STEPS, [
        this.signIn.bind(this), this.illStatus.bind(this), this.list.bind(this), this.pickOrder.bind(this), this.pickDetail.bind(this), this.act.bind(this),
      ]));
    this.initialDialogId = STEPS;
  }

  private async signIn(step: WaterfallStepContext<MyOrdersState>) {
    if (session(step.context).patron) return step.next(true);
    return step.beginDialog(SIGN_IN_DIALOG, { purpose: 'orders' } satisfies SignInOptions);
  }

  /** Interlibrary loan requests first ("hol tart a kérésem?"); silent for a reader with none. */
  private async illStatus(step: WaterfallStepContext<MyOrdersState>) {
    if (step.result !== true) return step.endDialog();
    return step.beginDialog(ILL_STATUS_DIALOG);
  }

  private async list(step: WaterfallStepContext<MyOrdersState>) {
    if (step.result !== true) return step.endDialog();
    const t = turnT(step.context, ['holds', 'pickup']);
    const s = session(step.context);
    const orders = (await this.services.patronOrders.forPatron(s.patron!.id, 5)).filter((o) => o.libraryId === s.libraryId);
    if (orders.length === 0) {
      await step.context.sendActivity(tell(t('orders.none')));
      return step.endDialog();
    }
    const zone = this.services.policyFor(s.libraryId).timezone;
    const lines = orders.map((o) => this.describe(t, o, s.language, zone));
    await step.context.sendActivity(tell([t('orders.header', { count: orders.length }), ...lines].join('\n')));
    step.options.open = orders.filter((o) => OPEN_STATUSES.includes(o.status)).map((o) => ({
      ref: o.ref, titles: o.items.map((i) => t('pickup:title_quoted', { title: i.title })).join(', '),
      branches: [...new Map(o.items.map((i) => [i.branchId, { id: i.branchId, name: i.branchName }])).values()],
      hasAppointment: o.appointments.length > 0,
    }));
    if (step.options.open.length === 0) {
      if (step.options.action) await step.context.sendActivity(tell(t('pickup:orders.none_open')));
      return step.endDialog();
    }
    if (step.options.action) return step.next({ index: ACTIONS.indexOf(step.options.action), text: '' } satisfies OptionAnswer);
    const labels = ACTIONS.map((a) => t(`pickup:orders.${a}`));
    return step.prompt(CHOICE, {
      prompt: ask(t('pickup:orders.what_next'), 'choice', { choices: labels }),
      retryPrompt: ask(t('pickup:orders.what_next_retry'), 'choice', { choices: labels }),
      validations: { labels },
    } satisfies OptionPromptOptions);
  }

  private async pickOrder(step: WaterfallStepContext<MyOrdersState>) {
    const action = ACTIONS[(step.result as OptionAnswer).index];
    if (!action || action === 'nothing') return step.endDialog();
    step.options.action = action;
    const open = step.options.open ?? [];
    if (open.length === 1) return step.next({ index: 0, text: '' } satisfies OptionAnswer);
    const t = turnT(step.context, 'pickup');
    const labels = open.map((o) => t('orders.order_label', { ref: o.ref, titles: o.titles }));
    return step.prompt(CHOICE, {
      prompt: ask(t('orders.which'), 'choice', { choices: labels }),
      retryPrompt: ask(t('orders.which_retry'), 'choice', { choices: labels }),
      validations: { labels },
    } satisfies OptionPromptOptions);
  }

  private async pickDetail(step: WaterfallStepContext<MyOrdersState>) {
    const t = turnT(step.context, 'pickup');
    const order = step.options.open?.[(step.result as OptionAnswer).index];
    if (!order) return step.endDialog();
    step.options.picked = (step.result as OptionAnswer).index;
    if (step.options.action === 'cancel') {
      const choices = [t('common:yes'), t('common:no')];
      return step.prompt(CONFIRM, {
        prompt: ask(t('orders.confirm_cancel', { ref: order.ref }), 'confirm', { choices }),
        retryPrompt: ask(t('orders.confirm_cancel_retry'), 'confirm', { choices }),
      });
    }
    if (order.branches.length === 1) return step.next({ index: 0, text: '' } satisfies OptionAnswer);
    const labels = order.branches.map((b) => b.name);
    return step.prompt(CHOICE, {
      prompt: ask(t('orders.which_branch'), 'choice', { choices: labels }),
      retryPrompt: ask(t('orders.which_retry'), 'choice', { choices: labels }),
      validations: { labels },
    } satisfies OptionPromptOptions);
  }

  private async act(step: WaterfallStepContext<MyOrdersState>) {
    const t = turnT(step.context, ['pickup', 'reasons']);
    const s = session(step.context);
    const order = step.options.open![step.options.picked!]!;
    if (step.options.action === 'move') {
      const branch = order.branches[(step.result as OptionAnswer).index];
      if (!branch) return step.endDialog();
      return step.replaceDialog(APPOINTMENT_DIALOG, { ref: order.ref, branches: [branch], move: order.hasAppointment } satisfies AppointmentOptions);
    }
    if (step.result !== true) {
      await step.context.sendActivity(tell(t('orders.not_cancelled')));
      return step.endDialog();
    }
    const outcome = await this.services.transitionOrder.run({
      libraryId: s.libraryId, ref: order.ref, to: 'cancelled', actor: `patron:${s.patron!.id}`, note: 'by_patron', patronId: s.patron!.id,
    });
    const library = this.services.library(s.libraryId);
    await step.context.sendActivity(tell(outcome.allowed
      ? t('orders.cancelled', { ref: order.ref })
      : t(outcome.reason, { ns: 'reasons', ...outcome.params, phone: library.phone })));
    return step.endDialog();
  }

  private describe(t: ReturnType<typeof turnT>, o: OrderView, language: string, zone: string): string {
    const line = t('orders.line', {
      ref: o.ref, status: t(`orders.status.${o.status}`), titles: o.items.map((i) => t('pickup:title_at_branch', { title: i.title, branch: i.branchName })).join(', '),
    });
    if (!OPEN_STATUSES.includes(o.status)) return line;
    const appointments = o.appointments.length > 0
      ? o.appointments.map((a) => t('pickup:appointment_line', { when: formatSlot(a.startsAt, language, zone), branch: a.branchName }))
      : [t('pickup:no_appointment_line')];
    return [line, ...appointments].join(' ');
  }
}
