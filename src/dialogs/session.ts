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
  /** The locale strings the last question was made of, to word it again in another language. */
  wording?: Wording[];
  /** Answers in a row the last question did not understand. */
  misses?: number;
  greeted?: boolean;
  /**
   * A time the patron named with the title («για αύριο το πρωί», «holnap délután»), in their
   * words: the pickup appointment starts from it once the order is placed, then forgets it.
   */
  pickupWish?: string;
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

/** One locale string as this turn rendered it: its key, its parameters, and the text it gave. */
export interface Wording {
  ns: string | string[];
  key: string;
  params?: Record<string, unknown>;
  text: string;
}

const RENDERED = Symbol('rendered');

/**
 * The translate function for this turn's language (the patron may switch at any prompt). What it
 * renders is noted for the turn, so a question can be worded again when the language changes.
 */
export function turnT(context: TurnContext, ns: string | readonly string[] = 'common'): TFunction {
  const t = tFor(session(context).language, ns);
  let rendered = context.turnState.get(RENDERED) as Wording[] | undefined;
  if (!rendered) context.turnState.set(RENDERED, (rendered = []));
  const noted = rendered;
  const namespaces = typeof ns === 'string' ? ns : [...ns];
  return ((key: unknown, params?: unknown) => {
    const text = (t as unknown as (k: unknown, p?: unknown) => unknown)(key, params);
    if (typeof key === 'string' && typeof text === 'string' && text.length > 1 && noted.length < 200) {
      noted.push({ ns: namespaces, key, params: plain(params), text });
    }
    return text;
  }) as unknown as TFunction;
}

/** What this turn rendered so far. */
export function renderedThisTurn(context: TurnContext): readonly Wording[] {
  return (context.turnState.get(RENDERED) as Wording[] | undefined) ?? [];
}

/** Parameters as the session can keep them (strings, numbers, booleans): anything else is left out. */
function plain(params: unknown): Record<string, unknown> | undefined {
  if (!params || typeof params !== 'object') return undefined;
  const kept = Object.entries(params as Record<string, unknown>).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
