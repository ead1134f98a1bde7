import type { Activity } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Language } from '../domain/types';
import { LANGUAGES } from '../domain/types';
import type { BotServices } from '../dialogs/bot-services';
import { capabilities } from '../dialogs/capabilities';
import { MAIN_DIALOG, type MainOptions } from '../dialogs/main-dialog';
import { tell, type Slot } from '../dialogs/messages';
import { matchOption } from '../dialogs/option-prompt';
import { session, turnT, type Session } from '../dialogs/session';
import { pageHeading } from '../i18n/page-heading';
import { parseBasketEdit } from '../nlu/basket-edit';
import { recognizeIntent } from '../nlu/recognize';
import type { Intent, Understanding } from '../nlu/types';

/** What a handler may touch: the dialog stack, the session, and the library's facts. */
export interface InterruptionTurn {
  dc: DialogContext;
  s: Session;
  understood: Understanding;
  services: BotServices;
}

interface Interruption {
  /**
   * Below this the words are taken as an answer to the question, not as a change of subject.
   * A wrong "help" or "staff" costs one extra sentence and the same question again; a wrong
   * "cancel" or "start over" throws work away, so those must be surer.
   */
  confidence: number;
  /** True when the turn is answered; false hands the words to the question after all. */
  handle(turn: InterruptionTurn): Promise<boolean>;
}

/** Slots whose answers are secrets or digits: digits there are never run through intent recognition. */
const PRIVATE_SLOTS: readonly Slot[] = ['pin', 'cardNumber'];
/** How a card number or PIN is typed or spoken: digits, with spaces or dashes between groups. */
const DIGITS_ONLY = /^[\d\s-]+$/;

/** Commands that work at every prompt, card and PIN included. */
export const INTERRUPTIONS: Partial<Record<Intent, Interruption>> = {
  switch_language: { confidence: 0.75, handle: switchLanguage },
  help: { confidence: 0.5, handle: help },
  human: { confidence: 0.5, handle: human },
  cancel: { confidence: 0.75, handle: cancel },
  start_over: { confidence: 0.75, handle: startOver },
};

/**
 * Honours a command said instead of an answer. Not a command: digits at a card or PIN prompt
 * (that is the card or PIN), and words that name one of the options just offered — «ακύρωση»
 * where the list says «Ακύρωση παραγγελίας», «Βοήθεια» on the menu — which the question reads.
 */
export async function interrupt(dc: DialogContext, s: Session, text: string, services: BotServices): Promise<boolean> {
  if (!text) return false;
  if (s.slot && PRIVATE_SLOTS.includes(s.slot) && DIGITS_ONLY.test(text)) return false;
  if (s.choices && matchOption(text, s.choices, s.language) !== undefined) return false;
  if (await editBasket(dc, s, text)) return true;
  const understood = recognizeIntent(text, s.language);
  const entry = INTERRUPTIONS[understood.intent];
  if (!entry || understood.confidence < entry.confidence) return false;
  return entry.handle({ dc, s, understood, services });
}

/**
 * "όχι, βγάλε τον Ζορμπά", "βγάλ' το", "τη Φόνισσα αντί για τον Ζορμπά", "vegye ki az Egri csillagokat":
 * wherever the patron is, the book goes, and they see the basket (or the search for the replacement).
 */
async function editBasket(dc: DialogContext, s: Session, text: string): Promise<boolean> {
  const edit = parseBasketEdit(text, s.language, s.basket.map((item) => item.title));
  if (!edit) return false;
  const [item] = s.basket.splice(edit.remove, 1);
  const t = turnT(dc.context, 'holds');
  if (item) await dc.context.sendActivity(tell(t('basket.removed', { title: item.title })));
  await dc.cancelAllDialogs();
  if (edit.instead) {
    await dc.beginDialog(MAIN_DIALOG, { start: { query: edit.instead } } satisfies MainOptions);
  } else if (s.basket.length === 0) {
    await dc.context.sendActivity(tell(t('basket.now_empty')));
    await dc.beginDialog(MAIN_DIALOG, { again: true } satisfies MainOptions);
  } else {
    await dc.beginDialog(MAIN_DIALOG, { start: 'basket' } satisfies MainOptions);
  }
  return true;
}

/**
 * Words the question waiting for an answer in the session's (new) language: each locale string
 * it was made of is rendered again with the same parameters; what came from data (titles, names,
 * times) stays as it was. False when there is no such question or nothing of it is known.
 */
