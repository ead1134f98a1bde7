import { ParsingComponents, type ParsingContext } from 'chrono-node';
import { GRAIN_TAG, addDays, refWall, startOfDay, startOfWeek, wall, type Unit, type Wall } from './wall';

/** The year of the next `month` (the current month counts), as Duckling reads "Μάρτιος" / "március". */
export function forwardMonthYear(ref: Wall, month: number): number {
  return month >= ref.getUTCMonth() + 1 ? ref.getUTCFullYear() : ref.getUTCFullYear() + 1;
}

/** A day and month without a year: this year's, unless it has passed, then next year's. */
export function forwardDayYear(ref: Wall, month: number, day: number): number {
  const y = ref.getUTCFullYear();
  return wall(y, month, day) < startOfDay(ref) ? y + 1 : y;
}

export function twoDigitYear(s: string): number {
  const n = Number(s);
  if (s.length >= 3) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

/** Components for a calendar day; the year is certain only if it was said. */
export function dayComponents(context: ParsingContext, y: number, month: number, day: number, yearCertain: boolean): ParsingComponents | null {
  const w = wall(y, month, day);
  if (w.getUTCMonth() + 1 !== month || w.getUTCDate() !== day) return null;
  const c = new ParsingComponents(context.reference, { month, day });
  if (yearCertain) c.assign('year', y);
  else c.imply('year', y);
  c.imply('hour', 12);
  return c;
}

/** Components for a month ("Μάρτιος", "decemberben"). */
export function monthComponents(context: ParsingContext, y: number, month: number, yearCertain: boolean): ParsingComponents {
  const c = new ParsingComponents(context.reference, { month });
  if (yearCertain) c.assign('year', y);
  else c.imply('year', y);
  c.imply('day', 1);
  c.imply('hour', 0);
  c.addTag(GRAIN_TAG + 'month');
  return c;
}

/** The next `weekday` strictly after today: said on a Tuesday, "Τρίτη" is a week away. */
export function nextWeekday(ref: Wall, weekday: number): Wall {
  const d = (weekday - ref.getUTCDay() + 7) % 7 || 7;
  return addDays(startOfDay(ref), d);
}

/** The most recent `weekday` strictly before today. */
export function lastWeekday(ref: Wall, weekday: number): Wall {
  const d = (ref.getUTCDay() - weekday + 7) % 7 || 7;
  return addDays(startOfDay(ref), -d);
}

/** `weekday` in the week `weeks` weeks from this one (Monday-based). */
export function weekdayOfWeek(ref: Wall, weekday: number, weeks: number): Wall {
  return addDays(startOfWeek(ref), 7 * weeks + ((weekday + 6) % 7));
}

/** Components for a weekday: the weekday is certain, the date implied (so a later date can override it). */
export function weekdayComponents(context: ParsingContext, weekday: number, date: Wall, tags: string[] = []): ParsingComponents {
  const c = new ParsingComponents(context.reference, { weekday });
  c.imply('year', date.getUTCFullYear());
  c.imply('month', date.getUTCMonth() + 1);
  c.imply('day', date.getUTCDate());
  c.imply('hour', 12);
  for (const t of tags) c.addTag(t);
  return c;
}

/** nth (1-based; -1 = last) `weekday` of a month. */
export function nthWeekdayOfMonth(y: number, month: number, weekday: number, n: number): Wall | undefined {
  if (n > 0) {
    const first = wall(y, month, 1);
    const d = addDays(first, ((weekday - first.getUTCDay() + 7) % 7) + 7 * (n - 1));
    return d.getUTCMonth() + 1 === month ? d : undefined;
  }
  const last = wall(y, month, new Date(Date.UTC(y, month, 0)).getUTCDate());
  return addDays(last, -((last.getUTCDay() - weekday + 7) % 7));
}

export function refOf(context: ParsingContext): Wall {
  return refWall(context);
}

export type { Unit };
