import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { IllForm, IllKind } from '../domain/ill-status';
import { isIllAmount } from '../domain/rules/ill-costs';
import { allowedIllForms } from '../domain/rules/ill-forms';
import { parseNumber } from '../nlu/numbers';
import type { BotServices } from './bot-services';
import { ILL_DETAILS_DIALOG, IllDetailsDialog, type IllDetailsOptions } from './ill-details-dialog';
import { illSummary, illTermsText, money, type IllDetails } from './ill-format';
import { ask, tell } from './messages';
import { OptionPrompt, type OptionAnswer, type OptionPromptOptions } from './option-prompt';
import { session, turnT } from './session';
import { SIGN_IN_DIALOG, SignInDialog, type SignInOptions } from './sign-in-dialog';
import { YesNoPrompt } from './yes-no-prompt';
import { keptReplyAddress } from './reply-address';

export const ILL_REQUEST_DIALOG = 'illRequest';
const KIND = 'illRequest.kind';
const FORM = 'illRequest.form';
const MAX_COST = 'illRequest.maxCost';
const ACCEPT = 'illRequest.accept';
const CONFIRM = 'illRequest.confirm';
const STEPS = 'illRequest.steps';

const KINDS: readonly IllKind[] = ['book', 'article'];
/** An example amount for the "how much at most" question, in minor units (2 000 Ft / 20 €). */
const EXAMPLE_MAX_COST = 200000;

export interface IllRequestOptions {
  /** The words of a catalogue search that found nothing. */
  query?: string;
}

interface IllRequestState extends IllRequestOptions {
  details?: IllDetails;
  forms?: IllForm[];
  form?: IllForm;
  maxCost?: number;
  terms?: { text: string; version: string; acceptedAt: string };
  /** Names the final yes (see OrderDraft.requestKey). */
  requestKey?: string;
}

/**
 * An interlibrary loan request (seeds/004): eligibility first, then the document, its form, the
 * terms for that form (accepted in so many words, recorded with their version and time), a
 * summary and an explicit yes. Ends with `{ illRef }` when a request was written.
 */
