import { ParsingComponents, ParsingResult, type ParsingContext, type Refiner } from 'chrono-node';
import {
  PART_OF_DAY_TAG, PLAIN_WEEKDAY_TAG, RELATIVE_TAG, addDays, refWall, startOfDay, wall, wallOf, type Wall,
} from './wall';

type Component = 'year' | 'month' | 'day' | 'weekday' | 'hour' | 'minute' | 'second' | 'millisecond' | 'meridiem' | 'timezoneOffset';
const COMPONENTS: Component[] = ['year', 'month', 'day', 'weekday', 'hour', 'minute', 'second', 'millisecond', 'meridiem', 'timezoneOffset'];

export type PartOfDay = 'morning' | 'noon' | 'afternoon' | 'evening' | 'night' | 'midnight';

export function partOfDay(c: ParsingComponents): PartOfDay | undefined {
  for (const t of c.tags()) if (t.startsWith(PART_OF_DAY_TAG)) return t.slice(PART_OF_DAY_TAG.length) as PartOfDay;
  return undefined;
}

/** 12-hour clock reading of `hour` inside a part of the day: "4 το απόγευμα" is 16, "du 11" is 23. */
export function hourInPartOfDay(hour: number, pod: PartOfDay): number {
  if ((pod === 'afternoon' || pod === 'evening' || pod === 'night') && hour < 12) return hour + 12;
  if (pod === 'midnight' && hour === 12) return 0;
  if (pod === 'morning' && hour === 12) return 0;
  return hour;
}

function hasDate(c: ParsingComponents): boolean {
  return c.isCertain('day') || c.isCertain('weekday') || c.isCertain('month') || c.isCertain('year');
}

function hasTime(c: ParsingComponents): boolean {
  return c.isCertain('hour');
}

/**
 * Combines two adjacent results into one, or returns undefined when they disagree.
 * Date from one side and time from the other ("την Παρασκευή" + "στις 11"); a part of the day
 * fixes the meridiem of a bare hour ("αύριο το απόγευμα" + "στις 5" → 17:00); a weekday next to
 * a full date only checks it ("Τρίτη, 13η Αυγούστου").
 */
