import type { Language } from '../../domain/types';
import { LANGUAGES } from '../../domain/types';
import type { Slot } from '../../dialogs/messages';

const SLOTS: readonly Slot[] = ['language', 'cardNumber', 'pin', 'query', 'choice', 'confirm', 'datetime', 'text'];

/**
 * Where a call stands, carried in the query string of each <Gather> action URL. Twilio signs
 * the whole URL, so a caller cannot alter it; and a retried webhook repeats it exactly, which
 * makes (CallSid, turn) the key that keeps a turn from running twice.
 */
export interface VoiceStep {
  /** 0 for the call itself, then one more for each answer. */
  turn: number;
  /** What the previous reply asked for. */
  slot?: Slot;
  /** Answers in a row that were silence or not understood. */
  misses: number;
  /** The conversation's language when the question was asked. */
  language?: Language;
  /** The caller is answering the offer of a call back (asked for staff while the library was closed). */
  callback?: boolean;
}

export const FIRST_STEP: VoiceStep = { turn: 0, misses: 0 };

export function stepFromQuery(query: URLSearchParams): VoiceStep {
  const turn = Number(query.get('turn') ?? '0');
  const misses = Number(query.get('misses') ?? '0');
  const slot = query.get('slot') as Slot | null;
  const language = query.get('lang') as Language | null;
  return {
    turn: Number.isSafeInteger(turn) && turn >= 0 ? turn : 0,
    misses: Number.isSafeInteger(misses) && misses >= 0 ? misses : 0,
    ...(slot && SLOTS.includes(slot) ? { slot } : {}),
    ...(language && LANGUAGES.includes(language) ? { language } : {}),
    ...(query.get('callback') === '1' ? { callback: true } : {}),
  };
}

export function stepToQuery(step: VoiceStep): string {
  const query = new URLSearchParams({ turn: String(step.turn), misses: String(step.misses) });
  if (step.slot) query.set('slot', step.slot);
  if (step.language) query.set('lang', step.language);
  if (step.callback) query.set('callback', '1');
  return query.toString();
}
