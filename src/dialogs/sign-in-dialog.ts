import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Params } from '../domain/decision';
import type { SignInRefusal } from '../domain/services/sign-in';
import type { BotServices } from './bot-services';
import { ask, tell } from './messages';
import { markRetry } from './option-prompt';
import { session, turnT } from './session';
import { signInSource } from './sign-in-source';

export const SIGN_IN_DIALOG = 'signIn';
const CARD = 'signIn.card';
const PIN = 'signIn.pin';
const STEPS = 'signIn.steps';

/** Wrong card/PIN pairs allowed in one conversation before the bot sends the patron to the desk. */
export const MAX_ATTEMPTS = 3;

/** What the sign-in is for: the patron hears why before the first question ("to see your holds you need to sign in"). */
export interface SignInOptions { purpose?: 'hold' | 'ill' | 'orders' | 'arrival' }
interface SignInState extends SignInOptions { attempt: number; cardNumber?: string }

/** Card number then PIN. The PIN is checked and forgotten in the same turn: it is never kept in state. */
export class SignInDialog extends ComponentDialog {
  constructor(private readonly services: BotServices) {
    super(SIGN_IN_DIALOG);
    this.addDialog(new TextPrompt(CARD, digitsValidator(4, 14)))
      .addDialog(new TextPrompt(PIN, digitsValidator(4, 8)))
      .addDialog(new WaterfallDialog(STEPS, [this.askCard.bind(this), this.askPin.bind(this), this.check.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askCard(step: WaterfallStepContext<SignInState>) {
    const t = turnT(step.context, ['holds', 'ivr']);
    step.options.attempt ??= 1;
    // A limited caller hears it before keying a card number in, not after.
    const limit = await this.services.signIn.sourceLimit(session(step.context).libraryId, signInSource(step.context));
    if (!limit.allowed) return this.refused(step, limit.reason, limit.params);
    const why = t(`signin.why.${step.options.purpose ?? 'hold'}`);
    // A caller has just chosen the task: the card question alone says what is needed.
    return step.prompt(CARD, {
      prompt: ask(`${why} ${t('signin.ask_card')}`, 'cardNumber', { speak: t('ivr:speak.signin.ask_card') }),
      retryPrompt: markRetry(ask(t('signin.retry_card'), 'cardNumber', { speak: t('ivr:speak.signin.retry_card') })),
    });
  }

  private async askPin(step: WaterfallStepContext<SignInState>) {
    const t = turnT(step.context, ['holds', 'ivr']);
    step.options.cardNumber = onlyDigits(String(step.result));
    return step.prompt(PIN, {
      prompt: ask(t('signin.ask_pin'), 'pin', { speak: t('ivr:speak.signin.ask_pin') }),
      retryPrompt: markRetry(ask(t('signin.retry_pin'), 'pin', { speak: t('ivr:speak.signin.retry_pin') })),
    });
  }

  private async check(step: WaterfallStepContext<SignInState>) {
    const t = turnT(step.context, ['holds', 'reasons']);
    const s = session(step.context);
    const result = await this.services.signIn.run(s.libraryId, step.options.cardNumber ?? '', onlyDigits(String(step.result)), signInSource(step.context));
    if (result.allowed) {
      s.patron = { id: result.patron.id, name: result.patron.name, userId: step.context.activity.from?.id };
      await step.context.sendActivity(tell(t('signin.welcome', { name: result.patron.name })));
      return step.endDialog(true);
    }
    if (result.reason === 'signin.invalid' && step.options.attempt < MAX_ATTEMPTS) {
      // That failure may have filled the source's window: then "2 more tries" would be untrue.
      const limit = await this.services.signIn.sourceLimit(s.libraryId, signInSource(step.context));
      if (!limit.allowed) return this.refused(step, limit.reason, limit.params);
      const left = MAX_ATTEMPTS - step.options.attempt;
      await step.context.sendActivity(tell(t('signin.invalid', { ns: 'reasons', count: left })));
      return step.replaceDialog(STEPS, { attempt: step.options.attempt + 1, purpose: step.options.purpose } satisfies SignInState);
    }
    return this.refused(step, result.reason === 'signin.invalid' ? 'signin.too_many_attempts' : result.reason, result.params);
  }

  /** The sign-in ends unsigned; the patron hears why and the library's number. */
  private async refused(step: WaterfallStepContext<SignInState>, reason: SignInRefusal | 'signin.too_many_attempts', params?: Params) {
    const t = turnT(step.context, ['reasons', 'ivr']);
    const values = { ...params, phone: this.services.library(session(step.context).libraryId).phone };
    const text = t(reason, { ns: 'reasons', ...values });
    // On the phone "from here" is this number; on a screen it is the device or network.
    const speak = reason === 'signin.source_limited' ? t('ivr:speak.signin.source_limited', values) : undefined;
    await step.context.sendActivity(tell(text, speak ? { speak } : {}));
    return step.endDialog(false);
  }
}

const onlyDigits = (text: string) => text.replace(/\D/g, '');

/** Accepts digits with spaces or dashes between them, as people read a card aloud or key it. */
function digitsValidator(min: number, max: number) {
  return async (prompt: PromptValidatorContext<string>) => {
    const raw = (prompt.recognized.value ?? '').trim();
    if (!/^[\d\s-]+$/.test(raw)) return false;
    const digits = onlyDigits(raw);
    return digits.length >= min && digits.length <= max;
  };
}