export function mergeComponents(context: ParsingContext, a: ParsingComponents, b: ParsingComponents): ParsingComponents | undefined {
  if (a.tags().has(RELATIVE_TAG) || b.tags().has(RELATIVE_TAG)) return undefined;
  const podA = partOfDay(a);
  const podB = partOfDay(b);
  const out = new ParsingComponents(context.reference, {});
  for (const k of COMPONENTS) {
    const ca = a.isCertain(k);
    const cb = b.isCertain(k);
    if (ca && cb && a.get(k) !== b.get(k)) {
      if (k === 'weekday') continue;
      return undefined;
    }
    if (ca) out.assign(k, a.get(k)!);
    else if (cb) out.assign(k, b.get(k)!);
  }
  // Neither side certain: keep the part of the day's implied hour ("αύριο" + "το απόγευμα" → 12:00).
  const podSide = podA && !hasTime(a) ? a : podB && !hasTime(b) ? b : undefined;
  const other = podSide === a ? b : a;
  for (const k of COMPONENTS) {
    if (out.isCertain(k)) continue;
    const src = (k === 'hour' || k === 'minute') && podSide ? podSide : hasDate(a) ? a : b;
    const v = src.get(k) ?? other.get(k);
    if (v !== null) out.imply(k, v);
  }
  const pod = podA ?? podB;
  if (pod && podSide && hasTime(other) && !other.isCertain('meridiem')) {
    out.assign('hour', hourInPartOfDay(other.get('hour')!, pod));
  }
  if (pod && !out.isCertain('hour')) out.addTag(PART_OF_DAY_TAG + pod);
  for (const t of a.tags()) if (!t.startsWith(PART_OF_DAY_TAG) && t !== PLAIN_WEEKDAY_TAG) out.addTag(t);
  for (const t of b.tags()) if (!t.startsWith(PART_OF_DAY_TAG) && t !== PLAIN_WEEKDAY_TAG) out.addTag(t);

  const weekday = a.isCertain('weekday') ? a.get('weekday') : b.isCertain('weekday') ? b.get('weekday') : null;
  const dated = (a.isCertain('day') && a) || (b.isCertain('day') && b) || undefined;
  if (weekday !== null && dated) {
    // Weekday and date disagree: if the year was only guessed, find the year where they agree.
    let w = wallOf(out);
    if (w.getUTCDay() !== weekday) {
      if (dated.isCertain('year')) return undefined;
      const ref = refWall(context);
      let found = false;
      for (let y = ref.getUTCFullYear(); y < ref.getUTCFullYear() + 12; y++) {
        w = wall(y, out.get('month')!, out.get('day')!);
        if (w.getUTCDay() === weekday && w.getUTCMonth() + 1 === out.get('month')) {
          out.assign('year', y);
          found = true;
          break;
        }
      }
      if (!found) return undefined;
    }
    out.assign('weekday', weekday);
  } else if (weekday !== null && !dated) {
    const plain = (a.isCertain('weekday') ? a : b).tags().has(PLAIN_WEEKDAY_TAG);
    const weekdaySide = a.isCertain('weekday') ? a : b;
    const timeSide = weekdaySide === a ? b : a;
    // "Τρίτη στις 4 το απόγευμα" said on a Tuesday morning means this afternoon.
    if (plain && hasTime(timeSide) && !timeSide.isCertain('day')) {
      const ref = refWall(context);
      if (ref.getUTCDay() === weekday && out.get('hour')! * 60 + (out.get('minute') ?? 0) > ref.getUTCHours() * 60 + ref.getUTCMinutes()) {
        out.imply('year', ref.getUTCFullYear());
        out.imply('month', ref.getUTCMonth() + 1);
        out.imply('day', ref.getUTCDate());
        return out;
      }
    }
    // Kept implied: a full date said later in the sentence ("…την Παρασκευή, 20 Σεπτ") still wins.
    for (const k of ['year', 'month', 'day'] as const) {
      if (!out.isCertain(k) && weekdaySide.get(k) !== null) out.imply(k, weekdaySide.get(k)!);
    }
  }
  return out;
}

function applyDate(target: ParsingComponents, from: ParsingComponents): ParsingComponents {
  const c = target.clone();
  for (const k of ['year', 'month', 'day', 'weekday'] as const) {
    if (from.isCertain(k) && !c.isCertain(k)) c.assign(k, from.get(k)!);
    else if (!c.isCertain(k) && from.get(k) !== null) c.imply(k, from.get(k)!);
  }
  return c;
}

/** Merges neighbours separated only by a connector ("," "στις" "την" "-kor" …). */
export class MergeAdjacentRefiner implements Refiner {
  constructor(private readonly connector: RegExp) {}

  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    let changed = true;
    let list = results;
    while (changed) {
      changed = false;
      const out: ParsingResult[] = [];
      for (const r of list) {
        const prev = out[out.length - 1];
        if (prev) {
          const gap = context.text.slice(prev.index + prev.text.length, r.index);
          if (r.index >= prev.index + prev.text.length && this.connector.test(gap)) {
            const merged = this.merge(context, prev, r);
            if (merged) {
              out[out.length - 1] = merged;
              changed = true;
              continue;
            }
          }
        }
        out.push(r);
      }
      list = out;
    }
    return list;
  }

  private merge(context: ParsingContext, a: ParsingResult, b: ParsingResult): ParsingResult | undefined {
    if (a.end && b.end) return undefined;
    const start = mergeComponents(context, a.start, b.start);
    if (!start) return undefined;
    const text = context.text.slice(a.index, b.index + b.text.length);
    const ranged = a.end ? a : b.end ? b : undefined;
    let end: ParsingComponents | undefined;
    if (ranged?.end) {
      const single = ranged === a ? b : a;
      end = applyDate(ranged.end, single.start);
      if (start.isCertain('day') && !end.isCertain('day')) {
        end = applyDate(end, start);
        for (const k of ['year', 'month', 'day'] as const) end.assign(k, start.get(k)!);
      }
    }
    return new ParsingResult(context.reference, a.index, text, start, end);
  }
}

