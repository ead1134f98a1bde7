import { keyOf } from './text/normalize';
import type { Lang } from './types';

/** A part of the day a patron names instead of a time ("αύριο το απόγευμα", "jövő kedden délután"). */
export type DayPart = 'morning' | 'noon' | 'afternoon' | 'evening';

/** Local minutes from midnight, [from, to): what each word covers as people use it. */
export interface DayWindow { part: DayPart; from: number; to: number }

const h = (hours: number) => hours * 60;
const WORDS: Record<Lang, Array<[string[], DayWindow]>> = {
  el: [
    [['πρωί', 'πρωινό', 'πρωινή', 'πρωινές', 'πρωιά', 'πρωινα'], { part: 'morning', from: 0, to: h(12) }],
    [['μεσημέρι', 'μεσημεράκι', 'μεσημεριανή', 'μεσημεριανές'], { part: 'noon', from: h(12), to: h(15) }],
    [['απόγευμα', 'απογευματάκι', 'απογευματινή', 'απογευματινές', 'απογευμα'], { part: 'afternoon', from: h(14), to: h(20) }],
    [['βράδυ', 'βραδάκι', 'βραδινή', 'βραδινές', 'βράδι'], { part: 'evening', from: h(18), to: h(24) }],
  ],
  hu: [
    [['reggel', 'reggeli', 'délelőtt', 'délelőtti', 'délelőttre', 'reggelre'], { part: 'morning', from: 0, to: h(12) }],
    [['délben', 'dél', 'délre', 'déli', 'ebédidőben'], { part: 'noon', from: h(11), to: h(14) }],
    [['délután', 'délutáni', 'délutánra'], { part: 'afternoon', from: h(12), to: h(18) }],
    [['este', 'esti', 'estére'], { part: 'evening', from: h(17), to: h(24) }],
  ],
};
const TABLES: Record<Lang, Map<string, DayWindow>> = { el: build('el'), hu: build('hu') };

function build(lang: Lang): Map<string, DayWindow> {
  const m = new Map<string, DayWindow>();
  for (const [words, window] of WORDS[lang]) for (const w of words) m.set(keyOf(w, lang), window);
  return m;
}

// A clock time said outright: digits ("στις 5", "11-kor") or an hour in words ("στις πέντε", "tízkor", "fél tizenegykor").
const CLOCK: Record<Lang, RegExp> = {
  el: /\d|(?:^|\s)στισ\s/u,
  hu: /\d|\p{L}kor(?:\s|$)|órakor|(?:^|\s)órá(?:ra|n)?(?:\s|$)/u,
};

/**
 * The part of the day the answer names when it names no clock time: "αύριο το απόγευμα" is a
 * window to offer slots from, "την Παρασκευή στις 5 το απόγευμα" is a time.
 *
 * @example vagueDayPart('jövő kedden délután', 'hu')?.part === 'afternoon'; vagueDayPart('pénteken 11-kor', 'hu') === undefined
 */
export function vagueDayPart(text: string, lang: Lang): DayWindow | undefined {
  const key = keyOf(text, lang);
  if (CLOCK[lang].test(key)) return undefined;
  for (const word of key.split(/[^\p{L}\p{N}]+/u)) {
    const hit = TABLES[lang].get(word);
    if (hit) return hit;
  }
  return undefined;
}
