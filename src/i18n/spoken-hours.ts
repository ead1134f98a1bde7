import type { TFunction } from 'i18next';
import type { LibraryPolicy, Weekday } from '../domain/policy/library-policy';

const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "08:30" → "8:30": how a time is read out. */
const spokenTime = (time: string) => time.replace(/^0(\d)/, '$1');

/**
 * The phone hours as one sentence for the ear: consecutive days with the same hours are
 * joined ("Monday to Friday, from 8:30 to 14:30"). `t` is the ivr namespace in the caller's language.
 * Here, not in the voice channel, because the chat answers "when are you open?" with the same words.
 */
export function spokenHours(hours: LibraryPolicy['phoneHours'], t: TFunction): string {
  return t('hours.sentence', { periods: weekPeriods(hours, t) });
}

/** The days and times of a week of hours, without the sentence around them ("από Δευτέρα έως Παρασκευή, …"). */
export function weekPeriods(hours: LibraryPolicy['phoneHours'], t: TFunction): string {
  const key = (day: Weekday) => JSON.stringify(hours[day] ?? null);
  const groups: Array<{ from: Weekday; to: Weekday }> = [];
  for (const day of WEEK) {
    if (!hours[day]) continue;
    const last = groups[groups.length - 1];
    if (last && WEEK.indexOf(last.to) === WEEK.indexOf(day) - 1 && key(last.to) === key(day)) last.to = day;
    else groups.push({ from: day, to: day });
  }
  const periods = groups.map(({ from, to }) => {
    const days = from === to ? t(`hours.on.${from}`) : t('hours.range', { from: t(`hours.from.${from}`), to: t(`hours.to.${to}`) });
    const times = (hours[from] ?? [])
      .map(([start, end]) => t('hours.interval', { start: spokenTime(start), end: spokenTime(end) }))
      .join(t('hours.interval_separator'));
    return t('hours.period', { days, times });
  });
  return periods.join(t('hours.period_separator'));
}