/** Keeps the longest of overlapping results (a date inside a longer range, "τρίτη" inside "τρίτη μάρτη"). */
export class OverlapRefiner implements Refiner {
  refine(_context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const sorted = [...results].sort((x, y) => x.index - y.index || y.text.length - x.text.length);
    const out: ParsingResult[] = [];
    for (const r of sorted) {
      const prev = out[out.length - 1];
      if (prev && r.index < prev.index + prev.text.length) {
        if (r.text.length > prev.text.length) out[out.length - 1] = r;
        continue;
      }
      out.push(r);
    }
    return out;
  }
}

function shiftDays(c: ParsingComponents, n: number): void {
  const w = addDays(wallOf(c), n);
  c.assign('year', w.getUTCFullYear());
  c.assign('month', w.getUTCMonth() + 1);
  c.assign('day', w.getUTCDate());
}

/**
 * Forward resolution of a time with no date, the way Duckling does it: the hour is compared
 * with the current hour, so at 04:30 "στις 4:23" is today and "3πμ" is tomorrow; a bare
 * 12-hour clock reading that has passed is read as p.m. ("στις 3 και 15" → 15:15).
 */
export class ForwardTimeRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const ref = refWall(context);
    const refHour = ref.getUTCHours();
    for (const r of results) {
      const s = r.start;
      if (s.tags().has(RELATIVE_TAG) || hasDate(s)) continue;
      if (!s.isCertain('hour') && !partOfDay(s)) continue;
      let hour = s.get('hour') ?? 0;
      let days = 0;
      if (s.isCertain('hour') && !s.isCertain('meridiem') && !partOfDay(s) && hour >= 1 && hour < 12 && hour < refHour) {
        hour += 12;
        s.assign('hour', hour);
        if (r.end?.isCertain('hour') && !r.end.isCertain('meridiem') && r.end.get('hour')! < 12) r.end.assign('hour', r.end.get('hour')! + 12);
      }
      if (hour < refHour) days = 1;
      const today: Wall = startOfDay(ref);
      for (const c of [s, r.end]) {
        if (!c) continue;
        if (!c.isCertain('day')) {
          c.assign('year', today.getUTCFullYear());
          c.assign('month', today.getUTCMonth() + 1);
          c.assign('day', today.getUTCDate());
          if (days) shiftDays(c, days);
        }
      }
      // Tag it so later consumers know the date was inferred, not said.
      s.addTag('nlu/impliedDate');
    }
    return results;
  }
}

/** "GMT", "CET" … after a time: the time is in that zone. */
export class TimezoneRefiner implements Refiner {
  constructor(private readonly zones: Record<string, number>) {}

  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    for (const r of results) {
      const after = context.text.slice(r.index + r.text.length);
      const m = /^\s*\(?([\p{L}]{2,5})\)?(?![\p{L}])/u.exec(after);
      if (!m || !m[1]) continue;
      const offset = this.zones[m[1]];
      if (offset === undefined || !r.start.isCertain('hour')) continue;
      r.start.assign('timezoneOffset', offset);
      r.end?.assign('timezoneOffset', offset);
      r.text = context.text.slice(r.index, r.index + r.text.length + m[0].length);
    }
    return results;
  }
}

/** Drops results that are only a number or a word too ambiguous to be a date on its own. */
export class FilterRefiner implements Refiner {
  constructor(private readonly reject: (context: ParsingContext, r: ParsingResult) => boolean) {}

  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return results.filter((r) => !this.reject(context, r));
  }
}
