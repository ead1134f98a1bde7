import { InputHints, type Activity, type TurnContext } from 'botbuilder';
import type { BotServices } from '../dialogs/bot-services';
import { capabilities } from '../dialogs/capabilities';
import type { Slot } from '../dialogs/messages';
import { turnT, type Session } from '../dialogs/session';

type PromptData = { slot?: Slot; choices?: string[]; retry?: boolean; help?: string } | undefined;

/** From this many misunderstood answers in a row the options are spelt out as a numbered list. */
export const MISSES_BEFORE_LIST = 2;
/** From this many the patron is offered staff: never a loop. */
export const MISSES_BEFORE_STAFF = 3;

/**
 * Remembers what the question being sent asks for (slot, options) so the next turn can tell an
 * answer from a command, and counts retries in a row. On a screen the bot itself offers the list
 * and then staff; the phone channel does it with the keypad and a transfer (activities-to-twiml).
 */
export function rememberPrompts(context: TurnContext, activities: Partial<Activity>[], s: Session, services: BotServices): void {
  for (const a of activities) {
    if (a.inputHint !== InputHints.ExpectingInput) continue;
    const data = a.channelData as PromptData;
    s.slot = data?.slot;
    s.help = data?.help;
    s.choices = data?.choices && data.choices.length > 0 ? [...data.choices] : undefined;
    s.misses = data?.retry ? (s.misses ?? 0) + 1 : 0;
    if (!data?.retry || capabilities(context).readsAloud) continue;
    const t = turnT(context);
    const extra: string[] = [];
    if (s.misses >= MISSES_BEFORE_LIST && s.choices) {
      extra.push(t('retry.choices'), s.choices.map((c, i) => `${i + 1}. ${c}`).join('\n'));
    }
    if (s.misses >= MISSES_BEFORE_STAFF) extra.push(t('retry.staff', { phone: services.library(s.libraryId).phone }));
    if (extra.length > 0) a.text = [a.text ?? '', ...extra].filter(Boolean).join('\n\n');
  }
}
