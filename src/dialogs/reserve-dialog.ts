import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { checkAnyAvailable, pickupBranches } from '../domain/rules/copy-availability';
import type { BranchAvailability } from '../domain/types';
import type { BotServices } from './bot-services';
import { CHECKOUT_DIALOG, CheckoutDialog } from './checkout-dialog';
import { COPY_ALERT_DIALOG, CopyAlertDialog, type CopyAlertOptions } from './copy-alert-dialog';
import { ask, tell } from './messages';
import { OptionPrompt, type OptionAnswer, type OptionPromptOptions } from './option-prompt';
import { SEARCH_DIALOG, SearchDialog } from './search-dialog';
import { session, turnT } from './session';
import { SIGN_IN_DIALOG, SignInDialog } from './sign-in-dialog';

export const RESERVE_DIALOG = 'reserve';
const BRANCH = 'reserve.branch';
const NEXT = 'reserve.next';
const STEPS = 'reserve.steps';

export interface ReserveOptions { query?: string; recordId?: number; quiet?: boolean }
interface ReserveState extends ReserveOptions {
  title?: string; recordIdPicked?: number; branches?: BranchAvailability[];
  /** The patron was offered "tell me when a copy is back": the next step resumes the search, not the basket. */
  alertOffered?: boolean;
}

/** Signs the patron in, finds a book, picks the copy's branch and puts it in the basket. */
export class ReserveDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(RESERVE_DIALOG);
    this.addDialog(new SignInDialog(services)).addDialog(new SearchDialog(services)).addDialog(new CheckoutDialog(services)).addDialog(new CopyAlertDialog(services))
      .addDialog(new OptionPrompt(BRANCH)).addDialog(new OptionPrompt(NEXT))
      .addDialog(new WaterfallDialog(STEPS, [
        this.signIn.bind(this), this.checkAccount.bind(this), this.chooseBranch.bind(this),
        this.addToBasket.bind(this), this.afterAdd.bind(this),
      ]));
    this.initialDialogId = STEPS;
  }

  private async signIn(step: WaterfallStepContext<ReserveState>) {
    if (session(step.context).patron) return step.next(true);
    return step.beginDialog(SIGN_IN_DIALOG);
  }

  private async checkAccount(step: WaterfallStepContext<ReserveState>) {
    if (step.result !== true) return step.endDialog();
    const t = turnT(step.context, ['holds', 'reasons']);
    const s = session(step.context);
    const allowance = await this.services.holdAllowance.check(s.patron!.id, s.libraryId, s.basket.length);
    if (!allowance) return step.endDialog();
    const library = this.services.library(s.libraryId);
    if (!allowance.allowed && allowance.reason !== 'hold.limit_reached') {
      await step.context.sendActivity(tell(t(allowance.reason, { ns: 'reasons', phone: library.phone })));
      return step.endDialog();
    }
    if (!allowance.allowed) {
      await step.context.sendActivity(tell(t('hold.limit_reached', { ns: 'reasons', ...allowance.params })));
      return s.basket.length > 0 ? step.replaceDialog(CHECKOUT_DIALOG) : step.endDialog();
    }
    const remaining = allowance.remaining;
    // A caller hears the allowance only when it is the last one: otherwise a detail that lengthens the call.
    if (!step.options.quiet) await step.context.sendActivity(tell(t('reserve.remaining', { count: remaining }), remaining === 1 ? {} : { speak: '' }));
    if (step.options.recordId !== undefined) return step.next(step.options.recordId);
    return step.beginDialog(SEARCH_DIALOG, { query: step.options.query });
  }

  private async chooseBranch(step: WaterfallStepContext<ReserveState>) {
    if (typeof step.result !== 'number') return step.endDialog();
    const t = turnT(step.context, ['holds', 'reasons']);
    const s = session(step.context);
    const record = await this.services.search.record(step.result);
    if (!record) return step.replaceDialog(STEPS, { quiet: true });
    const availability = await this.services.liveAvailability.of(record, s.libraryId);
    if (!checkAnyAvailable(availability, this.services.policyFor(s.libraryId)).allowed) {
      await step.context.sendActivity(tell(t('hold.all_on_loan', { ns: 'reasons', title: record.title })));
      step.options.alertOffered = true;
      return step.beginDialog(COPY_ALERT_DIALOG, { recordId: record.id, title: record.title } satisfies CopyAlertOptions);
    }
    if (s.basket.some((item) => item.recordId === record.id)) {
      await step.context.sendActivity(tell(t('reserve.already_in_basket', { title: record.title })));
      return step.replaceDialog(STEPS, { quiet: true });
    }
    const branches = pickupBranches(availability, this.services.policyFor(s.libraryId));
    step.options.recordIdPicked = record.id;
    step.options.title = record.title;
    step.options.branches = branches;
    if (branches.length === 1) return step.next({ index: 0, text: '' } satisfies OptionAnswer);
    const labels = branches.map((b) => b.branchName);
    return step.prompt(BRANCH, {
      prompt: ask(t('reserve.choose_branch', { title: record.title }), 'choice', { choices: labels }),
      retryPrompt: ask(t('reserve.choose_branch_retry'), 'choice', { choices: labels }),
      validations: { labels },
    } satisfies OptionPromptOptions);
  }

  private async addToBasket(step: WaterfallStepContext<ReserveState>) {
    if (step.options.alertOffered) return step.replaceDialog(STEPS, { quiet: true });
    const t = turnT(step.context, 'holds');
    const s = session(step.context);
    const branch = step.options.branches?.[(step.result as OptionAnswer).index];
    if (!branch || step.options.recordIdPicked === undefined) return step.endDialog();
    s.basket.push({ recordId: step.options.recordIdPicked, title: step.options.title ?? '', branchId: branch.branchId, branchName: branch.branchName });
    // A caller has just picked it by number: the title and branch again would only lengthen the call.
    await step.context.sendActivity(tell(t('reserve.added', { title: step.options.title, branch: branch.branchName, count: s.basket.length }), {
      speak: t('ivr:speak.reserve.added'),
    }));
    const allowance = await this.services.holdAllowance.check(s.patron!.id, s.libraryId, s.basket.length);
    const left = allowance?.allowed ? allowance.remaining : 0;
    if (left <= 0) {
      await step.context.sendActivity(tell(t('reserve.basket_full')));
      return step.replaceDialog(CHECKOUT_DIALOG);
    }
    // In this order: the spoken question (ivr:speak.reserve.what_next) names their keys, 1 and 2.
    const labels = [t('reserve.another'), t('reserve.checkout')];
    return step.prompt(NEXT, {
      prompt: ask(t('reserve.what_next', { count: left }), 'choice', { choices: labels, speak: t('ivr:speak.reserve.what_next'), readKeys: false }),
      retryPrompt: ask(t('reserve.what_next_retry'), 'choice', { choices: labels }),
      validations: { labels },
    } satisfies OptionPromptOptions);
  }

  private async afterAdd(step: WaterfallStepContext<ReserveState>) {
    const answer = step.result as OptionAnswer;
    if (answer.index === 0) return step.replaceDialog(STEPS, { quiet: true });
    return step.replaceDialog(CHECKOUT_DIALOG);
  }
}
