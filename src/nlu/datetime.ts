import type { ParsedComponents, ParsedResult } from 'chrono-node';
import * as el from './chrono/el';
import * as hu from './chrono/hu';
import { GRAIN_TAG, PART_OF_DAY_TAG, truncate, wall } from './chrono/common/wall';
import { instantOfWall, zoneOffsetMinutes } from './zone';
import type { DateTimeEntity, Grain, Lang } from './types';

const GRAINS: Grain[] = ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'];

/** The finest unit the patron actually said: "στις 11" is an hour, "11:30" a minute, "Δεκέμβριος" a month. */
export function grainOf(c: ParsedComponents): Grain {
  const tags = c.tags();
  let tagged: Grain | undefined;
  for (const t of tags) if (t.startsWith(GRAIN_TAG)) tagged = t.slice(GRAIN_TAG.length) as Grain;
  if (tags.has('nlu/relative') && tagged) return tagged;
  if (c.isCertain('second')) return 'second';
  if (c.isCertain('minute')) return 'minute';
  if (c.isCertain('hour')) return 'hour';
  for (const t of tags) if (t.startsWith(PART_OF_DAY_TAG)) return 'hour';
  if (tagged && GRAINS.includes(tagged)) return tagged;
  if (c.isCertain('day') || c.isCertain('weekday')) return 'day';
  if (c.isCertain('month')) return 'month';
  return 'year';
}

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

function toInstant(c: ParsedComponents, timeZone: string, grain: Grain): Date {
  // Start of the grain: "3 Δεκεμβρίου" is from midnight, not chrono's implied noon.
  const w = truncate(wall(c.get('year') ?? 2000, c.get('month') ?? 1, c.get('day') ?? 1, c.get('hour') ?? 0, c.get('minute') ?? 0, c.get('second') ?? 0), grain);
  const fields: Record<Field, number> = { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds() };
  const get = (k: Field) => fields[k];
  if (c.isCertain('timezoneOffset')) {
    // The patron named a zone ("8:00 GMT"): that offset, not the library's.
    const utc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return new Date(utc - (c.get('timezoneOffset') ?? 0) * 60_000);
  }
  return instantOfWall(get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second'), timeZone);
}

const LOCALES = { el: el.casual, hu: hu.casual };

/**
 * The first date or time in `text`, resolved forward from `ref` (a weekday is the next one)
 * as wall-clock time in `timeZone` — the library's zone, not the server's.
 *
 * @example parseDateTime('την Παρασκευή στις 11', 'el', new Date('2026-11-25T08:00:00Z'), 'Europe/Athens')
 *   // → { start: 2026-11-27T09:00:00Z (11:00 in Athens), grain: 'hour', text: 'την Παρασκευή στις 11' }
 */
export function parseDateTime(text: string, lang: Lang, ref: Date, timeZone: string): DateTimeEntity | undefined {
  const results: ParsedResult[] = LOCALES[lang].parse(text, { instant: ref, timezone: zoneOffsetMinutes(ref, timeZone) });
  const r = results[0];
  if (!r) return undefined;
  const grain = grainOf(r.start);
  const entity: DateTimeEntity = { start: toInstant(r.start, timeZone, grain), grain, text: r.text };
  if (r.end) entity.end = toInstant(r.end, timeZone, grain);
  return entity;
}
