import { ParsingComponents, type ParsingContext } from 'chrono-node';

/**
 * Wall-clock arithmetic. A "wall" is a Date whose UTC fields hold the wall-clock time in the
 * zone being parsed for, so adding days never trips over the server's own zone or DST.
 */
export type Wall = Date;

export const DAY_MS = 86_400_000;

export function wall(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Wall {
  const w = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  w.setUTCFullYear(y);
  return w;
}

/** The reference instant as wall-clock time in the parsing zone. */
export function refWall(context: ParsingContext): Wall {
  const d = context.reference.getDateWithAdjustedTimezone();
  return wall(d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
}

export function addDays(w: Wall, n: number): Wall {
  const r = new Date(w.getTime());
  r.setUTCDate(r.getUTCDate() + n);
  return r;
}

export function addMonths(w: Wall, n: number): Wall {
  const r = new Date(w.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + n);
  r.setUTCDate(Math.min(day, daysInMonth(r.getUTCFullYear(), r.getUTCMonth() + 1)));
  return r;
}

export function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function startOfDay(w: Wall): Wall {
  return wall(w.getUTCFullYear(), w.getUTCMonth() + 1, w.getUTCDate());
}

/** Monday of w's week (weeks start on Monday in both countries). */
export function startOfWeek(w: Wall): Wall {
  return addDays(startOfDay(w), -((w.getUTCDay() + 6) % 7));
}

export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

export function addUnits(w: Wall, unit: Unit, n: number): Wall {
  switch (unit) {
    case 'second': return new Date(w.getTime() + n * 1000);
    case 'minute': return new Date(w.getTime() + n * 60_000);
    case 'hour': return new Date(w.getTime() + n * 3_600_000);
    case 'day': return addDays(w, Math.round(n));
    case 'week': return addDays(w, Math.round(7 * n));
    case 'month': return addMonths(w, Math.round(n));
    case 'quarter': return addMonths(w, Math.round(3 * n));
    case 'year': return addMonths(w, Math.round(12 * n));
  }
}

/** Fractional amounts ("2,5 ώρες", "fél óra") of units that add as fixed lengths. */
export function addDuration(w: Wall, unit: Unit, n: number): Wall {
  if (Number.isInteger(n) || unit === 'second' || unit === 'minute' || unit === 'hour') return addUnits(w, unit, n);
  const whole = Math.trunc(n);
  const base = addUnits(w, unit, whole);
  const fixed: Partial<Record<Unit, number>> = { day: DAY_MS, week: 7 * DAY_MS, month: 30 * DAY_MS, year: 365 * DAY_MS };
  return new Date(base.getTime() + (n - whole) * (fixed[unit] ?? 0));
}

export function truncate(w: Wall, unit: Unit): Wall {
  const y = w.getUTCFullYear();
  const mo = w.getUTCMonth() + 1;
  switch (unit) {
    case 'second': return wall(y, mo, w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds());
    case 'minute': return wall(y, mo, w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes());
    case 'hour': return wall(y, mo, w.getUTCDate(), w.getUTCHours());
    case 'day': return startOfDay(w);
    case 'week': return startOfWeek(w);
    case 'month': return wall(y, mo, 1);
    case 'quarter': return wall(y, Math.floor((mo - 1) / 3) * 3 + 1, 1);
    case 'year': return wall(y, 1, 1);
  }
}

/** Tag carrying the grain when certain components alone cannot tell it (weeks, quarters, seasons). */
export const GRAIN_TAG = 'nlu/grain:';
/** Tag marking a part of the day ("το απόγευμα", "délután"); the value is the kind. */
export const PART_OF_DAY_TAG = 'nlu/partOfDay:';
/** A bare weekday ("την Τρίτη") that may mean today if a later time is attached. */
export const PLAIN_WEEKDAY_TAG = 'nlu/plainWeekday';
/** Relative to now ("σε 2 ώρες"): never merged with, or moved by, anything else. */
export const RELATIVE_TAG = 'nlu/relative';

/** Components with every date and time field certain. */
export function componentsAt(context: ParsingContext, w: Wall, unit: Unit, tags: string[] = []): ParsingComponents {
  const c = new ParsingComponents(context.reference, {});
  c.assign('year', w.getUTCFullYear());
  c.assign('month', w.getUTCMonth() + 1);
  c.assign('day', w.getUTCDate());
  const timeUnits: Unit[] = ['hour', 'minute', 'second'];
  if (timeUnits.includes(unit)) {
    c.assign('hour', w.getUTCHours());
    if (unit !== 'hour') c.assign('minute', w.getUTCMinutes());
    else c.imply('minute', 0);
    if (unit === 'second') c.assign('second', w.getUTCSeconds());
    else c.imply('second', 0);
  } else {
    c.imply('hour', unit === 'day' ? 12 : 0);
    c.imply('minute', 0);
    c.imply('second', 0);
    if (unit !== 'day') c.addTag(GRAIN_TAG + unit);
    if (unit === 'month' || unit === 'year' || unit === 'quarter') {
      // A month is certain about its month, not its day: keep the day implied so merging works.
      c.delete('day');
      c.imply('day', w.getUTCDate());
      if (unit === 'year') {
        c.delete('month');
        c.imply('month', w.getUTCMonth() + 1);
      }
    }
    if (unit === 'week') {
      c.delete(['day', 'month', 'year']);
      c.imply('day', w.getUTCDate());
      c.imply('month', w.getUTCMonth() + 1);
      c.imply('year', w.getUTCFullYear());
    }
  }
  c.imply('millisecond', 0);
  for (const t of tags) c.addTag(t);
  return c;
}

/** The wall time components describe (certain or implied). */
export function wallOf(c: { get(k: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'): number | null }): Wall {
  return wall(c.get('year') ?? 2000, c.get('month') ?? 1, c.get('day') ?? 1, c.get('hour') ?? 0, c.get('minute') ?? 0,
    c.get('second') ?? 0);
}
