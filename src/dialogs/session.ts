import type { TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import { tFor } from '../i18n/init';
import type { BasketItem, Language } from '../domain/types';
import type { Slot } from './messages';

/** Conversation data kept between turns (in the database, with the dialog stack). Never a PIN. */
export interface Session {
  libraryId: string;
  language: Language;
  /** Signed in by `userId` (the channel's user id): nobody else in the conversation is this patron. */
  patron?: { id: number; name: string; userId?: string };
  basket: BasketItem[];
  /** What the last question asked for; digits answering a PIN or card number are never read as a command. */
  slot?: Slot;
  /** The options the last question offered: words naming one are its answer, not a command. */
  choices?: string[];
  /** The help text for the last question, when its slot's is not the one (the menu's is the general help). */
  help?: string;
  /** Answers in a row the last question did not understand. */
  misses?: number;
  greeted?: boolean;
}

const SESSION = Symbol('session');

export function setSession(context: TurnContext, session: Session): void {
  context.turnState.set(SESSION, session);
}

export function session(context: TurnContext): Session {
  const value = context.turnState.get(SESSION) as Session | undefined;
  if (!value) throw new Error('session not loaded for this turn');
  return value;
}

/** The translate function for this turn's language (the patron may switch at any prompt). */
export function turnT(context: TurnContext, ns: string | readonly string[] = 'common'): TFunction {
  return tFor(session(context).language, ns);
}
