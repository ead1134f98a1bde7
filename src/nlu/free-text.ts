import { fold } from '../domain/text/fold';
import type { Lang } from './types';

// Words patrons put before the answer to a list that carry no choice: "εντάξει, την πρώτη", "igen, a másodikat".
const ACKNOWLEDGEMENTS: Record<Lang, readonly string[]> = {
  el: ['εντάξει', 'οκ', 'ok', 'ναι', 'λοιπόν', 'ε', 'καλά', 'ας πούμε', 'αυτό'],
  hu: ['igen', 'jó', 'ok', 'oké', 'hát', 'akkor', 'legyen', 'na', 'szóval', 'ezt', 'azt'],
};

/**
 * The answer without a leading acknowledgement ("ok, …", "hát …"), or undefined when it has none.
 *
 * @example withoutAcknowledgement('εντάξει, την πρώτη', 'el') === 'την πρώτη'
 */
export function withoutAcknowledgement(text: string, lang: Lang): string | undefined {
  const folded = fold(text);
  for (const ack of ACKNOWLEDGEMENTS[lang]) {
    const key = fold(ack);
    if (!folded.startsWith(`${key} `)) continue;
    const rest = text.split(/[\s,]+/u).filter((w) => w !== '').slice(key.split(' ').length).join(' ');
    if (rest) return rest;
  }
  return undefined;
}

// "θα ήθελα τον Καπετάν Μιχάλη", "szeretném a Kőszívűt": the wanting is not part of the title.
const WANTING_BEFORE = /^(?:θα\s+ήθελα|θα\s+ηθελα|θέλω|θελω|szeretném|szeretnem|szeretnék|szeretnek|kérném|kerem|kérem)\s+/iu;
const WANTING_AFTER = /\s+(?:szeretném|szeretnem|szeretnék|szeretnek|kérem|kerem|legyen\s+szíves|παρακαλώ|παρακαλω)[\s.!]*$/iu;

/** Free text taken as a catalogue search, without the words of wanting around the title. */
export function withoutWanting(text: string): string {
  return text.trim().replace(WANTING_BEFORE, '').replace(WANTING_AFTER, '').trim();
}

// Question words that open a question, not a title.
const QUESTION: Record<Lang, RegExp> = {
  el: /^(?:ποιοσ|ποια|ποιο|ποιοι|τι|πωσ|ποτε|γιατι|που|ποσο|ποσα|ποσεσ|μηπωσ)(?:\s|$)/u,
  hu: /^(?:ki|kik|mi|mit|milyen|hogyan|hogy|mikor|miert|hol|hany|mennyi|mennyit|vajon)(?:\s|$)/u,
};

/**
 * A question the bot has no task for ("ποιος θα κερδίσει;", "milyen idő lesz holnap?"): asked
 * with a question word or a question mark («;» in Greek), so not a title to search for.
 */
export function isOpenQuestion(text: string, lang: Lang): boolean {
  return QUESTION[lang].test(fold(text)) || /[;;?]\s*$/u.test(text.trim());
}
