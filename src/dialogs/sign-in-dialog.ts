import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotServices } from './bot-services';
import { ask, tell } from './messages';
import { session, turnT } from './session';

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
    const why = t(`signin.why.${step.options.purpose ?? 'hold'}`);
    return step.prompt(CARD, {
      prompt: ask(`${why} ${t('signin.ask_card')}`, 'cardNumber', { speak: `${why} ${t('ivr:speak.signin.ask_card')}` }),
      retryPrompt: ask(t('signin.retry_card'), 'cardNumber', { speak: t('ivr:speak.signin.retry_card') }),
    });
  }

  private async askPin(step: WaterfallStepContext<SignInState>) {
    const t = turnT(step.context, ['holds', 'ivr']);
    step.options.cardNumber = onlyDigits(String(step.result));
    return step.prompt(PIN, {
      prompt: ask(t('signin.ask_pin'), 'pin', { speak: t('ivr:speak.signin.ask_pin') }),
      retryPrompt: ask(t('signin.retry_pin'), 'pin', { speak: t('ivr:speak.signin.retry_pin') }),
    });
  }

  private async check(step: WaterfallStepContext<SignInState>) {
    const t = turnT(step.context, ['holds', 'reasons']);
    const s = session(step.context);
    const library = this.services.library(s.libraryId);
    const result = await this.services.signIn.run(s.libraryId, step.options.cardNumber ?? '', onlyDigits(String(step.result)));
    if (result.allowed) {
      s.patron = { id: result.patron.id, name: result.patron.name };
      await step.context.sendActivity(tell(t('signin.welcome', { name: result.patron.name })));
      return step.endDialog(true);
    }
    if (result.reason === 'signin.invalid' && step.options.attempt < MAX_ATTEMPTS) {
      const left = MAX_ATTEMPTS - step.options.attempt;
      await step.context.sendActivity(tell(t('signin.invalid', { ns: 'reasons', count: left })));
      return step.replaceDialog(STEPS, { attempt: step.options.attempt + 1, purpose: step.options.purpose } satisfies SignInState);
    }
    const reason = result.reason === 'signin.invalid' ? 'signin.too_many_attempts' : result.reason;
    await step.context.sendActivity(tell(t(reason, { ns: 'reasons', ...result.params, phone: library.phone })));
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
