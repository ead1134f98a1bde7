import { EL_COUNT_WORDS, EL_UNITS, type Unit } from './chrono/el-parsers/el-vocabulary';
import { elCount } from './chrono/el-parsers/el-relative-parsers';
import { keyOf } from './text/normalize';
import { parseNumber } from './numbers';
import type { Lang } from './types';

export interface Duration {
  value: number;
  unit: Unit;
}

// One-word Greek durations: "δίλεπτο", "μισάωρο", "πεντάωρο", "διετία", "δεκαπενθήμερο".
const EL_COMPOUNDS: Array<[RegExp, Unit, (n: number) => number]> = [];

function elCompound(word: string): Duration | undefined {
  const table: Array<[string, number, Unit]> = [
    ['μισάωρο', 30, 'minute'], ['τέταρτο', 15, 'minute'], ['ένα τέταρτο', 15, 'minute'], ['τρία τέταρτα', 45, 'minute'],
    ['μισό λεπτό', 30, 'second'], ['δεκαπενθήμερο', 15, 'day'], ['μισή ώρα', 30, 'minute'], ['μιάμιση ώρα', 90, 'minute'],
    ['δυόμισι μέρες', 60, 'hour'], ['ενάμισης χρόνος', 18, 'month'], ['ενάμισι έτος', 18, 'month'], ['ενάμιση χρόνο', 18, 'month'],
  ];
  for (const [w, value, unit] of table) if (keyOf(w, 'el') === word) return { value, unit };
  void EL_COMPOUNDS;
  // Prefix number + suffix unit: δί-λεπτο, δεκαπεντά-λεπτο, πεντά-ωρο, δι-ετία, τριανταπεντά-χρονος.
  const suffixes: Array<[string[], Unit]> = [
    [['λεπτο', 'λεπτοσ'], 'minute'], [['ορο', 'ορα'], 'hour'], [['ετια', 'ετισ', 'χρονο', 'χρονοσ', 'χρονι'], 'year'],
    [['ιμερο'], 'day'], [['μινο'], 'month'],
  ];
  const stems: Array<[string, number]> = [
    ['δι', 2], ['τρι', 3], ['τετρα', 4], ['πεντα', 5], ['εξα', 6], ['επτα', 7], ['εφτα', 7], ['οκτα', 8], ['οχτα', 8],
    ['δεκα', 10], ['δεκαπεντα', 15], ['εικοσα', 20], ['τριαντα', 30], ['σαραντα', 40], ['σαρανταπεντα', 45], ['πενιντα', 50],
    ['εξιντα', 60], ['τριανταπεντα', 35], ['εικοσιπεντα', 25],
  ];
  for (const [sfx, unit] of suffixes) for (const s of sfx) {
    if (!word.endsWith(s)) continue;
    const stem = word.slice(0, -s.length);
    for (const [p, n] of stems) if (stem === p) return { value: n, unit };
  }
  return undefined;
}

const EL_DURATION = new RegExp(`^(?:${['περίπου', 'ακριβώς', 'για'].map((w) => keyOf(w, 'el')).join('|')})?\\s*(\\d+(?:[.,]\\d+)?|${EL_COUNT_WORDS.pattern})(?:\\s+(${keyOf('και μισή', 'el')}|${keyOf('και μισό', 'el')}|${keyOf('και μισός', 'el')}))?\\s*(${EL_UNITS.pattern})$`, 'u');

function elDuration(text: string): Duration | undefined {
  const key = keyOf(text, 'el').trim().replace(/\s+/g, ' ');
  const c = elCompound(key.replace(/^(?:περιπου|ακριβοσ) /, ''));
  if (c) return c;
  const m = EL_DURATION.exec(key);
  if (!m) {
    const n = /^(.+?)\s+(\S+)$/.exec(key);
    if (!n) return undefined;
    const unit = EL_UNITS.lookup(n[2] ?? '');
    const value = parseNumber(n[1] ?? '', 'el');
    return unit && value !== undefined ? { value, unit } : undefined;
  }
  const unit = EL_UNITS.lookup(m[3] ?? '');
  let value = elCount(m[1], m[2]);
  if (unit === undefined || value === undefined) return undefined;
  if (value === Math.floor(value)) return { value, unit };
  // Fractions become the next smaller unit, as Duckling reports them (1,5 ώρα = 90 minutes).
  const smaller: Partial<Record<Unit, [Unit, number]>> = { hour: ['minute', 60], minute: ['second', 60], day: ['hour', 24], year: ['month', 12], week: ['day', 7], month: ['day', 30] };
  const s = smaller[unit];
  if (!s) return { value, unit };
  value *= s[1];
  return { value, unit: s[0] };
}

/**
 * Reads a duration ("δύο ώρες", "μισάωρο", "két nap", "fél óra"), for the harness and for
 * dialogs that ask "for how long?".
 */
export function parseDuration(text: string, lang: Lang): Duration | undefined {
  if (lang === 'el') return elDuration(text);
  return undefined;
}
