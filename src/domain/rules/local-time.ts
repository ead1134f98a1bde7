import type { Weekday } from '../policy/library-policy';

/** A calendar day in a library's own zone, "YYYY-MM-DD". */
export type LocalDate = string;

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface Wall { year: number; month: number; day: number; hour: number; minute: number }

/**
 * formatToParts costs microseconds, and offering pickup slots asks for the same few hundred
 * slot starts thousands of times (every slot is checked against its day's slots): the answers
 * are kept, by zone and instant, up to a bound.
 */
const walls = new Map<string, Readonly<Wall>>();
const MAX_WALLS = 20_000;

function wall(instant: Date, timeZone: string): Readonly<Wall> {
  const key = `${timeZone} ${instant.getTime()}`;
  const known = walls.get(key);
  if (known) return known;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const w = Object.freeze({ year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0 });
  if (walls.size >= MAX_WALLS) walls.clear();
  walls.set(key, w);
  return w;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Years a day typed into a staff filter can mean. Pickups are days or weeks away and history
 * starts with the product; a year outside this is a typing mistake, and years past 9999 do not
 * fit the "YYYY" the rest of the code writes (9999-12-31 plus one day is "10000-01-01").
 */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2999;

/**
 * Whether `text` is a real calendar day written YYYY-MM-DD in the years a library can mean:
 * "2026-02-30", "9999-99-99" and "0000-00-00" are not.
 * @example isLocalDate('2026-11-23') // true
 * @example isLocalDate('2026-02-30') // false
 */
export function isLocalDate(text: string): text is LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The library-local calendar day of an instant: rules about days (returns, slots, deadlines) think in it. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  const w = wall(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Minutes since local midnight. */
export function localMinutes(instant: Date, timeZone: string): number {
  const w = wall(instant, timeZone);
  return w.hour * 60 + w.minute;
}

export function weekdayOf(date: LocalDate): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** "HH:MM" → minutes since midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * The instant the wall clock in `timeZone` shows `minutes` past midnight of `date`. The offset
 * is re-read at the result, so a time across a DST change lands on the right hour.
 */
export function instantAt(date: LocalDate, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  const offsetAt = (instant: Date) => {
    const w = wall(instant, timeZone);
    return (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000;
  };
  let instant = new Date(asUtc - offsetAt(new Date(asUtc)) * 60_000);
  const again = offsetAt(instant);
  instant = new Date(asUtc - again * 60_000);
  return instant;
}
