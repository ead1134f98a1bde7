import { EL_COUNT_WORDS, EL_UNITS, type Unit } from './chrono/el-parsers/el-vocabulary';
import { HU_UNITS } from './chrono/hu-parsers/hu-vocabulary';
import { elCount } from './chrono/el-parsers/el-relative-parsers';
import { keyOf } from './text/normalize';
import { parseNumber } from './numbers';
import type { Lang } from './types';

export interface Duration {
  value: number;
  unit: Unit;
}

/** One-word Greek durations: "δίλεπτο", "μισάωρο", "πεντάωρο", "διετία", "δεκαπενθήμερο". */
function elCompound(word: string): Duration | undefined {
  const table: Array<[string, number, Unit]> = [
    ['μισάωρο', 30, 'minute'], ['τέταρτο', 15, 'minute'], ['ένα τέταρτο', 15, 'minute'], ['τρία τέταρτα', 45, 'minute'],
    ['μισό λεπτό', 30, 'second'], ['δεκαπενθήμερο', 15, 'day'], ['μισή ώρα', 30, 'minute'], ['μιάμιση ώρα', 90, 'minute'],
    ['δυόμισι μέρες', 60, 'hour'], ['ενάμισης χρόνος', 18, 'month'], ['ενάμισι έτος', 18, 'month'], ['ενάμιση χρόνο', 18, 'month'],
  ];
  for (const [w, value, unit] of table) if (keyOf(w, 'el') === word) return { value, unit };
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
  const value = elCount(m[1], m[2]);
  if (unit === undefined || value === undefined) return undefined;
  return whole(value, unit);
}

/** Fractions become the next smaller unit, as Duckling reports them (1,5 ώρα = 90 minutes). */
function whole(value: number, unit: Unit): Duration {
  if (value === Math.floor(value)) return { value, unit };
  const smaller: Partial<Record<Unit, [Unit, number]>> = { hour: ['minute', 60], minute: ['second', 60], day: ['hour', 24], year: ['month', 12], week: ['day', 7], month: ['day', 30] };
  const s = smaller[unit];
  return s ? whole(Math.round(value * s[1] * 1e6) / 1e6, s[0]) : { value, unit };
}

function huDuration(text: string): Duration | undefined {
  const key = keyOf(text, 'hu').trim().replace(/-/g, ' ').replace(/(negyed|fel)(ora)$/, '$1 $2').replace(/(\d\/\d)(\S)/, '$1 $2').replace(/\s+/g, ' ');
  const m = /^(.*?)\s*(\S+)$/.exec(key);
  if (!m) return undefined;
  const unit = HU_UNITS.lookup(m[2] ?? '');
  if (unit === undefined) return undefined;
  let amount = (m[1] ?? '').trim();
  let extra = 0;
  const half = /^(.+?) es (fel|negyed|haromnegyed)$/.exec(amount);
  if (half) {
    extra = half[2] === 'fel' ? 0.5 : half[2] === 'negyed' ? 0.25 : 0.75;
    amount = half[1] ?? '';
  }
  const fractions: Record<string, number> = { fel: 0.5, negyed: 0.25, haromnegyed: 0.75, masfel: 1.5 };
  const frac = /^(\d)\/(\d)$/.exec(amount);
  const value = amount === '' ? 1 : fractions[amount] ?? (frac ? Number(frac[1]) / Number(frac[2])
    : /^\d+\.\d+$/.test(amount) ? Number(amount) : parseNumber(amount, 'hu'));
  return value === undefined ? undefined : whole(value + extra, unit);
}

/**
 * Reads a duration ("δύο ώρες", "μισάωρο", "két nap", "fél óra"), for the harness and for
 * dialogs that ask "for how long?".
 */
export function parseDuration(text: string, lang: Lang): Duration | undefined {
  return lang === 'el' ? elDuration(text) : huDuration(text);
}
