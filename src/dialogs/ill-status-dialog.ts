import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { IllRequestView } from '../domain/ports/ill-repository';
import { formatDay } from '../i18n/format-date';
import type { BotServices } from './bot-services';
import { money } from './ill-format';
import { ask, tell } from './messages';
import { session, turnT } from './session';
import { YesNoPrompt } from './yes-no-prompt';

export const ILL_STATUS_DIALOG = 'illStatus';
const COST = 'illStatus.cost';
const STEPS = 'illStatus.steps';

/** Requests listed per report: enough to cover the 3 outstanding and the latest finished ones. */
const LIMIT = 5;

interface IllStatusState { pendingRef?: string; costText?: string; amount?: number }

/**
 * "Hol tart a kérésem?": each interlibrary loan request with its status, what is owed, and —
 * when the lender asks more than the reader accepted — the question whether to go on
 * (seeds/004: the reader pays what the lender sets). Says nothing when the reader has none.
 * Expects a signed-in reader; ends with `true` so a caller's waterfall can carry on.
 */
export class IllStatusDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(ILL_STATUS_DIALOG);
    this.addDialog(new YesNoPrompt(COST))
      .addDialog(new WaterfallDialog<IllStatusState>(STEPS, [this.report.bind(this), this.decide.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async report(step: WaterfallStepContext<IllStatusState>) {
    const s = session(step.context);
    if (!s.patron) return step.endDialog(true);
    const t = turnT(step.context, 'ill');
    const requests = (await this.services.ill.requests.listForPatron(s.patron.id, LIMIT)).filter((r) => r.libraryId === s.libraryId);
    const charges = await this.services.ill.requests.unpaidCharges(s.patron.id);
    if (requests.length === 0 && charges.length === 0) return step.endDialog(true);
    const policy = this.services.policyFor(s.libraryId);
    const lines = requests.map((r) => this.describe(r, s.language, policy.timezone, step));
    const owed = charges.map((c) => t('status.owed', { ref: c.requestRef ?? '', ...money(policy.currency, { amount: c.amount }) }));
    await step.context.sendActivity(tell([t('status.header', { count: requests.length }), ...lines, ...owed].join('\n\n')));
    const pending = requests.find((r) => r.status === 'terms_received' && r.costAcceptancePending);
    if (!pending) return step.endDialog(true);
    const amount = pending.lenderCost ?? 0;
    step.options.pendingRef = pending.ref;
    step.options.amount = amount;
    step.options.costText = t('cost.accepted_text', { ref: pending.ref, ...money(pending.currency, { amount }) });
    const yesNo = [t('common:yes'), t('common:no')];
    return step.prompt(COST, {
      prompt: ask(t('cost.ask', { ref: pending.ref, title: pending.title, ...money(pending.currency, { amount, max: pending.maxCost }) }), 'confirm', { choices: yesNo }),
      retryPrompt: ask(t('cost.retry'), 'confirm', { choices: yesNo }),
    });
  }

  private async decide(step: WaterfallStepContext<IllStatusState>) {
    const s = session(step.context);
    const t = turnT(step.context, ['ill', 'reasons']);
    const accepted = step.result === true;
    const outcome = await this.services.ill.workflow.apply(s.libraryId, step.options.pendingRef!, {
      type: 'cost_decision', accepted,
      // The reader's yes to these words, in their language, is the new acceptance on record.
      ...(accepted ? { acceptance: { version: `cost/${s.language}`, text: step.options.costText!, language: s.language, acceptedAt: this.services.now(), amount: step.options.amount! } } : {}),
    }, `patron:${s.patron!.id}`);
    if (!outcome.allowed) {
      await step.context.sendActivity(tell(t(`reasons:${outcome.reason}`, outcome.params)));
      return step.endDialog(true);
    }
    await step.context.sendActivity(tell(t(accepted ? 'cost.accepted' : 'cost.declined')));
    return step.endDialog(true);
  }

  private describe(r: IllRequestView, language: string, zone: string, step: WaterfallStepContext<IllStatusState>): string {
    const t = turnT(step.context, 'ill');
    const line = t('status.line', { ref: r.ref, title: r.title, status: t(`status.name.${r.status}`) });
    const detail = r.status === 'arrived' && r.collectBy
      ? t('status.arrived_detail', { date: formatDay(r.collectBy, language, zone), ...money(r.currency, { amount: r.amountDue ?? 0 }) })
      : r.status === 'collected' && r.use === 'home' && r.dueDate ? t('status.collected_home', { date: formatDay(r.dueDate, language, zone) })
        : r.status === 'collected' && r.use === 'reading_room' ? t('status.collected_reading_room')
          : r.status === 'terms_received' && r.costAcceptancePending ? t('status.cost_pending') : '';
    return detail ? `${line} ${detail}` : line;
  }
}