export class IllRequestDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(ILL_REQUEST_DIALOG);
    this.addDialog(new SignInDialog(services)).addDialog(new IllDetailsDialog(services))
      .addDialog(new OptionPrompt(KIND)).addDialog(new OptionPrompt(FORM))
      .addDialog(new TextPrompt(MAX_COST, (p) => Promise.resolve(this.readAmount(p.context, p.recognized.value ?? '') !== undefined)))
      .addDialog(new YesNoPrompt(ACCEPT)).addDialog(new YesNoPrompt(CONFIRM))
      .addDialog(new WaterfallDialog<IllRequestState>(STEPS, [
        this.signIn.bind(this), this.checkEligibility.bind(this), this.describe.bind(this), this.chooseForm.bind(this),
        this.askMaxCost.bind(this), this.explainTerms.bind(this), this.summarise.bind(this), this.submit.bind(this),
      ]));
    this.initialDialogId = STEPS;
  }

  private async signIn(step: WaterfallStepContext<IllRequestState>) {
    const s = session(step.context);
    if (!this.services.policyFor(s.libraryId).ill.enabled) return step.next(false);
    if (s.patron) return step.next(true);
    return step.beginDialog(SIGN_IN_DIALOG, { purpose: 'ill' } satisfies SignInOptions);
  }

  private async checkEligibility(step: WaterfallStepContext<IllRequestState>) {
    const s = session(step.context);
    const t = turnT(step.context, ['ill', 'reasons']);
    const library = this.services.library(s.libraryId);
    const policy = this.services.policyFor(s.libraryId);
    if (!policy.ill.enabled) {
      await step.context.sendActivity(tell(t('reasons:ill.not_offered', { phone: library.phone })));
      return step.endDialog();
    }
    if (step.result !== true) return step.endDialog();
    const eligibility = await this.services.ill.request.eligibility(s.libraryId, s.patron!.id);
    if (!eligibility.allowed) {
      const params = eligibility.reason === 'ill.unpaid_postage'
        ? money(policy.currency, { amount: Number(eligibility.params?.amount ?? 0) }) : eligibility.params;
      await step.context.sendActivity(tell(t(`reasons:${eligibility.reason}`, { ...params, phone: library.phone })));
      return step.endDialog();
    }
    const labels = KINDS.map((k) => t(`kind.${k}`));
    return step.prompt(KIND, {
      // The terms a caller hears before confirming say what a loan is and the limit: not twice.
      prompt: ask(`${t('intro', { count: eligibility.remaining })}\n${t('kind.ask')}`, 'choice', { choices: labels, speak: t('kind.ask') }),
      retryPrompt: ask(t('kind.retry'), 'choice', { choices: labels }),
      validations: { labels },
    } satisfies OptionPromptOptions);
  }

  private async describe(step: WaterfallStepContext<IllRequestState>) {
    const kind = KINDS[(step.result as OptionAnswer).index]!;
    return step.beginDialog(ILL_DETAILS_DIALOG, { kind, ...(step.options.query ? { query: step.options.query } : {}) } satisfies IllDetailsOptions);
  }

  private async chooseForm(step: WaterfallStepContext<IllRequestState>) {
    const s = session(step.context);
    const t = turnT(step.context, 'ill');
    const details = step.result as IllDetails;
    step.options.details = details;
    const forms = allowedIllForms(details.kind, this.services.policyFor(s.libraryId));
    step.options.forms = forms;
    if (forms.length === 1) {
      // seeds/004: journal articles only as photocopy — say so rather than ask.
      if (details.kind === 'article') await step.context.sendActivity(tell(t('form.article_copy_only')));
      return step.next({ index: 0, text: '' } satisfies OptionAnswer);
    }
    const labels = forms.map((f) => t(`form.${f}`));
    return step.prompt(FORM, {
      prompt: ask(t('form.ask'), 'choice', { choices: labels }),
      retryPrompt: ask(t('form.retry'), 'choice', { choices: labels }),
      validations: { labels },
    } satisfies OptionPromptOptions);
  }

  private async askMaxCost(step: WaterfallStepContext<IllRequestState>) {
    const form = step.options.forms![(step.result as OptionAnswer).index]!;
    step.options.form = form;
    // An original is sent free; only its return postage is due, from the rate table.
    if (form === 'original') return step.next('0');
    const t = turnT(step.context, 'ill');
    const currency = this.services.policyFor(session(step.context).libraryId).currency;
    return step.prompt(MAX_COST, {
      // Who sets the cost is in the terms that follow: a caller hears only the question here.
      prompt: ask(t(`max_cost.${form}`, money(currency, { example: EXAMPLE_MAX_COST })), 'text', {
        speak: t(`ivr:speak.ill.max_cost.${form}`, money(currency, { example: EXAMPLE_MAX_COST })),
      }),
      retryPrompt: ask(t('max_cost.retry'), 'text'),
    });
  }

  private async explainTerms(step: WaterfallStepContext<IllRequestState>) {
    const s = session(step.context);
    const t = turnT(step.context, 'ill');
    const policy = this.services.policyFor(s.libraryId);
    const form = step.options.form!;
    step.options.maxCost = form === 'original' ? 0 : this.readAmount(step.context, String(step.result))!;
    const text = illTermsText(t, policy, form, step.options.maxCost);
    step.options.terms = { text, version: `${policy.ill.termsVersion}/${form}/${s.language}`, acceptedAt: '' };
    const yesNo = [t('common:yes'), t('common:no')];
    return step.prompt(ACCEPT, {
      prompt: ask(`${text}\n\n${t('terms.ask')}`, 'confirm', { choices: yesNo }),
      retryPrompt: ask(t('terms.retry'), 'confirm', { choices: yesNo }),
    });
  }

  private async summarise(step: WaterfallStepContext<IllRequestState>) {
    const s = session(step.context);
    const t = turnT(step.context, 'ill');
    if (step.result !== true) {
      await step.context.sendActivity(tell(t('terms.declined', { phone: this.services.library(s.libraryId).phone })));
      return step.endDialog();
    }
    // The moment the reader said yes to these words is what the acceptance records.
    step.options.terms!.acceptedAt = this.services.now().toISOString();
    const policy = this.services.policyFor(s.libraryId);
    const summary = illSummary(t, step.options.details!, step.options.form!, step.options.maxCost ?? 0, policy, s.language);
    // A form nobody chose (an article is always a photocopy, and the caller was told so) is not read back.
    const spoken = (step.options.forms?.length ?? 0) > 1 ? summary
      : illSummary(t, step.options.details!, step.options.form!, step.options.maxCost ?? 0, policy, s.language, { withForm: false });
    step.options.requestKey = randomUUID();
    const yesNo = [t('common:yes'), t('common:no')];
    return step.prompt(CONFIRM, {
      prompt: ask(`${summary}\n\n${t('summary.ask')}`, 'confirm', { choices: yesNo, speak: `${spoken}\n\n${t('summary.ask')}` }),
      retryPrompt: ask(t('summary.retry'), 'confirm', { choices: yesNo }),
    });
  }

  private async submit(step: WaterfallStepContext<IllRequestState>) {
    const s = session(step.context);
    const t = turnT(step.context, ['ill', 'reasons']);
    if (step.result !== true) {
      await step.context.sendActivity(tell(t('summary.not_confirmed')));
      return step.endDialog();
    }
    const policy = this.services.policyFor(s.libraryId);
    const library = this.services.library(s.libraryId);
    const d = step.options.details!;
    const terms = step.options.terms!;
    const outcome = await this.services.ill.request.run({
      libraryId: s.libraryId,
      patronId: s.patron!.id,
      channel: step.context.activity.channelId,
      language: s.language,
      conversationRef: keptReplyAddress(step.context),
      kind: d.kind, form: step.options.form!, title: d.title, author: d.author, year: d.year, isbn: d.isbn, journal: d.journal,
      volumeIssue: d.volumeIssue, pages: d.pages, notNeededAfter: d.notNeededAfter ? new Date(d.notNeededAfter) : undefined,
      maxCost: step.options.maxCost ?? 0, currency: policy.currency,
      terms: { text: terms.text, version: terms.version, language: s.language, acceptedAt: new Date(terms.acceptedAt), actor: `patron:${s.patron!.id}` },
      requestKey: step.options.requestKey,
    });
    if (!outcome.allowed) {
      const params = outcome.reason === 'ill.unpaid_postage' ? money(policy.currency, { amount: Number(outcome.params?.amount ?? 0) }) : outcome.params;
      await step.context.sendActivity(tell(t(`reasons:${outcome.reason}`, { ...params, phone: library.phone })));
      return step.endDialog();
    }
    await step.context.sendActivity(tell(t('confirmed', { ref: outcome.ref }), {
      speak: t('confirmed', { ref: outcome.ref.split('').join(' ') }),
      channelData: { illRef: outcome.ref },
    }));
    if (outcome.ils) await step.context.sendActivity(tell(t(`reasons:${outcome.ils}`, { phone: library.phone })));
    return step.endDialog({ illRef: outcome.ref });
  }

  /** "2000", "kétezer", "2 000 Ft" → minor units; undefined when no amount is heard. */
  private readAmount(context: TurnContext, text: string): number | undefined {
    const digits = text.replace(/(?<=\d)[\s.](?=\d{3}\b)/g, '');
    const major = /\d+/.test(digits) ? Number(/\d+/.exec(digits)![0]) : parseNumber(text, session(context).language);
    // An amount past what a request can record is a mishearing: ask again rather than store it.
    const minor = major !== undefined && Number.isFinite(major) ? Math.round(major * 100) : undefined;
    return minor !== undefined && isIllAmount(minor) ? minor : undefined;
  }
}
