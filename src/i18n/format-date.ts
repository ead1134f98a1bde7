const LOCALE: Record<string, string> = { el: 'el-GR', hu: 'hu-HU' };
const cache = new Map<string, Intl.DateTimeFormat>();

function format(language: string, timeZone: string, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const id = `${language}|${timeZone}|${key}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[language] ?? language, { ...options, timeZone });
    cache.set(id, f);
  }
  return f;
}

/** "Παρασκευή 27 Νοεμβρίου στις 11:00" / "november 27., péntek 11:00", in the library's zone. */
export function formatSlot(instant: Date, language: string, timeZone: string): string {
  return format(language, timeZone, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'slot').format(instant);
}

/** "Παρασκευή 27 Νοεμβρίου" / "november 27., péntek". Accepts an instant or a library-local "YYYY-MM-DD". */
export function formatDay(day: Date | string, language: string, timeZone: string): string {
  // A local date is shown as itself: noon UTC of that date is the same calendar day in Europe.
  const instant = typeof day === 'string' ? new Date(`${day}T12:00:00Z`) : day;
  return format(language, typeof day === 'string' ? 'UTC' : timeZone, { weekday: 'long', day: 'numeric', month: 'long' }, 'day').format(instant);
}

/** "11:00". */
export function formatTime(instant: Date, language: string, timeZone: string): string {
  return format(language, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'time').format(instant);
}

/** "27/11/2026 11:00" style, for tables. */
export function formatDateTime(instant: Date, language: string, timeZone: string): string {
  return format(language, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'datetime').format(instant);
}
