import { fold } from '../domain/text/fold';
import type { Lang } from './types';

/** Openers that carry no request; Greek and Greeklish, Hungarian, and the universal ones. */
const GREETINGS = new Set([
  'γεια', 'γεια σασ', 'γεια σου', 'καλημερα', 'καλησπερα', 'χαιρετε', 'geia', 'geia sas', 'kalimera', 'kalispera',
  'szia', 'sziasztok', 'jo napot', 'jo napot kivanok', 'jo reggelt', 'jo estet', 'udv', 'hello', 'hallo', 'helo',
  'hi', 'hey', 'start', 'menu', 'μενου',
]);

/** True when the whole message is a greeting, so the bot answers with its menu, not a search. */
export function isGreeting(text: string, _lang: Lang): boolean {
  return GREETINGS.has(fold(text));
}
