const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of `instant` in `timeZone`. */
export function wallClock(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** UTC offset of `timeZone` at `instant`, in minutes east of Greenwich (Athens in summer: 180). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `timeZone` shows the given fields. The offset is taken
 * at the result, not at the reference, so a date across a DST change lands on the right hour.
 */
export function instantOfWall(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let offset = zoneOffsetMinutes(new Date(asUtc), timeZone);
  let instant = new Date(asUtc - offset * 60_000);
  const again = zoneOffsetMinutes(instant, timeZone);
  if (again !== offset) {
    offset = again;
    instant = new Date(asUtc - offset * 60_000);
  }
  return instant;
}

/** Formats `instant` as local wall time "YYYY-MM-DDTHH:MM:SS" in `timeZone`. */
export function formatWall(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const p = (n: number, k = 2) => String(n).padStart(k, '0');
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}`;
}