function rewordQuestion(dc: DialogContext, s: Session): boolean {
  let inner = dc;
  while (inner.child) inner = inner.child;
  const options = (inner.activeDialog?.state as { options?: RewordablePrompt } | undefined)?.options;
  if (!options?.prompt || !s.wording?.length) return false;
  const wording = s.wording;
  const renders = wording.map((w) => [w.text, String(turnT(dc.context, w.ns)(w.key, w.params))] as const);
  const reword = (text: string) => renders.reduce((out, [before, after]) => out.split(before).join(after), text);
  const rewordActivity = (a: RewordablePrompt['prompt']) => {
    if (!a) return;
    if (a.text) a.text = reword(a.text);
    if (a.speak) a.speak = reword(a.speak);
    for (const action of a.suggestedActions?.actions ?? []) {
      action.title = reword(String(action.title ?? ''));
      if (typeof action.value === 'string') action.value = reword(action.value);
    }
    const data = a.channelData as { choices?: string[] } | undefined;
    if (data?.choices) data.choices = data.choices.map(reword);
  };
  rewordActivity(options.prompt);
  rewordActivity(options.retryPrompt);
  if (options.validations?.labels) options.validations.labels = options.validations.labels.map(reword);
  return true;
}

type RewordablePrompt = {
  prompt?: Partial<Activity>;
  retryPrompt?: Partial<Activity>;
  validations?: { labels?: string[] };
};

async function backToMenu(dc: DialogContext): Promise<void> {
  await dc.cancelAllDialogs();
  await dc.beginDialog(MAIN_DIALOG, { again: true } satisfies MainOptions);
}

async function switchLanguage({ dc, s, understood }: InterruptionTurn): Promise<boolean> {
  const wanted = understood.entities.language;
  if (wanted && (LANGUAGES as readonly string[]).includes(wanted)) {
    s.language = wanted as Language;
    await dc.context.sendActivity(tell(turnT(dc.context)('language.switched'), { channelData: { page: languagePage(dc.context) } }));
    // The same question again, in the new language; the menu only when it cannot be worded again.
    if (rewordQuestion(dc, s)) await dc.repromptDialog();
    else await backToMenu(dc);
  } else {
    await dc.context.sendActivity(tell(turnT(dc.context)('language.unavailable')));
    await dc.repromptDialog();
  }
  return true;
}

/** What a screen shows around the conversation, in the language now spoken: the web chat page follows it. */
export function languagePage(context: DialogContext['context']): { lang: string; locale: string; heading: string; title: string } {
  const t = turnT(context);
  const lang = t('page.lang');
  return { lang, locale: t('page.locale'), heading: pageHeading(t, session(context).libraryId), title: t('page.title') };
}

async function help({ dc, s }: InterruptionTurn): Promise<boolean> {
  const t = turnT(dc.context);
  // Help for the question asked: how to find the card number, what the PIN is, how to answer a list.
  await dc.context.sendActivity(tell(t(`help.${s.help ?? s.slot ?? 'main'}`, { defaultValue: t('help.main') })));
  if (dc.activeDialog) await dc.repromptDialog();
  return true;
}

async function human({ dc, s, services }: InterruptionTurn): Promise<boolean> {
  const text = turnT(dc.context)('human', { phone: services.library(s.libraryId).phone });
  if (capabilities(dc.context).transfersCalls) {
    // The channel puts the call through (or, when closed, offers a call back); the
    // dialog stays where it was in case the caller comes back.
    await dc.context.sendActivity(tell(text, { channelData: { transfer: true } }));
    return true;
  }
  await dc.context.sendActivity(tell(text));
  if (dc.activeDialog) await dc.repromptDialog();
  return true;
}

async function cancel({ dc, s }: InterruptionTurn): Promise<boolean> {
  const t = turnT(dc.context);
  // A basket left behind would come back silently in the patron's next order.
  const dropped = s.basket.length;
  s.basket = [];
  await dc.context.sendActivity(tell(dropped > 0 ? t('cancelled_basket', { count: dropped }) : t('cancelled')));
  await backToMenu(dc);
  return true;
}

async function startOver({ dc, s }: InterruptionTurn): Promise<boolean> {
  s.basket = [];
  await dc.context.sendActivity(tell(turnT(dc.context)('started_over')));
  await backToMenu(dc);
  return true;
}
