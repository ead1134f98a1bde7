import { Meridiem, ParsingComponents, ParsingResult, type Parser, type ParsingContext } from 'chrono-node';
import { defineParser } from '../common/pattern-parser';
import { hourInPartOfDay, type PartOfDay } from '../common/refiners';
import { words } from '../common/vocabulary';
import { EL_HALF_PAST_WORDS, EL_HOUR_WORDS, k } from './el-vocabulary';

const w = (...p: string[]) => words('el', ...p);
const HW = EL_HOUR_WORDS.pattern;
const HALF = EL_HALF_PAST_WORDS.pattern;

/** π.μ. / μ.μ. in every spelling; after normalisation "μμ" is "μ". Two groups: am, pm. */
const MER = `(?:(π\\.?\\s?μ\\.?|π\\.?|αμ)|(μ\\.?\\s?μ\\.?|μ\\.?))(?![\\p{L}])`;
const POD_WORDS: Array<[PartOfDay, string[]]> = [
  ['morning', ['πρωί', 'πρωινό']], ['noon', ['μεσημέρι']], ['afternoon', ['απόγευμα']], ['evening', ['βράδυ']],
  ['night', ['νύχτα', 'βραδιά']], ['midnight', ['μεσάνυχτα']],
];
const POD = `(?:(?:${w('το', 'την', 'στο', 'τα')})\\s+)?(${w(...POD_WORDS.flatMap(([, ws]) => ws))})`;
const PREFIX = `(?:(${w('στις', 'στη', 'στην', 'κατά τις', 'γύρω στις', 'περίπου στις', 'περίπου', 'από τις', 'τις', 'ώρα', 'για τις', 'μετά τις', 'πριν τις', 'πριν από τις')}|@)\\s*)`;
const HOUR = `(\\d{1,2}|${HW})`;
const MINUTE_WORDS = `(${w('μισή', 'μισό', 'τέταρτο', 'ένα τέταρτο')}|\\d{1,2}|${EL_HOUR_WORDS.pattern}|${w('είκοσι', 'είκοσι πέντε', 'δεκαπέντε', 'δέκα', 'πέντε', 'σαράντα', 'σαράντα πέντε', 'τριάντα', 'τριάντα πέντε', 'πενήντα', 'πενήντα πέντε', 'είκοσι', 'δεκαπέντε')})`;

function podOf(word: string | undefined): PartOfDay | undefined {
  if (!word) return undefined;
  for (const [pod, ws] of POD_WORDS) if (ws.some((x) => k(x) === word)) return pod;
  return undefined;
}

function hourOf(s: string | undefined): number | undefined {
  if (!s) return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  return EL_HOUR_WORDS.lookup(s);
}

function minutesOf(s: string | undefined): number | undefined {
  if (!s) return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  if (s === k('μισή') || s === k('μισό')) return 30;
  if (s === k('τέταρτο') || s === k('ένα τέταρτο')) return 15;
  const table: Record<string, number> = {
    [k('είκοσι')]: 20, [k('είκοσι πέντε')]: 25, [k('δεκαπέντε')]: 15, [k('δέκα')]: 10, [k('πέντε')]: 5,
    [k('σαράντα')]: 40, [k('σαράντα πέντε')]: 45, [k('τριάντα')]: 30, [k('τριάντα πέντε')]: 35, [k('πενήντα')]: 50,
    [k('πενήντα πέντε')]: 55,
  };
  return table[s.replace(/\s+/g, ' ')] ?? EL_HOUR_WORDS.lookup(s);
}

/**
 * Builds time components: an hour on the 12-hour clock is moved by π.μ./μ.μ. or a part of the
 * day; either makes the meridiem certain, so the forward refiner leaves it alone.
 */
export function timeComponents(context: ParsingContext, hour: number, minute: number | undefined, second: number | undefined,
  am: boolean, pm: boolean, pod: PartOfDay | undefined): ParsingComponents | null {
  let h = hour;
  if (h > 24 || (minute ?? 0) > 59 || (second ?? 0) > 59) return null;
  if ((am || pm) && h > 12) return null;
  if (am && h === 12) h = 0;
  if (pm && h < 12) h += 12;
  if (!am && !pm && pod) h = hourInPartOfDay(h, pod);
  if (h === 24) h = 0;
  const c = new ParsingComponents(context.reference, {});
  c.assign('hour', h);
  if (minute !== undefined) c.assign('minute', minute);
  else c.imply('minute', 0);
  if (second !== undefined) c.assign('second', second);
  else c.imply('second', 0);
  if (am || pm || pod || h > 12 || h === 0) c.assign('meridiem', h >= 12 ? Meridiem.PM : Meridiem.AM);
  return c;
}

/** Parsers for Greek clock times and time ranges. */
export function createElTimeParsers(): Parser[] {
  return [
    // 15:15 · 3:15μμ · στις 7:30 το βράδυ · 15:23:24
    defineParser('ElDigitalTimeParser', `${PREFIX}?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*${MER})?(?:\\s*${POD})?`,
      (context, m) => {
        return timeComponents(context, Number(m[2]), Number(m[3]), m[4] ? Number(m[4]) : undefined, Boolean(m[5]), Boolean(m[6]), podOf(m[7]));
      }),
    // στις 3 · 3μμ · 3 η ώρα το πρωί · 8 το βράδυ · στις έντεκα · 3 και κάτι μμ
    defineParser('ElHourParser',
      `${PREFIX}?${HOUR}(\\s*${w('η ώρα')})?(\\s+${w('και κάτι')})?(?:\\s*${MER})?(?:\\s*${POD})?`,
      (context, m) => {
        const hour = hourOf(m[2]);
        if (hour === undefined) return null;
        const said = Boolean(m[1] || m[3] || m[5] || m[6] || m[7]);
        if (!said) return null;
        // "στις 3 Μαΐου" is a date; "τις 13" in "από τις 13 μέχρι τις 15 Ιουλίου" is left to the range parser.
        if (!m[3] && !m[5] && !m[6] && !m[7] && /^\d+$/.test(m[2] ?? '') && hour > 24) return null;
        return timeComponents(context, hour, undefined, undefined, Boolean(m[5]), Boolean(m[6]), podOf(m[7]));
      }),
    // 3 και τέταρτο μμ · στις 3 και 15 · τρεις και μισή · δώδεκα παρά τέταρτο
    defineParser('ElHourAndMinutesParser',
      `${PREFIX}?${HOUR}\\s+(${w('και', 'παρά')})\\s+${MINUTE_WORDS}(?:\\s+${w('λεπτά')})?(?:\\s*${MER})?(?:\\s*${POD})?`,
      (context, m) => {
        const hour = hourOf(m[2]);
        const min = minutesOf(m[4]);
        if (hour === undefined || min === undefined || min >= 60) return null;
        const before = m[3] === k('παρά');
        const h = before ? (hour + 11) % 12 || 12 : hour;
        const c = timeComponents(context, before && hour === 12 ? 11 : h, before ? 60 - min : min, undefined, Boolean(m[5]), Boolean(m[6]), podOf(m[7]));
        return c;
      }),
    // τρεισήμισι μμ · στις δεκάμισι
    defineParser('ElHalfPastWordParser', `${PREFIX}?(${HALF})(?:\\s*${MER})?(?:\\s*${POD})?`,
      (context, m) => {
        const hour = EL_HALF_PAST_WORDS.lookup(m[2] ?? '');
        if (hour === undefined || !(m[1] || m[3] || m[4] || m[5])) return null;
        return timeComponents(context, hour, 30, undefined, Boolean(m[3]), Boolean(m[4]), podOf(m[5]));
      }),
    // 330 μ.μ. · περίπου 1030
    defineParser('ElCompactTimeParser', `(?:(${w('περίπου', 'στις', 'γύρω στις')})\\s+)?(\\d{1,2})(\\d{2})(?:\\s*${MER})?`,
      (context, m) => {
        if (!m[1] && !m[4] && !m[5]) return null;
        return timeComponents(context, Number(m[2]), Number(m[3]), undefined, Boolean(m[4]), Boolean(m[5]), undefined);
      }),
    // 20 λεπτά πριν τις 12 · ένα τέταρτο μετά τις 3μμ · είκοσι μετά τις 3μμ · ένα τέταρτο πριν το μεσημέρι
    defineParser('ElMinutesBeforeAfterParser',
      `(?:${w('στα')}\\s+)?(\\d{1,2}|${w('ένα τέταρτο', 'τέταρτο', 'μισή ώρα', 'είκοσι', 'δέκα', 'πέντε', 'δεκαπέντε', 'είκοσι πέντε')})\\s*(?:${w('λεπτά')}\\s+)?(${w('μετά', 'πριν', 'παρά')})\\s+(?:${w('τις', 'το', 'από τις', 'από το', 'τη', 'την')}\\s+)?(?:${HOUR}(?:\\s*${MER})?|(${w('μεσημέρι', 'μεσάνυχτα')}))`,
      (context, m) => {
        const raw = m[1] ?? '';
        const min = /^\d+$/.test(raw) ? Number(raw) : raw === k('μισή ώρα') ? 30 : minutesOf(raw);
        if (min === undefined || min >= 60) return null;
        let hour: number | undefined;
        let am = Boolean(m[4]);
        let pm = Boolean(m[5]);
        if (m[6]) {
          hour = 12;
          am = m[6] === k('μεσάνυχτα');
          pm = !am;
        } else hour = hourOf(m[3]);
        if (hour === undefined) return null;
        const base = timeComponents(context, hour, 0, undefined, am, pm, undefined);
        if (!base) return null;
        let total = base.get('hour')! * 60 + (m[2] === k('μετά') ? min : -min);
        total = (total + 1440) % 1440;
        const c = timeComponents(context, Math.floor(total / 60), total % 60, undefined, false, false, undefined);
        if (c && (am || pm || m[6])) c.assign('meridiem', c.get('hour')! >= 12 ? Meridiem.PM : Meridiem.AM);
        return c;
      }),
    // 9:30 - 11:00 · από 3 μέχρι 4 το απόγευμα · 3-4 μμ · μεταξύ 1-2:30 · 8πμ μέχρι τις 6
    defineParser('ElTimeRangeParser',
      `(?:(${w('από', 'μεταξύ', 'περίπου', 'από τις', 'μεταξύ των')})\\s+)?(?:${w('τις')}\\s+)?(\\d{1,2})(?::(\\d{2}))?\\s*(?:${MER})?\\s*(-|–|${w('μέχρι', 'μέχρι τις', 'έως', 'έως τις', 'ως', 'ως τις', 'και')})\\s*(?:${w('τις')}\\s+)?(\\d{1,2})(?::(\\d{2}))?(?:\\s*${MER})?(?:\\s*${POD})?`,
      (context, m) => {
        const [, prefix, h1, m1, am1, pm1, sep, h2, m2, am2, pm2, podWord] = m;
        const pod = podOf(podWord);
        if (!prefix && !m1 && !m2 && !am1 && !pm1 && !am2 && !pm2 && !pod) return null;
        if (sep === k('και') && !(prefix ?? '').startsWith(k('μεταξύ'))) return null;
        const end = timeComponents(context, Number(h2), m2 ? Number(m2) : undefined, undefined, Boolean(am2), Boolean(pm2), pod);
        if (!end) return null;
        let a1 = Boolean(am1);
        let p1 = Boolean(pm1);
        if (!a1 && !p1 && (am2 || pm2 || pod) && Number(h1) <= 12) {
          // "3-4 μμ": the meridiem said once covers both ends, unless that would put the start after the end.
          const endHour12 = end.get('hour')! % 12;
          const sameHalf = Number(h1) % 12 <= endHour12 || (m1 !== undefined && Number(h1) % 12 === endHour12);
          const endPm = end.get('hour')! >= 12;
          if (sameHalf) { if (endPm) p1 = true; else a1 = true; } else if (endPm) a1 = true;
        }
        const start = timeComponents(context, Number(h1), m1 ? Number(m1) : undefined, undefined, a1, p1, undefined);
        if (!start) return null;
        // "8πμ μέχρι τις 6", "11:30-1:30": an end before the start is in the afternoon.
        if (!am2 && !pm2 && !pod && end.get('hour')! < 12 && end.get('hour')! < start.get('hour')!) end.assign('hour', end.get('hour')! + 12);
        return new ParsingResult(context.reference, m.index ?? 0, m[0], start, end);
      }),
  ];
}
